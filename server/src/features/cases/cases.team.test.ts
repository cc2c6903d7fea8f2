import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@lotse/common';
import { givenMunicipality, signIn, type TestApp, testApp, uniq } from '../../../test/harness';
import { caller, ok } from './cases.test-support';

/**
 * Who is responsible for a case and who takes part: a case for a household, a case manager of a welfare
 * association, handing a case over, participating agencies, and the refusals (wrong role, wrong agency, closed case,
 * a staff member who is no case manager).
 */

type Who = Role | 'welfare' | 'jobcenter';

describe('case manager and participating agencies', () => {
  let t: TestApp;
  let m: Awaited<ReturnType<typeof givenMunicipality>>;
  const cookies: Partial<Record<Who, string>> = {};
  const ids: Partial<Record<Who, string>> = {};
  const call = caller(() => t, cookies);
  const agency = (code: string) => m.agencies.get(code)!.id;
  const person = async () =>
    ok(
      await call('case_manager', 'POST', '/api/persons', {
        name: { givenNames: 'Samir', familyName: `Haddad${uniq()}` },
        dateOfBirth: '1985-06-01',
        confirmNew: true,
      }),
      201,
    ) as { id: string };
  const openCase = async (personId: string, extra: object = {}) =>
    ok(
      await call('case_manager', 'POST', '/api/cases', {
        personId,
        title: 'Begleitung',
        stageOfLife: 'adult',
        ...extra,
      }),
      201,
    ) as { id: string; agency: { id: string } };
  const audit = (action: string, caseId: string) =>
    t.db.system(
      async (tx) =>
        (
          await tx.query<{ details: Record<string, unknown> }>(
            `SELECT details FROM audit_log WHERE action = $1 AND subject_id = $2`,
            [action, caseId],
          )
        ).rows,
    );

  beforeAll(async () => {
    t = await testApp();
    m = await givenMunicipality(t.db, { sharing: 'none' });
    for (const role of [
      'case_manager',
      'caseworker',
      'agency_lead',
      'front_desk',
      'municipal_admin',
    ] as const) {
      cookies[role] = await signIn(t.app, m.users[role]);
      ids[role] = m.staff.get(m.users[role])!.id;
    }
    for (const [who, code, roles] of [
      ['welfare', 'partner', ['case_manager']],
      ['jobcenter', 'jobcenter', ['caseworker']],
    ] as const) {
      const username = `${who}-${m.suffix}`;
      ids[who] = ok(
        await call('municipal_admin', 'POST', '/api/admin/staff', {
          username,
          displayName: `Test ${who}`,
          agencyId: agency(code),
          roles,
          password: 'correct-horse-battery',
        }),
        201,
      ).id;
      cookies[who] = await signIn(t.app, username, 'correct-horse-battery');
    }
  });
  afterAll(() => t.app.close());

  it('lists the case managers and leads of every agency and partner, for case managers and leads only', async () => {
    const list = ok(await call('case_manager', 'GET', '/api/cases/managers')) as {
      id: string;
      agency: { id: string; kind: string };
    }[];
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: ids.case_manager,
          agency: expect.objectContaining({ id: agency('verwaltung') }),
        }),
        expect.objectContaining({
          id: ids.agency_lead,
          agency: expect.objectContaining({ id: agency('abh') }),
        }),
        expect.objectContaining({
          id: ids.welfare,
          agency: { id: agency('partner'), name: 'Caritas', kind: 'partner' },
        }),
      ]),
    );
    expect(list.map((s) => s.id)).not.toContain(ids.front_desk);
    expect(list.map((s) => s.id)).not.toContain(ids.caseworker);
    expect((await call('caseworker', 'GET', '/api/cases/managers')).statusCode).toBe(403);
    expect((await call('front_desk', 'GET', '/api/cases/managers')).statusCode).toBe(403);
  });

  it("opens a household's case with a welfare association's case manager; the opening agency takes part", async () => {
    const p = await person();
    const household = ok(
      await call('case_manager', 'POST', '/api/households', {
        kind: 'family',
        members: [{ personId: p.id, role: 'head' }],
      }),
      201,
    ) as { id: string };
    const c = ok(
      await call('case_manager', 'POST', '/api/cases', {
        personId: p.id,
        householdId: household.id,
        title: 'Familie Haddad',
        stageOfLife: 'adult',
        managerId: ids.welfare,
        participatingAgencyIds: [agency('jobcenter')],
      }),
      201,
    );
    expect(c).toMatchObject({
      householdId: household.id,
      manager: { id: ids.welfare },
      agency: { id: agency('partner') },
      mayChange: false,
    });
    expect(c.participatingAgencies.map((a: { id: string }) => a.id).sort()).toEqual(
      [agency('jobcenter'), agency('verwaltung')].sort(),
    );
    // The welfare association changes it now; it sees the person only with a consent (the access function).
    const theirs = ok(await call('welfare', 'GET', `/api/cases/${c.id}`));
    expect(theirs).toMatchObject({ mayChange: true, person: null });
    expect(ok(await call('welfare', 'GET', '/api/cases')).map((x: { id: string }) => x.id)).toContain(c.id);
    expect(
      (await call('case_manager', 'POST', `/api/cases/${c.id}/goals`, { title: 'X', area: 'work' }))
        .statusCode,
    ).toBe(403);
    const [entry] = await audit('case.open', c.id);
    expect(entry?.details).toMatchObject({
      managerId: ids.welfare,
      agencyId: agency('partner'),
      householdId: household.id,
    });

    // A household the person does not belong to, a staff member who is no case manager.
    const other = await person();
    const wrongHousehold = await call('case_manager', 'POST', '/api/cases', {
      personId: other.id,
      householdId: household.id,
      title: 'X',
      stageOfLife: 'adult',
    });
    expect(wrongHousehold.statusCode).toBe(400);
    expect(wrongHousehold.json().error.fields).toHaveProperty('householdId');
    for (const managerId of [ids.front_desk, ids.caseworker, ids.jobcenter]) {
      const res = await call('case_manager', 'POST', '/api/cases', {
        personId: other.id,
        title: 'X',
        stageOfLife: 'adult',
        managerId,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty('managerId');
    }
  });

  it('changes the participating agencies and hands the case over to a manager of another agency, audited', async () => {
    const c = await openCase((await person()).id);
    const team = (who: Who, body: object) => call(who, 'PUT', `/api/cases/${c.id}/team`, body);
    expect((await call('jobcenter', 'GET', `/api/cases/${c.id}`)).statusCode).toBe(403);
    const withJobcenter = ok(
      await team('case_manager', {
        managerId: ids.case_manager,
        participatingAgencyIds: [agency('jobcenter')],
      }),
    );
    expect(withJobcenter.participatingAgencies).toEqual([{ id: agency('jobcenter'), name: 'Jobcenter' }]);
    expect(ok(await call('jobcenter', 'GET', `/api/cases/${c.id}`))).toMatchObject({ mayChange: false });
    // A participating agency reads but does not change; nor does a caseworker or a stranger.
    for (const who of ['jobcenter', 'caseworker', 'welfare'] as const)
      expect((await team(who, { managerId: ids[who], participatingAgencyIds: [] })).statusCode).toBe(403);
    const noManager = await team('case_manager', { managerId: ids.front_desk, participatingAgencyIds: [] });
    expect(noManager.statusCode).toBe(400);
    expect(noManager.json().error.fields).toHaveProperty('managerId');
    const notAnAgency = await team('case_manager', {
      managerId: ids.case_manager,
      participatingAgencyIds: [c.id],
    });
    expect(notAnAgency.statusCode).toBe(400);

    // Handed over to the Ausländerbehörde's lead: theirs now, the Verwaltung takes part and only reads.
    const handed = ok(await team('case_manager', { managerId: ids.agency_lead, participatingAgencyIds: [] }));
    expect(handed).toMatchObject({
      manager: { id: ids.agency_lead },
      agency: { id: agency('abh') },
      participatingAgencies: [{ id: agency('verwaltung') }],
      mayChange: false,
    });
    expect(
      (await team('case_manager', { managerId: ids.case_manager, participatingAgencyIds: [] })).statusCode,
    ).toBe(403);
    expect(ok(await call('agency_lead', 'GET', `/api/cases/${c.id}`)).mayChange).toBe(true);
    const events = ok(await call('agency_lead', 'GET', `/api/cases/${c.id}`)).events as { kind: string }[];
    expect(events.filter((e) => e.kind === 'team')).toHaveLength(2);
    const entries = await audit('case.team', c.id);
    expect(entries.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          fromManagerId: ids.case_manager,
          toManagerId: ids.agency_lead,
          toAgencyId: agency('abh'),
        }),
      ]),
    );
    expect(await audit('case.change.denied', c.id)).not.toHaveLength(0);

    // A closed case refuses.
    ok(
      await call('agency_lead', 'POST', `/api/cases/${c.id}/phase`, {
        phase: 'closure',
        closingReason: 'other',
      }),
    );
    expect(
      (await team('agency_lead', { managerId: ids.agency_lead, participatingAgencyIds: [] })).statusCode,
    ).toBe(409);
  });
});
