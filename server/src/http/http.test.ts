import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../errors';
import { givenMunicipality, signIn, type TestApp, testApp, TEST_PASSWORD } from '../../test/harness';
import fs from 'node:fs';
import path from 'node:path';

describe('HTTP protections', () => {
  let t: TestApp;
  let m: Awaited<ReturnType<typeof givenMunicipality>>;
  let admin: string;
  beforeAll(async () => {
    t = await testApp({ publicUrl: 'https://lotse.example.org' });
    m = await givenMunicipality(t.db);
    admin = await signIn(t.app, m.users.municipal_admin);
  });
  afterAll(() => t.app.close());

  const createSite = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/admin/sites',
      headers: { cookie: admin, ...headers },
      payload: { name: `Site ${Math.random()}`, address: 'x' },
    });

  it('refuses a cookie-authenticated write that a browser marks as cross-site', async () => {
    const res = await createSite({ 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_REJECTED');
  });

  it('refuses a write whose Origin is another site', async () => {
    const res = await createSite({ origin: 'https://evil.example.com' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_REJECTED');
  });

  it('accepts a same-origin write from the browser and a write from a non-browser client', async () => {
    expect(
      (await createSite({ 'sec-fetch-site': 'same-origin', origin: 'https://lotse.example.org' })).statusCode,
    ).toBe(201);
    expect((await createSite({})).statusCode).toBe(201);
  });

  it('refuses a cross-site sign-in attempt too (login CSRF)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'sec-fetch-site': 'cross-site' },
      payload: { username: m.users.caseworker, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
  });

  it('accepts only JSON bodies, so an HTML form on another site cannot post', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/sites',
      headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=x&address=y',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers malformed JSON with 400 and a clear message', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/sites',
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { body: 'is not valid JSON' },
    });
  });

  it('sends security headers: CSP, no framing, no sniffing, HSTS on https, no referrer leaks', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('marks the session cookie Secure when Lotse runs on https', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: m.users.caseworker, password: TEST_PASSWORD },
    });
    expect(res.cookies.find((c) => c.name === 'lotse_session')!.secure).toBe(true);
  });

  it('answers unknown API paths with 404 NOT_FOUND in the error format', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('logs, metrics and the API description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ logLevel: 'info' });
  });
  afterAll(() => t.app.close());

  it('writes structured logs without user names, passwords, cookies or query strings', async () => {
    const m = await givenMunicipality(t.db);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: m.users.caseworker, password: 'Geheim-Passwort-1' },
    });
    const cookie = await signIn(t.app, m.users.caseworker);
    await t.app.inject({ method: 'GET', url: `/api/audit?q=${m.users.caseworker}`, headers: { cookie } });
    const all = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(0);
    for (const line of t.logs) expect(() => JSON.parse(line)).not.toThrow();
    expect(all).not.toContain(m.users.caseworker);
    expect(all).not.toContain('Geheim-Passwort-1');
    expect(all).not.toContain(cookie.split('=')[1]);
  });

  it('exposes Prometheus metrics with request durations by route at /metrics', async () => {
    await t.app.inject({ method: 'GET', url: '/api/health' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain(
      'lotse_http_request_duration_seconds_count{method="GET",route="/api/health",status="200"}',
    );
    expect(res.body).toContain('lotse_process_cpu_seconds_total');
  });

  it('publishes an OpenAPI 3.1 document with the contract endpoints and a browsable reference', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/health',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/organisation',
      '/api/admin/staff',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema).toBeDefined();
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('<html');
  });
});

describe('the error catalogue', () => {
  it('lists every error code in docs/errors.md', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/errors.md'), 'utf8');
    for (const code of Object.keys(errorCatalogue)) expect(doc).toContain(`\`${code}\``);
  });
});
