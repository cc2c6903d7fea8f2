import type { InjectOptions } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenMunicipality, signIn, type TestApp, testApp } from '../../../test/harness';

const b64 = (text: string, encoding = 'utf8', bom = false) =>
  iconv.encode(text, encoding, { addBOM: bom }).toString('base64');

describe("importing an agency's CSV export", () => {
  let t: TestApp;
  let m: Awaited<ReturnType<typeof givenMunicipality>>;
  let cookie: string;
  const call = (opts: InjectOptions, c = cookie) =>
    t.app.inject({ ...opts, headers: { cookie: c, ...(opts.headers ?? {}) } });
  const count = async () =>
    (
      await t.db.tenant(m.municipality.id, (tx) =>
        tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM person`),
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    t = await testApp();
    m = await givenMunicipality(t.db);
    cookie = await signIn(t.app, m.users.caseworker);
    const res = await call({
      method: 'POST',
      url: '/api/persons',
      payload: {
        name: { givenNames: 'Olena', familyName: 'Shevchenko' },
        dateOfBirth: '1985-06-02',
        identifiers: [{ kind: 'azr', value: 'AZR-555' }],
        confirmNew: true,
      },
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(() => t.app.close());

  const FILE = [
    'Vorname;Nachname;Geburtsdatum;Geschlecht;Aktenzeichen',
    'Jürgen;Müller;24.12.1970;m;AZ-1',
    'Olena;Schewtschenko;02.06.1985;w;AZ-2',
    ';;;;',
    'Ahmad;Karimi;1974-01-32;m;AZ-3',
    'Samira;Nouri;1999;x;AZ-4',
    'Samira;Nouri;1999;w;AZ-5',
    'Hamid;Sultani;00.00.1960;q;AZ-6',
  ].join('\r\n');

  it('previews a Windows-1252 file with its columns, encoding, delimiter and a suggested mapping', async () => {
    const res = await call({
      method: 'POST',
      url: '/api/imports/preview',
      payload: { fileName: 'abh.csv', content: b64(FILE, 'win1252') },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.columns).toEqual(['Vorname', 'Nachname', 'Geburtsdatum', 'Geschlecht', 'Aktenzeichen']);
    expect(body.delimiter).toBe(';');
    expect(body.encoding).not.toBe('UTF-8');
    expect(body.sample[0]).toEqual(['Jürgen', 'Müller', '24.12.1970', 'm', 'AZ-1']);
    expect(body.suggestedMapping).toEqual({
      Vorname: 'givenNames',
      Nachname: 'familyName',
      Geburtsdatum: 'dateOfBirth',
      Geschlecht: 'sex',
      Aktenzeichen: 'identifier:aktenzeichen',
    });
  });

  const mapping = {
    Vorname: 'givenNames',
    Nachname: 'familyName',
    Geburtsdatum: 'dateOfBirth',
    Geschlecht: 'sex',
    Aktenzeichen: 'identifier:aktenzeichen',
  };

  it('reports line by line what a dry run would create, match and reject, and writes no person', async () => {
    const before = await count();
    const res = await call({
      method: 'POST',
      url: '/api/imports',
      payload: { fileName: 'abh.csv', content: b64(FILE, 'utf16le', true), mapping },
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.status).toBe('dry_run');
    expect(report.encoding).toBe('UTF-16LE');
    const byLine = Object.fromEntries(report.lines.map((l: { line: number }) => [l.line, l]));
    expect(byLine[2].outcome).toBe('create');
    expect(byLine[3].outcome).toBe('match');
    expect(byLine[4].outcome).toBe('skip');
    expect(byLine[5]).toMatchObject({ outcome: 'reject' });
    expect(byLine[5].problems[0].field).toBe('dateOfBirth');
    expect(byLine[6].outcome).toBe('create');
    expect(byLine[7].outcome).toBe('reject');
    expect(byLine[7].problems[0].message).toMatch(/same person as line 6/);
    expect(byLine[8].problems[0].field).toBe('sex');
    expect(report.summary).toEqual({ lines: 7, create: 2, match: 1, reject: 3, skip: 1 });
    expect(await count()).toBe(before);
  });

  it('refuses to apply a dry run with refused lines, names them, and imports nothing', async () => {
    const dry = (
      await call({
        method: 'POST',
        url: '/api/imports',
        payload: { fileName: 'abh.csv', content: b64(FILE), mapping },
      })
    ).json();
    const before = await count();
    const res = await call({ method: 'POST', url: `/api/imports/${dry.id}/apply` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMPORT_INVALID');
    expect(Object.keys(res.json().error.fields)).toEqual(['line.5', 'line.7', 'line.8']);
    expect(await count()).toBe(before);
  });

  it('applies a clean file all at once: creates the new persons and adds identifiers to the known one', async () => {
    const clean = [
      'Vorname,Nachname,Geburtsdatum,Aktenzeichen',
      'Jürgen,Müller,24.12.1970,AZ-1',
      'Olena,Schewtschenko,02.06.1985,AZ-2',
      'Samira,Nouri,1999,AZ-4',
    ].join('\n');
    const { Geschlecht: _sex, ...cleanMapping } = mapping;
    const dry = (
      await call({
        method: 'POST',
        url: '/api/imports',
        payload: { fileName: 'clean.csv', content: b64(clean), mapping: cleanMapping },
      })
    ).json();
    expect(dry.summary).toMatchObject({ create: 2, match: 1, reject: 0 });
    const before = await count();
    const res = await call({ method: 'POST', url: `/api/imports/${dry.id}/apply` });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('applied');
    expect(await count()).toBe(before + 2);
    const olena = res.json().lines.find((l: { line: number }) => l.line === 3).personId;
    const person = (await call({ method: 'GET', url: `/api/persons/${olena}` })).json();
    expect(person.identifiers.map((i: { value: string }) => i.value).sort()).toEqual(['AZ-2', 'AZR-555']);
    expect((await call({ method: 'POST', url: `/api/imports/${dry.id}/apply` })).statusCode).toBe(409);
    const search = (await call({ method: 'GET', url: '/api/persons/search?q=Samira%20Nouri' })).json();
    expect(search.hits[0].person.dateOfBirth.certainty).toBe('year_only');
  });

  it('refuses a mapping without a name column, an unknown column and an empty file', async () => {
    const noName = await call({
      method: 'POST',
      url: '/api/imports',
      payload: { content: b64(FILE), mapping: { Geburtsdatum: 'dateOfBirth' } },
    });
    expect(noName.statusCode).toBe(400);
    const unknown = await call({
      method: 'POST',
      url: '/api/imports',
      payload: { content: b64(FILE), mapping: { Name: 'familyName' } },
    });
    expect(unknown.json().error.fields.mapping).toMatch(/Name/);
    const empty = await call({ method: 'POST', url: '/api/imports/preview', payload: { content: '' } });
    expect(empty.statusCode).toBe(400);
  });

  it('refuses imports to the front desk and partners', async () => {
    const desk = await signIn(t.app, m.users.front_desk);
    expect(
      (await call({ method: 'POST', url: '/api/imports/preview', payload: { content: b64(FILE) } }, desk))
        .statusCode,
    ).toBe(403);
    const partner = await signIn(t.app, m.users.partner_staff);
    expect(
      (await call({ method: 'POST', url: '/api/imports', payload: { content: b64(FILE), mapping } }, partner))
        .statusCode,
    ).toBe(403);
  });
});
