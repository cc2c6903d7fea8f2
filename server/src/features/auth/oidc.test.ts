import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OidcProvider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, givenMunicipality, signIn, testApp, uniq } from '../../../test/harness';
import { mapClaims } from './oidc.service';

// A real OpenID Connect provider (oidc-provider with its development login and consent forms) on 127.0.0.1,
// driven over HTTP like a browser would; Lotse itself is reached with app.inject.

const PUBLIC_URL = 'http://lotse.test';
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;
const CLIENT_ID = 'lotse';
const CLIENT_SECRET = 'provider-client-secret-do-not-show';

const Provider = OidcProvider as new (
  issuer: string,
  configuration: Record<string, unknown>,
) => { callback(): http.RequestListener };

type AccountClaims = {
  preferred_username: string;
  name: string;
  email: string;
  agency: string;
  groups: string[];
};
const accounts = new Map<string, AccountClaims>();

function givenAccount(claims: Partial<AccountClaims> = {}): string {
  const id = `acc-${uniq()}`;
  accounts.set(id, {
    preferred_username: `anna.${id}`,
    name: 'Anna Schmidt',
    email: `anna.${id}@kommune.example`,
    agency: 'abh',
    groups: ['lotse-caseworker'],
    ...claims,
  });
  return id;
}

async function startProvider(): Promise<{ issuer: string; close: () => Promise<void> }> {
  let handler: http.RequestListener | null = null;
  const server = http.createServer((req, res) => handler!(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [CALLBACK],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
      lotse: ['agency', 'groups'],
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['oidc-test-cookie-key'] },
    jwks: {
      keys: [
        {
          ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
          kid: 'test',
        },
      ],
    },
    ttl: {
      AccessToken: 300,
      AuthorizationCode: 60,
      Grant: 300,
      IdToken: 300,
      Interaction: 300,
      Session: 300,
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const claims = accounts.get(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
  });
  handler = provider.callback();
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Follows the provider's pages like a browser: redirects, the login form, the consent form; returns the callback URL. */
async function throughProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = new URL(authorizationUrl);
  let init: RequestInit = {};
  for (let step = 0; step < 12; step++) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: cookieHeader() },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
    }
    init = {};
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url);
      if (url.href.startsWith(CALLBACK)) return url;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action || !prompt)
      throw new Error(`unexpected provider page ${res.status}: ${html.slice(0, 300)}`);
    const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'any' } : {}) });
    url = new URL(action.replace(/&amp;/g, '&'), url);
    init = { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('the provider never sent the browser back to Lotse');
}

describe('sign-in through an OpenID Connect provider', () => {
  let t: TestApp;
  let idp: { issuer: string; close: () => Promise<void> };
  let m: Awaited<ReturnType<typeof givenMunicipality>>;
  let admin: string;

  const providerInput = (overrides: Record<string, unknown> = {}) => ({
    label: 'Kommunales Keycloak',
    issuer: idp.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    scopes: 'openid profile email lotse',
    agencyClaim: 'agency',
    rolesClaim: 'groups',
    roleMap: { 'lotse-caseworker': 'caseworker', 'lotse-lead': 'agency_lead' },
    agencyMap: { JC: 'jobcenter' },
    active: true,
    ...overrides,
  });

  async function startAt(slug: string) {
    const res = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/${slug}/start` });
    const stateCookie = res.cookies.find((c) => c.name === 'lotse_oidc');
    return { res, stateCookie };
  }

  /** The whole code flow for one account; returns Lotse's answer to the callback. */
  async function signInAs(login: string, opts: { tamper?: (callback: URL) => void } = {}) {
    const { res, stateCookie } = await startAt(m.municipality.slug);
    expect(res.statusCode).toBe(302);
    const callback = await throughProvider(res.headers.location as string, login);
    opts.tamper?.(callback);
    const answer = await t.app.inject({
      method: 'GET',
      url: `${callback.pathname}${callback.search}`,
      cookies: { lotse_oidc: stateCookie!.value },
    });
    const session = answer.cookies.find((c) => c.name === 'lotse_session' && c.value);
    return {
      answer,
      session: session ? `lotse_session=${session.value}` : null,
      callback,
      stateCookie: stateCookie!,
    };
  }

  const me = async (cookie: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();

  const staffOf = async (login: string) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/staff', headers: { cookie: admin } });
    return (res.json() as { id: string; username: string; active: boolean }[]).filter((s) =>
      s.username.startsWith(`anna.${login}`),
    );
  };

  beforeAll(async () => {
    [t, idp] = await Promise.all([testApp({ publicUrl: PUBLIC_URL }), startProvider()]);
    m = await givenMunicipality(t.db);
    admin = await signIn(t.app, m.users.municipal_admin);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/oidc',
      headers: { cookie: admin },
      payload: providerInput(),
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => {
    await t?.app.close();
    await idp?.close();
  });

  it('signs a new staff member in through the provider and provisions them with the mapped agency and role', async () => {
    const login = givenAccount();
    const { answer, session } = await signInAs(login);
    expect(answer.statusCode).toBe(302);
    expect(answer.headers.location).toBe('/');
    expect(session).not.toBeNull();

    const who = await me(session!);
    expect(who).toMatchObject({
      username: `anna.${login}@${m.municipality.slug}`,
      displayName: 'Anna Schmidt',
      roles: ['caseworker'],
      authMethod: 'oidc',
      agency: { code: 'abh' },
      municipality: { slug: m.municipality.slug },
    });

    const audit = await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: admin } });
    const entries = audit.json().entries as { action: string; actorStaffId: string | null }[];
    expect(entries).toContainEqual(expect.objectContaining({ action: 'auth.login', actorStaffId: who.id }));
    const details = await t.db.system((tx) =>
      tx.query<{ details: Record<string, unknown> }>(
        `SELECT details FROM audit_log WHERE action = 'auth.login' AND actor_staff_id = $1`,
        [who.id],
      ),
    );
    expect(details.rows[0]!.details).toMatchObject({ method: 'oidc', issuer: idp.issuer });
  });

  it('refuses a callback with a wrong state and starts no session', async () => {
    const login = givenAccount();
    const { answer, session } = await signInAs(login, {
      tamper: (cb) => cb.searchParams.set('state', 'forged'),
    });
    expect(answer.statusCode).toBe(302);
    expect(answer.headers.location).toBe('/login?error=OIDC_FAILED');
    expect(session).toBeNull();
    expect(await staffOf(login)).toEqual([]);
  });

  it('refuses a callback without the state cookie, and a second use of the same state', async () => {
    const login = givenAccount();
    const first = await signInAs(login);
    expect(first.answer.headers.location).toBe('/');

    const url = `${first.callback.pathname}${first.callback.search}`;
    const replay = await t.app.inject({
      method: 'GET',
      url,
      cookies: { lotse_oidc: first.stateCookie.value },
    });
    expect(replay.headers.location).toBe('/login?error=OIDC_FAILED');
    const noCookie = await t.app.inject({ method: 'GET', url });
    expect(noCookie.headers.location).toBe('/login?error=OIDC_FAILED');
    expect(noCookie.cookies.find((c) => c.name === 'lotse_session' && c.value)).toBeUndefined();
  });

  it('maps roles and agency again on a second sign-in after the provider changed the claims', async () => {
    const login = givenAccount();
    const first = await signInAs(login);
    const before = await me(first.session!);
    expect(before).toMatchObject({ roles: ['caseworker'], agency: { code: 'abh' } });

    accounts.set(login, {
      ...accounts.get(login)!,
      agency: 'JC',
      groups: ['lotse-lead', 'some-other-group'],
    });
    const second = await signInAs(login);
    expect(second.answer.headers.location).toBe('/');
    const after = await me(second.session!);
    expect(after.id).toBe(before.id);
    expect(after).toMatchObject({
      roles: ['agency_lead'],
      agency: { code: 'jobcenter' },
      authMethod: 'oidc',
    });
  });

  it('refuses when no claim maps to a known role, and creates no staff member', async () => {
    const login = givenAccount({ groups: ['kantine', 'lotse-unknown'] });
    const { answer, session } = await signInAs(login);
    expect(answer.statusCode).toBe(302);
    expect(answer.headers.location).toBe('/login?error=OIDC_NO_MAPPING');
    expect(session).toBeNull();
    expect(await staffOf(login)).toEqual([]);

    const failed = await t.db.system((tx) =>
      tx.query<{ details: Record<string, unknown> }>(
        `SELECT details FROM audit_log WHERE action = 'auth.login.failed' AND municipality_id = $1`,
        [m.municipality.id],
      ),
    );
    expect(failed.rows.map((r) => r.details)).toContainEqual(
      expect.objectContaining({ method: 'oidc', reason: 'no_role' }),
    );
  });

  it('refuses when the agency claim names no agency of the municipality', async () => {
    const login = givenAccount({ agency: 'finanzamt' });
    const { answer } = await signInAs(login);
    expect(answer.headers.location).toBe('/login?error=OIDC_NO_MAPPING');
    expect(await staffOf(login)).toEqual([]);
  });

  it('refuses a staff member whose account an administrator disabled', async () => {
    const login = givenAccount();
    const first = await signInAs(login);
    const { id } = await me(first.session!);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/staff/${id}`,
      headers: { cookie: admin },
      payload: { active: false },
    });
    expect(patch.statusCode).toBe(200);
    const second = await signInAs(login);
    expect(second.answer.headers.location).toBe('/login?error=ACCOUNT_DISABLED');
    expect(second.session).toBeNull();
  });

  it('lists only active providers', async () => {
    const other = await givenMunicipality(t.db);
    const otherAdmin = await signIn(t.app, other.users.municipal_admin);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/oidc',
      headers: { cookie: otherAdmin },
      payload: providerInput({ label: 'Abgeschaltet', active: false }),
    });
    expect(put.statusCode).toBe(200);

    const res = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/providers' });
    expect(res.statusCode).toBe(200);
    const slugs = (res.json() as { municipalitySlug: string }[]).map((p) => p.municipalitySlug);
    expect(res.json()).toContainEqual({
      municipalitySlug: m.municipality.slug,
      label: expect.any(String),
      startUrl: `/api/auth/oidc/${m.municipality.slug}/start`,
    });
    expect(slugs).not.toContain(other.municipality.slug);

    const start = await startAt(other.municipality.slug);
    expect(start.res.headers.location).toBe('/login?error=OIDC_NOT_CONFIGURED');
    expect(start.stateCookie).toBeUndefined();
  });

  it('never returns the client secret in the admin settings, and keeps it when a change leaves it out', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/oidc', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(CLIENT_SECRET);
    expect(res.json()).not.toHaveProperty('clientSecret');
    expect(res.json()).toMatchObject({ clientSecretSet: true, issuer: idp.issuer, redirectUri: CALLBACK });

    const { clientSecret: _omitted, ...withoutSecret } = providerInput({ label: 'Keycloak der Stadt' });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/oidc',
      headers: { cookie: admin },
      payload: withoutSecret,
    });
    expect(put.statusCode).toBe(200);
    expect(put.body).not.toContain(CLIENT_SECRET);
    const login = givenAccount();
    expect((await signInAs(login)).answer.headers.location).toBe('/');
  });

  it('answers 403 to staff who are not administrators', async () => {
    const caseworker = await signIn(t.app, m.users.caseworker);
    const get = await t.app.inject({
      method: 'GET',
      url: '/api/admin/oidc',
      headers: { cookie: caseworker },
    });
    expect(get.statusCode).toBe(403);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/oidc',
      headers: { cookie: caseworker },
      payload: providerInput(),
    });
    expect(put.statusCode).toBe(403);
    expect(put.json().error.code).toBe('FORBIDDEN');
  });

  it('refuses an issuer over plain http that is not on this machine, and unknown agency codes in the map', async () => {
    const http = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/oidc',
      headers: { cookie: admin },
      payload: providerInput({ issuer: 'http://login.example.de/realms/lotse' }),
    });
    expect(http.statusCode).toBe(400);
    expect(http.json().error.fields).toHaveProperty('issuer');

    const agency = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/oidc',
      headers: { cookie: admin },
      payload: providerInput({ agencyMap: { X: 'nowhere' } }),
    });
    expect(agency.statusCode).toBe(400);
    expect(agency.json().error.fields).toHaveProperty(['agencyMap.X']);
  });

  it('requires the client secret when a provider is first set up', async () => {
    const other = await givenMunicipality(t.db);
    const otherAdmin = await signIn(t.app, other.users.municipal_admin);
    const { clientSecret: _omitted, ...withoutSecret } = providerInput();
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/oidc',
      headers: { cookie: otherAdmin },
      payload: withoutSecret,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('clientSecret');
    const get = await t.app.inject({
      method: 'GET',
      url: '/api/admin/oidc',
      headers: { cookie: otherAdmin },
    });
    expect(get.statusCode).toBe(404);
    expect(get.json().error.code).toBe('OIDC_NOT_CONFIGURED');
  });

  it('maps claims by exact name or dotted path and ignores values the maps do not name', () => {
    const provider = {
      agencyClaim: 'org.agency',
      rolesClaim: 'realm_access.roles',
      agencyMap: { Ausländerbehörde: 'abh' },
      roleMap: { lead: 'agency_lead' as const, worker: 'caseworker' as const },
    };
    const nested = {
      org: { agency: ['Ausländerbehörde', 'jobcenter'] },
      realm_access: { roles: ['worker', 'lead', 'constructor', '__proto__', 7] },
    };
    expect(mapClaims(provider, nested)).toEqual({
      agencyCodes: ['abh', 'jobcenter'],
      roles: ['caseworker', 'agency_lead'],
    });
    expect(
      mapClaims(
        { ...provider, rolesClaim: 'http://schemas.example/claims/role' },
        { 'http://schemas.example/claims/role': 'lead' },
      ).roles,
    ).toEqual(['agency_lead']);
    expect(mapClaims(provider, { org: 'abh' })).toEqual({ agencyCodes: [], roles: [] });
  });
});
