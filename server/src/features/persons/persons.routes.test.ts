import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenMunicipality, signIn, type TestApp, testApp, uniq } from '../../../test/harness';
import { todayInGermany } from './persons.dates';

type Municipality = Awaited<ReturnType<typeof givenMunicipality>>;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const daysFromToday = (days: number) =>
  new Date(Date.parse(`${todayInGermany()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('the person registry', () => {
  let t: TestApp;
  let m: Municipality;
  const cookies: Record<string, string> = {};
  const req = (method: Method, url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  /** A person with a name of its own (so that it is nobody's duplicate), created by the ABH caseworker. */
  const givenPerson = async (body: object = {}, as = 'caseworker') => {
    const res = await req('POST', '/api/persons', cookies[as]!, {
      name: { givenNames: 'Testperson', familyName: `Registry-${uniq()}` },
      confirmNew: true,
      ...body,
    });
    if (res.statusCode !== 201) throw new Error(`person not created: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const system = <T>(sql: string, params: unknown[] = []) =>
    t.db.system(async (tx) => (await tx.query(sql, params)).rows as T[]);

  beforeAll(async () => {
    t = await testApp();
    // The registry itself is under test here, not sharing: every agency may see everything (issue 4's tests
    // cover sharing).
    m = await givenMunicipality(t.db, { sharing: 'open' });
    for (const role of Object.keys(m.users) as (keyof Municipality['users'])[])
      cookies[role] = await signIn(t.app, m.users[role]);
  });
  afterAll(() => t.app.close());

  describe('registering a person', () => {
    it('creates a person with all fields, identifiers of two agencies and the provenance of each field', async () => {
      const family = `Haddad-${uniq()}`;
      const res = await req('POST', '/api/persons', cookies.caseworker!, {
        name: {
          givenNames: 'Rania',
          familyName: family,
          givenNamesOriginal: 'رانيا',
          familyNameOriginal: 'حداد',
        },
        nameOrder: 'given_first',
        birthName: { givenNames: 'Rania', familyName: 'Khoury' },
        formerNames: [{ givenNames: 'Rania', familyName: 'Haddad-Khoury' }],
        sex: 'female',
        dateOfBirth: '14.03.1988',
        placeOfBirth: 'Aleppo',
        countryOfBirth: 'sy',
        nationalities: ['SY'],
        languages: [
          { code: 'ar', interpreterNeeded: false },
          { code: 'de', interpreterNeeded: true },
        ],
        address: { street: 'Demostraße 1', postcode: '42103', city: 'Wuppertal' },
        contact: { phone: '+49 202 000000', preferredChannel: 'sms', preferredLanguage: 'ar' },
        identifiers: [
          { kind: 'azr', value: `AZR-${uniq()}` },
          { kind: 'kundennummer', value: `123D${uniq()}`, agencyId: m.agencies.get('jobcenter')!.id },
        ],
      });
      expect(res.statusCode).toBe(201);
      const p = res.json();
      expect(p).toMatchObject({
        name: {
          givenNames: 'Rania',
          familyName: family,
          givenNamesOriginal: 'رانيا',
          familyNameOriginal: 'حداد',
        },
        displayName: `Rania ${family}`,
        birthName: { givenNames: 'Rania', familyName: 'Khoury' },
        formerNames: [{ familyName: 'Haddad-Khoury' }],
        sex: 'female',
        dateOfBirth: { value: '1988-03-14', year: 1988, certainty: 'exact', asRecorded: '14.03.1988' },
        placeOfBirth: 'Aleppo',
        countryOfBirth: 'SY',
        nationalities: ['SY'],
        languages: [{ code: 'ar' }, { code: 'de', interpreterNeeded: true }],
        address: { city: 'Wuppertal', postcode: '42103' },
        contact: { preferredChannel: 'sms' },
        mergedRecords: [],
      });
      expect(p.identifiers).toHaveLength(2);
      expect(p.identifiers.find((i: { kind: string }) => i.kind === 'azr')).toMatchObject({
        kind: 'azr',
        agencyName: 'Ausländerbehörde',
        personId: p.id,
      });
      expect(p.identifiers.find((i: { kind: string }) => i.kind === 'kundennummer')).toMatchObject({
        kind: 'kundennummer',
        agencyName: 'Jobcenter',
      });
      for (const field of [
        'name',
        'birthName',
        'formerNames',
        'sex',
        'dateOfBirth',
        'placeOfBirth',
        'address',
      ])
        expect(p.provenance[field]).toMatchObject({
          agencyId: m.agencies.get('abh')!.id,
          agencyName: 'Ausländerbehörde',
        });
      expect(Date.parse(p.provenance.name.recordedAt)).toBeGreaterThan(Date.now() - 60_000);
      const [row] = await system<{ root_id: string; birth_date_recorded: string; search_name: string }>(
        `SELECT root_id, birth_date_recorded, search_name FROM person WHERE id = $1`,
        [p.id],
      );
      expect(row).toMatchObject({ root_id: p.id, birth_date_recorded: '14.03.1988' });
      expect(row!.search_name).toContain('rania');
    });

    it('answers 409 with the likely duplicates when an identifier is already known, and saves nothing', async () => {
      const azr = `AZR ${uniq()}`;
      const first = await givenPerson({ identifiers: [{ kind: 'azr', value: azr }] });
      const family = `Other-${uniq()}`;
      const res = await req('POST', '/api/persons', cookies.front_desk!, {
        name: { givenNames: 'Someone', familyName: family },
        identifiers: [{ kind: 'azr', value: azr.replace(' ', '-').toLowerCase() }],
      });
      expect(res.statusCode).toBe(409);
      const body = res.json();
      expect(body.error.code).toBe('LIKELY_DUPLICATE');
      expect(body.candidates[0].person.id).toBe(first.id);
      expect(body.candidates[0].person.displayName).toBe(first.displayName);
      expect(body.candidates[0].score).toBeGreaterThanOrEqual(0.5);
      expect(body.candidates[0].reasons.length).toBeGreaterThan(0);
      expect(await system(`SELECT id FROM person WHERE family_name = $1`, [family])).toHaveLength(0);
      const audit = await system<{ details: { personIds: string[] } }>(
        `SELECT details FROM audit_log WHERE action = 'person.search' AND actor_staff_id = $1`,
        [m.staff.get(m.users.front_desk)!.id],
      );
      expect(audit.some((a) => a.details.personIds.includes(first.id))).toBe(true);
    });

    it('creates the person anyway when the caller confirms after seeing the candidates', async () => {
      const azr = `AZR-${uniq()}`;
      await givenPerson({ identifiers: [{ kind: 'azr', value: azr }] });
      const res = await req('POST', '/api/persons', cookies.front_desk!, {
        name: { givenNames: 'Someone', familyName: `Confirmed-${uniq()}` },
        identifiers: [{ kind: 'azr', value: azr }],
        confirmNew: true,
      });
      expect(res.statusCode).toBe(201);
    });

    it.each([
      ['1990-05-17', '1990-05-17', 1990, 'exact'],
      ['19900517', '1990-05-17', 1990, 'exact'],
      ['17.05.1990', '1990-05-17', 1990, 'exact'],
      ['7.5.1990', '1990-05-07', 1990, 'exact'],
      ['1990', null, 1990, 'year_only'],
      ['01.01.1990', null, 1990, 'placeholder'],
      ['00.00.1990', null, 1990, 'placeholder'],
      ['1990-01-01', null, 1990, 'placeholder'],
      ['29.02.2000', '2000-02-29', 2000, 'exact'],
    ])('reads the date of birth %s as %s (year %s, %s)', async (entered, value, year, certainty) => {
      const p = await givenPerson({ dateOfBirth: entered });
      expect(p.dateOfBirth).toEqual({ value, year, certainty, asRecorded: entered });
    });

    it('records a person without a date of birth as unknown', async () => {
      const p = await givenPerson();
      expect(p.dateOfBirth).toEqual({ value: null, year: null, certainty: 'unknown', asRecorded: null });
    });

    it.each([
      ['1974-01-32', 'January 1974 has 31 days'],
      ['31.02.2000', 'February 2000 has 29 days'],
      ['29.02.2001', 'February 2001 has 28 days'],
      ['1990-13-01', 'no month 13'],
      ['2099-05-01', 'future'],
      [String(new Date().getFullYear() + 1), 'future'],
      ['17/05/1990', 'is not a date'],
      ['1850', 'before 1880'],
    ])('refuses the date of birth %s with 400 naming dateOfBirth (%s)', async (entered, problem) => {
      const family = `Date-${uniq()}`;
      const res = await req('POST', '/api/persons', cookies.caseworker!, {
        name: { givenNames: 'Date', familyName: family },
        dateOfBirth: entered,
        confirmNew: true,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields.dateOfBirth).toContain(problem);
      expect(await system(`SELECT id FROM person WHERE family_name = $1`, [family])).toHaveLength(0);
    });

    it('refuses tomorrow as a date of birth', async () => {
      const res = await req('POST', '/api/persons', cookies.caseworker!, {
        name: { familyName: `Tomorrow-${uniq()}` },
        dateOfBirth: daysFromToday(1),
        confirmNew: true,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.dateOfBirth).toContain('future');
    });

    it('removes right-to-left marks and zero-width characters, composes accents and collapses spaces', async () => {
      const tag = uniq();
      const p = await givenPerson({
        name: {
          givenNames: '\u200EMoham\u200Bmed   Ali\u2066',
          familyName: `\u202BAl-Hassan\u202C\uFEFF${tag}`,
          givenNamesOriginal: '\u200Fمحمد\u200D علي\u061C',
          familyNameOriginal: '\u2067الحسن\u2069',
        },
        birthName: { givenNames: '', familyName: 'Mu\u0308ller\u2060' },
        placeOfBirth: '\u200FDamaskus\u200F',
      });
      expect(p.name).toEqual({
        givenNames: 'Mohammed Ali',
        familyName: `Al-Hassan${tag}`,
        givenNamesOriginal: 'محمد علي',
        familyNameOriginal: 'الحسن',
      });
      expect(p.birthName.familyName).toBe('Müller');
      expect(p.birthName.familyName).toHaveLength(6);
      expect(p.placeOfBirth).toBe('Damaskus');
    });

    it('refuses a name that is empty once invisible characters are removed, naming the field', async () => {
      const res = await req('POST', '/api/persons', cookies.caseworker!, {
        name: { givenNames: '', familyName: '\u200B\u200F \u2066' },
        confirmNew: true,
      });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['name.familyName']);
    });

    it('refuses a person without a family or a given name', async () => {
      const res = await req('POST', '/api/persons', cookies.caseworker!, { name: {}, confirmNew: true });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields['name.familyName']).toContain('enter a family name or a given name');
    });

    it('refuses a former name that is empty, naming its place in the list', async () => {
      const res = await req('POST', '/api/persons', cookies.caseworker!, {
        name: { familyName: `Former-${uniq()}` },
        formerNames: [{ familyName: 'Alt' }, { familyName: '\u200B' }],
        confirmNew: true,
      });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['formerNames.1.familyName']);
    });

    it('refuses a 1,000-character name with 400 naming the field', async () => {
      const res = await req('POST', '/api/persons', cookies.caseworker!, {
        name: { givenNames: 'Long', familyName: 'A'.repeat(1000) },
        confirmNew: true,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields['name.familyName']).toBe('must be at most 200 characters');
    });

    it('stores nothing when a request fails halfway: an identifier of an unknown agency after valid fields', async () => {
      const family = `Halfway-${uniq()}`;
      const value = `AZR-${uniq()}`;
      const other = await givenMunicipality(t.db);
      const res = await req('POST', '/api/persons', cookies.caseworker!, {
        name: { givenNames: 'Half', familyName: family },
        dateOfBirth: '1980-02-03',
        identifiers: [
          { kind: 'azr', value },
          { kind: 'aktenzeichen', value: `AZ-${uniq()}`, agencyId: other.agencies.get('abh')!.id },
        ],
        confirmNew: true,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({
        'identifiers.1.agencyId': 'is not an agency of this municipality',
      });
      expect(await system(`SELECT id FROM person WHERE family_name = $1`, [family])).toHaveLength(0);
      expect(await system(`SELECT id FROM person_identifier WHERE value = $1`, [value])).toHaveLength(0);
      expect(
        await system(`SELECT id FROM person_change WHERE new_value::text LIKE $1`, [`%${family}%`]),
      ).toHaveLength(0);
    });
  });

  describe('reading a person', () => {
    it('audits every read with the action person.read and the person as subject', async () => {
      const p = await givenPerson();
      const res = await req('GET', `/api/persons/${p.id}`, cookies.case_manager!);
      expect(res.statusCode).toBe(200);
      expect(res.json().id).toBe(p.id);
      const rows = await system<{ actor_staff_id: string; purpose: string }>(
        `SELECT actor_staff_id, purpose FROM audit_log WHERE action = 'person.read' AND subject_id = $1`,
        [p.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.actor_staff_id).toBe(m.staff.get(m.users.case_manager)!.id);
    });

    it.each([
      ['partner_staff', 'CONSENT_REQUIRED'],
      ['state_reporter', 'NOT_PERMITTED'],
      ['municipal_admin', 'NOT_PERMITTED'],
    ])(
      'refuses %s to read (403 %s: partners see only what a consent names), register or change a person',
      async (role, readCode) => {
        const p = await givenPerson();
        const read = await req('GET', `/api/persons/${p.id}`, cookies[role]!);
        expect(read.statusCode).toBe(403);
        expect(read.json().error.code).toBe(readCode);
        const create = await req('POST', '/api/persons', cookies[role]!, {
          name: { familyName: `Refused-${uniq()}` },
          confirmNew: true,
        });
        expect(create.statusCode).toBe(403);
        expect(create.json().error.code).toBe('NOT_PERMITTED');
        const change = await req('PATCH', `/api/persons/${p.id}`, cookies[role]!, { sex: 'male' });
        expect(change.statusCode).toBe(403);
        const history = await req('GET', `/api/persons/${p.id}/history`, cookies[role]!);
        expect(history.statusCode).toBe(403);
      },
    );

    it('lets the front desk register and read a person but not change it', async () => {
      const p = await givenPerson({}, 'front_desk');
      expect((await req('GET', `/api/persons/${p.id}`, cookies.front_desk!)).statusCode).toBe(200);
      const res = await req('PATCH', `/api/persons/${p.id}`, cookies.front_desk!, { sex: 'male' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('NOT_PERMITTED');
    });

    it("answers 404 for an unknown id and for another municipality's person", async () => {
      const unknown = await req('GET', `/api/persons/${crypto.randomUUID()}`, cookies.caseworker!);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('NOT_FOUND');
      const other = await givenMunicipality(t.db);
      const otherCookie = await signIn(t.app, other.users.caseworker);
      const theirs = await req('POST', '/api/persons', otherCookie, {
        name: { familyName: `Elsewhere-${uniq()}` },
        confirmNew: true,
      });
      expect(theirs.statusCode).toBe(201);
      const res = await req('GET', `/api/persons/${theirs.json().id}`, cookies.caseworker!);
      expect(res.statusCode).toBe(404);
      const change = await req('PATCH', `/api/persons/${theirs.json().id}`, cookies.caseworker!, {
        sex: 'male',
      });
      expect(change.statusCode).toBe(404);
    });

    it('answers 400 naming id for a malformed person id', async () => {
      const res = await req('GET', '/api/persons/not-a-uuid', cookies.caseworker!);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({ id: 'must be a UUID' });
    });

    it('answers 401 without a session', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/persons/${crypto.randomUUID()}` });
      expect(res.statusCode).toBe(401);
    });
  });

  describe('changing a person', () => {
    it('changes only the given fields, writes one history row per changed field and updates their provenance', async () => {
      const p = await givenPerson({ sex: 'female', dateOfBirth: '01.01.1985', placeOfBirth: 'Kabul' });
      const res = await req('PATCH', `/api/persons/${p.id}`, cookies.case_manager!, {
        dateOfBirth: '1985-06-30',
        placeOfBirth: 'Kabul',
        nationalities: ['AF'],
      });
      expect(res.statusCode).toBe(200);
      const changed = res.json();
      expect(changed).toMatchObject({
        sex: 'female',
        placeOfBirth: 'Kabul',
        nationalities: ['AF'],
        name: p.name,
        dateOfBirth: { value: '1985-06-30', certainty: 'exact', asRecorded: '1985-06-30' },
      });
      expect(changed.provenance.dateOfBirth.agencyName).toBe('Verwaltung');
      expect(changed.provenance.nationalities.agencyName).toBe('Verwaltung');
      expect(changed.provenance.placeOfBirth.agencyName).toBe('Ausländerbehörde');
      expect(changed.provenance.name).toEqual(p.provenance.name);

      const history = await req('GET', `/api/persons/${p.id}/history`, cookies.case_manager!);
      expect(history.statusCode).toBe(200);
      const changes = history.json();
      const byManager = changes.filter((c: { staffName: string }) => c.staffName === 'Test case_manager');
      expect(byManager.map((c: { field: string }) => c.field).sort()).toEqual([
        'dateOfBirth',
        'nationalities',
      ]);
      expect(byManager.find((c: { field: string }) => c.field === 'dateOfBirth')).toMatchObject({
        oldValue: { value: null, year: 1985, certainty: 'placeholder', asRecorded: '01.01.1985' },
        newValue: { value: '1985-06-30', year: 1985, certainty: 'exact' },
        agencyName: 'Verwaltung',
        recordId: p.id,
      });
      // Newest first: the change comes before the values recorded at registration.
      expect(changes[0].staffName).toBe('Test case_manager');
      expect(changes.at(-1)).toMatchObject({
        oldValue: null,
        staffName: 'Test caseworker',
        agencyName: 'Ausländerbehörde',
      });
    });

    it('keeps the other parts of the name when a change names only the family name', async () => {
      const p = await givenPerson({ name: { givenNames: 'Olena', familyName: `Kovalenko-${uniq()}` } });
      const family = `Kowalenko-${uniq()}`;
      const res = await req('PATCH', `/api/persons/${p.id}`, cookies.caseworker!, {
        name: { familyName: family },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().name).toMatchObject({ givenNames: 'Olena', familyName: family });
      const [row] = await system<{ search_name: string }>(`SELECT search_name FROM person WHERE id = $1`, [
        p.id,
      ]);
      expect(row!.search_name).toContain('kowalenko');
    });

    it('writes no history when a change repeats the current values', async () => {
      const p = await givenPerson({ sex: 'male' });
      const before = (await req('GET', `/api/persons/${p.id}/history`, cookies.caseworker!)).json().length;
      expect(
        (await req('PATCH', `/api/persons/${p.id}`, cookies.caseworker!, { sex: 'male' })).statusCode,
      ).toBe(200);
      expect((await req('GET', `/api/persons/${p.id}/history`, cookies.caseworker!)).json()).toHaveLength(
        before,
      );
    });

    it('refuses an impossible date in a change with 400 naming dateOfBirth', async () => {
      const p = await givenPerson();
      const res = await req('PATCH', `/api/persons/${p.id}`, cookies.caseworker!, {
        dateOfBirth: '31.02.2000',
      });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['dateOfBirth']);
    });

    describe('a merged record', () => {
      let survivor: { id: string };
      let merged: { id: string };
      let mergedAzr: string;
      beforeAll(async () => {
        survivor = await givenPerson({ identifiers: [{ kind: 'aktenzeichen', value: `ABH-${uniq()}` }] });
        mergedAzr = `JC-${uniq()}`;
        merged = await givenPerson(
          { identifiers: [{ kind: 'kundennummer', value: mergedAzr }] },
          'agency_lead',
        );
        await t.db.system(async (tx) => {
          await tx.query(`UPDATE person SET merged_into = $1, root_id = $1 WHERE id = $2`, [
            survivor.id,
            merged.id,
          ]);
          await tx.query(
            `INSERT INTO person_merge (municipality_id, survivor_id, merged_id) VALUES ($1, $2, $3)`,
            [m.municipality.id, survivor.id, merged.id],
          );
        });
      });

      it('answers the surviving person, with the identifiers of every source record and the merge', async () => {
        const res = await req('GET', `/api/persons/${merged.id}`, cookies.caseworker!);
        expect(res.statusCode).toBe(200);
        const p = res.json();
        expect(p.id).toBe(survivor.id);
        expect(p.identifiers.map((i: { personId: string }) => i.personId).sort()).toEqual(
          [survivor.id, merged.id].sort(),
        );
        expect(p.identifiers.find((i: { value: string }) => i.value === mergedAzr).personId).toBe(merged.id);
        expect(p.mergedRecords).toEqual([
          { personId: merged.id, mergeId: expect.any(String), mergedAt: expect.any(String) },
        ]);
      });

      it('refuses to change the merged record with 409, naming the surviving person', async () => {
        const res = await req('PATCH', `/api/persons/${merged.id}`, cookies.caseworker!, { sex: 'male' });
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('CONFLICT');
        expect(res.json().error.message).toContain(survivor.id);
        expect(res.json().error.message).toContain('change the surviving person');
        const residence = await req('POST', `/api/persons/${merged.id}/residence`, cookies.caseworker!, {
          kind: 'duldung',
        });
        expect(residence.statusCode).toBe(409);
      });

      it('removes an identifier of a merged source record through the surviving person', async () => {
        const p = (await req('GET', `/api/persons/${survivor.id}`, cookies.caseworker!)).json();
        const id = p.identifiers.find((i: { value: string }) => i.value === mergedAzr).id;
        const res = await req('DELETE', `/api/persons/${survivor.id}/identifiers/${id}`, cookies.caseworker!);
        expect(res.statusCode).toBe(200);
        expect(res.json().identifiers.map((i: { value: string }) => i.value)).not.toContain(mergedAzr);
      });
    });
  });

  describe('identifiers', () => {
    it("adds an identifier of the caller's agency and removes it again, keeping both in the history", async () => {
      const p = await givenPerson();
      const value = `WH-${uniq()}`;
      const added = await req('POST', `/api/persons/${p.id}/identifiers`, cookies.caseworker!, {
        kind: 'aktenzeichen',
        value,
      });
      expect(added.statusCode).toBe(201);
      const identifier = added.json().identifiers.find((i: { value: string }) => i.value === value);
      expect(identifier).toMatchObject({
        kind: 'aktenzeichen',
        agencyName: 'Ausländerbehörde',
        personId: p.id,
      });
      const again = await req('POST', `/api/persons/${p.id}/identifiers`, cookies.caseworker!, {
        kind: 'aktenzeichen',
        value: ` ${value.toLowerCase()} `,
      });
      expect(again.statusCode).toBe(409);
      const removed = await req(
        'DELETE',
        `/api/persons/${p.id}/identifiers/${identifier.id}`,
        cookies.caseworker!,
      );
      expect(removed.statusCode).toBe(200);
      expect(removed.json().identifiers).toEqual([]);
      const history = (await req('GET', `/api/persons/${p.id}/history`, cookies.caseworker!)).json();
      expect(history.filter((c: { field: string }) => c.field === 'identifiers')).toHaveLength(2);
      const missing = await req(
        'DELETE',
        `/api/persons/${p.id}/identifiers/${identifier.id}`,
        cookies.caseworker!,
      );
      expect(missing.statusCode).toBe(404);
    });

    it('refuses an identifier of an agency of another municipality with 400 naming agencyId', async () => {
      const p = await givenPerson();
      const other = await givenMunicipality(t.db);
      const res = await req('POST', `/api/persons/${p.id}/identifiers`, cookies.caseworker!, {
        kind: 'azr',
        value: `AZR-${uniq()}`,
        agencyId: other.agencies.get('abh')!.id,
      });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['identifiers.0.agencyId']);
    });
  });

  describe('residence', () => {
    it('lists the titles expiring within N weeks, soonest first, leaving out extended and later ones', async () => {
      const soon = await givenPerson();
      const later = await givenPerson();
      const notYet = await givenPerson();
      const extended = await givenPerson();
      const add = (id: string, body: object) =>
        req('POST', `/api/persons/${id}/residence`, cookies.caseworker!, body);
      expect(
        (
          await add(soon.id, {
            kind: 'aufenthaltsgestattung',
            paragraph: '§ 55 AsylG',
            validFrom: daysFromToday(-170),
            validUntil: daysFromToday(10),
          })
        ).statusCode,
      ).toBe(201);
      await add(later.id, {
        kind: 'duldung',
        paragraph: '§ 60a AufenthG',
        validFrom: daysFromToday(-60),
        validUntil: daysFromToday(30),
      });
      await add(notYet.id, {
        kind: 'aufenthaltserlaubnis',
        paragraph: '§ 24 AufenthG',
        validFrom: daysFromToday(-30),
        validUntil: daysFromToday(100),
      });
      await add(extended.id, {
        kind: 'fiktionsbescheinigung',
        validFrom: daysFromToday(-80),
        validUntil: daysFromToday(5),
      });
      await add(extended.id, {
        kind: 'aufenthaltserlaubnis',
        paragraph: '§ 25 Abs. 2 AufenthG',
        validFrom: daysFromToday(6),
        validUntil: daysFromToday(1000),
      });

      const res = await req('GET', '/api/residence/expiring?weeks=6', cookies.case_manager!);
      expect(res.statusCode).toBe(200);
      const ours = res
        .json()
        .items.filter((i: { person: { id: string } }) =>
          [soon.id, later.id, notYet.id, extended.id].includes(i.person.id),
        );
      expect(ours.map((i: { person: { id: string } }) => i.person.id)).toEqual([soon.id, later.id]);
      expect(ours[0]).toMatchObject({
        daysLeft: 10,
        residence: { kind: 'aufenthaltsgestattung', paragraph: '§ 55 AsylG' },
      });
      expect(ours[1].daysLeft).toBe(30);

      const longer = await req('GET', '/api/residence/expiring?weeks=20', cookies.case_manager!);
      expect(longer.json().items.map((i: { person: { id: string } }) => i.person.id)).toContain(notYet.id);
    });

    it('lists nothing for a partner without consent, and refuses a malformed number of weeks', async () => {
      const partner = await req('GET', '/api/residence/expiring?weeks=6', cookies.partner_staff!);
      expect(partner.statusCode).toBe(200);
      expect(partner.json().items).toEqual([]);
      expect((await req('GET', '/api/residence/expiring?weeks=6', cookies.state_reporter!)).statusCode).toBe(
        403,
      );
      const res = await req('GET', '/api/residence/expiring?weeks=0', cookies.case_manager!);
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['weeks']);
    });

    it('refuses a title that ends before it begins with 400 naming validUntil', async () => {
      const p = await givenPerson();
      const res = await req('POST', `/api/persons/${p.id}/residence`, cookies.caseworker!, {
        kind: 'duldung',
        validFrom: '2025-06-01',
        validUntil: '2025-05-31',
      });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['validUntil']);
    });

    it('shows the residence history with the recording agency on the person', async () => {
      const p = await givenPerson();
      await req('POST', `/api/persons/${p.id}/residence`, cookies.caseworker!, {
        kind: 'aufenthaltsgestattung',
        validFrom: '2022-01-10',
        validUntil: '2022-07-09',
      });
      await req('POST', `/api/persons/${p.id}/residence`, cookies.caseworker!, {
        kind: 'aufenthaltserlaubnis',
        paragraph: '§ 25 Abs. 2 AufenthG',
        validFrom: '2022-07-10',
        validUntil: '2025-07-09',
      });
      const person = (await req('GET', `/api/persons/${p.id}`, cookies.caseworker!)).json();
      expect(person.residence.map((r: { kind: string }) => r.kind)).toEqual([
        'aufenthaltsgestattung',
        'aufenthaltserlaubnis',
      ]);
      expect(person.residence[1]).toMatchObject({
        agencyName: 'Ausländerbehörde',
        paragraph: '§ 25 Abs. 2 AufenthG',
      });
    });
  });

  describe('benefits', () => {
    it('records a move from AsylbLG to SGB II as two dated periods', async () => {
      const p = await givenPerson({ nationalities: ['UA'] });
      const asylblg = await req('POST', `/api/persons/${p.id}/benefits`, cookies.caseworker!, {
        system: 'AsylbLG',
        validFrom: '2022-03-15',
        validUntil: '2022-05-31',
      });
      expect(asylblg.statusCode).toBe(201);
      const sgb2 = await req('POST', `/api/persons/${p.id}/benefits`, cookies.caseworker!, {
        system: 'SGB_II',
        validFrom: '2022-06-01',
        reference: 'BG 12345',
      });
      expect(sgb2.statusCode).toBe(201);
      expect(sgb2.json().benefits).toMatchObject([
        { system: 'AsylbLG', validFrom: '2022-03-15', validUntil: '2022-05-31' },
        {
          system: 'SGB_II',
          validFrom: '2022-06-01',
          validUntil: null,
          reference: 'BG 12345',
          agencyName: 'Ausländerbehörde',
        },
      ]);
    });

    it('refuses an overlapping period of the same system with 409', async () => {
      const p = await givenPerson();
      await req('POST', `/api/persons/${p.id}/benefits`, cookies.caseworker!, {
        system: 'SGB_II',
        validFrom: '2023-01-01',
      });
      const res = await req('POST', `/api/persons/${p.id}/benefits`, cookies.caseworker!, {
        system: 'SGB_II',
        validFrom: '2022-01-01',
        validUntil: '2023-01-01',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CONFLICT');
      expect(res.json().error.message).toContain('2023-01-01');
      const before = await req('POST', `/api/persons/${p.id}/benefits`, cookies.caseworker!, {
        system: 'SGB_II',
        validFrom: '2022-01-01',
        validUntil: '2022-12-31',
      });
      expect(before.statusCode).toBe(201);
      const otherSystem = await req('POST', `/api/persons/${p.id}/benefits`, cookies.caseworker!, {
        system: 'SGB_III',
        validFrom: '2023-02-01',
      });
      expect(otherSystem.statusCode).toBe(201);
    });

    it('refuses a period that ends before it begins with 400 naming validUntil', async () => {
      const p = await givenPerson();
      const res = await req('POST', `/api/persons/${p.id}/benefits`, cookies.caseworker!, {
        system: 'AsylbLG',
        validFrom: '2023-01-01',
        validUntil: '2022-12-31',
      });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['validUntil']);
    });
  });

  describe('relations and households', () => {
    it.each([
      ['parent_of', 'child_of'],
      ['child_of', 'parent_of'],
      ['spouse_of', 'spouse_of'],
      ['guardian_of', 'ward_of'],
      ['sibling_of', 'sibling_of'],
    ])('stores %s with its inverse %s on the other person', async (relation, inverse) => {
      const a = await givenPerson();
      const b = await givenPerson();
      const res = await req('POST', `/api/persons/${a.id}/relations`, cookies.caseworker!, {
        relatedPersonId: b.id,
        relation,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().relations).toEqual([
        {
          relatedPersonId: b.id,
          relation,
          relatedDisplayName: b.displayName,
          agencyId: m.agencies.get('abh')!.id,
        },
      ]);
      const other = (await req('GET', `/api/persons/${b.id}`, cookies.caseworker!)).json();
      expect(other.relations).toEqual([
        {
          relatedPersonId: a.id,
          relation: inverse,
          relatedDisplayName: a.displayName,
          agencyId: m.agencies.get('abh')!.id,
        },
      ]);
      // Recording it again adds nothing.
      await req('POST', `/api/persons/${a.id}/relations`, cookies.caseworker!, {
        relatedPersonId: b.id,
        relation,
      });
      expect((await req('GET', `/api/persons/${a.id}`, cookies.caseworker!)).json().relations).toHaveLength(
        1,
      );
    });

    it('refuses a relation to the person itself or to an unknown person with 400 naming relatedPersonId', async () => {
      const a = await givenPerson();
      const self = await req('POST', `/api/persons/${a.id}/relations`, cookies.caseworker!, {
        relatedPersonId: a.id,
        relation: 'sibling_of',
      });
      expect(self.statusCode).toBe(400);
      expect(Object.keys(self.json().error.fields)).toEqual(['relatedPersonId']);
      const unknown = await req('POST', `/api/persons/${a.id}/relations`, cookies.caseworker!, {
        relatedPersonId: crypto.randomUUID(),
        relation: 'sibling_of',
      });
      expect(unknown.statusCode).toBe(400);
    });

    it('creates a Bedarfsgemeinschaft with its BG-Nummer, shows it on every member, adds and removes members', async () => {
      const head = await givenPerson();
      const partner = await givenPerson();
      const child = await givenPerson();
      const bg = `BG-${uniq()}`;
      const res = await req('POST', '/api/households', cookies.caseworker!, {
        kind: 'bedarfsgemeinschaft',
        bgNumber: bg,
        members: [
          { personId: head.id, role: 'head' },
          { personId: partner.id, role: 'partner' },
        ],
      });
      expect(res.statusCode).toBe(201);
      const household = res.json();
      expect(household).toMatchObject({
        kind: 'bedarfsgemeinschaft',
        bgNumber: bg,
        agencyName: 'Ausländerbehörde',
      });
      expect(household.members).toEqual([
        { personId: head.id, role: 'head', displayName: head.displayName },
        { personId: partner.id, role: 'partner', displayName: partner.displayName },
      ]);

      const added = await req('POST', `/api/households/${household.id}/members`, cookies.caseworker!, {
        personId: child.id,
        role: 'child',
      });
      expect(added.statusCode).toBe(200);
      expect(added.json().members).toHaveLength(3);
      const seen = (await req('GET', `/api/persons/${child.id}`, cookies.caseworker!)).json();
      expect(seen.households).toEqual([expect.objectContaining({ id: household.id, bgNumber: bg })]);
      expect(seen.households[0].members).toHaveLength(3);

      const removed = await req(
        'DELETE',
        `/api/households/${household.id}/members/${partner.id}`,
        cookies.caseworker!,
      );
      expect(removed.statusCode).toBe(200);
      expect(removed.json().members.map((mm: { personId: string }) => mm.personId)).toEqual([
        head.id,
        child.id,
      ]);
      expect((await req('GET', `/api/persons/${partner.id}`, cookies.caseworker!)).json().households).toEqual(
        [],
      );
      const again = await req(
        'DELETE',
        `/api/households/${household.id}/members/${partner.id}`,
        cookies.caseworker!,
      );
      expect(again.statusCode).toBe(404);
    });

    it('refuses a household with an unknown member naming its place, and an unknown household with 404', async () => {
      const res = await req('POST', '/api/households', cookies.caseworker!, {
        kind: 'family',
        members: [{ personId: crypto.randomUUID(), role: 'head' }],
      });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['members.0.personId']);
      const p = await givenPerson();
      const unknown = await req(
        'POST',
        `/api/households/${crypto.randomUUID()}/members`,
        cookies.caseworker!,
        {
          personId: p.id,
          role: 'child',
        },
      );
      expect(unknown.statusCode).toBe(404);
      const front = await req('POST', '/api/households', cookies.front_desk!, {
        kind: 'family',
        members: [{ personId: p.id, role: 'head' }],
      });
      expect(front.statusCode).toBe(403);
    });
  });

  it('documents the person endpoints in the OpenAPI document under the tag persons', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const [path, method] of [
      ['/api/persons', 'post'],
      ['/api/persons/{id}', 'get'],
      ['/api/persons/{id}', 'patch'],
      ['/api/persons/{id}/history', 'get'],
      ['/api/persons/{id}/identifiers', 'post'],
      ['/api/persons/{id}/identifiers/{identifierId}', 'delete'],
      ['/api/persons/{id}/residence', 'post'],
      ['/api/residence/expiring', 'get'],
      ['/api/persons/{id}/benefits', 'post'],
      ['/api/persons/{id}/relations', 'post'],
      ['/api/households', 'post'],
      ['/api/households/{id}/members', 'post'],
      ['/api/households/{id}/members/{personId}', 'delete'],
    ])
      expect(doc.paths[path!][method!].tags).toEqual(['persons']);
  });
});
