import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@lotse/common';
import { givenMunicipality, signIn, type TestApp, testApp, uniq } from '../../../test/harness';
import { caller, day, ok } from './cases.test-support';
import { deriveDeadlinesEverywhere } from './cases.service';

/**
 * Case management over HTTP: every state transition of cases and referrals, and every refusal (no consent, wrong
 * agency, closed case, partner outside the referral), deadlines that arrive by themselves, the views.
 * Sharing is consent only: nothing crosses agencies without a consent.
 */

type Who = Role | 'jobcenter';

describe('case management', () => {
  let t: TestApp;
  let m: Awaited<ReturnType<typeof givenMunicipality>>;
  const cookies: Partial<Record<Who, string>> = {};
  const call = caller(() => t, cookies);
  const agency = (code: string) => m.agencies.get(code)!.id;

  /** A person registered by the case manager's own agency (or by another role's agency). */
  const person = async (who: Who = 'case_manager') =>
    ok(
      await call(who, 'POST', '/api/persons', {
        name: { givenNames: 'Rana', familyName: `Haddad${uniq()}` },
        dateOfBirth: '1990-02-03',
        confirmNew: true,
      }),
      201,
    ) as { id: string; displayName: string };

  const openCase = async (personId: string, who: Who = 'case_manager', extra: object = {}) =>
    ok(
      await call(who, 'POST', '/api/cases', {
        personId,
        title: 'Begleitung Familie',
        stageOfLife: 'adult',
        ...extra,
      }),
      201,
    ) as { id: string; phase: string; goals: { id: string; steps: { id: string }[] }[] };

  const consent = (personId: string, receiving: string[], categories = ['identity_contact', 'case_notes']) =>
    call('case_manager', 'POST', `/api/persons/${personId}/consents`, {
      disclosingAgencyIds: [agency('verwaltung')],
      receivingAgencyIds: receiving,
      categories,
      purpose: 'case_management',
      validFrom: day(-1),
      form: 'electronic',
      templateVersion: 1,
      language: 'ar',
    });

  const referral = (caseId: string, to = agency('partner'), extra: object = {}) =>
    call('case_manager', 'POST', `/api/cases/${caseId}/referrals`, {
      toAgencyId: to,
      need: 'Begleitung zur Anerkennungsberatung',
      handoverNote: 'Frau H. spricht Arabisch; bitte mit Dolmetscherin.',
      dueOn: day(14),
      ...extra,
    });

  /** A person with a case and a consent to the partner and the Jobcenter. */
  const withConsent = async () => {
    const p = await person();
    const c = await openCase(p.id);
    ok(await consent(p.id, [agency('partner'), agency('jobcenter')]), 201);
    return { p, c };
  };

  beforeAll(async () => {
    t = await testApp();
    m = await givenMunicipality(t.db, { sharing: 'none' });
    for (const role of [
      'case_manager',
      'caseworker',
      'agency_lead',
      'partner_staff',
      'front_desk',
      'municipal_admin',
      'state_reporter',
    ] as const)
      cookies[role] = await signIn(t.app, m.users[role]);
    ok(
      await call('municipal_admin', 'POST', '/api/admin/staff', {
        username: `jc-${m.suffix}`,
        displayName: 'Jobcenter',
        agencyId: agency('jobcenter'),
        roles: ['caseworker'],
        password: 'correct-horse-battery',
      }),
      201,
    );
    cookies.jobcenter = await signIn(t.app, `jc-${m.suffix}`);
  });
  afterAll(() => t.app.close());

  describe('opening a case', () => {
    it('opens a case for a person in the first phase with the caller as case manager and suggested life areas', async () => {
      const p = await person();
      const c = ok(
        await call('case_manager', 'POST', '/api/cases', {
          personId: p.id,
          title: 'Integrationsbegleitung',
          stageOfLife: 'school_age',
          participatingAgencyIds: [agency('jobcenter')],
        }),
        201,
      );
      expect(c).toMatchObject({
        title: 'Integrationsbegleitung',
        phase: 'intake',
        person: { id: p.id, displayName: p.displayName },
        manager: { id: m.staff.get(m.users.case_manager)?.id ?? expect.any(String) },
        participatingAgencies: [{ id: agency('jobcenter'), name: 'Jobcenter' }],
        suggestedAreas: expect.arrayContaining(['school_education', 'german_language']),
        closedAt: null,
        mayChange: true,
      });
      expect(c.events[0]).toMatchObject({ kind: 'opened' });
      const again = ok(await call('case_manager', 'GET', `/api/cases/${c.id}`));
      expect(again.id).toBe(c.id);
      const mine = ok(await call('case_manager', 'GET', '/api/cases'));
      expect(mine.map((x: { id: string }) => x.id)).toContain(c.id);
    });

    it('refuses to open a case for a person the case manager may not see (CONSENT_REQUIRED)', async () => {
      const p = await person('caseworker');
      const res = await call('case_manager', 'POST', '/api/cases', {
        personId: p.id,
        title: 'Begleitung',
        stageOfLife: 'adult',
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CONSENT_REQUIRED');
    });

    it('refuses roles that do not manage cases and names invalid fields', async () => {
      const p = await person();
      const body = { personId: p.id, title: 'X', stageOfLife: 'adult' };
      expect((await call('front_desk', 'POST', '/api/cases', body)).json().error.code).toBe('FORBIDDEN');
      expect((await call('partner_staff', 'POST', '/api/cases', body)).statusCode).toBe(403);
      const bad = await call('case_manager', 'POST', '/api/cases', {
        ...body,
        title: '',
        stageOfLife: 'teen',
      });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['title', 'stageOfLife']));
      const otherManager = await call('case_manager', 'POST', '/api/cases', {
        ...body,
        managerId: m.staff.get(m.users.caseworker)!.id,
      });
      expect(otherManager.statusCode).toBe(400);
      expect(otherManager.json().error.fields).toHaveProperty('managerId');
    });

    it("refuses another agency's staff to read or change the case (wrong agency)", async () => {
      const c = await openCase((await person()).id);
      const read = await call('caseworker', 'GET', `/api/cases/${c.id}`);
      expect(read.statusCode).toBe(403);
      expect(read.json().error.code).toBe('NOT_PERMITTED');
      const change = await call('agency_lead', 'POST', `/api/cases/${c.id}/phase`, { phase: 'assessment' });
      expect(change.json().error.code).toBe('NOT_PERMITTED');
      expect((await call('partner_staff', 'GET', `/api/cases/${c.id}`)).statusCode).toBe(403);
    });

    it('lets a participating agency read the case but not change it', async () => {
      const c = await openCase((await person()).id, 'case_manager', {
        participatingAgencyIds: [agency('jobcenter')],
      });
      const read = ok(await call('jobcenter', 'GET', `/api/cases/${c.id}`));
      expect(read.mayChange).toBe(false);
      // The Jobcenter has no consent: it sees the case, not the person.
      expect(read.person).toBeNull();
      const goal = await call('jobcenter', 'POST', `/api/cases/${c.id}/goals`, { title: 'X', area: 'work' });
      expect(goal.statusCode).toBe(403);
    });
  });

  describe('phases', () => {
    it('moves through the phases and closes with a reason; a closed case refuses every change', async () => {
      const c = await openCase((await person()).id);
      for (const phase of ['assessment', 'plan', 'implementation', 'monitoring'])
        expect(ok(await call('case_manager', 'POST', `/api/cases/${c.id}/phase`, { phase })).phase).toBe(
          phase,
        );
      const unknown = await call('case_manager', 'POST', `/api/cases/${c.id}/phase`, { phase: 'limbo' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.fields).toHaveProperty('phase');
      const noReason = await call('case_manager', 'POST', `/api/cases/${c.id}/phase`, { phase: 'closure' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.fields).toHaveProperty('closingReason');
      const closed = ok(
        await call('case_manager', 'POST', `/api/cases/${c.id}/phase`, {
          phase: 'closure',
          closingReason: 'goals_reached',
        }),
      );
      expect(closed).toMatchObject({ phase: 'closure', closingReason: 'goals_reached', mayChange: false });
      expect(closed.closedAt).not.toBeNull();
      for (const [url, body] of [
        [`/api/cases/${c.id}/phase`, { phase: 'plan' }],
        [`/api/cases/${c.id}/goals`, { title: 'Arbeit', area: 'work' }],
        [`/api/cases/${c.id}/obstacles`, { tag: 'childcare_gap' }],
        [`/api/cases/${c.id}/referrals`, { toAgencyId: agency('partner'), need: 'x', dueOn: day(3) }],
      ] as const) {
        const res = await call('case_manager', 'POST', url, body);
        expect(res.statusCode, url).toBe(409);
      }
      const closedList = ok(await call('case_manager', 'GET', '/api/cases?closed=true'));
      expect(closedList.map((x: { id: string }) => x.id)).toContain(c.id);
    });
  });

  describe('assessment and plan', () => {
    it("records the assessment of life areas with the person's own goal and need", async () => {
      const c = await openCase((await person()).id);
      const res = ok(
        await call('case_manager', 'PUT', `/api/cases/${c.id}/assessment`, {
          entries: [
            {
              area: 'german_language',
              situation: 'A2 erreicht',
              goal: 'B1 für die Einbürgerung',
              need: 'medium',
            },
            {
              area: 'vocational_training',
              situation: 'Pflegeabschluss aus Syrien',
              goal: 'Anerkennung',
              need: 'high',
            },
          ],
        }),
      );
      expect(res.assessment).toHaveLength(2);
      const twice = await call('case_manager', 'PUT', `/api/cases/${c.id}/assessment`, {
        entries: [
          { area: 'work', need: 'low' },
          { area: 'work', need: 'high' },
        ],
      });
      expect(twice.statusCode).toBe(400);
      expect(twice.json().error.fields).toHaveProperty('entries.1.area');
    });

    it("builds goals with steps, sets step statuses and records the person's agreement", async () => {
      const c = await openCase((await person()).id);
      const noGoal = await call('case_manager', 'POST', `/api/cases/${c.id}/agreement`, {
        note: 'unterschrieben',
      });
      expect(noGoal.statusCode).toBe(409);
      const withGoal = ok(
        await call('case_manager', 'POST', `/api/cases/${c.id}/goals`, {
          title: 'Anerkennung',
          area: 'vocational_training',
        }),
        201,
      );
      const goalId = withGoal.goals[0].id as string;
      const withStep = ok(
        await call('case_manager', 'POST', `/api/cases/${c.id}/goals/${goalId}/steps`, {
          title: 'Unterlagen übersetzen lassen',
          agencyId: agency('partner'),
          dueOn: day(-2),
        }),
        201,
      );
      const step = withStep.goals[0].steps[0];
      expect(step).toMatchObject({ status: 'open', overdue: true, agency: { name: 'Caritas' } });
      expect(withStep.overdueSteps).toBe(1);
      const done = ok(
        await call('case_manager', 'POST', `/api/cases/${c.id}/steps/${step.id}/status`, { status: 'done' }),
      );
      expect(done.goals[0].steps[0]).toMatchObject({ status: 'done', overdue: false });
      const course = await call('case_manager', 'POST', `/api/cases/${c.id}/goals/${goalId}/steps`, {
        title: 'Integrationskurs',
        kind: 'integration_course',
      });
      expect(course.statusCode).toBe(400);
      expect(course.json().error.fields).toHaveProperty('dueOn');
      const wrongGoal = await call('case_manager', 'POST', `/api/cases/${c.id}/goals/${c.id}/steps`, {
        title: 'X',
      });
      expect(wrongGoal.statusCode).toBe(404);
      const agreed = ok(
        await call('case_manager', 'POST', `/api/cases/${c.id}/agreement`, {
          note: 'mündlich mit Dolmetscherin',
        }),
      );
      expect(agreed.agreement).toMatchObject({ note: 'mündlich mit Dolmetscherin' });
    });

    it('adds tasks and marks them done', async () => {
      const c = await openCase((await person()).id);
      const withTask = ok(
        await call('case_manager', 'POST', `/api/cases/${c.id}/tasks`, {
          title: 'Kita anrufen',
          dueOn: day(2),
        }),
        201,
      );
      const task = withTask.tasks[0];
      expect(task).toMatchObject({ source: 'manual', doneAt: null });
      const done = ok(await call('case_manager', 'POST', `/api/tasks/${task.id}/done`));
      expect(done.doneAt).not.toBeNull();
      expect((await call('case_manager', 'POST', `/api/tasks/${task.id}/done`)).statusCode).toBe(409);
      expect((await call('caseworker', 'POST', `/api/tasks/${task.id}/done`)).statusCode).toBe(403);
    });
  });

  describe('referrals', () => {
    it('refuses a referral without a consent that covers it, naming the consent needed', async () => {
      const p = await person();
      const c = await openCase(p.id);
      const res = await referral(c.id);
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({
        code: 'CONSENT_REQUIRED',
        requiredConsent: {
          receivingAgencyId: agency('partner'),
          categories: ['identity_contact', 'case_notes'],
          purpose: 'case_management',
        },
      });
      // A consent for other categories does not cover it either.
      ok(await consent(p.id, [agency('partner')], ['identity_contact']), 201);
      expect((await referral(c.id)).statusCode).toBe(403);
      // Recorded on the spot, the consent lets the referral go.
      ok(await consent(p.id, [agency('partner')]), 201);
      expect(ok(await referral(c.id), 201).status).toBe('sent');
    });

    it('refuses a referral to the own agency or with a due date in the past', async () => {
      const { c } = await withConsent();
      const own = await referral(c.id, agency('verwaltung'));
      expect(own.statusCode).toBe(400);
      expect(own.json().error.fields).toHaveProperty('toAgencyId');
      const past = await referral(c.id, agency('partner'), { dueOn: day(-1) });
      expect(past.json().error.fields).toHaveProperty('dueOn');
    });

    it('lets the partner see it, accept it with the response time measured, and report it done', async () => {
      const { p, c } = await withConsent();
      const sent = ok(await referral(c.id), 201);
      const inbox = ok(await call('partner_staff', 'GET', '/api/referrals?box=incoming&open=true'));
      const mine = inbox.find((r: { id: string }) => r.id === sent.id);
      expect(mine).toMatchObject({
        status: 'sent',
        need: 'Begleitung zur Anerkennungsberatung',
        person: { id: p.id, displayName: p.displayName },
        from: { agency: { name: 'Verwaltung' } },
      });
      const accepted = ok(
        await call('partner_staff', 'POST', `/api/referrals/${sent.id}/accept`, {
          note: 'Termin am Dienstag',
        }),
      );
      expect(accepted).toMatchObject({ status: 'accepted', responseNote: 'Termin am Dienstag' });
      expect(accepted.responseHours).toEqual(expect.any(Number));
      expect((await call('partner_staff', 'POST', `/api/referrals/${sent.id}/accept`, {})).statusCode).toBe(
        409,
      );
      expect(
        (await call('partner_staff', 'POST', `/api/referrals/${sent.id}/decline`, { reason: 'zu spät' }))
          .statusCode,
      ).toBe(409);
      const done = ok(
        await call('partner_staff', 'POST', `/api/referrals/${sent.id}/done`, { outcome: 'Antrag gestellt' }),
      );
      expect(done).toMatchObject({ status: 'done', outcome: 'Antrag gestellt' });
      expect(done.closedAt).not.toBeNull();
      const theCase = ok(await call('case_manager', 'GET', `/api/cases/${c.id}`));
      expect(theCase.events.map((e: { kind: string }) => e.kind)).toEqual(
        expect.arrayContaining(['referral.sent', 'referral.accepted', 'referral.done']),
      );
    });

    it('lets the receiver decline with a reason, and only with one', async () => {
      const { c } = await withConsent();
      const sent = ok(await referral(c.id), 201);
      const noReason = await call('partner_staff', 'POST', `/api/referrals/${sent.id}/decline`, {});
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.fields).toHaveProperty('reason');
      const declined = ok(
        await call('partner_staff', 'POST', `/api/referrals/${sent.id}/decline`, {
          reason: 'Keine Kapazität',
        }),
      );
      expect(declined).toMatchObject({ status: 'declined', declineReason: 'Keine Kapazität' });
    });

    it('lets the sending case manager withdraw it, and nobody else', async () => {
      const { c } = await withConsent();
      const sent = ok(await referral(c.id), 201);
      expect(
        (await call('partner_staff', 'POST', `/api/referrals/${sent.id}/withdraw`, { reason: 'x' }))
          .statusCode,
      ).toBe(403);
      const withdrawn = ok(
        await call('case_manager', 'POST', `/api/referrals/${sent.id}/withdraw`, { reason: 'erledigt sich' }),
      );
      expect(withdrawn.status).toBe('withdrawn');
      expect((await call('partner_staff', 'POST', `/api/referrals/${sent.id}/accept`, {})).statusCode).toBe(
        409,
      );
    });

    it('refuses a partner outside the referral and the sender answering for the receiver', async () => {
      const { c } = await withConsent();
      const toJobcenter = ok(await referral(c.id, agency('jobcenter')), 201);
      const read = await call('partner_staff', 'GET', `/api/referrals/${toJobcenter.id}`);
      expect(read.statusCode).toBe(403);
      expect(read.json().error.code).toBe('NOT_PERMITTED');
      expect(
        (await call('partner_staff', 'POST', `/api/referrals/${toJobcenter.id}/accept`, {})).statusCode,
      ).toBe(403);
      const inbox = ok(await call('partner_staff', 'GET', '/api/referrals'));
      expect(inbox.map((r: { id: string }) => r.id)).not.toContain(toJobcenter.id);
      expect(
        (await call('case_manager', 'POST', `/api/referrals/${toJobcenter.id}/accept`, {})).statusCode,
      ).toBe(403);
      // The Jobcenter, addressed, answers it.
      expect(ok(await call('jobcenter', 'POST', `/api/referrals/${toJobcenter.id}/accept`, {})).status).toBe(
        'accepted',
      );
    });

    it('withdraws unanswered referrals when the case closes; they can no longer be accepted', async () => {
      const { c } = await withConsent();
      const sent = ok(await referral(c.id), 201);
      ok(
        await call('case_manager', 'POST', `/api/cases/${c.id}/phase`, {
          phase: 'closure',
          closingReason: 'moved_away',
        }),
      );
      const accept = await call('partner_staff', 'POST', `/api/referrals/${sent.id}/accept`, {});
      expect(accept.statusCode).toBe(409);
      expect(ok(await call('partner_staff', 'GET', `/api/referrals/${sent.id}`)).status).toBe('withdrawn');
    });

    it('hides the need and the person from the receiver once the consent is revoked', async () => {
      const p = await person();
      const c = await openCase(p.id);
      const given = ok(await consent(p.id, [agency('partner')]), 201);
      const sent = ok(await referral(c.id), 201);
      ok(await call('case_manager', 'POST', `/api/consents/${given.id}/revoke`, { note: 'widerrufen' }));
      const seen = ok(await call('partner_staff', 'GET', `/api/referrals/${sent.id}`));
      expect(seen).toMatchObject({ need: '', handoverNote: '', person: null });
    });
  });

  describe('conferences and obstacles', () => {
    it('plans a conference and turns the decisions of its minutes into plan steps and tasks', async () => {
      const c = await openCase((await person()).id);
      const goalId = ok(
        await call('case_manager', 'POST', `/api/cases/${c.id}/goals`, {
          title: 'Kita-Platz',
          area: 'family_childcare',
        }),
        201,
      ).goals[0].id;
      const conf = ok(
        await call('case_manager', 'POST', `/api/cases/${c.id}/conferences`, {
          scheduledAt: `${day(3)}T10:00:00.000Z`,
          agenda: 'Kita, Sprachkurs',
          participantAgencyIds: [agency('jobcenter'), agency('partner')],
        }),
        201,
      );
      expect(conf).toMatchObject({
        heldAt: null,
        participants: [{ name: 'Jobcenter' }, { name: 'Caritas' }],
      });
      const worklist = ok(await call('case_manager', 'GET', '/api/worklist'));
      expect(worklist.conferences.map((f: { id: string }) => f.id)).toContain(conf.id);

      // A decision naming no goal for a step refuses the whole minutes: nothing is written.
      const bad = await call('case_manager', 'POST', `/api/conferences/${conf.id}/minutes`, {
        minutes: 'Besprochen',
        decisions: [
          { text: 'Kita anfragen', becomes: 'task' },
          { text: 'Sprachkurs', becomes: 'step' },
        ],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toHaveProperty('decisions.1.goalId');
      expect(ok(await call('case_manager', 'GET', `/api/cases/${c.id}`)).tasks).toHaveLength(0);

      const held = ok(
        await call('case_manager', 'POST', `/api/conferences/${conf.id}/minutes`, {
          minutes: 'Kita-Platz ab Herbst; Jobcenter prüft Förderung.',
          decisions: [
            {
              text: 'Kita-Anmeldung begleiten',
              becomes: 'step',
              goalId,
              agencyId: agency('partner'),
              dueOn: day(20),
            },
            { text: 'Förderung klären', becomes: 'task', dueOn: day(7) },
          ],
        }),
      );
      expect(held.heldAt).not.toBeNull();
      expect(held.decisions).toHaveLength(2);
      const after = ok(await call('case_manager', 'GET', `/api/cases/${c.id}`));
      expect(after.goals[0].steps[0]).toMatchObject({
        title: 'Kita-Anmeldung begleiten',
        source: 'conference',
      });
      expect(after.tasks[0]).toMatchObject({ title: 'Förderung klären', source: 'conference' });
      expect(
        (await call('case_manager', 'POST', `/api/conferences/${conf.id}/minutes`, { minutes: 'x' }))
          .statusCode,
      ).toBe(409);
    });

    it('tags structural obstacles and reports them anonymised to the strategic level', async () => {
      const p = await person();
      const c = await openCase(p.id);
      const tagged = ok(
        await call('case_manager', 'POST', `/api/cases/${c.id}/obstacles`, {
          tag: 'naturalisation_hurdle',
          note: 'Lebensunterhalt knapp verfehlt trotz Vollzeit (Aufstocker).',
        }),
        201,
      );
      expect(tagged.obstacles[0]).toMatchObject({ tag: 'naturalisation_hurdle' });
      const unknown = await call('case_manager', 'POST', `/api/cases/${c.id}/obstacles`, { tag: 'weather' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.fields).toHaveProperty('tag');
      const report = ok(await call('municipal_admin', 'GET', '/api/obstacles/report'));
      expect(report.counts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ tag: 'naturalisation_hurdle', count: 1, cases: 1 }),
        ]),
      );
      expect(report.examples[0]).toEqual({
        tag: 'naturalisation_hurdle',
        month: expect.stringMatching(/^\d{4}-\d{2}$/),
        stageOfLife: 'adult',
        note: 'Lebensunterhalt knapp verfehlt trotz Vollzeit (Aufstocker).',
      });
      const body = JSON.stringify(report);
      expect(body).not.toContain(p.id);
      expect(body).not.toContain(c.id);
      expect(body).not.toContain(p.displayName);
      expect(ok(await call('state_reporter', 'GET', '/api/obstacles/report')).counts).toHaveLength(1);
      expect((await call('case_manager', 'GET', '/api/obstacles/report')).statusCode).toBe(403);
    });
  });

  describe('deadlines', () => {
    it('puts expiring residence documents, ending courses and unanswered referrals on the worklist, once', async () => {
      const p = await person();
      ok(
        await call('case_manager', 'POST', `/api/persons/${p.id}/residence`, {
          kind: 'duldung',
          paragraph: '§ 60a AufenthG',
          validFrom: day(-60),
          validUntil: day(20),
        }),
        201,
      );
      const c = await openCase(p.id);
      const goalId = ok(
        await call('case_manager', 'POST', `/api/cases/${c.id}/goals`, {
          title: 'Deutsch B1',
          area: 'german_language',
        }),
        201,
      ).goals[0].id;
      ok(
        await call('case_manager', 'POST', `/api/cases/${c.id}/goals/${goalId}/steps`, {
          title: 'Integrationskurs',
          kind: 'integration_course',
          dueOn: day(10),
        }),
        201,
      );
      ok(await consent(p.id, [agency('partner')]), 201);
      const sent = ok(await referral(c.id), 201);
      // Ten days later, nobody has answered.
      await t.db.system((tx) =>
        tx.query(`UPDATE case_referral SET due_on = $2 WHERE id = $1`, [sent.id, day(-1)]),
      );

      const sources = (list: { caseId: string; source: string }[]) =>
        list
          .filter((x) => x.caseId === c.id)
          .map((x) => x.source)
          .sort();
      const first = ok(await call('case_manager', 'GET', '/api/worklist'));
      expect(sources(first.tasks)).toEqual(['course_end', 'referral_overdue', 'residence_expiry']);
      expect(first.tasks.find((x: { source: string }) => x.source === 'residence_expiry')).toMatchObject({
        dueOn: day(20),
        // A code and its parameters; the web app names the document in the reader's language.
        title: 'residence_expiry',
        params: { residenceKind: 'duldung', paragraph: '§ 60a AufenthG' },
      });
      expect(first.referrals.find((r: { id: string }) => r.id === sent.id)).toMatchObject({ overdue: true });
      expect(first.phases[0]).toMatchObject({ phase: 'intake' });

      // The scheduled job and a second visit create nothing new.
      await deriveDeadlinesEverywhere(t.db, () => {});
      const second = ok(await call('case_manager', 'GET', '/api/worklist'));
      expect(sources(second.tasks)).toEqual(sources(first.tasks));
      // The overdue referral surfaces on the receiver's side too.
      const inbox = ok(await call('partner_staff', 'GET', '/api/referrals?open=true'));
      expect(inbox.find((r: { id: string }) => r.id === sent.id)).toMatchObject({ overdue: true });
    });

    it('derives deadlines in the scheduled job before anyone opens the worklist', async () => {
      const p = await person();
      ok(
        await call('case_manager', 'POST', `/api/persons/${p.id}/residence`, {
          kind: 'fiktionsbescheinigung',
          validFrom: day(-30),
          validUntil: day(5),
        }),
        201,
      );
      const c = await openCase(p.id);
      expect(await deriveDeadlinesEverywhere(t.db, () => {})).toBeGreaterThanOrEqual(1);
      const theCase = ok(await call('case_manager', 'GET', `/api/cases/${c.id}`));
      expect(theCase.tasks).toEqual([expect.objectContaining({ source: 'residence_expiry', dueOn: day(5) })]);
    });
  });

  describe('views', () => {
    it('shows the caseload per case manager to the agency lead, and to nobody else', async () => {
      const p = await person('agency_lead');
      await openCase(p.id, 'agency_lead');
      const load = ok(await call('agency_lead', 'GET', '/api/caseload'));
      expect(load.managers).toEqual([
        expect.objectContaining({
          openCases: 1,
          byPhase: { intake: 1 },
          manager: expect.objectContaining({ name: 'Test agency_lead' }),
        }),
      ]);
      expect((await call('case_manager', 'GET', '/api/caseload')).statusCode).toBe(403);
    });

    it("shows a person's timeline across sources, filtered by what the viewer may see", async () => {
      const { p, c } = await withConsent();
      const sent = ok(await referral(c.id), 201);
      const tl = ok(await call('case_manager', 'GET', `/api/persons/${p.id}/timeline`));
      const sources = new Set(tl.entries.map((e: { source: string }) => e.source));
      expect([...sources]).toEqual(expect.arrayContaining(['history', 'consent', 'case', 'referral']));
      // The partner works for the purpose the consent names.
      const partner = ok(
        await t.app.inject({
          method: 'GET',
          url: `/api/persons/${p.id}/timeline`,
          headers: { cookie: cookies.partner_staff!, 'x-lotse-purpose': 'case_management' },
        }),
      );
      expect(partner.entries.filter((e: { source: string }) => e.source === 'case')).toEqual([]);
      expect(partner.entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'referral.received', link: `/referrals/${sent.id}` }),
        ]),
      );
      expect((await call('caseworker', 'GET', `/api/persons/${p.id}/timeline`)).statusCode).toBe(403);
    });

    it('documents every case endpoint in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      for (const path of [
        '/api/cases',
        '/api/cases/{id}',
        '/api/cases/{id}/referrals',
        '/api/referrals/{id}/accept',
        '/api/referrals/{id}/decline',
        '/api/worklist',
        '/api/persons/{id}/timeline',
      ]) {
        const ops = Object.values(doc.paths[path] as Record<string, { tags: string[]; summary: string }>);
        expect(ops[0]!.tags, path).toEqual(['cases']);
        expect(ops[0]!.summary, path).toBeTruthy();
      }
    });
  });
});
