import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@lotse/common';
import { type TestApp, testApp, testConfig, uniq } from '../../../test/harness';
import { ALL_WEEK, appointmentConfig, at, dayAhead, given } from './appointments.fixtures';

/**
 * Priority by residence title over HTTP: the list of persons whose title ends soonest (as far as the caller may
 * see them) and the rule that lets desk bookings for them use the urgent quota.
 */

type Item = {
  person: { id: string; displayName: string };
  validUntil: string;
  daysLeft: number;
  nextAppointment: { id: string; startsAt: string; serviceName: string } | null;
};

describe('appointments: priority by residence title', () => {
  let t: TestApp;
  let g: Awaited<ReturnType<typeof given>>;

  /** A registered person with a residence title ending in `days` days (recorded by the Ausländerbehörde). */
  const personEnding = async (days: number | null, who: Role = 'caseworker') => {
    const person = await g.ok(
      await g.call(who, 'POST', '/api/persons', {
        name: { givenNames: 'Priorität', familyName: `Titel-${uniq()}` },
        confirmNew: true,
      }),
      201,
    );
    if (days !== null)
      await g.ok(
        await g.call(who, 'POST', `/api/persons/${person.id}/residence`, {
          kind: 'aufenthaltserlaubnis',
          paragraph: '§ 25 Abs. 2 AufenthG',
          validFrom: dayAhead(-300),
          validUntil: dayAhead(days),
        }),
        201,
      );
    return person as { id: string; displayName: string };
  };
  const priority = async (who: Role, query = '') => g.call(who, 'GET', `/api/appointments/priority${query}`);
  const itemsOf = async (who: Role, ids: string[], query = ''): Promise<Item[]> =>
    ((await g.ok(await priority(who, query))).items as Item[]).filter((i) => ids.includes(i.person.id));

  beforeAll(async () => {
    t = await testApp({
      login: { ...testConfig().login, ratePerMinute: 1000 },
      appointments: { ...appointmentConfig(), priorityWeeks: 6 },
    });
    g = await given(t);
    await g.ok(await g.schedule('caseworker', { languages: ['de'], hours: ALL_WEEK }));
  });
  afterAll(() => t?.app.close());

  describe('the list', () => {
    let soon: { id: string }, later: { id: string }, far: { id: string }, none: { id: string };
    let serviceId: string;
    beforeAll(async () => {
      far = await personEnding(100);
      later = await personEnding(30);
      soon = await personEnding(10);
      none = await personEnding(null);
      serviceId = (await g.createService({ name: 'Prioliste', staffIds: [g.staffId('caseworker')] })).id;
    });

    it('lists the persons whose title ends within the configured weeks, soonest first, with days left', async () => {
      const res = await priority('caseworker');
      expect(res.statusCode).toBe(200);
      expect(res.json().weeks).toBe(6);
      const items = await itemsOf('caseworker', [soon.id, later.id, far.id, none.id]);
      expect(items.map((i) => i.person.id)).toEqual([soon.id, later.id]);
      expect(items[0]).toMatchObject({ validUntil: dayAhead(10), daysLeft: 10, nextAppointment: null });
      expect(items[1]).toMatchObject({ validUntil: dayAhead(30), daysLeft: 30 });
      const longer = await itemsOf('caseworker', [soon.id, later.id, far.id], '?weeks=20');
      expect(longer.map((i) => i.person.id)).toEqual([soon.id, later.id, far.id]);
    });

    it('names the next appointment of a person who has one, and none for the others', async () => {
      const startsAt = at(dayAhead(3), '09:00');
      await g.ok(await g.book(serviceId, startsAt, { name: '', personId: later.id }, 'caseworker'), 201);
      const items = await itemsOf('caseworker', [soon.id, later.id]);
      expect(items.find((i) => i.person.id === later.id)!.nextAppointment).toMatchObject({
        startsAt,
        serviceName: 'Prioliste',
      });
      expect(items.find((i) => i.person.id === soon.id)!.nextAppointment).toBeNull();
    });

    it('lists only the persons whose title the caller may see, and nobody to another municipality', async () => {
      // The test municipality shares no residence titles of the Ausländerbehörde with the administration's front
      // desk: the access function leaves them off its list, though the persons exist.
      expect(await itemsOf('front_desk', [soon.id, later.id])).toEqual([]);
      const read = await g.ok(await g.call('front_desk', 'GET', `/api/persons/${soon.id}`));
      expect(read.residence).toEqual([]);
      expect((await itemsOf('caseworker', [soon.id, later.id])).length).toBe(2);
      const other = await given(t);
      const foreign = await other.ok(await other.call('caseworker', 'GET', '/api/appointments/priority'));
      expect(foreign.items).toEqual([]);
    });

    it('refuses roles without desk work, a session-less caller and a malformed number of weeks', async () => {
      expect((await priority('partner_staff')).statusCode).toBe(403);
      expect((await priority('state_reporter')).statusCode).toBe(403);
      expect((await priority('municipal_admin')).statusCode).toBe(403);
      expect((await g.call(null, 'GET', '/api/appointments/priority')).statusCode).toBe(401);
      for (const weeks of ['0', '53', 'soon']) {
        const res = await priority('caseworker', `?weeks=${weeks}`);
        expect(res.statusCode).toBe(400);
        expect(Object.keys(res.json().error.fields)).toEqual(['weeks']);
      }
    });
  });

  describe('booking into the urgent quota', () => {
    // 08:00 and 10:00 a day; with a quota of 50 %, once 08:00 is booked 10:00 is kept for urgent bookings.
    const quotaService = async (name: string) =>
      g.createService({
        name,
        durationMinutes: 120,
        urgentQuotaPercent: 50,
        staffIds: [g.staffId('caseworker')],
      });

    it('lets the desk book a person whose title ends within the weeks into the urgent quota, as urgent', async () => {
      const s = await quotaService('Quote Priorität');
      const day = dayAhead(4);
      await g.ok(await g.book(s.id, at(day, '08:00'), { name: 'Normal' }), 201);
      const person = await personEnding(20);
      const a = await g.ok(
        await g.book(s.id, at(day, '10:00'), { name: '', personId: person.id }, 'caseworker'),
        201,
      );
      expect(a).toMatchObject({ urgent: true, personLinked: true, startsAt: at(day, '10:00') });
      const audit = await t.db.system(
        async (tx) =>
          (
            await tx.query<{ details: Record<string, unknown> }>(
              `SELECT details FROM audit_log WHERE action = 'appointment.book' AND subject_id = $1`,
              [a.id],
            )
          ).rows,
      );
      expect(audit[0]!.details).toMatchObject({ urgent: true, priority: 'residence_title' });
    });

    it('keeps a normal slot a normal booking for such a person', async () => {
      const s = await quotaService('Quote frei');
      const person = await personEnding(20);
      const a = await g.ok(
        await g.book(s.id, at(dayAhead(5), '08:00'), { name: '', personId: person.id }, 'caseworker'),
        201,
      );
      expect(a.urgent).toBe(false);
    });

    it('refuses the urgent quota for a title ending later, no title, no linked person, or a title out of sight', async () => {
      const s = await quotaService('Quote verweigert');
      const day = dayAhead(6);
      await g.ok(await g.book(s.id, at(day, '08:00'), { name: 'Normal' }), 201);
      for (const days of [100, null]) {
        const person = await personEnding(days);
        const res = await g.book(s.id, at(day, '10:00'), { name: '', personId: person.id }, 'caseworker');
        expect(res.statusCode).toBe(409);
        expect(res.json().error.fields.startsAt).toMatch(/urgent/);
      }
      const unlinked = await g.book(s.id, at(day, '10:00'), { name: 'Ohne Person' }, 'caseworker');
      expect(unlinked.statusCode).toBe(409);
      // The title counts only as far as the booking staff may see it: not for the administration's front desk.
      const hidden = await personEnding(20);
      const desk = await g.book(s.id, at(day, '10:00'), { name: '', personId: hidden.id }, 'front_desk');
      expect(desk.statusCode).toBe(409);
    });
  });
});
