import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { givenMunicipality, signIn, type TestApp, testApp, uniq } from '../../../test/harness';

describe('consent, legal bases, emergency access and the transparency list', () => {
  let t: TestApp;
  let m: Awaited<ReturnType<typeof givenMunicipality>>;
  const cookies: Record<string, string> = {};
  const agency = (code: string) => m.agencies.get(code)!.id;

  const call = (
    who: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    purpose?: string,
  ) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: cookies[who]!, ...(purpose ? { 'x-lotse-purpose': purpose } : {}) },
      ...(payload ? { payload } : {}),
    });

  const person = async (fields: object = {}) => {
    const res = await call('caseworker', 'POST', '/api/persons', {
      name: { givenNames: 'Yusuf', familyName: `Karimi${uniq()}` },
      dateOfBirth: '1985-06-01',
      address: { street: 'Hofaue 1', postcode: '42103', city: 'Wuppertal' },
      confirmNew: true,
      ...fields,
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; displayName: string };
  };

  const consent = (overrides: object = {}) => ({
    disclosingAgencyIds: [agency('abh')],
    receivingAgencyIds: [agency('jobcenter')],
    categories: ['identity_contact', 'residence'],
    purpose: 'benefit_processing',
    validFrom: '2026-01-01',
    form: 'electronic',
    templateVersion: 1,
    language: 'de',
    ...overrides,
  });

  beforeAll(async () => {
    t = await testApp();
    m = await givenMunicipality(t.db, { sharing: 'none' });
    for (const role of [
      'caseworker',
      'front_desk',
      'partner_staff',
      'data_protection_officer',
      'municipal_admin',
      'case_manager',
    ] as const)
      cookies[role] = await signIn(t.app, m.users[role]);
    // A Jobcenter caseworker (the harness's caseworker works at the Ausländerbehörde).
    const res = await call('municipal_admin', 'POST', '/api/admin/staff', {
      username: `jc-${m.suffix}`,
      displayName: 'Jobcenter',
      agencyId: agency('jobcenter'),
      roles: ['caseworker'],
      password: 'correct-horse-battery',
    });
    expect(res.statusCode).toBe(201);
    cookies.jobcenter = await signIn(t.app, `jc-${m.suffix}`);
  });
  afterAll(() => t.app.close());

  describe('recording a consent', () => {
    it('records a consent with who recorded it, the text version and language, and lists it as valid', async () => {
      const p = await person();
      const res = await call(
        'caseworker',
        'POST',
        `/api/persons/${p.id}/consents`,
        consent({ language: 'ar' }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        personId: p.id,
        status: 'valid',
        language: 'ar',
        templateKey: 'standard',
        templateVersion: 1,
        disclosing: [{ id: agency('abh'), name: 'Ausländerbehörde' }],
        receiving: [{ id: agency('jobcenter'), name: 'Jobcenter' }],
        recordedBy: { agencyName: 'Ausländerbehörde' },
      });
      const list = await call('caseworker', 'GET', `/api/persons/${p.id}/consents`);
      expect(list.json().map((c: { id: string }) => c.id)).toEqual([res.json().id]);
    });

    it.each([
      [{ form: 'oral' }, 'note'],
      [{ form: 'signed_paper' }, 'scan'],
      [{ validUntil: '2025-12-31' }, 'validUntil'],
      [{ templateVersion: 7 }, 'templateVersion'],
      [{ receivingAgencyIds: ['00000000-0000-4000-8000-000000000000'] }, 'receivingAgencyIds.0'],
      [{ categories: [] }, 'categories'],
      [{ purpose: 'gossip' }, 'purpose'],
      [
        {
          form: 'signed_paper',
          scan: {
            fileName: 'x.pdf',
            mediaType: 'application/pdf',
            contentBase64: Buffer.from('hello').toString('base64'),
          },
        },
        'scan.contentBase64',
      ],
    ])('refuses %j with 400 naming %s, and stores nothing', async (change, field) => {
      const p = await person();
      const res = await call('caseworker', 'POST', `/api/persons/${p.id}/consents`, consent(change));
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toContain(field);
      expect((await call('caseworker', 'GET', `/api/persons/${p.id}/consents`)).json()).toEqual([]);
    });

    it('keeps the signed form of a paper consent and hands it out again', async () => {
      const p = await person();
      const pdf = Buffer.from('%PDF-1.4\n% signed form\n');
      const res = await call(
        'caseworker',
        'POST',
        `/api/persons/${p.id}/consents`,
        consent({
          form: 'signed_paper',
          scan: {
            fileName: 'einwilligung.pdf',
            mediaType: 'application/pdf',
            contentBase64: pdf.toString('base64'),
          },
        }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json().scan).toMatchObject({ fileName: 'einwilligung.pdf', size: pdf.length });
      const scan = await call('caseworker', 'GET', `/api/consents/${res.json().id}/scan`);
      expect(scan.statusCode).toBe(200);
      expect(scan.headers['content-type']).toContain('application/pdf');
      expect(scan.rawPayload.equals(pdf)).toBe(true);
    });

    it("needs a guardian's consent for a person under 15, and shows who signed", async () => {
      const child = await person({ dateOfBirth: '2016-03-03' });
      const refused = await call('caseworker', 'POST', `/api/persons/${child.id}/consents`, consent());
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields.signedBy).toMatch(/under 15/);
      const yearOnly = await person({ dateOfBirth: String(new Date().getFullYear() - 15) });
      expect(
        (await call('caseworker', 'POST', `/api/persons/${yearOnly.id}/consents`, consent())).json().error
          .fields.signedBy,
      ).toMatch(/may be under 15/);
      const mother = await person({ dateOfBirth: '1984-01-01' });
      const notGuardian = await call(
        'caseworker',
        'POST',
        `/api/persons/${child.id}/consents`,
        consent({ signedBy: 'guardian', guardianName: 'Leyla Karimi', guardianPersonId: mother.id }),
      );
      expect(notGuardian.json().error.fields.guardianPersonId).toMatch(/not recorded as parent or guardian/);
      await call('caseworker', 'POST', `/api/persons/${mother.id}/relations`, {
        relatedPersonId: child.id,
        relation: 'parent_of',
      });
      const ok = await call(
        'caseworker',
        'POST',
        `/api/persons/${child.id}/consents`,
        consent({ signedBy: 'guardian', guardianName: 'Leyla Karimi', guardianPersonId: mother.id }),
      );
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({
        signedBy: 'guardian',
        guardianName: 'Leyla Karimi',
        guardianPersonId: mother.id,
      });
    });
  });

  describe('what a consent opens, and revocation', () => {
    it('shows the other agency exactly the consented categories for the consented purpose, until revoked', async () => {
      const p = await person();
      await call('caseworker', 'POST', `/api/persons/${p.id}/residence`, { kind: 'duldung', note: 'R-mark' });
      await call('caseworker', 'POST', `/api/persons/${p.id}/notes`, { category: 'health', title: 'H-mark' });
      const before = await call('jobcenter', 'GET', `/api/persons/${p.id}`);
      expect(before.statusCode).toBe(403);
      expect(before.json().error).toMatchObject({
        code: 'CONSENT_REQUIRED',
        requiredConsent: { receivingAgencyId: agency('jobcenter'), purpose: 'benefit_processing' },
      });
      const c = (await call('caseworker', 'POST', `/api/persons/${p.id}/consents`, consent())).json();
      const seen = await call('jobcenter', 'GET', `/api/persons/${p.id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().displayName).toBe(p.displayName);
      expect(seen.json().residence).toHaveLength(1);
      expect(seen.body).not.toContain('H-mark');
      expect(seen.json().visibility.categories).toEqual([
        { category: 'identity_contact', bases: [{ kind: 'consent', id: c.id, label: expect.any(String) }] },
        { category: 'residence', bases: [{ kind: 'consent', id: c.id, label: expect.any(String) }] },
      ]);
      // Another purpose is not covered.
      expect(
        (await call('jobcenter', 'GET', `/api/persons/${p.id}`, undefined, 'counselling')).statusCode,
      ).toBe(403);
      const revoked = await call('jobcenter', 'POST', `/api/consents/${c.id}/revoke`, {
        note: 'am Schalter',
      });
      expect(revoked.json()).toMatchObject({ status: 'revoked', revocationNote: 'am Schalter' });
      expect((await call('jobcenter', 'GET', `/api/persons/${p.id}`)).statusCode).toBe(403);
      expect((await call('caseworker', 'POST', `/api/consents/${c.id}/revoke`, {})).statusCode).toBe(409);
      // The history stays.
      expect((await call('caseworker', 'GET', `/api/persons/${p.id}/consents`)).json()[0].status).toBe(
        'revoked',
      );
    });

    it('refuses a change of what the caller may not see, naming the field, and writes nothing', async () => {
      const p = await person({ identifiers: [{ kind: 'azr', value: `AZR${uniq()}` }] });
      const moved = { street: 'Neue Str. 2', postcode: '42105', city: 'Wuppertal' };
      // Nothing of the person visible: no change at all.
      const blind = await call('jobcenter', 'PATCH', `/api/persons/${p.id}`, { address: moved });
      expect(blind.statusCode).toBe(403);
      expect(blind.json().error.code).toBe('CONSENT_REQUIRED');
      // Residence shared, identity not: the address the Ausländerbehörde recorded stays out of reach.
      await call('caseworker', 'POST', `/api/persons/${p.id}/residence`, { kind: 'duldung' });
      const residenceOnly = (
        await call(
          'caseworker',
          'POST',
          `/api/persons/${p.id}/consents`,
          consent({ categories: ['residence'] }),
        )
      ).json();
      const refused = await call('jobcenter', 'PATCH', `/api/persons/${p.id}`, { address: moved });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({
        code: 'CONSENT_REQUIRED',
        fields: { address: expect.stringContaining('another agency') },
        requiredConsent: { categories: ['identity_contact'], purpose: 'benefit_processing' },
      });
      expect(refused.body).not.toContain('Hofaue');
      const own = (await call('caseworker', 'GET', `/api/persons/${p.id}`)).json();
      expect(own.address.street).toBe('Hofaue 1');
      // A field nobody filled in yet is no one's data: the Jobcenter may record it.
      const languages = await call('jobcenter', 'PATCH', `/api/persons/${p.id}`, {
        languages: [{ code: 'ar', interpreterNeeded: true }],
      });
      expect(languages.statusCode, languages.body).toBe(200);
      // With identity and contact shared, the change goes through and the field is the Jobcenter's now.
      await call('caseworker', 'POST', `/api/consents/${residenceOnly.id}/revoke`, {});
      await call('caseworker', 'POST', `/api/persons/${p.id}/consents`, consent());
      const changed = await call('jobcenter', 'PATCH', `/api/persons/${p.id}`, { address: moved });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json().address.street).toBe('Neue Str. 2');
      // An agency's number is removed only by the agency that issued it.
      const azr = own.identifiers[0].id as string;
      const removal = await call('jobcenter', 'DELETE', `/api/persons/${p.id}/identifiers/${azr}`);
      expect(removal.statusCode).toBe(403);
      expect(removal.json().error.code).toBe('NOT_PERMITTED');
      expect((await call('caseworker', 'GET', `/api/persons/${p.id}`)).json().identifiers).toHaveLength(1);
    });

    it('refuses an unknown purpose with 400', async () => {
      const p = await person();
      const res = await call('caseworker', 'GET', `/api/persons/${p.id}`, undefined, 'curiosity');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty('purpose');
    });
  });

  describe('legal bases', () => {
    it('are configuration: a basis limited to fields, purposes and agencies opens exactly that', async () => {
      const p = await person();
      await call('caseworker', 'POST', `/api/persons/${p.id}/benefits`, {
        system: 'AsylbLG',
        validFrom: '2025-01-01',
      });
      expect((await call('jobcenter', 'GET', `/api/persons/${p.id}`)).statusCode).toBe(403);
      const refused = await call('caseworker', 'POST', '/api/legal-bases', {});
      expect(refused.statusCode).toBe(400);
      const notAllowed = await call('caseworker', 'POST', '/api/legal-bases', {
        paragraph: '§ 1',
        title: 'x',
        categories: ['benefits'],
        purposes: ['benefit_processing'],
      });
      expect(notAllowed.statusCode).toBe(403);
      const partnerAsRecipient = await call('data_protection_officer', 'POST', '/api/legal-bases', {
        paragraph: '§ 1',
        title: 'x',
        toAgencyIds: [agency('partner')],
        categories: ['benefits'],
        purposes: ['benefit_processing'],
      });
      expect(partnerAsRecipient.json().error.fields).toHaveProperty('toAgencyIds.0');
      const basis = await call('data_protection_officer', 'POST', '/api/legal-bases', {
        paragraph: '§ 50 SGB II (Test)',
        title: 'Leistungsdaten an das Jobcenter',
        fromAgencyIds: [agency('abh')],
        toAgencyIds: [agency('jobcenter')],
        categories: ['identity_contact', 'benefits'],
        fields: ['name', 'dateOfBirth'],
        purposes: ['benefit_processing'],
      });
      expect(basis.statusCode).toBe(201);
      const seen = (await call('jobcenter', 'GET', `/api/persons/${p.id}`)).json();
      expect(seen.displayName).toBe(p.displayName);
      expect(seen.dateOfBirth.value).toBe('1985-06-01');
      expect(seen.address).toBeNull();
      expect(seen.benefits).toHaveLength(1);
      expect(seen.visibility.categories[0].bases[0]).toMatchObject({
        kind: 'legal_basis',
        id: basis.json().id,
      });
      // Another purpose: nothing. A partner: never by legal basis.
      expect(
        (await call('jobcenter', 'GET', `/api/persons/${p.id}`, undefined, 'counselling')).statusCode,
      ).toBe(403);
      expect((await call('partner_staff', 'GET', `/api/persons/${p.id}`)).statusCode).toBe(403);
      // Deactivated: gone.
      const off = await call('data_protection_officer', 'PUT', `/api/legal-bases/${basis.json().id}`, {
        ...basis.json(),
        id: undefined,
        active: false,
      });
      expect(off.statusCode).toBe(200);
      expect((await call('jobcenter', 'GET', `/api/persons/${p.id}`)).statusCode).toBe(403);
      expect((await call('front_desk', 'GET', '/api/legal-bases')).json().length).toBeGreaterThan(0);
    });
  });

  describe('emergency access', () => {
    it('needs a reason, opens everything for a while, is marked in the audit log and listed for review', async () => {
      const p = await person();
      await call('caseworker', 'POST', `/api/persons/${p.id}/notes`, {
        category: 'health',
        title: 'Allergie',
      });
      const short = await call('jobcenter', 'POST', `/api/persons/${p.id}/emergency-access`, {
        reason: 'dringend',
      });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.fields).toHaveProperty('reason');
      expect(
        (
          await call('front_desk', 'POST', `/api/persons/${p.id}/emergency-access`, {
            reason: 'x'.repeat(30),
          })
        ).statusCode,
      ).toBe(403);
      const opened = await call('jobcenter', 'POST', `/api/persons/${p.id}/emergency-access`, {
        reason: 'Person bewusstlos im Wartebereich, Angehörige erreichen',
      });
      expect(opened.statusCode).toBe(201);
      const seen = await call('jobcenter', 'GET', `/api/persons/${p.id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().visibility.emergency).toBe(true);
      expect(seen.body).toContain('Allergie');
      const audit = await t.db.tenant(m.municipality.id, (tx) =>
        tx.query<{ details: { emergency?: boolean } }>(
          `SELECT details FROM audit_log WHERE request_id = $1`,
          [seen.headers['x-request-id']],
        ),
      );
      expect(audit.rows[0]!.details.emergency).toBe(true);
      expect((await call('jobcenter', 'GET', '/api/emergency-accesses')).statusCode).toBe(403);
      const open = (await call('data_protection_officer', 'GET', '/api/emergency-accesses')).json();
      expect(open.some((e: { id: string }) => e.id === opened.json().id)).toBe(true);
      const reviewed = await call(
        'data_protection_officer',
        'POST',
        `/api/emergency-accesses/${opened.json().id}/review`,
        {
          note: 'berechtigt',
        },
      );
      expect(reviewed.json()).toMatchObject({ reviewNote: 'berechtigt' });
      // Expired: the view closes.
      await t.db.system((tx) =>
        tx.query(`UPDATE emergency_access SET expires_at = now() - interval '1 second' WHERE id = $1`, [
          opened.json().id,
        ]),
      );
      expect((await call('jobcenter', 'GET', `/api/persons/${p.id}`)).statusCode).toBe(403);
    });
  });

  describe('the transparency list and the right of access', () => {
    it('lists every access with agency, role, categories, purpose and basis, and prints it in Arabic', async () => {
      const p = await person();
      const c = (await call('caseworker', 'POST', `/api/persons/${p.id}/consents`, consent())).json();
      await call('jobcenter', 'GET', `/api/persons/${p.id}`);
      const log = await call('caseworker', 'GET', `/api/persons/${p.id}/access-log`);
      expect(log.statusCode).toBe(200);
      const jobcenterRead = log
        .json()
        .entries.find(
          (e: { agencyName: string; action: string }) => e.agencyName === 'Jobcenter' && e.action === 'read',
        );
      expect(jobcenterRead).toMatchObject({
        roles: ['caseworker'],
        categories: ['identity_contact'],
        purpose: 'benefit_processing',
        bases: [{ kind: 'consent', id: c.id }],
      });
      const pdf = await call('caseworker', 'GET', `/api/persons/${p.id}/access-log?format=pdf&lang=ar`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      const doc = await getDocumentProxy(new Uint8Array(pdf.rawPayload));
      const { text } = await extractText(doc, { mergePages: true });
      expect(text).toContain('Jobcenter');
      expect(text).toMatch(/[\u0600-\u06FF]/);
    });

    it('prints a consent form with the person filled in, in the chosen language', async () => {
      const p = await person();
      const res = await call('caseworker', 'POST', `/api/persons/${p.id}/consent-form`, {
        disclosingAgencyIds: [agency('abh')],
        receivingAgencyIds: [agency('partner')],
        categories: ['identity_contact'],
        purpose: 'counselling',
        validFrom: '2026-12-01',
        language: 'tr',
      });
      expect(res.statusCode).toBe(200);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(res.rawPayload)), {
        mergePages: true,
      });
      expect(text).toContain(p.displayName);
      expect(text).toContain('Caritas');
    });

    it('exports everything on a person for the data protection officer only, as JSON and PDF', async () => {
      const p = await person();
      await call('caseworker', 'POST', `/api/persons/${p.id}/notes`, {
        category: 'case_notes',
        title: 'Gespräch',
      });
      expect((await call('caseworker', 'GET', `/api/persons/${p.id}/export`)).statusCode).toBe(403);
      const json = await call('data_protection_officer', 'GET', `/api/persons/${p.id}/export?format=json`);
      expect(json.statusCode).toBe(200);
      expect(json.json().person.notes[0].title).toBe('Gespräch');
      expect(json.json().person.address.street).toBe('Hofaue 1');
      const pdf = await call(
        'data_protection_officer',
        'GET',
        `/api/persons/${p.id}/export?format=pdf&lang=fa`,
      );
      expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    });
  });
});
