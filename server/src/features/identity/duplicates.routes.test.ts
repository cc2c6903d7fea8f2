import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenMunicipality, signIn, type TestApp, testApp } from '../../../test/harness';

describe('search, duplicate review, merge and undo', () => {
  let t: TestApp;
  let m: Awaited<ReturnType<typeof givenMunicipality>>;
  let abh: string;
  const call = async (opts: InjectOptions, cookie = abh) =>
    t.app.inject({ ...opts, headers: { cookie, ...(opts.headers ?? {}) } });
  const create = async (payload: object, cookie = abh) => {
    const res = await call(
      { method: 'POST', url: '/api/persons', payload: { confirmNew: true, ...payload } },
      cookie,
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const search = async (q: string) =>
    (await call({ method: 'GET', url: `/api/persons/search?q=${encodeURIComponent(q)}` })).json();

  let hassan: string;
  let alhasan: string;
  let other: string;
  beforeAll(async () => {
    t = await testApp();
    m = await givenMunicipality(t.db, { sharing: 'open' });
    abh = await signIn(t.app, m.users.caseworker);
    hassan = await create({
      name: {
        givenNames: 'Mohammed',
        familyName: 'Al-Hassan',
        givenNamesOriginal: 'محمد',
        familyNameOriginal: 'الحسن',
      },
      dateOfBirth: '15.04.1990',
      placeOfBirth: 'Aleppo',
      nationalities: ['SY'],
      identifiers: [{ kind: 'azr', value: '1234567890' }],
    });
    alhasan = await create({
      name: { givenNames: 'Muhammad', familyName: 'Alhasan' },
      dateOfBirth: '01.01.1990',
      nationalities: ['SY'],
      identifiers: [{ kind: 'kundennummer', value: '962D123456', agencyId: m.agencies.get('jobcenter')!.id }],
    });
    other = await create({
      name: { givenNames: 'Mohammed', familyName: 'Haddad' },
      dateOfBirth: '1975-02-11',
    });
  });
  afterAll(() => t.app.close());

  it('finds a person by a transliteration variant and says why', async () => {
    const body = await search('Muhamad Alhassan');
    expect(body.hits[0].person.id).toBeOneOf([hassan, alhasan]);
    expect(
      body.hits
        .slice(0, 2)
        .map((h: { person: { id: string } }) => h.person.id)
        .sort(),
    ).toEqual([hassan, alhasan].sort());
    expect(body.hits[0].reasons.map((r: { code: string }) => r.code)).toContain('transliteration');
    expect(body.hits[0].score).toBeGreaterThan(0);
    expect(body.hits[0].score).toBeLessThanOrEqual(1);
  });

  it('finds a person by the name in original script and with swapped name order', async () => {
    expect((await search('محمد الحسن')).hits.map((h: { person: { id: string } }) => h.person.id)).toContain(
      hassan,
    );
    expect((await search('Alhasan Muhammad')).hits[0].person.id).toBe(alhasan);
  });

  it('finds a person by an identifier in another notation', async () => {
    const body = await search('962 D 123456');
    expect(body.hits[0].person.id).toBe(alhasan);
    expect(body.hits[0].reasons.map((r: { code: string }) => r.code)).toContain('identifier');
  });

  it('ranks the right year of birth first among people sharing a common name', async () => {
    const body = await search('Mohammed 1975');
    expect(body.hits[0].person.id).toBe(other);
  });

  it('audits a search with the persons it showed', async () => {
    await search('Haddad');
    const rows = await t.db.tenant(m.municipality.id, (tx) =>
      tx.query<{ details: { personIds: string[] } }>(
        `SELECT details FROM audit_log WHERE action = 'person.search' ORDER BY seq DESC LIMIT 1`,
      ),
    );
    expect(rows.rows[0]!.details.personIds).toContain(other);
  });

  it('refuses an empty query with 400 and finds no one for a partner without consent', async () => {
    expect((await call({ method: 'GET', url: '/api/persons/search?q=' })).statusCode).toBe(400);
    const partner = await signIn(t.app, m.users.partner_staff);
    const res = await call({ method: 'GET', url: '/api/persons/search?q=Haddad' }, partner);
    expect(res.statusCode).toBe(200);
    expect(res.json().hits).toEqual([]);
  });

  it('catches a duplicate on entry with 409 and the candidates, and saves nothing', async () => {
    const res = await call({
      method: 'POST',
      url: '/api/persons',
      payload: { name: { givenNames: 'Mohamad', familyName: 'El Hassan' }, dateOfBirth: '1990-04-15' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('LIKELY_DUPLICATE');
    expect(res.json().candidates[0].person.id).toBe(hassan);
  });

  let candidateId: string;
  it('queues the suspected pair in a scan, and a second scan adds nothing', async () => {
    const scan = await call({ method: 'POST', url: '/api/duplicates/scan' });
    expect(scan.statusCode).toBe(200);
    expect(scan.json().newCandidates).toBeGreaterThanOrEqual(1);
    const again = await call({ method: 'POST', url: '/api/duplicates/scan' });
    expect(again.json().newCandidates).toBe(0);
    const list = (await call({ method: 'GET', url: '/api/duplicates' })).json();
    const pair = list.candidates.find(
      (c: { a: { id: string }; b: { id: string } }) =>
        [c.a.id, c.b.id].sort().join() === [hassan, alhasan].sort().join(),
    );
    expect(pair).toBeDefined();
    expect(
      list.candidates.some((c: { a: { id: string }; b: { id: string } }) => [c.a.id, c.b.id].includes(other)),
    ).toBe(false);
    candidateId = pair.id;
  });

  it('finds a Bedarfsgemeinschaft by its BG-Nummer but never takes its members for one person', async () => {
    const bg = { kind: 'bg_nummer', value: '36201BG0031207', agencyId: m.agencies.get('jobcenter')!.id };
    const rami = await create({
      name: { givenNames: 'Rami', familyName: 'Khalil' },
      dateOfBirth: '1985-03-02',
      identifiers: [bg],
    });
    // Entered without confirming: a shared household number alone is no reason to stop at a likely duplicate.
    const res = await call({
      method: 'POST',
      url: '/api/persons',
      payload: {
        name: { givenNames: 'Nour', familyName: 'Khalil' },
        dateOfBirth: '1988-07-19',
        identifiers: [bg],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const nour = res.json().id as string;
    const hits = (await search('36201 BG 0031207')).hits.map((h: { person: { id: string } }) => h.person.id);
    expect(hits).toEqual(expect.arrayContaining([rami, nour]));
    await call({ method: 'POST', url: '/api/duplicates/scan' });
    const list = (await call({ method: 'GET', url: '/api/duplicates' })).json();
    expect(
      list.candidates.some((c: { a: { id: string }; b: { id: string } }) =>
        [c.a.id, c.b.id].every((id) => [rami, nour].includes(id)),
      ),
    ).toBe(false);
  });

  it('shows both persons side by side', async () => {
    const res = await call({ method: 'GET', url: `/api/duplicates/${candidateId}` });
    expect(res.statusCode).toBe(200);
    expect([res.json().a.id, res.json().b.id].sort()).toEqual([hassan, alhasan].sort());
  });

  let mergeId: string;
  it('merges the pair keeping every source record and identifier, then undoes it', async () => {
    const merge = await call({
      method: 'POST',
      url: `/api/duplicates/${candidateId}/merge`,
      payload: { survivorId: hassan },
    });
    expect(merge.statusCode).toBe(200);
    mergeId = merge.json().mergeId;
    expect(merge.json()).toMatchObject({ survivorId: hassan, mergedId: alhasan });

    const person = (await call({ method: 'GET', url: `/api/persons/${alhasan}` })).json();
    expect(person.id).toBe(hassan);
    expect(person.identifiers.map((i: { value: string }) => i.value).sort()).toEqual([
      '1234567890',
      '962D123456',
    ]);
    expect(person.mergedRecords.map((r: { personId: string }) => r.personId)).toEqual([alhasan]);
    const hits = (await search('Muhammad Alhasan')).hits.map((h: { person: { id: string } }) => h.person.id);
    expect(hits).toContain(hassan);
    expect(hits).not.toContain(alhasan);
    expect(
      (
        await call({
          method: 'POST',
          url: `/api/duplicates/${candidateId}/merge`,
          payload: { survivorId: hassan },
        })
      ).statusCode,
    ).toBe(409);

    expect((await call({ method: 'POST', url: `/api/merges/${mergeId}/undo` })).statusCode).toBe(204);
    const back = (await call({ method: 'GET', url: `/api/persons/${alhasan}` })).json();
    expect(back.id).toBe(alhasan);
    expect(back.identifiers.map((i: { value: string }) => i.value)).toEqual(['962D123456']);
    const open = (await call({ method: 'GET', url: '/api/duplicates' })).json();
    expect(open.candidates.map((c: { id: string }) => c.id)).toContain(candidateId);
    expect((await call({ method: 'POST', url: `/api/merges/${mergeId}/undo` })).statusCode).toBe(409);
  });

  it('audits the merge and the undo', async () => {
    const rows = await t.db.tenant(m.municipality.id, (tx) =>
      tx.query<{ details: Record<string, unknown> }>(
        `SELECT details FROM audit_log WHERE action = 'person.merge' ORDER BY seq`,
      ),
    );
    expect(rows.rows.some((r) => r.details.undo === true)).toBe(true);
    expect(rows.rows.some((r) => r.details.candidateId === candidateId)).toBe(true);
  });

  it('rejects a pair as two people so no scan suggests it again', async () => {
    expect((await call({ method: 'POST', url: `/api/duplicates/${candidateId}/reject` })).statusCode).toBe(
      204,
    );
    await call({ method: 'POST', url: '/api/duplicates/scan' });
    const open = (await call({ method: 'GET', url: '/api/duplicates' })).json();
    expect(open.candidates.map((c: { id: string }) => c.id)).not.toContain(candidateId);
    const rejected = (await call({ method: 'GET', url: '/api/duplicates?status=rejected' })).json();
    expect(rejected.candidates.map((c: { id: string }) => c.id)).toContain(candidateId);
  });

  it('refuses a survivor outside the pair, an unknown pair, and the front desk', async () => {
    const bad = await call({
      method: 'POST',
      url: `/api/duplicates/${candidateId}/merge`,
      payload: { survivorId: other },
    });
    expect(bad.statusCode).toBe(409);
    expect(
      (await call({ method: 'GET', url: '/api/duplicates/00000000-0000-4000-8000-000000000000' })).statusCode,
    ).toBe(404);
    const desk = await signIn(t.app, m.users.front_desk);
    expect((await call({ method: 'GET', url: '/api/duplicates' }, desk)).statusCode).toBe(403);
  });
});
