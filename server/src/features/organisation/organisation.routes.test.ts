import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenMunicipality, signIn, type TestApp, testApp } from '../../../test/harness';

describe('administration of sites, agencies and staff', () => {
  let t: TestApp;
  let m: Awaited<ReturnType<typeof givenMunicipality>>;
  let admin: string;
  const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await testApp();
    m = await givenMunicipality(t.db);
    admin = await signIn(t.app, m.users.municipal_admin);
  });
  afterAll(() => t.app.close());

  it('shows every staff member the municipality with its sites, agencies and partners', async () => {
    const cookie = await signIn(t.app, m.users.front_desk);
    const res = await req('GET', '/api/organisation', cookie);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.municipality.slug).toBe(m.municipality.slug);
    expect(body.sites.map((s: { name: string }) => s.name)).toEqual(['Haus der Integration']);
    expect(body.agencies.map((a: { code: string }) => a.code).sort()).toEqual([
      'abh',
      'jobcenter',
      'partner',
      'verwaltung',
    ]);
  });

  it('lets an administrator add and change a site', async () => {
    const created = await req('POST', '/api/admin/sites', admin, {
      name: 'Ehemalige Schule',
      address: 'Hufschmiedstraße',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Ehemalige Schule', active: true });
    const changed = await req('PUT', `/api/admin/sites/${created.json().id}`, admin, {
      name: 'Ehemalige Schule Hufschmiedstraße',
      address: 'Hufschmiedstraße',
      active: false,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Ehemalige Schule Hufschmiedstraße', active: false });
  });

  it('answers 409 naming the field when a site name is taken', async () => {
    const res = await req('POST', '/api/admin/sites', admin, { name: 'Haus der Integration' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual({ name: 'is already used by another site' });
  });

  it('lets an administrator add an agency with its legal domains and a partner', async () => {
    const agency = await req('POST', '/api/admin/agencies', admin, {
      kind: 'agency',
      code: 'wh',
      name: 'Wirtschaftliche Hilfe',
      legalDomains: ['AsylbLG', 'SGB_XII'],
    });
    expect(agency.statusCode).toBe(201);
    expect(agency.json()).toMatchObject({
      kind: 'agency',
      legalDomains: ['AsylbLG', 'SGB_XII'],
      siteId: null,
    });
    const partner = await req('POST', '/api/admin/agencies', admin, {
      kind: 'partner',
      code: 'ihk',
      name: 'IHK',
      legalDomains: ['none'],
    });
    expect(partner.statusCode).toBe(201);
    const changed = await req('PUT', `/api/admin/agencies/${agency.json().id}`, admin, {
      kind: 'agency',
      code: 'wh',
      name: 'Wirtschaftliche Hilfe (AsylbLG/SGB XII)',
      legalDomains: ['AsylbLG', 'SGB_XII'],
    });
    expect(changed.json().name).toBe('Wirtschaftliche Hilfe (AsylbLG/SGB XII)');
  });

  it('refuses an agency with an unknown legal domain, a bad code or a taken code, naming the field', async () => {
    const bad = await req('POST', '/api/admin/agencies', admin, {
      kind: 'agency',
      code: 'Bad Code',
      name: 'X',
      legalDomains: ['SGB_99'],
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['code', 'legalDomains.0']);
    const taken = await req('POST', '/api/admin/agencies', admin, {
      kind: 'agency',
      code: 'abh',
      name: 'X',
      legalDomains: ['AufenthG'],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields).toEqual({ code: 'is already used by another agency' });
  });

  it('creates a staff account that can sign in with its first password', async () => {
    const res = await req('POST', '/api/admin/staff', admin, {
      username: `neu-${m.suffix}`,
      displayName: 'Neue Kollegin',
      email: 'neu@example.org',
      agencyId: m.agencies.get('jobcenter')!.id,
      roles: ['caseworker'],
      password: 'first-password-1',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ roles: ['caseworker'], active: true, totpEnabled: false });
    expect(res.json()).not.toHaveProperty('passwordHash');
    const cookie = await signIn(t.app, `neu-${m.suffix}`, 'first-password-1');
    const me = await req('GET', '/api/auth/me', cookie);
    expect(me.json().agency.code).toBe('jobcenter');
  });

  it('refuses a taken user name with 409 and an empty role list with 400', async () => {
    const base = { displayName: 'X', agencyId: m.agencies.get('abh')!.id, password: 'first-password-1' };
    const taken = await req('POST', '/api/admin/staff', admin, {
      ...base,
      username: m.users.caseworker,
      roles: ['caseworker'],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields).toEqual({ username: 'is already taken' });
    const noRole = await req('POST', '/api/admin/staff', admin, {
      ...base,
      username: `x-${m.suffix}`,
      roles: [],
    });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().error.fields).toEqual({ roles: 'give at least one role' });
  });

  it('changes roles and agency, and the change applies to the running session', async () => {
    const user = m.users.case_manager;
    const cookie = await signIn(t.app, user);
    const res = await req('PATCH', `/api/admin/staff/${m.staff.get(user)!.id}`, admin, {
      roles: ['case_manager', 'agency_lead'],
      agencyId: m.agencies.get('jobcenter')!.id,
    });
    expect(res.statusCode).toBe(200);
    const me = (await req('GET', '/api/auth/me', cookie)).json();
    expect(me.roles).toEqual(['case_manager', 'agency_lead']);
    expect(me.agency.code).toBe('jobcenter');
  });

  it('sets a new password for a staff member and ends their running sessions', async () => {
    const g = await givenMunicipality(t.db);
    const a = await signIn(t.app, g.users.municipal_admin);
    const old = await signIn(t.app, g.users.front_desk);
    const res = await req('PATCH', `/api/admin/staff/${g.staff.get(g.users.front_desk)!.id}`, a, {
      password: 'reset-password-1',
    });
    expect(res.statusCode).toBe(200);
    expect((await req('GET', '/api/auth/me', old)).statusCode).toBe(401);
    await expect(signIn(t.app, g.users.front_desk, 'reset-password-1')).resolves.toContain('lotse_session=');
  });

  it('does not let an administrator disable their own account or drop their own administrator role', async () => {
    const res = await req('PATCH', `/api/admin/staff/${m.staff.get(m.users.municipal_admin)!.id}`, admin, {
      active: false,
    });
    expect(res.statusCode).toBe(409);
  });

  it('answers 404 for an unknown staff member and 400 for an id that is not a UUID', async () => {
    expect(
      (await req('PATCH', '/api/admin/staff/00000000-0000-4000-8000-000000000000', admin, { active: true }))
        .statusCode,
    ).toBe(404);
    const bad = await req('PATCH', '/api/admin/staff/not-a-uuid', admin, { active: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('id');
  });

  it('shows an agency lead only the staff of their own agency and refuses them changes', async () => {
    const lead = await signIn(t.app, m.users.agency_lead);
    const res = await req('GET', '/api/admin/staff', lead);
    expect(res.statusCode).toBe(200);
    const agencyId = m.agencies.get('abh')!.id;
    expect(res.json().length).toBeGreaterThan(0);
    expect(res.json().every((s: { agencyId: string }) => s.agencyId === agencyId)).toBe(true);
    expect((await req('POST', '/api/admin/sites', lead, { name: 'Nope' })).statusCode).toBe(403);
  });

  it('refuses every administration endpoint to other roles with 403 FORBIDDEN', async () => {
    const cookie = await signIn(t.app, m.users.front_desk);
    for (const [method, url, payload] of [
      ['GET', '/api/admin/staff', undefined],
      ['POST', '/api/admin/sites', { name: 'X' }],
      ['POST', '/api/admin/agencies', { kind: 'agency', code: 'x', name: 'X', legalDomains: ['none'] }],
      ['PATCH', `/api/admin/staff/${m.staff.get(m.users.front_desk)!.id}`, { roles: ['municipal_admin'] }],
    ] as const) {
      const res = await req(method, url, cookie, payload);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('refuses administration without a session with 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/staff' });
    expect(res.statusCode).toBe(401);
  });
});
