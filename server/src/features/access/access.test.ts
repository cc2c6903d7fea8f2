import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenMunicipality, signIn, type TestApp, testApp } from '../../../test/harness';

describe('the access function for person data', () => {
  let t: TestApp;
  let m: Awaited<ReturnType<typeof givenMunicipality>>;
  let personId: string;
  beforeAll(async () => {
    t = await testApp();
    m = await givenMunicipality(t.db);
    const cookie = await signIn(t.app, m.users.caseworker);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: { cookie },
      payload: {
        name: { givenNames: 'Amina', familyName: 'Haddad' },
        dateOfBirth: '1988-03-14',
        confirmNew: true,
      },
    });
    expect(res.statusCode).toBe(201);
    personId = res.json().id;
  });
  afterAll(() => t.app.close());

  const auditOf = (action: string) =>
    t.db.tenant(m.municipality.id, (tx) =>
      tx.query<{ actor_staff_id: string; subject_id: string | null; purpose: string }>(
        `SELECT actor_staff_id, subject_id, purpose FROM audit_log WHERE action = $1 ORDER BY seq`,
        [action],
      ),
    );

  it('audits every read of a person with who, whom and why', async () => {
    const cookie = await signIn(t.app, m.users.front_desk);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/persons/${personId}`, headers: { cookie } }))
        .statusCode,
    ).toBe(200);
    const rows = (await auditOf('person.read')).rows;
    expect(
      rows.some((r) => r.subject_id === personId && r.actor_staff_id === m.staff.get(m.users.front_desk)!.id),
    ).toBe(true);
  });

  it('refuses a partner without consent (CONSENT_REQUIRED) and still audits the refusal although the request rolled back', async () => {
    const cookie = await signIn(t.app, m.users.partner_staff);
    const res = await t.app.inject({ method: 'GET', url: `/api/persons/${personId}`, headers: { cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CONSENT_REQUIRED');
    const rows = (await auditOf('person.read.denied')).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      subject_id: personId,
      actor_staff_id: m.staff.get(m.users.partner_staff)!.id,
    });
  });

  it('keeps the audit chain intact after refusals', async () => {
    const admin = await signIn(t.app, m.users.municipal_admin);
    const res = await t.app.inject({ method: 'POST', url: '/api/audit/verify', headers: { cookie: admin } });
    expect(res.json()).toMatchObject({ ok: true });
  });
});
