import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import type { Role } from '@lotse/common';
import { givenMunicipality, signIn, type TestApp, testApp } from '../../../test/harness';
import { unseal } from './intake.storage';

/**
 * Document intake over HTTP: the desk receives documents for a person (checked by content, classified, routed),
 * prints the receipt, and the receiving agency opens and processes them in its inbox; refusals and bad input.
 */

export const samples = {
  pdf: (text = 'Reisepass') => Buffer.from(`%PDF-1.4\n% ${text} ${randomBytes(8).toString('hex')}\n%%EOF\n`),
  png: () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]),
  jpeg: () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]),
};
const b64 = (b: Buffer) => b.toString('base64');

type M = Awaited<ReturnType<typeof givenMunicipality>>;
type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

let t: TestApp;
let dataDir: string;
const key = randomBytes(32);

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'lotse-intake-'));
  t = await testApp({
    dataDir,
    documentKey: key.toString('base64'),
    login: { maxFailures: 5, lockMinutes: 15, ratePerMinute: 10_000 },
  });
});
afterAll(async () => {
  await t.app.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function given(sharing: 'registry' | 'open' = 'registry') {
  const m: M = await givenMunicipality(t.db, { sharing });
  const cookies: Record<string, string> = {};
  const call = async (who: Role, method: 'GET' | 'POST', url: string, payload?: object) => {
    cookies[who] ??= await signIn(t.app, m.users[who]);
    return t.app.inject({ method, url, headers: { cookie: cookies[who] }, ...(payload ? { payload } : {}) });
  };
  const ok = async (res: Res, status = 201) => {
    if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json();
  };
  const agency = (code: string) => m.agencies.get(code)!.id;
  const person = async (languages: { code: string }[] = [{ code: 'ar' }]) =>
    (await ok(
      await call('caseworker', 'POST', '/api/persons', {
        name: { givenNames: 'Rania', familyName: `Haddad${randomBytes(3).toString('hex')}` },
        dateOfBirth: '1991-02-03',
        placeOfBirth: 'Damaskus',
        languages,
        confirmNew: true,
      }),
    )) as { id: string; displayName: string };
  const intake = (personId: string, documents: object[], who: Role = 'front_desk', extra: object = {}) =>
    call(who, 'POST', '/api/intake', { personId, documents, ...extra });
  const audit = async (action: string) =>
    (
      await t.db.tenant(m.municipality.id, (tx) =>
        tx.query<{ subject_id: string; details: Record<string, unknown>; actor_staff_id: string }>(
          `SELECT subject_id, details, actor_staff_id FROM audit_log WHERE action = $1 ORDER BY seq`,
          [action],
        ),
      )
    ).rows;
  return { m, call, ok, agency, person, intake, audit };
}

type Intake = {
  id: string;
  reference: string;
  language: string;
  personName: string | null;
  documents: {
    id: string;
    agencyId: string;
    agencyName: string;
    documentClass: string;
    mediaType: string;
    size: number;
    status: string;
    fileName: string;
  }[];
};

describe('routing', () => {
  it('names a default agency per class (passport to the Ausländerbehörde, pay slip to the Jobcenter, other none)', async () => {
    const g = await given();
    const res = (await g.ok(await g.call('front_desk', 'GET', '/api/intake/routing'), 200)) as {
      classes: { documentClass: string; defaultAgencyId: string | null }[];
      agencies: { id: string; name: string }[];
    };
    const of = (c: string) => res.classes.find((x) => x.documentClass === c)?.defaultAgencyId;
    expect(of('passport')).toBe(g.agency('abh'));
    expect(of('residence_permit')).toBe(g.agency('abh'));
    expect(of('pay_slip')).toBe(g.agency('jobcenter'));
    expect(of('other')).toBeNull();
    expect(res.agencies.map((a) => a.id)).not.toContain(g.agency('partner'));
  });

  it('refuses roles without desk work', async () => {
    const g = await given();
    expect((await g.call('partner_staff', 'GET', '/api/intake/routing')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/intake/routing' })).statusCode).toBe(401);
  });
});

describe('receiving documents at the desk', () => {
  it('receives two documents for a person, routes them, links the person and answers with a reference number', async () => {
    // Open sharing: the desk sees the person's languages, and the receipt takes the first it can print.
    const g = await given('open');
    const p = await g.person();
    const passport = samples.pdf();
    const res = await g.intake(p.id, [
      { fileName: 'pass.pdf', documentClass: 'passport', contentBase64: b64(passport) },
      { fileName: 'lohn-oktober.png', documentClass: 'pay_slip', contentBase64: b64(samples.png()) },
    ]);
    const intake = (await g.ok(res)) as Intake;
    expect(intake.reference).toMatch(/^E-\d{4}-\d{6}$/);
    expect(intake.language).toBe('ar');
    expect(intake.personName).toContain(p.displayName);
    expect(intake.documents.map((d) => [d.documentClass, d.agencyId, d.mediaType, d.status])).toEqual([
      ['passport', g.agency('abh'), 'application/pdf', 'new'],
      ['pay_slip', g.agency('jobcenter'), 'image/png', 'new'],
    ]);
    expect(intake.documents[0]!.size).toBe(passport.length);
    const [entry] = await g.audit('document_intake.create');
    expect(entry).toMatchObject({
      subject_id: intake.id,
      details: { reference: intake.reference, personId: p.id },
    });
    // The desk read the person for identification, through the access function.
    const reads = await g.audit('person.read');
    expect(reads.some((r) => r.details.view === 'document_intake')).toBe(true);
  });

  it('numbers intakes one after the other per municipality and year', async () => {
    const g = await given();
    const p = await g.person();
    const doc = [{ fileName: 'a.jpg', documentClass: 'certificate', contentBase64: b64(samples.jpeg()) }];
    const first = (await g.ok(await g.intake(p.id, doc))) as Intake;
    const second = (await g.ok(await g.intake(p.id, doc))) as Intake;
    const year = new Date().getFullYear();
    expect(first.reference).toBe(`E-${year}-000001`);
    expect(second.reference).toBe(`E-${year}-000002`);
  });

  it('takes a chosen agency over the default, and the chosen receipt language over the person’s', async () => {
    const g = await given();
    const p = await g.person();
    const intake = (await g.ok(
      await g.intake(
        p.id,
        [
          {
            fileName: 'bescheid.pdf',
            documentClass: 'other',
            agencyId: g.agency('abh'),
            contentBase64: b64(samples.pdf()),
          },
        ],
        'front_desk',
        { language: 'uk' },
      ),
    )) as Intake;
    expect(intake.documents[0]!.agencyId).toBe(g.agency('abh'));
    expect(intake.language).toBe('uk');
  });

  it('prints German only when the person speaks no language of the receipt, or the desk may not see it', async () => {
    const open = await given('open');
    const doc = [{ fileName: 'x.pdf', documentClass: 'passport', contentBase64: b64(samples.pdf()) }];
    const tigrinya = await open.person([{ code: 'ti' }]);
    expect(((await open.ok(await open.intake(tigrinya.id, doc))) as Intake).language).toBe('de');
    // Identification shows the desk no languages (the demo's legal basis): German, unless the desk chooses.
    const registry = await given('registry');
    const arabic = await registry.person([{ code: 'ar' }]);
    expect(((await registry.ok(await registry.intake(arabic.id, doc))) as Intake).language).toBe('de');
  });

  it('rejects a file that is not PDF, JPEG or PNG by its content, naming the file, and stores nothing', async () => {
    const g = await given();
    const p = await g.person();
    const res = await g.intake(p.id, [
      { fileName: 'pass.pdf', documentClass: 'passport', contentBase64: b64(samples.pdf()) },
      {
        fileName: 'rechnung.pdf',
        documentClass: 'notice',
        contentBase64: b64(Buffer.from('MZ\x90\x00 this is an executable')),
      },
    ]);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields).toHaveProperty(['documents.1.contentBase64']);
    expect(body.error.message).toContain('rechnung.pdf');
    const list = (await g.ok(
      await g.call('front_desk', 'GET', `/api/intake/intakes?personId=${p.id}`),
      200,
    )) as [];
    expect(list).toEqual([]);
  });

  it('rejects an empty file, a file over 10 MB and a body without documents', async () => {
    const g = await given();
    const p = await g.person();
    const field = async (documents: object[]) => {
      const res = await g.intake(p.id, documents);
      expect(res.statusCode).toBe(400);
      return Object.keys(res.json().error.fields ?? {});
    };
    expect(await field([{ fileName: 'leer.pdf', documentClass: 'passport', contentBase64: '' }])).toEqual([
      'documents.0.contentBase64',
    ]);
    const big = Buffer.concat([samples.pdf(), Buffer.alloc(10 * 1024 * 1024)]);
    expect(
      await field([{ fileName: 'gross.pdf', documentClass: 'passport', contentBase64: b64(big) }]),
    ).toEqual(['documents.0.contentBase64']);
    expect(await field([])).toEqual(['documents']);
    expect(
      await field([{ fileName: '', documentClass: 'passport', contentBase64: b64(samples.pdf()) }]),
    ).toEqual(['documents.0.fileName']);
    expect(
      await field([{ fileName: 'a.pdf', documentClass: 'visa', contentBase64: b64(samples.pdf()) }]),
    ).toEqual(['documents.0.documentClass']);
  });

  it('needs an agency for "other" and refuses a partner or unknown agency', async () => {
    const g = await given();
    const p = await g.person();
    const doc = (agencyId: string | null, documentClass = 'other') => [
      { fileName: 'a.pdf', documentClass, agencyId, contentBase64: b64(samples.pdf()) },
    ];
    for (const [agencyId, documentClass] of [
      [null, 'other'],
      [g.agency('partner'), 'passport'],
      ['00000000-0000-4000-8000-000000000000', 'passport'],
    ] as const) {
      const res = await g.intake(p.id, doc(agencyId, documentClass));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty(['documents.0.agencyId']);
    }
  });

  it('answers 404 for an unknown person and 400 for a malformed id', async () => {
    const g = await given();
    const doc = [{ fileName: 'a.pdf', documentClass: 'passport', contentBase64: b64(samples.pdf()) }];
    expect((await g.intake('00000000-0000-4000-8000-000000000000', doc)).statusCode).toBe(404);
    const bad = await g.intake('nobody', doc);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('personId');
  });

  it('refuses roles that do not work at a desk', async () => {
    const g = await given();
    const p = await g.person();
    const doc = [{ fileName: 'a.pdf', documentClass: 'passport', contentBase64: b64(samples.pdf()) }];
    for (const who of ['partner_staff', 'state_reporter', 'municipal_admin'] as const)
      expect((await g.intake(p.id, doc, who)).statusCode).toBe(403);
  });

  it('stores the files encrypted: the plain bytes are nowhere on disk, and they decrypt only with the key', async () => {
    const g = await given();
    const p = await g.person();
    const marker = `geheim-${randomBytes(6).toString('hex')}`;
    const intake = (await g.ok(
      await g.intake(p.id, [
        { fileName: 'a.pdf', documentClass: 'passport', contentBase64: b64(samples.pdf(marker)) },
      ]),
    )) as Intake;
    const dir = path.join(dataDir, 'documents', g.m.municipality.id, intake.id);
    const [file] = await fs.readdir(dir);
    const sealed = await fs.readFile(path.join(dir, file!));
    expect(sealed.includes(Buffer.from(marker))).toBe(false);
    const storageKey = `${g.m.municipality.id}/${intake.id}/${file}`;
    expect(unseal(key, storageKey, sealed).includes(Buffer.from(marker))).toBe(true);
    expect(() => unseal(randomBytes(32), storageKey, sealed)).toThrow();
    expect(() => unseal(key, `${g.m.municipality.id}/${intake.id}/${intake.id}`, sealed)).toThrow();
  });
});

describe('the receipt', () => {
  it("prints the reference, the documents and the date in German and the person's language (Arabic)", async () => {
    const g = await given('open');
    const p = await g.person();
    const intake = (await g.ok(
      await g.intake(p.id, [
        { fileName: 'pass.pdf', documentClass: 'passport', contentBase64: b64(samples.pdf()) },
        { fileName: 'lohn.png', documentClass: 'pay_slip', contentBase64: b64(samples.png()) },
      ]),
    )) as Intake;
    const res = await g.call('front_desk', 'GET', `/api/intake/intakes/${intake.id}/receipt`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const proxy = await getDocumentProxy(new Uint8Array(res.rawPayload));
    const { totalPages, text } = await extractText(proxy, { mergePages: false });
    expect(totalPages).toBe(2);
    const [de, ar] = text.map((s) => s.replace(/\s+/g, ' '));
    for (const s of [
      'Eingangsbestätigung',
      intake.reference,
      'Reisepass',
      'Lohnabrechnung',
      'pass.pdf',
      'lohn.png',
    ])
      expect(de).toContain(s);
    expect(de).toContain(p.displayName);
    expect(de).toContain('Ausländerbehörde');
    expect(de).toMatch(/\d{2}\.\d{2}\.\d{4}/);
    for (const s of ['إشعار استلام', 'الرقم المرجعي', 'جواز سفر', 'كشف راتب', intake.reference, 'pass.pdf'])
      expect(ar).toContain(s);
    const { info } = await getMeta(proxy);
    expect(info).toMatchObject({ Language: 'de' });
    expect(String(info.Title)).toContain(intake.reference);
  });

  it('is printed only at the desk that received the documents', async () => {
    const g = await given();
    const p = await g.person();
    const intake = (await g.ok(
      await g.intake(p.id, [
        { fileName: 'a.pdf', documentClass: 'passport', contentBase64: b64(samples.pdf()) },
      ]),
    )) as Intake;
    expect((await g.call('caseworker', 'GET', `/api/intake/intakes/${intake.id}/receipt`)).statusCode).toBe(
      404,
    );
    const list = (await g.ok(await g.call('front_desk', 'GET', '/api/intake/intakes'), 200)) as Intake[];
    expect(list.map((i) => i.id)).toContain(intake.id);
    expect((await g.ok(await g.call('caseworker', 'GET', '/api/intake/intakes'), 200)) as Intake[]).toEqual(
      [],
    );
  });
});

describe('agency inboxes', () => {
  async function withDocuments() {
    const g = await given();
    const p = await g.person();
    const passport = samples.pdf('pass');
    const intake = (await g.ok(
      await g.intake(p.id, [
        { fileName: 'pass.pdf', documentClass: 'passport', contentBase64: b64(passport) },
        { fileName: 'lohn.png', documentClass: 'pay_slip', contentBase64: b64(samples.png()) },
      ]),
    )) as Intake;
    const [forAbh, forJobcenter] = intake.documents;
    return { ...g, p, passport, intake, forAbh: forAbh!, forJobcenter: forJobcenter! };
  }

  it("shows the receiving agency its new documents with the person's name, and nothing of other agencies", async () => {
    const g = await withDocuments();
    const inbox = (await g.ok(
      await g.call('caseworker', 'GET', '/api/intake/inbox'),
      200,
    )) as Intake['documents'] & { personName: string | null; reference: string }[];
    expect(inbox.map((d) => d.id)).toEqual([g.forAbh.id]);
    expect(inbox[0]).toMatchObject({
      status: 'new',
      reference: g.intake.reference,
      documentClass: 'passport',
    });
    expect(inbox[0]!.personName).toContain(g.p.displayName);
  });

  it('hands the file to the receiving agency, decrypted, and audits the read with the data category', async () => {
    const g = await withDocuments();
    const res = await g.call('caseworker', 'GET', `/api/intake/documents/${g.forAbh.id}/file`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.rawPayload.equals(g.passport)).toBe(true);
    const read = (await g.audit('person.read')).find((r) => r.details.view === 'intake_document');
    expect(read).toMatchObject({ subject_id: g.p.id, details: { categories: ['identity_contact'] } });
  });

  it('refuses other agencies the file and the marking (NOT_PERMITTED), and audits the refusal', async () => {
    const g = await withDocuments();
    for (const [method, url] of [
      ['GET', `/api/intake/documents/${g.forJobcenter.id}/file`],
      ['POST', `/api/intake/documents/${g.forJobcenter.id}/process`],
    ] as const) {
      const res = await g.call('caseworker', method, url, method === 'POST' ? {} : undefined);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('NOT_PERMITTED');
    }
    expect((await g.audit('intake_document.denied')).map((r) => r.subject_id)).toEqual([
      g.forJobcenter.id,
      g.forJobcenter.id,
    ]);
  });

  it('marks a document processed once (audited); a second time is a conflict', async () => {
    const g = await withDocuments();
    const url = `/api/intake/documents/${g.forAbh.id}/process`;
    const done = (await g.ok(await g.call('caseworker', 'POST', url, { note: 'Kopie zur Akte' }), 200)) as {
      status: string;
      processedByName: string;
      processedAt: string;
      processedNote: string;
    };
    expect(done).toMatchObject({
      status: 'processed',
      processedByName: 'Test caseworker',
      processedNote: 'Kopie zur Akte',
    });
    const again = await g.call('agency_lead', 'POST', url, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
    const [entry] = await g.audit('intake_document.process');
    expect(entry).toMatchObject({ subject_id: g.forAbh.id, details: { reference: g.intake.reference } });
    const ids = async (status: string) =>
      (
        (await g.ok(await g.call('caseworker', 'GET', `/api/intake/inbox?status=${status}`), 200)) as {
          id: string;
        }[]
      ).map((d) => d.id);
    expect(await ids('new')).toEqual([]);
    expect(await ids('processed')).toEqual([g.forAbh.id]);
    expect(await ids('all')).toEqual([g.forAbh.id]);
  });

  it('answers 404 for an unknown document, 400 for a bad id or status, 403 for the desk', async () => {
    const g = await withDocuments();
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await g.call('caseworker', 'GET', `/api/intake/documents/${unknown}/file`)).statusCode).toBe(404);
    expect(
      (await g.call('caseworker', 'POST', `/api/intake/documents/${unknown}/process`, {})).statusCode,
    ).toBe(404);
    expect((await g.call('caseworker', 'GET', '/api/intake/documents/x/file')).statusCode).toBe(400);
    expect((await g.call('caseworker', 'GET', '/api/intake/inbox?status=old')).statusCode).toBe(400);
    expect((await g.call('front_desk', 'GET', '/api/intake/inbox')).statusCode).toBe(403);
    expect((await g.call('front_desk', 'GET', `/api/intake/documents/${g.forAbh.id}/file`)).statusCode).toBe(
      403,
    );
  });
});

describe('the API document', () => {
  it('lists every intake endpoint with tags, a summary and schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { tags?: string[]; summary?: string; responses?: object }>>;
    };
    const ops = [
      ['/api/intake/routing', 'get'],
      ['/api/intake', 'post'],
      ['/api/intake/intakes', 'get'],
      ['/api/intake/intakes/{id}/receipt', 'get'],
      ['/api/intake/inbox', 'get'],
      ['/api/intake/documents/{id}/file', 'get'],
      ['/api/intake/documents/{id}/process', 'post'],
    ];
    for (const [p, m] of ops) {
      const op = doc.paths[p!]?.[m!];
      expect(op, `${m} ${p}`).toBeDefined();
      expect(op!.tags).toEqual(['intake']);
      expect(op!.summary).toBeTruthy();
      expect(Object.keys(op!.responses ?? {}).some((code) => code.startsWith('2'))).toBe(true);
    }
  });
});
