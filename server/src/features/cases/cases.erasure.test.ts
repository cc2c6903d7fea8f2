import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMISED_NAME, type Role } from '@lotse/common';
import { givenMunicipality, signIn, type TestApp, testApp, uniq } from '../../../test/harness';
import { caller, day, ok } from './cases.test-support';

/**
 * Erasure on request reaches case management: the free texts about the person in their cases are emptied, the
 * case's skeleton and the obstacle tags (for the anonymised statistics) stay, and the removal record says so.
 */

describe('erasure of a person with a case', () => {
  let t: TestApp;
  let m: Awaited<ReturnType<typeof givenMunicipality>>;
  const cookies: Partial<Record<Role, string>> = {};
  const call = caller(() => t, cookies);
  const agency = (code: string) => m.agencies.get(code)!.id;

  beforeAll(async () => {
    t = await testApp();
    m = await givenMunicipality(t.db, { sharing: 'none' });
    for (const role of ['case_manager', 'municipal_admin', 'data_protection_officer'] as const)
      cookies[role] = await signIn(t.app, m.users[role]);
  });
  afterAll(() => t.app.close());

  it('empties the case texts, keeps the skeleton and the obstacle tag, and records case_text removals', async () => {
    const secret = `Geheimnis${uniq()}`;
    const p = ok(
      await call('case_manager', 'POST', '/api/persons', {
        name: { givenNames: 'Rana', familyName: `Haddad${uniq()}` },
        dateOfBirth: '1990-02-03',
        confirmNew: true,
      }),
      201,
    ) as { id: string };
    const c = ok(
      await call('case_manager', 'POST', '/api/cases', {
        personId: p.id,
        title: `Begleitung ${secret}`,
        stageOfLife: 'adult',
      }),
      201,
    ) as { id: string };
    const path = `/api/cases/${c.id}`;
    ok(
      await call('case_manager', 'PUT', `${path}/assessment`, {
        entries: [{ area: 'work', situation: `Situation ${secret}`, goal: `Ziel ${secret}`, need: 'high' }],
      }),
    );
    const goalId = ok(
      await call('case_manager', 'POST', `${path}/goals`, { title: `Arbeit ${secret}`, area: 'work' }),
      201,
    ).goals[0].id as string;
    ok(
      await call('case_manager', 'POST', `${path}/goals/${goalId}/steps`, {
        title: `Bewerbung ${secret}`,
        dueOn: day(30),
      }),
      201,
    );
    ok(await call('case_manager', 'POST', `${path}/agreement`, { note: `mündlich ${secret}` }));
    ok(
      await call('case_manager', 'POST', `${path}/tasks`, { title: `Anrufen ${secret}`, dueOn: day(3) }),
      201,
    );
    ok(
      await call('case_manager', 'POST', `/api/persons/${p.id}/consents`, {
        disclosingAgencyIds: [agency('verwaltung')],
        receivingAgencyIds: [agency('partner')],
        categories: ['identity_contact', 'case_notes'],
        purpose: 'case_management',
        validFrom: day(-1),
        form: 'electronic',
        templateVersion: 1,
        language: 'ar',
      }),
      201,
    );
    ok(
      await call('case_manager', 'POST', `${path}/referrals`, {
        toAgencyId: agency('partner'),
        need: `Beratung ${secret}`,
        handoverNote: `Übergabe ${secret}`,
        dueOn: day(14),
      }),
      201,
    );
    const conference = ok(
      await call('case_manager', 'POST', `${path}/conferences`, {
        scheduledAt: new Date().toISOString(),
        agenda: `Tagesordnung ${secret}`,
        participantAgencyIds: [agency('partner')],
      }),
      201,
    ) as { id: string };
    ok(
      await call('case_manager', 'POST', `/api/conferences/${conference.id}/minutes`, {
        minutes: `Protokoll ${secret}`,
        decisions: [{ text: `Beschluss ${secret}`, becomes: 'task' }],
      }),
    );
    ok(
      await call('case_manager', 'POST', `${path}/obstacles`, {
        tag: 'recognition_problem',
        note: `Anerkennung ${secret}`,
      }),
      201,
    );
    const report = async () =>
      ok(await call('municipal_admin', 'GET', '/api/obstacles/report')) as {
        counts: { tag: string; count: number }[];
        examples: { note: string }[];
      };
    const before = await report();
    expect(JSON.stringify(ok(await call('case_manager', 'GET', path)))).toContain(secret);
    expect(JSON.stringify(before.examples)).toContain(secret);

    const res = await call('data_protection_officer', 'POST', `/api/persons/${p.id}/erasure`, {
      reason: 'Antrag der Person auf Löschung (Art. 17 DSGVO)',
    });
    const result = ok(res) as { runId: string; anonymised: boolean; erased: { recordType: string }[] };
    expect(result.anonymised).toBe(true);
    expect(result.erased).toEqual(
      expect.arrayContaining([{ recordType: 'case_text', count: expect.any(Number) }]),
    );

    // The texts are gone, from the case and from its events; the skeleton stays.
    const after = ok(await call('case_manager', 'GET', path));
    expect(JSON.stringify(after)).not.toContain(secret);
    expect(after).toMatchObject({
      id: c.id,
      title: ANONYMISED_NAME,
      phase: 'intake',
      agency: { id: agency('verwaltung') },
      assessment: [{ area: 'work', situation: '', goal: '', need: 'high' }],
      goals: [{ title: '', area: 'work', steps: [{ title: '', dueOn: day(30) }] }],
      agreement: { note: '' },
      referrals: [{ need: '', handoverNote: '', to: { id: agency('partner') }, dueOn: day(14) }],
      conferences: [{ agenda: '', minutes: '', decisions: [{ text: '', becomes: 'task' }] }],
      obstacles: [{ tag: 'recognition_problem', note: '' }],
    });
    expect(after.tasks.map((x: { title: string }) => x.title)).toEqual(['', '']);
    const events = await t.db.system(
      async (tx) =>
        (await tx.query<{ details: object }>(`SELECT details FROM case_event WHERE case_id = $1`, [c.id]))
          .rows,
    );
    expect(events.length).toBeGreaterThan(5);
    expect(JSON.stringify(events)).not.toContain(secret);

    // The statistics keep the tag, the example loses its text.
    const later = await report();
    expect(later.counts.find((x) => x.tag === 'recognition_problem')?.count).toBe(
      before.counts.find((x) => x.tag === 'recognition_problem')?.count,
    );
    expect(JSON.stringify(later)).not.toContain(secret);

    // The removal record names what was emptied (kinds and ids, never content).
    const lines = ok(
      await call('data_protection_officer', 'GET', `/api/retention/removals?runId=${result.runId}`),
    ) as { recordType: string; recordId: string; action: string }[];
    const caseLines = lines.filter((l) => l.recordType === 'case_text');
    expect(caseLines.every((l) => l.action === 'anonymised')).toBe(true);
    expect(caseLines.map((l) => l.recordId.split(':')[0]).sort()).toEqual(
      expect.arrayContaining([
        'assessment',
        'case',
        'conference',
        'event',
        'goal',
        'obstacle',
        'referral',
        'step',
        'task',
      ]),
    );
    expect(JSON.stringify(lines)).not.toContain(secret);
  });
});
