import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenMunicipality, signIn, type TestApp, testApp, TEST_PASSWORD } from '../../../test/harness';

const login = (t: TestApp, body: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: body, headers });
const me = (t: TestApp, cookie: string) =>
  t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

describe('sign-in and sessions', () => {
  let t: TestApp;
  let m: Awaited<ReturnType<typeof givenMunicipality>>;
  beforeAll(async () => {
    t = await testApp({ login: { maxFailures: 3, lockMinutes: 15, ratePerMinute: 1000 } });
    m = await givenMunicipality(t.db);
  });
  afterAll(() => t.app.close());

  it('signs in with user name and password and sets an HttpOnly SameSite session cookie', async () => {
    const res = await login(t, { username: m.users.caseworker, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'lotse_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    expect(res.json()).toMatchObject({
      username: m.users.caseworker,
      roles: ['caseworker'],
      municipality: { slug: m.municipality.slug, isDemo: false },
      agency: { code: 'abh', legalDomains: ['AufenthG'] },
      authMethod: 'password',
    });
  });

  it('accepts the user name in any letter case', async () => {
    const res = await login(t, { username: m.users.caseworker.toUpperCase(), password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
  });

  it('returns the signed-in staff member with municipality, agency and roles from GET /api/auth/me', async () => {
    const cookie = await signIn(t.app, m.users.front_desk);
    const res = await me(t, cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['front_desk'], municipality: { id: m.municipality.id } });
  });

  it('answers 401 UNAUTHENTICATED on /api/auth/me without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const wrong = await login(t, { username: m.users.case_manager, password: 'wrong-password' });
    const unknown = await login(t, { username: `nobody-${m.suffix}`, password: 'wrong-password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers 400 naming the field when the user name is missing', async () => {
    const res = await login(t, { password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { username: 'is required' },
    });
  });

  it('gives a new session id at every sign-in and ends the previous session of that browser', async () => {
    const first = await signIn(t.app, m.users.state_reporter);
    const res = await login(
      t,
      { username: m.users.state_reporter, password: TEST_PASSWORD },
      { cookie: first },
    );
    const second = `lotse_session=${res.cookies.find((c) => c.name === 'lotse_session')!.value}`;
    expect(second).not.toBe(first);
    expect((await me(t, second)).statusCode).toBe(200);
    expect((await me(t, first)).statusCode).toBe(401);
  });

  it('ends the session on sign-out', async () => {
    const cookie = await signIn(t.app, m.users.front_desk);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const res = await me(t, cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('expires a session after the idle timeout', async () => {
    const cookie = await signIn(t.app, m.users.case_manager);
    await t.db.system((tx) =>
      tx.query(`UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE staff_id = $1`, [
        m.staff.get(m.users.case_manager)!.id,
      ]),
    );
    const res = await me(t, cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('expires a session after the absolute timeout even when it is in use', async () => {
    const cookie = await signIn(t.app, m.users.agency_lead);
    await t.db.system((tx) =>
      tx.query(`UPDATE session SET absolute_expires_at = now() - interval '1 second' WHERE staff_id = $1`, [
        m.staff.get(m.users.agency_lead)!.id,
      ]),
    );
    expect((await me(t, cookie)).statusCode).toBe(401);
  });

  it('locks the account after too many failed sign-ins, even for the right password, until an administrator unlocks it', async () => {
    const user = m.users.partner_staff;
    for (let i = 0; i < 2; i++)
      expect((await login(t, { username: user, password: 'nope-nope-nope' })).statusCode).toBe(401);
    const third = await login(t, { username: user, password: 'nope-nope-nope' });
    expect(third.statusCode).toBe(423);
    expect(third.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await login(t, { username: user, password: TEST_PASSWORD });
    expect(right.statusCode).toBe(423);

    const admin = await signIn(t.app, m.users.municipal_admin);
    const id = m.staff.get(user)!.id;
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/staff', headers: { cookie: admin } });
    expect(list.json().find((s: { id: string }) => s.id === id).lockedUntil).not.toBeNull();
    const unlock = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/staff/${id}`,
      headers: { cookie: admin },
      payload: { unlock: true },
    });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json().lockedUntil).toBeNull();
    expect((await login(t, { username: user, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses a disabled account and ends its sessions at once', async () => {
    const g = await givenMunicipality(t.db);
    const cookie = await signIn(t.app, g.users.front_desk);
    const admin = await signIn(t.app, g.users.municipal_admin);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/staff/${g.staff.get(g.users.front_desk)!.id}`,
      headers: { cookie: admin },
      payload: { active: false },
    });
    expect((await me(t, cookie)).statusCode).toBe(401);
    const res = await login(t, { username: g.users.front_desk, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ACCOUNT_DISABLED');
  });

  it('records every sign-in and failed sign-in in the audit log without the password', async () => {
    const g = await givenMunicipality(t.db);
    await login(t, { username: g.users.caseworker, password: 'wrong-secret-123' });
    await signIn(t.app, g.users.caseworker);
    const rows = await t.db.tenant(g.municipality.id, (tx) =>
      tx.query<{ action: string; details: Record<string, unknown> }>(
        `SELECT action, details FROM audit_log WHERE subject_id = $1 ORDER BY seq`,
        [g.staff.get(g.users.caseworker)!.id],
      ),
    );
    expect(rows.rows.map((r) => r.action)).toEqual(['auth.login.failed', 'auth.login']);
    expect(JSON.stringify(rows.rows)).not.toContain('wrong-secret-123');
  });
});

describe('sign-in rate limiting', () => {
  it('answers 429 RATE_LIMITED when one address tries to sign in too often', async () => {
    const t = await testApp({ login: { maxFailures: 100, lockMinutes: 1, ratePerMinute: 3 } });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await login(t, { username: 'nobody-at-all', password: 'whatever-123' })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const last = await login(t, { username: 'nobody-at-all', password: 'whatever-123' });
    expect(last.json().error.code).toBe('RATE_LIMITED');
    await t.app.close();
  });
});

describe('password change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.app.close());

  it('changes the own password, ends the other sessions and keeps this one', async () => {
    const m = await givenMunicipality(t.db);
    const other = await signIn(t.app, m.users.caseworker);
    const cookie = await signIn(t.app, m.users.caseworker);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a-new-long-password' },
    });
    expect(res.statusCode).toBe(204);
    expect((await me(t, cookie)).statusCode).toBe(200);
    expect((await me(t, other)).statusCode).toBe(401);
    expect((await login(t, { username: m.users.caseworker, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect(
      (await login(t, { username: m.users.caseworker, password: 'a-new-long-password' })).statusCode,
    ).toBe(200);
  });

  it('refuses a wrong current password and a too short new one, naming the field', async () => {
    const m = await givenMunicipality(t.db);
    const cookie = await signIn(t.app, m.users.caseworker);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: 'not-it-at-all', newPassword: 'a-new-long-password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual({ currentPassword: 'is wrong' });
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields.newPassword).toMatch(/at least 10/);
  });
});

describe('TOTP second factor', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.app.close());

  const codeFor = (secret: string) =>
    new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate();

  it('is set up with a code from the app, then required at sign-in, and can be turned off with the password', async () => {
    const m = await givenMunicipality(t.db);
    const user = m.users.municipal_admin;
    const cookie = await signIn(t.app, user);
    const setup = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie } });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri, qrSvg } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Lotse/);
    expect(qrSvg).toContain('<svg');

    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie },
      payload: { code: '000000' === codeFor(secret) ? '111111' : '000000' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('TOTP_INVALID');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie },
      payload: { code: codeFor(secret) },
    });
    expect(ok.statusCode).toBe(204);

    const noCode = await login(t, { username: user, password: TEST_PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('TOTP_REQUIRED');
    expect(noCode.cookies.find((c) => c.name === 'lotse_session')).toBeUndefined();
    const withCode = await login(t, { username: user, password: TEST_PASSWORD, totp: codeFor(secret) });
    expect(withCode.statusCode).toBe(200);
    expect(withCode.json().totpEnabled).toBe(true);

    const off = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/disable',
      headers: { cookie },
      payload: { password: TEST_PASSWORD },
    });
    expect(off.statusCode).toBe(204);
    expect((await login(t, { username: user, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses a wrong second-factor code at sign-in and counts it as a failure', async () => {
    const m = await givenMunicipality(t.db);
    const user = m.users.caseworker;
    const cookie = await signIn(t.app, user);
    const { secret } = (
      await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie } })
    ).json();
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie },
      payload: { code: codeFor(secret) },
    });
    const wrongCode = codeFor(secret) === '123456' ? '654321' : '123456';
    const res = await login(t, { username: user, password: TEST_PASSWORD, totp: wrongCode });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TOTP_INVALID');
    const rows = await t.db.system((tx) =>
      tx.query<{ failed_logins: number }>(`SELECT failed_logins FROM staff WHERE username = $1`, [user]),
    );
    expect(rows.rows[0]!.failed_logins).toBe(1);
  });
});
