import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { ANONYMISED_NAME, type Role } from '@lotse/common';
import {
  givenMunicipality,
  signIn,
  type TestApp,
  testApp,
  testConfig,
  usingPostgres,
} from '../../../test/harness';
import { type Jobs, RETENTION_RUN, startJobs } from '../jobs/jobs.service';

/**
 * Retention rules, the retention run (dry run, scheduled job), the removal record, erasure on request and the
 * record of processing activities.
 */

// Names of letters only, so that the search finds (or no longer finds) exactly this person.
const letters = (n: number) => Array.from(randomBytes(n), (b) => 'bcdfghjklmnprstvwz'[b % 18]).join('');
const familyName = () => `Q${letters(3)}a${letters(3)}o${letters(2)}`;

/** A day `years` years (and `days` days) before today, as YYYY-MM-DD. */
function ago(years: number, days = 0): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
const plusYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

type M = Awaited<ReturnType<typeof givenMunicipality>>;
type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

/** A municipality with signed-in staff and helpers to call the API as one of them. */
async function given(t: TestApp, sharing: 'open' | 'registry' = 'open') {
  const m: M = await givenMunicipality(t.db, { sharing });
  const cookies: Record<string, string> = {};
  const call = async (
    who: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => {
    cookies[who] ??= await signIn(t.app, m.users[who as Role]);
    return t.app.inject({ method, url, headers: { cookie: cookies[who] }, ...(payload ? { payload } : {}) });
  };
  const ok = async (res: Res, status = 201) => {
    if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json();
  };
  const agency = (code: string) => m.agencies.get(code)!.id;
  const rule = async (code: string, recordType: string, years: number, paragraph: string) => {
    const res = await call('data_protection_officer', 'PUT', '/api/retention/rules', {
      agencyId: agency(code),
      recordType,
      years,
      paragraph,
    });
    return (await ok(res, res.statusCode === 200 ? 200 : 201)) as { id: string };
  };
  const person = async (name = familyName(), who = 'caseworker') =>
    (await ok(
      await call(who, 'POST', '/api/persons', {
        name: { givenNames: 'Amal', familyName: name },
        dateOfBirth: '1988-03-14',
        placeOfBirth: 'Aleppo',
        confirmNew: true,
      }),
    )) as { id: string; displayName: string };
  const add = async (who: string, id: string, what: string, body: object) =>
    ok(await call(who, 'POST', `/api/persons/${id}/${what}`, body));
  const show = async (id: string) =>
    (await ok(await call('caseworker', 'GET', `/api/persons/${id}`), 200)) as {
      displayName: string;
      residence: { id: string; validUntil: string | null }[];
      benefits: { id: string }[];
      notes: { id: string; title: string }[];
      identifiers: { id: string; value: string }[];
      relations: unknown[];
      placeOfBirth: string | null;
    };
  const found = async (q: string) =>
    (
      (await ok(await call('caseworker', 'GET', `/api/persons/search?q=${encodeURIComponent(q)}`), 200)) as {
        hits: { person: { id: string } }[];
      }
    ).hits.map((h) => h.person.id);
  const history = (personId: string) =>
    t.db.system(
      async (tx) =>
        (
          await tx.query<{ field: string; oldValue: unknown; newValue: unknown }>(
            `SELECT field, old_value AS "oldValue", new_value AS "newValue" FROM person_change WHERE person_id = $1
              ORDER BY id`,
            [personId],
          )
        ).rows,
    );
  const audit = (action: string, subjectId: string) =>
    t.db.system(
      async (tx) =>
        (
          await tx.query<{ details: Record<string, unknown>; actorStaffId: string | null }>(
            `SELECT details, actor_staff_id AS "actorStaffId" FROM audit_log
              WHERE municipality_id = $1 AND action = $2 AND subject_id = $3 ORDER BY seq`,
            [m.municipality.id, action, subjectId],
          )
        ).rows,
    );
  return { m, call, ok, agency, rule, person, add, show, found, history, audit };
}

describe('retention and erasure', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Many staff of several municipalities sign in from one address.
    t = await testApp({ login: { ...testConfig().login, ratePerMinute: 1000 } });
  });
  afterAll(() => t?.app.close());

  describe('retention rules', () => {
    let g: Awaited<ReturnType<typeof given>>;
    beforeAll(async () => {
      g = await given(t);
    });

    it('creates, replaces, lists and deletes the rule of an agency for a record type', async () => {
      const body = {
        agencyId: g.agency('abh'),
        recordType: 'residence',
        years: 10,
        paragraph: '§ 68 AufenthV',
        description: 'Ausländerakten nach Abgabe',
      };
      const created = await g.call('municipal_admin', 'PUT', '/api/retention/rules', body);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        ...body,
        agencyName: 'Ausländerbehörde',
        id: expect.any(String),
      });

      const same = await g.call('data_protection_officer', 'PUT', '/api/retention/rules', body);
      expect(same.statusCode).toBe(200);
      expect(same.json().id).toBe(created.json().id);

      const replaced = await g.call('data_protection_officer', 'PUT', '/api/retention/rules', {
        ...body,
        years: 12,
      });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toMatchObject({ years: 12, recordType: 'residence' });
      await g.rule('verwaltung', 'note.education', 5, '§ 26 DeuFöV');

      const list = await g.ok(await g.call('municipal_admin', 'GET', '/api/retention/rules'), 200);
      expect(list).toEqual([
        expect.objectContaining({ agencyName: 'Ausländerbehörde', recordType: 'residence', years: 12 }),
        expect.objectContaining({ agencyName: 'Verwaltung', recordType: 'note.education', years: 5 }),
      ]);

      const id = replaced.json().id as string;
      expect((await g.call('municipal_admin', 'DELETE', `/api/retention/rules/${id}`)).statusCode).toBe(204);
      const after = await g.ok(await g.call('municipal_admin', 'GET', '/api/retention/rules'), 200);
      expect(after.map((r: { recordType: string }) => r.recordType)).toEqual(['note.education']);
      const again = await g.call('municipal_admin', 'DELETE', `/api/retention/rules/${id}`);
      expect(again.statusCode).toBe(404);
      expect(again.json().error.code).toBe('NOT_FOUND');
      // The replaced version is not in force either.
      const old = await g.call('municipal_admin', 'DELETE', `/api/retention/rules/${created.json().id}`);
      expect(old.statusCode).toBe(404);
    });

    it.each([
      [{ years: 101 }, 'years'],
      [{ years: -1 }, 'years'],
      [{ years: 2.5 }, 'years'],
      [{ recordType: 'files' }, 'recordType'],
      [{ paragraph: '' }, 'paragraph'],
      [{ agencyId: '00000000-0000-4000-8000-000000000000' }, 'agencyId'],
      [{ agencyId: 'abh' }, 'agencyId'],
    ])('refuses %j with VALIDATION_FAILED naming %s', async (change, field) => {
      const res = await g.call('municipal_admin', 'PUT', '/api/retention/rules', {
        agencyId: g.agency('jobcenter'),
        recordType: 'benefit',
        years: 10,
        paragraph: '§ 84 SGB X',
        ...change,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.json().error.fields)).toContain(field);
      const list = await g.ok(await g.call('municipal_admin', 'GET', '/api/retention/rules'), 200);
      expect(list.some((r: { recordType: string }) => r.recordType === 'benefit')).toBe(false);
    });

    it('declares every endpoint with its schemas in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      for (const [path, method] of [
        ['/api/retention/rules', 'get'],
        ['/api/retention/rules', 'put'],
        ['/api/retention/rules/{id}', 'delete'],
        ['/api/retention/due', 'get'],
        ['/api/retention/run', 'post'],
        ['/api/retention/removals', 'get'],
        ['/api/persons/{id}/erasure', 'post'],
        ['/api/processing-record', 'get'],
      ] as const) {
        const op = doc.paths[path]?.[method];
        expect(op, `${method} ${path}`).toBeDefined();
        expect(Object.keys(op.responses)).toContain('403');
      }
      expect(
        doc.paths['/api/retention/rules'].put.requestBody.content['application/json'].schema,
      ).toBeDefined();
      expect(
        doc.paths['/api/persons/{id}/erasure'].post.requestBody.content['application/json'].schema,
      ).toBeDefined();
    });

    it('answers 403 FORBIDDEN to everyone but administrators and the data protection officer', async () => {
      const rule = await g.rule('jobcenter', 'benefit', 10, '§ 84 SGB X');
      for (const who of ['caseworker', 'case_manager', 'front_desk', 'agency_lead', 'partner_staff']) {
        for (const [method, url, payload] of [
          ['GET', '/api/retention/rules'],
          [
            'PUT',
            '/api/retention/rules',
            { agencyId: g.agency('jobcenter'), recordType: 'benefit', years: 1, paragraph: 'x' },
          ],
          ['DELETE', `/api/retention/rules/${rule.id}`],
          ['GET', '/api/retention/due'],
          ['POST', '/api/retention/run'],
          ['GET', '/api/retention/removals'],
          ['GET', '/api/processing-record'],
        ] as const) {
          const res = await g.call(who, method, url, payload);
          expect(res.statusCode, `${who} ${method} ${url}`).toBe(403);
          expect(res.json().error.code).toBe('FORBIDDEN');
        }
      }
      const list = await g.ok(await g.call('municipal_admin', 'GET', '/api/retention/rules'), 200);
      expect(list).toContainEqual(expect.objectContaining({ id: rule.id, years: 10 }));
    });
  });

  describe('the retention run', () => {
    let g: Awaited<ReturnType<typeof given>>;
    let a: { id: string }; // keeps a title, loses the rest
    let b: { id: string; name: string }; // loses everything, then is anonymised
    let c: { id: string }; // nothing due
    const ids = { oldTitle: '', keptTitle: '', identifier: '', note: '', titleB: '' };
    const rules = { residence: '', identifier: '', note: '', person: '' };
    const markers = {
      oldTitle: `Old${letters(8)}`,
      keptTitle: `Kept${letters(8)}`,
      note: `Note${letters(8)}`,
    };
    const identifierValue = `ABH-${letters(6).toUpperCase()}`;
    let runId = '';

    beforeAll(async () => {
      g = await given(t);
      rules.residence = (await g.rule('abh', 'residence', 10, '§ 68 AufenthV')).id;
      rules.identifier = (await g.rule('abh', 'identifier', 10, '§ 68 AufenthV')).id;
      rules.note = (await g.rule('abh', 'note.case_notes', 10, '§ 68 AufenthV')).id;
      rules.person = (await g.rule('abh', 'person', 10, '§ 68 AufenthV')).id;

      a = await g.person();
      const bName = familyName();
      b = { ...(await g.person(bName)), name: bName };
      c = await g.person();
      const title = (validUntil: string, note: string) => ({
        kind: 'aufenthaltserlaubnis',
        paragraph: '§ 25 Abs. 2 AufenthG',
        validFrom: plusYears(validUntil, -3),
        validUntil,
        note,
      });
      const withTitles = await g.add('caseworker', a.id, 'residence', title(ago(11), markers.oldTitle));
      ids.oldTitle = withTitles.residence[0].id;
      const withBoth = await g.add('caseworker', a.id, 'residence', title(ago(9), markers.keptTitle));
      ids.keptTitle = withBoth.residence.find((r: { id: string }) => r.id !== ids.oldTitle).id;
      const withIdentifier = await g.add('caseworker', a.id, 'identifiers', {
        kind: 'aktenzeichen',
        value: identifierValue,
      });
      ids.identifier = withIdentifier.identifiers[0].id;
      const withNote = await g.add('caseworker', a.id, 'notes', {
        category: 'case_notes',
        title: markers.note,
        occurredOn: ago(12),
      });
      ids.note = withNote.notes[0].id;
      await g.add('caseworker', a.id, 'relations', { relatedPersonId: b.id, relation: 'parent_of' });
      const bWithTitle = await g.add('caseworker', b.id, 'residence', title(ago(11, 1), ''));
      ids.titleB = bWithTitle.residence[0].id;
      // The identifier was recorded 11 years ago; B was last changed 11 years ago.
      await t.db.system(async (tx) => {
        await tx.query(
          `UPDATE person_identifier SET recorded_at = now() - interval '11 years' WHERE id = $1`,
          [ids.identifier],
        );
        await tx.query(`UPDATE person SET updated_at = now() - interval '11 years' WHERE id = $1`, [b.id]);
      });
    });

    it('the dry run lists what is due per rule with the record ids, and removes nothing', async () => {
      const due = await g.ok(await g.call('data_protection_officer', 'GET', '/api/retention/due'), 200);
      const byRule = Object.fromEntries(
        due.rules.map((r: { ruleId: string; recordIds: string[] }) => [r.ruleId, [...r.recordIds].sort()]),
      );
      expect(byRule).toEqual({
        [rules.residence]: [ids.oldTitle, ids.titleB].sort(),
        [rules.identifier]: [ids.identifier],
        [rules.note]: [ids.note],
        [rules.person]: [b.id],
      });
      expect(due.total).toBe(5);
      expect(due.rules.find((r: { ruleId: string }) => r.ruleId === rules.residence)).toMatchObject({
        agencyName: 'Ausländerbehörde',
        recordType: 'residence',
        years: 10,
        paragraph: '§ 68 AufenthV',
        count: 2,
      });
      const still = await g.show(a.id);
      expect(still.residence).toHaveLength(2);
      expect(still.identifiers).toHaveLength(1);
      expect(still.notes).toHaveLength(1);
      expect((await g.show(b.id)).displayName).toContain(b.name);
    });

    it('deletes what is due with its history, keeps what is not, and anonymises a person nothing is left of', async () => {
      expect(await g.found(b.name)).toContain(b.id);
      const res = await g.call('municipal_admin', 'POST', '/api/retention/run');
      expect(res.statusCode).toBe(200);
      const run = res.json();
      runId = run.runId;
      expect(run.total).toBe(5);
      expect(run.alsoRemoved).toEqual(
        expect.arrayContaining([
          { recordType: 'relation', count: 2 },
          { recordType: 'history', count: expect.any(Number) },
        ]),
      );

      const after = await g.show(a.id);
      expect(after.residence.map((r) => r.id)).toEqual([ids.keptTitle]);
      expect(after.identifiers).toEqual([]);
      expect(after.notes).toEqual([]);
      expect(after.relations).toEqual([]);
      expect(after.displayName).not.toBe(ANONYMISED_NAME);

      // History rows of removed items are gone; the kept title's row stays.
      const hist = JSON.stringify(await g.history(a.id));
      expect(hist).not.toContain(markers.oldTitle);
      expect(hist).not.toContain(markers.note);
      expect(hist).not.toContain(identifierValue);
      expect(hist).toContain(markers.keptTitle);
      expect(await g.history(b.id)).toEqual([]);

      // B is anonymised: name replaced, dates and places emptied, no longer findable.
      const anonymised = await g.show(b.id);
      expect(anonymised.displayName).toBe(ANONYMISED_NAME);
      expect(anonymised.placeOfBirth).toBeNull();
      expect(anonymised.residence).toEqual([]);
      expect(await g.found(b.name)).not.toContain(b.id);
      const keys = await t.db.system(
        async (tx) => (await tx.query(`SELECT 1 FROM person_search_key WHERE person_id = $1`, [b.id])).rows,
      );
      expect(keys).toEqual([]);

      // Nothing of C, nothing of the kept title.
      expect((await g.show(c.id)).displayName).not.toBe(ANONYMISED_NAME);

      const [entry] = await g.audit('retention.run', runId);
      expect(entry?.details).toMatchObject({
        trigger: 'manual',
        removed: { residence: 2, identifier: 1, 'note.case_notes': 1, relation: 2 },
        anonymisedPersons: 1,
      });
    });

    it('records what was removed by ids and kinds under the run id, never the content', async () => {
      const res = await g.call('data_protection_officer', 'GET', `/api/retention/removals?runId=${runId}`);
      expect(res.statusCode).toBe(200);
      const lines = res.json() as {
        recordType: string;
        recordId: string;
        ruleId: string | null;
        paragraph: string | null;
        action: string;
        reason: string;
        runId: string;
        personId: string;
      }[];
      const of = (type: string) => lines.filter((l) => l.recordType === type);
      expect(
        of('residence')
          .map((l) => l.recordId)
          .sort(),
      ).toEqual([ids.oldTitle, ids.titleB].sort());
      expect(
        of('residence').every((l) => l.ruleId === rules.residence && l.paragraph === '§ 68 AufenthV'),
      ).toBe(true);
      expect(of('identifier')).toEqual([
        expect.objectContaining({ recordId: ids.identifier, ruleId: rules.identifier, personId: a.id }),
      ]);
      expect(of('note.case_notes').map((l) => l.recordId)).toEqual([ids.note]);
      expect(of('person')).toEqual([
        expect.objectContaining({ recordId: b.id, action: 'anonymised', ruleId: rules.person }),
      ]);
      expect(of('history').length).toBeGreaterThan(0);
      expect(lines.every((l) => l.runId === runId && l.reason === 'retention')).toBe(true);
      for (const content of [
        markers.oldTitle,
        markers.note,
        identifierValue,
        b.name,
        '§ 25 Abs. 2 AufenthG',
        'Aleppo',
      ])
        expect(res.body).not.toContain(content);

      const latest = await g.ok(await g.call('municipal_admin', 'GET', '/api/retention/removals'), 200);
      expect(latest.length).toBe(lines.length);
    });

    it('finds nothing more to do the next time', async () => {
      const due = await g.ok(await g.call('municipal_admin', 'GET', '/api/retention/due'), 200);
      expect(due).toMatchObject({ rules: [], total: 0 });
      const run = await g.ok(await g.call('municipal_admin', 'POST', '/api/retention/run'), 200);
      expect(run.total).toBe(0);
      expect((await g.show(a.id)).residence).toHaveLength(1);
    });

    it('replaces and deletes a rule that removed records; the removal record keeps naming it', async () => {
      const replaced = await g.rule('abh', 'residence', 8, '§ 68 Abs. 2 AufenthV');
      expect(replaced.id).not.toBe(rules.residence);
      expect(
        (await g.call('municipal_admin', 'DELETE', `/api/retention/rules/${replaced.id}`)).statusCode,
      ).toBe(204);
      const lines = await g.ok(
        await g.call('municipal_admin', 'GET', `/api/retention/removals?runId=${runId}`),
        200,
      );
      expect(lines).toContainEqual(
        expect.objectContaining({
          recordId: ids.oldTitle,
          ruleId: rules.residence,
          paragraph: '§ 68 AufenthV',
        }),
      );
      // Without a rule, the 9-year-old title stays, whatever its age.
      await g.ok(await g.call('municipal_admin', 'POST', '/api/retention/run'), 200);
      expect((await g.show(a.id)).residence).toHaveLength(1);
    });
  });

  describe('erasure on request', () => {
    let g: Awaited<ReturnType<typeof given>>;

    beforeAll(async () => {
      g = await given(t);
      await g.rule('abh', 'residence', 10, '§ 68 AufenthV');
    });

    it('keeps what a retention rule protects, deletes the rest, and keeps consents', async () => {
      const p = await g.person();
      const titleEnd = ago(2);
      await g.add('caseworker', p.id, 'residence', {
        kind: 'duldung',
        paragraph: '§ 60a AufenthG',
        validFrom: plusYears(titleEnd, -1),
        validUntil: titleEnd,
      });
      await g.add('caseworker', p.id, 'benefits', {
        system: 'AsylbLG',
        validFrom: ago(3),
        validUntil: ago(1),
      });
      await g.add('caseworker', p.id, 'identifiers', { kind: 'aktenzeichen', value: `AZ-${letters(6)}` });
      const noteTitle = `Beratung${letters(6)}`;
      await g.add('case_manager', p.id, 'notes', { category: 'case_notes', title: noteTitle });
      await g.add('caseworker', p.id, 'consents', {
        disclosingAgencyIds: [g.agency('abh')],
        receivingAgencyIds: [g.agency('partner')],
        categories: ['residence'],
        purpose: 'counselling',
        validFrom: ago(0),
        form: 'electronic',
        templateVersion: 1,
        language: 'de',
      });

      const res = await g.call('data_protection_officer', 'POST', `/api/persons/${p.id}/erasure`, {
        reason: 'Antrag der Person vom heutigen Tag (Art. 17 DSGVO)',
      });
      expect(res.statusCode).toBe(200);
      const result = res.json();
      expect(result.kept).toEqual([
        {
          recordType: 'residence',
          agencyName: 'Ausländerbehörde',
          paragraph: '§ 68 AufenthV',
          keepUntil: plusYears(titleEnd, 10),
          count: 1,
        },
      ]);
      expect(result.erased).toEqual(
        expect.arrayContaining([
          { recordType: 'benefit', count: 1 },
          { recordType: 'identifier', count: 1 },
          { recordType: 'note.case_notes', count: 1 },
        ]),
      );
      expect(result.anonymised).toBe(false);
      expect(result.consents).toEqual({ kept: 1, reason: expect.stringContaining('Art. 7 Abs. 1 DSGVO') });

      const after = await g.show(p.id);
      expect(after.residence).toHaveLength(1);
      expect(after.benefits).toEqual([]);
      expect(after.identifiers).toEqual([]);
      expect(after.notes).toEqual([]);
      expect(after.displayName).toBe(p.displayName);
      const hist = await g.history(p.id);
      expect(hist.map((h) => h.field)).not.toContain('benefits');
      expect(JSON.stringify(hist)).not.toContain(noteTitle);
      expect(hist.map((h) => h.field)).toContain('residence');
      const consents = await g.ok(await g.call('caseworker', 'GET', `/api/persons/${p.id}/consents`), 200);
      expect(consents).toHaveLength(1);

      const lines = await g.ok(
        await g.call('data_protection_officer', 'GET', `/api/retention/removals?runId=${result.runId}`),
        200,
      );
      expect(lines.length).toBeGreaterThanOrEqual(3);
      expect(lines.every((l: { reason: string }) => l.reason === 'erasure_request')).toBe(true);
      expect(JSON.stringify(lines)).not.toContain(noteTitle);

      const [entry] = await g.audit('person.erase', p.id);
      expect(entry?.details).toMatchObject({ runId: result.runId, anonymised: false });
    });

    it('anonymises a person of whom nothing is kept: the name is no longer findable', async () => {
      const name = familyName();
      const p = await g.person(name);
      await g.add('caseworker', p.id, 'benefits', {
        system: 'SGB_II',
        validFrom: ago(2),
        validUntil: ago(1),
      });
      // A title the rule no longer protects (ended 11 years ago) is erased too.
      await g.add('caseworker', p.id, 'residence', {
        kind: 'visum',
        validFrom: ago(12),
        validUntil: ago(11),
      });
      expect(await g.found(name)).toContain(p.id);

      const res = await g.call('data_protection_officer', 'POST', `/api/persons/${p.id}/erasure`, {
        reason: 'Antrag der Person auf Löschung',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ anonymised: true, kept: [] });
      expect(res.json().erased).toEqual(
        expect.arrayContaining([
          { recordType: 'benefit', count: 1 },
          { recordType: 'residence', count: 1 },
        ]),
      );

      expect(await g.found(name)).not.toContain(p.id);
      const after = await g.show(p.id);
      expect(after.displayName).toBe(ANONYMISED_NAME);
      expect(after.placeOfBirth).toBeNull();
      expect(await g.history(p.id)).toEqual([]);
    });

    it('also empties the import report lines that named the person, and drops the name from the vocabulary', async () => {
      const name = `Zorbatyan${familyName().slice(0, 4)}`;
      const csv = `Vorname,Nachname,Geburtsdatum\nSevan,${name},03.05.1979\n`;
      const dry = await g.ok(
        await g.call('caseworker', 'POST', '/api/imports', {
          fileName: 'abh.csv',
          content: Buffer.from(csv).toString('base64'),
          mapping: { Vorname: 'givenNames', Nachname: 'familyName', Geburtsdatum: 'dateOfBirth' },
        }),
        200,
      );
      const applied = await g.ok(await g.call('caseworker', 'POST', `/api/imports/${dry.id}/apply`), 200);
      const personId = applied.lines[0].personId as string;
      // The vocabulary keeps names in their normalised form: look for the rare stem.
      const vocabulary = () =>
        t.db.system(
          async (tx) => (await tx.query(`SELECT 1 FROM name_token WHERE token LIKE 'zorbat%'`)).rows.length,
        );
      const report = () =>
        t.db.system(
          async (tx) =>
            (
              await tx.query<{ report: { lines: { displayName: string | null }[] } }>(
                `SELECT report FROM person_import WHERE id = $1`,
                [dry.id],
              )
            ).rows[0]!.report,
        );
      expect(await vocabulary()).toBe(1);
      expect(JSON.stringify(await report())).toContain(name);

      const res = await g.call('data_protection_officer', 'POST', `/api/persons/${personId}/erasure`, {
        reason: 'Antrag der Person auf Löschung',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().erased).toEqual(
        expect.arrayContaining([{ recordType: 'import_report_line', count: 1 }]),
      );
      const after = await report();
      expect(JSON.stringify(after)).not.toContain(name);
      expect(JSON.stringify(after)).not.toContain(personId);
      expect(after.lines[0]).toMatchObject({ line: 2, outcome: 'create', displayName: null });
      expect(await vocabulary()).toBe(0);
    });

    it('deletes dry runs of imports never applied after a week, with the retention run', async () => {
      const dry = async () =>
        g.ok(
          await g.call('caseworker', 'POST', '/api/imports', {
            fileName: 'abh.csv',
            content: Buffer.from('Vorname,Nachname\nLina,Haddad\n').toString('base64'),
            mapping: { Vorname: 'givenNames', Nachname: 'familyName' },
          }),
          200,
        );
      const [old, fresh] = [await dry(), await dry()];
      await t.db.system((tx) =>
        tx.query(`UPDATE person_import SET created_at = now() - interval '8 days' WHERE id = $1`, [old.id]),
      );
      expect((await g.call('data_protection_officer', 'POST', '/api/retention/run')).statusCode).toBe(200);
      const left = await t.db.system(
        async (tx) =>
          (
            await tx.query<{ id: string }>(`SELECT id FROM person_import WHERE id = ANY($1::uuid[])`, [
              [old.id, fresh.id],
            ])
          ).rows,
      );
      expect(left.map((r) => r.id)).toEqual([fresh.id]);
    });

    it('removes an erased identifier from a history row that names a kept one too', async () => {
      await g.rule('jobcenter', 'identifier', 10, '§ 84 SGB X');
      const digits = () => Array.from(randomBytes(8), (b) => b % 10).join('');
      const [erased, kept] = [`AZ-${digits()}`, `KD-${digits()}`];
      const p = await g.ok(
        await g.call('caseworker', 'POST', '/api/persons', {
          name: { givenNames: 'Amal', familyName: familyName() },
          dateOfBirth: '1979-11-02',
          identifiers: [
            { kind: 'aktenzeichen', value: erased },
            { kind: 'kundennummer', value: kept, agencyId: g.agency('jobcenter') },
          ],
          confirmNew: true,
        }),
      );
      const res = await g.call('data_protection_officer', 'POST', `/api/persons/${p.id}/erasure`, {
        reason: 'Antrag der Person auf Löschung',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        anonymised: false,
        kept: [{ recordType: 'identifier', agencyName: 'Jobcenter', paragraph: '§ 84 SGB X', count: 1 }],
      });
      expect((await g.show(p.id)).identifiers.map((i) => i.value)).toEqual([kept]);
      const rows = (await g.history(p.id)).filter((h) => h.field === 'identifiers');
      expect(rows).toEqual([
        expect.objectContaining({
          newValue: [{ kind: 'kundennummer', value: kept, agencyId: g.agency('jobcenter') }],
        }),
      ]);
      expect(await g.found(erased)).not.toContain(p.id);
      expect(await g.found(kept)).toContain(p.id);
    });

    it('is for the data protection officer only (403), and the refusal is audited', async () => {
      const p = await g.person();
      await g.add('caseworker', p.id, 'benefits', { system: 'SGB_II', validFrom: ago(2) });
      for (const who of ['caseworker', 'municipal_admin', 'agency_lead']) {
        const res = await g.call(who, 'POST', `/api/persons/${p.id}/erasure`, {
          reason: 'Bitte alles löschen',
        });
        expect(res.statusCode, who).toBe(403);
      }
      expect((await g.show(p.id)).benefits).toHaveLength(1);
      const denied = await t.db.system(
        async (tx) =>
          (
            await tx.query(
              `SELECT 1 FROM audit_log WHERE municipality_id = $1 AND action = 'person.erase.denied'`,
              [g.m.municipality.id],
            )
          ).rows,
      );
      expect(denied.length).toBe(3);
    });

    it('answers 404 for an unknown person and 400 without a reason', async () => {
      const unknown = await g.call(
        'data_protection_officer',
        'POST',
        '/api/persons/00000000-0000-4000-8000-000000000000/erasure',
        { reason: 'Antrag der Person auf Löschung' },
      );
      expect(unknown.statusCode).toBe(404);
      const p = await g.person();
      const bare = await g.call('data_protection_officer', 'POST', `/api/persons/${p.id}/erasure`, {
        reason: '',
      });
      expect(bare.statusCode).toBe(400);
      expect(Object.keys(bare.json().error.fields)).toContain('reason');
    });
  });

  describe('the record of processing activities (Art. 30 DSGVO)', () => {
    let g: Awaited<ReturnType<typeof given>>;

    beforeAll(async () => {
      g = await given(t, 'registry');
      await g.rule('abh', 'residence', 10, '§ 68 AufenthV');
      await g.rule('verwaltung', 'note.education', 5, '§ 26 DeuFöV');
    });

    it('lists every agency with purposes, categories, recipients by legal basis or consent, and retention', async () => {
      const record = await g.ok(
        await g.call('data_protection_officer', 'GET', '/api/processing-record'),
        200,
      );
      expect(record.controller).toBe(g.m.municipality.name);
      expect(record.agencies.map((a: { name: string }) => a.name).sort()).toEqual(
        ['Ausländerbehörde', 'Caritas', 'Jobcenter', 'Verwaltung'].sort(),
      );
      const abh = record.agencies.find((a: { name: string }) => a.name === 'Ausländerbehörde');
      expect(abh.legalDomains).toEqual(['AufenthG']);
      expect(abh.purposes).toEqual(expect.arrayContaining(['identification', 'residence_procedure']));
      expect(abh.categories).toContainEqual({ category: 'health', specialCategory: true });
      expect(abh.categories).toContainEqual({ category: 'residence', specialCategory: false });
      expect(abh.retention).toEqual([
        { recordType: 'residence', years: 10, paragraph: '§ 68 AufenthV', description: '' },
      ]);
      expect(abh.recipients).toContainEqual(
        expect.objectContaining({
          basis: 'legal_basis',
          paragraph: '§ 67a SGB X (Annahme)',
          allAgencies: true,
          recipients: expect.arrayContaining(['Jobcenter', 'Verwaltung']),
          categories: ['identity_contact'],
        }),
      );
      expect(abh.recipients).toContainEqual(
        expect.objectContaining({ basis: 'consent', recipients: ['Caritas'] }),
      );
      const partner = record.agencies.find((a: { name: string }) => a.name === 'Caritas');
      expect(partner.recipients.map((r: { basis: string }) => r.basis)).toEqual(['consent']);
      expect(partner.purposes).toEqual(['counselling']);
      const verwaltung = record.agencies.find((a: { name: string }) => a.name === 'Verwaltung');
      expect(verwaltung.retention).toEqual([
        expect.objectContaining({ recordType: 'note.education', years: 5 }),
      ]);
      expect(record.technicalMeasures.join(' ')).toMatch(/Row-Level-Security/);
      expect(record.technicalMeasures.join(' ')).toMatch(/SHA-256/);

      const en = await g.ok(await g.call('municipal_admin', 'GET', '/api/processing-record?lang=en'), 200);
      expect(en.technicalMeasures.join(' ')).toMatch(/row-level security/);
    });

    it('prints it as a PDF', async () => {
      const res = await g.call('data_protection_officer', 'GET', '/api/processing-record?format=pdf&lang=de');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/pdf/);
      expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(res.rawPayload)), {
        mergePages: true,
      });
      for (const s of [
        'Verzeichnis von Verarbeitungstätigkeiten',
        'Ausländerbehörde',
        '§ 68 AufenthV',
        'Caritas',
      ])
        expect(text).toContain(s);
    });
  });

  describe(`the scheduled job on ${usingPostgres() ? 'PostgreSQL' : 'the embedded database'}`, () => {
    let jobs: Jobs;
    afterAll(async () => {
      await jobs?.stop();
    });

    it('runs every night at 02:30 Berlin time and applies the rules of every municipality', async () => {
      const g = await given(t);
      const rule = await g.rule('abh', 'residence', 10, '§ 68 AufenthV');
      const p = await g.person();
      const added = await g.add('caseworker', p.id, 'residence', {
        kind: 'duldung',
        validFrom: ago(12),
        validUntil: ago(11),
      });
      const titleId = added.residence[0].id as string;

      jobs = await startJobs(t.config, t.db, () => undefined);
      const [schedule] = await jobs.boss.getSchedules(RETENTION_RUN);
      expect(schedule).toMatchObject({
        cron: '30 2 * * *',
        options: expect.objectContaining({ tz: 'Europe/Berlin' }),
      });

      const id = await jobs.send(RETENTION_RUN);
      const until = Date.now() + 20_000;
      for (;;) {
        const job = await jobs.boss.getJobById(RETENTION_RUN, id!);
        if (job?.state === 'completed') break;
        if (job?.state === 'failed')
          throw new Error(`the retention job failed: ${JSON.stringify(job.output)}`);
        if (Date.now() > until) throw new Error('timed out waiting for the retention job');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await g.show(p.id)).residence).toEqual([]);
      const lines = await g.ok(await g.call('municipal_admin', 'GET', '/api/retention/removals'), 200);
      expect(lines).toContainEqual(
        expect.objectContaining({ recordId: titleId, ruleId: rule.id, reason: 'retention' }),
      );
      const runs = await t.db.system(
        async (tx) =>
          (
            await tx.query<{ actorStaffId: string | null; details: { trigger: string } }>(
              `SELECT actor_staff_id AS "actorStaffId", details FROM audit_log
                WHERE municipality_id = $1 AND action = 'retention.run'`,
              [g.m.municipality.id],
            )
          ).rows,
      );
      expect(runs).toEqual([
        { actorStaffId: null, details: expect.objectContaining({ trigger: 'schedule' }) },
      ]);
    });
  });
});
