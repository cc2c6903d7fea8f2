import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DataCategory, dataCategories } from '@lotse/common';
import { givenMunicipality, signIn, type TestApp, testApp, TEST_PASSWORD } from '../../../test/harness';

/**
 * The sharing matrix: callers (roles x agencies) x consent states x categories x every endpoint that returns
 * person data. The Ausländerbehörde records a person with data of every category, each carrying a unique marker;
 * a consent (in one of several states) names one category for the callers' agencies. No response may carry a
 * marker of a category the caller may not see, and every granted category must really be there.
 */

const letters = (n: number) => Array.from(randomBytes(n), (b) => 'bcdfghjklmnpqrstvwxz'[b % 20]).join('');

const consentStates = [
  'none',
  'valid',
  'expired',
  'not_yet_valid',
  'revoked',
  'other_category',
  'other_purpose',
  'other_recipient',
] as const;
type ConsentState = (typeof consentStates)[number];

const PURPOSE = 'counselling';
const OTHER_PURPOSE = 'case_management';

type Subject = {
  id: string;
  state: ConsentState;
  category: DataCategory;
  markers: Record<DataCategory, string>;
  familyName: string;
};

describe('the sharing matrix: no response carries data the caller may not see', () => {
  let t: TestApp;
  let m: Awaited<ReturnType<typeof givenMunicipality>>;
  const cookies = new Map<string, string>();
  const subjects: Subject[] = [];
  let callers: { key: string; agency: string; allowed: boolean }[];

  const api = async (
    who: string,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: unknown,
    purpose: string = PURPOSE,
  ) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: cookies.get(who)!, 'x-lotse-purpose': purpose },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const ok = async (res: Awaited<ReturnType<typeof api>>, status = 201) => {
    if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json();
  };

  const otherThan = (c: DataCategory) => dataCategories.find((x) => x !== c)!;

  beforeAll(async () => {
    t = await testApp();
    m = await givenMunicipality(t.db, { sharing: 'none' });
    const admin = await signIn(t.app, m.users.municipal_admin);
    // Callers of other agencies and a partner, besides the harness's staff.
    const extra = [
      { key: 'jobcenter_caseworker', agency: 'jobcenter', roles: ['caseworker'] },
      { key: 'jobcenter_case_manager', agency: 'jobcenter', roles: ['case_manager'] },
      { key: 'partner_case_manager', agency: 'partner', roles: ['partner_staff', 'case_manager'] },
    ];
    for (const e of extra) {
      const username = `${e.key.replace(/_/g, '-')}-${m.suffix}`;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/admin/staff',
        headers: { cookie: admin },
        payload: {
          username,
          displayName: e.key,
          agencyId: m.agencies.get(e.agency)!.id,
          roles: e.roles,
          password: TEST_PASSWORD,
        },
      });
      expect(res.statusCode).toBe(201);
      cookies.set(e.key, await signIn(t.app, username));
    }
    for (const role of [
      'caseworker',
      'front_desk',
      'partner_staff',
      'state_reporter',
      'municipal_admin',
    ] as const)
      cookies.set(role, await signIn(t.app, m.users[role]));
    callers = [
      { key: 'jobcenter_caseworker', agency: 'jobcenter', allowed: true },
      { key: 'jobcenter_case_manager', agency: 'jobcenter', allowed: true },
      { key: 'front_desk', agency: 'verwaltung', allowed: true },
      { key: 'partner_staff', agency: 'partner', allowed: true },
      { key: 'partner_case_manager', agency: 'partner', allowed: true },
      { key: 'state_reporter', agency: 'verwaltung', allowed: false },
      { key: 'municipal_admin', agency: 'verwaltung', allowed: false },
    ];
    const recipients = ['jobcenter', 'verwaltung', 'partner'].map((c) => m.agencies.get(c)!.id);
    const abh = m.agencies.get('abh')!.id;

    for (const state of consentStates)
      for (const category of dataCategories) {
        const tag = letters(8);
        const markers = Object.fromEntries(
          dataCategories.map((c) => [c, `M${c.replace('_', '')}${tag}`]),
        ) as Record<DataCategory, string>;
        const familyName = `Q${letters(9)}`;
        const person = await ok(
          await api('caseworker', 'POST', '/api/persons', {
            name: { givenNames: 'Amal', familyName },
            dateOfBirth: '1990-04-02',
            address: { street: markers.identity_contact, city: 'Wuppertal' },
            confirmNew: true,
          }),
        );
        const id = person.id as string;
        await ok(
          await api('caseworker', 'POST', `/api/persons/${id}/residence`, {
            kind: 'duldung',
            validFrom: '2026-10-01',
            validUntil: new Date(Date.now() + 20 * 86400e3).toISOString().slice(0, 10),
            note: markers.residence,
          }),
        );
        await ok(
          await api('caseworker', 'POST', `/api/persons/${id}/benefits`, {
            system: 'AsylbLG',
            validFrom: '2025-01-01',
            reference: markers.benefits,
          }),
        );
        for (const c of ['employment', 'education', 'health', 'case_notes'] as const)
          await ok(
            await api('caseworker', 'POST', `/api/persons/${id}/notes`, { category: c, title: markers[c] }),
          );
        await ok(
          await api('caseworker', 'POST', '/api/households', {
            kind: 'family',
            bgNumber: markers.family,
            members: [{ personId: id, role: 'head' }],
          }),
        );
        if (state !== 'none') {
          const other = otherThan(category);
          const consent = await ok(
            await api('caseworker', 'POST', `/api/persons/${id}/consents`, {
              disclosingAgencyIds: [abh],
              receivingAgencyIds: state === 'other_recipient' ? [abh] : recipients,
              categories: [state === 'other_category' ? other : category],
              purpose: state === 'other_purpose' ? OTHER_PURPOSE : PURPOSE,
              validFrom:
                state === 'expired' ? '2020-01-01' : state === 'not_yet_valid' ? '2099-01-01' : '2026-01-01',
              validUntil: state === 'expired' ? '2020-12-31' : null,
              form: 'electronic',
              templateVersion: 1,
              language: 'de',
            }),
          );
          if (state === 'revoked')
            await ok(await api('caseworker', 'POST', `/api/consents/${consent.id}/revoke`, {}), 200);
        }
        subjects.push({ id, state, category, markers, familyName });
      }
  }, 300_000);
  afterAll(() => t.app.close());

  /** The categories a caller may see of a subject: the consented one, when the consent is in force. */
  const granted = (s: Subject): DataCategory[] =>
    s.state === 'valid' ? [s.category] : s.state === 'other_category' ? [otherThan(s.category)] : [];

  const leaks = (body: string, s: Subject, allowed: DataCategory[]) =>
    dataCategories.filter((c) => !allowed.includes(c) && body.includes(s.markers[c]));

  it('shows the owner everything', async () => {
    for (const s of subjects.slice(0, 8)) {
      const body = (await api('caseworker', 'GET', `/api/persons/${s.id}`)).body;
      expect(leaks(body, s, [])).toEqual(dataCategories);
    }
  });

  it('GET /api/persons/:id shows exactly the granted categories, or refuses', async () => {
    for (const c of callers)
      for (const s of subjects) {
        const res = await api(c.key, 'GET', `/api/persons/${s.id}`);
        const allowed = granted(s);
        const where = `${c.key} ${s.state} ${s.category}`;
        if (!c.allowed) {
          expect(res.statusCode, where).toBe(403);
          expect(res.json().error.code, where).toBe('NOT_PERMITTED');
        } else if (allowed.length === 0) {
          expect(res.statusCode, where).toBe(403);
          expect(res.json().error.code, where).toBe('CONSENT_REQUIRED');
          expect(res.json().error.requiredConsent, where).toMatchObject({
            receivingAgencyId: m.agencies.get(c.agency)!.id,
            categories: ['identity_contact'],
            purpose: PURPOSE,
          });
        } else {
          expect(res.statusCode, where).toBe(200);
          expect(leaks(res.body, s, allowed), where).toEqual([]);
          for (const a of allowed) expect(res.body, `${where} shows ${a}`).toContain(s.markers[a]);
          expect(
            res.json().visibility.categories.map((v: { category: string }) => v.category),
            where,
          ).toEqual(allowed);
        }
        expect(leaks(res.body, s, allowed), where).toEqual([]);
      }
  }, 300_000);

  it('history, consents, access log, search and the expiring list never carry a withheld category', async () => {
    for (const c of callers)
      for (const s of subjects) {
        const allowed = granted(s);
        const where = `${c.key} ${s.state} ${s.category}`;
        for (const url of [
          `/api/persons/${s.id}/history`,
          `/api/persons/${s.id}/consents`,
          `/api/persons/${s.id}/access-log`,
        ]) {
          const res = await api(c.key, 'GET', url);
          expect(leaks(res.body, s, allowed), `${where} ${url}`).toEqual([]);
          const nameVisible = allowed.includes('identity_contact');
          if (c.allowed && url.endsWith('/history') && allowed.length > 0)
            expect(res.statusCode, `${where} ${url}`).toBe(200);
          else if (!url.endsWith('/history'))
            expect(res.statusCode, `${where} ${url}`).toBe(c.allowed && nameVisible ? 200 : 403);
          else expect(res.statusCode, `${where} ${url}`).toBe(403);
        }
        const search = await api(c.key, 'GET', `/api/persons/search?q=${s.familyName}`);
        expect(leaks(search.body, s, allowed), `${where} search`).toEqual([]);
        if (c.allowed)
          expect(search.body.includes(s.id), `${where} search lists`).toBe(
            allowed.includes('identity_contact'),
          );
      }
    for (const c of callers) {
      const res = await api(c.key, 'GET', '/api/residence/expiring?weeks=8');
      for (const s of subjects) {
        const allowed = granted(s);
        expect(leaks(res.body, s, allowed), `${c.key} expiring ${s.state} ${s.category}`).toEqual([]);
      }
    }
  }, 300_000);

  it('leaves exactly one audit entry, with the purpose, for every read of a person', async () => {
    const s = subjects.find((x) => x.state === 'valid' && x.category === 'identity_contact')!;
    for (const url of [
      `/api/persons/${s.id}`,
      `/api/persons/${s.id}/consents`,
      `/api/persons/${s.id}/access-log`,
    ]) {
      const res = await api('jobcenter_caseworker', 'GET', url);
      expect(res.statusCode).toBe(200);
      const rows = await t.db.tenant(m.municipality.id, (tx) =>
        tx.query<{ action: string; purpose: string; subject_id: string | null }>(
          `SELECT action, purpose, subject_id FROM audit_log WHERE request_id = $1`,
          [res.headers['x-request-id']],
        ),
      );
      expect(rows.rows, url).toEqual([{ action: 'person.read', purpose: PURPOSE, subject_id: s.id }]);
    }
  });

  it('makes revocation effective on the very next request', async () => {
    const s = subjects.find((x) => x.state === 'valid' && x.category === 'residence')!;
    const before = await api('jobcenter_caseworker', 'GET', `/api/persons/${s.id}`);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain(s.markers.residence);
    const consents = await ok(await api('caseworker', 'GET', `/api/persons/${s.id}/consents`), 200);
    await ok(
      await api('caseworker', 'POST', `/api/consents/${consents[0].id}/revoke`, { note: 'widerrufen' }),
      200,
    );
    const after = await api('jobcenter_caseworker', 'GET', `/api/persons/${s.id}`);
    expect(after.statusCode).toBe(403);
    expect(after.body).not.toContain(s.markers.residence);
  });
});
