import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenMunicipality, signIn, type TestApp, testApp, testConfig } from '../../../test/harness';
import { ALL_WEEK, appointmentConfig, at, dayAhead, given, solved } from './appointments.fixtures';
import { berlinDay } from './slots';

/** Appointments over HTTP: configuration, slots, desk and public booking, refusals, and no slot given twice. */

describe('appointments', () => {
  let t: TestApp;
  let g: Awaited<ReturnType<typeof given>>;

  beforeAll(async () => {
    t = await testApp({
      login: { ...testConfig().login, ratePerMinute: 1000 },
      appointments: appointmentConfig(),
    });
    g = await given(t);
    await g.ok(await g.schedule('caseworker', { languages: ['de', 'ar'], hours: ALL_WEEK }));
    await g.ok(await g.schedule('agency_lead', { languages: ['de', 'tr'], hours: ALL_WEEK }));
  });
  afterAll(() => t?.app.close());

  describe('configuration', () => {
    it('creates a service with its staff and lists it', async () => {
      const s = await g.createService({
        name: 'Beratung Einbürgerung',
        staffIds: [g.staffId('caseworker'), g.staffId('agency_lead')],
      });
      expect(s.staff.map((x) => x.id).sort()).toEqual(
        [g.staffId('caseworker'), g.staffId('agency_lead')].sort(),
      );
      const list = await g.ok(await g.call('front_desk', 'GET', '/api/appointments/services'));
      expect(list.map((x: { id: string }) => x.id)).toContain(s.id);
    });

    it('refuses configuration to the front desk and to the lead of another agency', async () => {
      const body = { agencyId: g.abh, name: 'X', durationMinutes: 30 };
      expect((await g.call('front_desk', 'POST', '/api/appointments/services', body)).statusCode).toBe(403);
      const other = { ...body, agencyId: g.m.agencies.get('jobcenter')!.id };
      expect((await g.call('agency_lead', 'POST', '/api/appointments/services', other)).statusCode).toBe(403);
    });

    it('refuses a service with bad input, naming the field', async () => {
      const res = await g.call('agency_lead', 'POST', '/api/appointments/services', {
        agencyId: g.abh,
        name: 'Zu kurz',
        durationMinutes: 2,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty('durationMinutes');
      const foreign = await g.call('agency_lead', 'POST', '/api/appointments/services', {
        agencyId: g.abh,
        name: 'Fremd',
        durationMinutes: 30,
        staffIds: [g.staffId('front_desk')],
      });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().error.fields).toEqual({
        'staffIds.0': 'does not work for the agency of the service',
      });
    });

    it('refuses working hours that end before they start', async () => {
      const res = await g.schedule('caseworker', { hours: [{ weekday: 1, starts: '12:00', ends: '08:00' }] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty(['hours.0.ends']);
    });

    it('returns 404 for an unknown service and 401 without a session', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(
        (
          await g.call('agency_lead', 'PUT', `/api/appointments/services/${unknown}`, {
            agencyId: g.abh,
            name: 'X',
            durationMinutes: 30,
          })
        ).statusCode,
      ).toBe(404);
      expect((await g.call(null, 'GET', '/api/appointments/services')).statusCode).toBe(401);
      const body = { serviceId: unknown, startsAt: '2030-01-07T08:00:00Z', name: 'X' };
      expect((await g.call(null, 'POST', '/api/appointments', body)).statusCode).toBe(401);
    });
  });

  describe('slots', () => {
    it('steps by duration plus buffer within the working hours', async () => {
      const s = await g.createService({
        name: 'Slots mit Puffer',
        durationMinutes: 30,
        bufferMinutes: 10,
        staffIds: [g.staffId('caseworker')],
      });
      const day = dayAhead(3);
      const starts = (await g.slots(s.id, day)).map((x) => x.startsAt);
      // 08:00, 08:40, 09:20, 10:00, 10:40, 11:20 (11:20 + 30 = 11:50 <= 12:00)
      expect(starts).toEqual(['08:00', '08:40', '09:20', '10:00', '10:40', '11:20'].map((h) => at(day, h)));
    });

    it('leaves out the time of an absence', async () => {
      const s = await g.createService({ name: 'Slots Abwesenheit', staffIds: [g.staffId('agency_lead')] });
      const day = dayAhead(4);
      await g.ok(
        await g.call(
          'agency_lead',
          'POST',
          `/api/appointments/schedules/${g.staffId('agency_lead')}/absences`,
          {
            startsAt: at(day, '09:00'),
            endsAt: at(day, '11:00'),
            reason: 'Fortbildung',
          },
        ),
        201,
      );
      const starts = (await g.slots(s.id, day)).map((x) => x.startsAt);
      expect(starts).toEqual(['08:00', '08:30', '11:00', '11:30'].map((h) => at(day, h)));
    });

    it('refuses a period that ends before it starts or spans more than 31 days', async () => {
      const s = await g.createService({ name: 'Slots Zeitraum', staffIds: [g.staffId('caseworker')] });
      const back = await g.call(
        'front_desk',
        'GET',
        `/api/appointments/slots?serviceId=${s.id}&from=2026-05-02&to=2026-05-01`,
      );
      expect(back.statusCode).toBe(400);
      expect(back.json().error.fields).toHaveProperty('to');
      const long = await g.call(
        'front_desk',
        'GET',
        `/api/appointments/slots?serviceId=${s.id}&from=2026-05-01&to=2026-07-01`,
      );
      expect(long.statusCode).toBe(400);
    });
  });

  describe('booking at the desk', () => {
    it('assigns round-robin across free staff and refuses the slot when all are taken', async () => {
      const s = await g.createService({
        name: 'Round Robin',
        staffIds: [g.staffId('caseworker'), g.staffId('agency_lead')],
      });
      const startsAt = at(dayAhead(5), '09:00');
      expect((await g.slots(s.id, dayAhead(5))).find((x) => x.startsAt === startsAt)?.free).toBe(2);
      const first = await g.ok(await g.book(s.id, startsAt, { name: 'Eins' }), 201);
      const second = await g.ok(await g.book(s.id, startsAt, { name: 'Zwei' }), 201);
      expect(new Set([first.staffId, second.staffId]).size).toBe(2);
      expect(first).toMatchObject({ status: 'booked', channel: 'desk', serviceName: 'Round Robin' });
      const third = await g.book(s.id, startsAt, { name: 'Drei' });
      expect(third.statusCode).toBe(409);
      expect(third.json().error.fields).toHaveProperty('startsAt');
    });

    it('gives the booking to the staff member who speaks the language', async () => {
      const s = await g.createService({
        name: 'Sprache',
        staffIds: [g.staffId('caseworker'), g.staffId('agency_lead')],
      });
      const day = dayAhead(6);
      const ar = await g.ok(
        await g.book(s.id, at(day, '08:00'), { language: 'ar', needsInterpreter: true }),
        201,
      );
      expect(ar.staffId).toBe(g.staffId('caseworker'));
      expect(ar.interpreterMissing).toBe(false);
      const tr = await g.ok(await g.book(s.id, at(day, '08:30'), { language: 'tr' }), 201);
      expect(tr.staffId).toBe(g.staffId('agency_lead'));
      // Nobody speaks Persian: booked anyway, flagged for an interpreter.
      const fa = await g.ok(
        await g.book(s.id, at(day, '09:00'), { language: 'fa', needsInterpreter: true }),
        201,
      );
      expect(fa.interpreterMissing).toBe(true);
    });

    it('refuses a second booking of the same email or phone for the same service with a 409 naming it', async () => {
      const s = await g.createService({ name: 'Dubletten', staffIds: [g.staffId('caseworker')] });
      const day = dayAhead(7);
      await g.ok(
        await g.book(s.id, at(day, '08:00'), { email: 'Amal@example.org', phone: '+49 202 123456' }),
        201,
      );
      const sameEmail = await g.book(s.id, at(day, '09:00'), { email: 'amal@example.org' });
      expect(sameEmail.statusCode).toBe(409);
      expect(Object.keys(sameEmail.json().error.fields)).toEqual(['email']);
      const samePhone = await g.book(s.id, at(day, '09:00'), { phone: '0202/123456' });
      expect(samePhone.statusCode).toBe(409);
      expect(Object.keys(samePhone.json().error.fields)).toEqual(['phone']);
    });

    it('keeps the urgent quota for urgent bookings by staff, and hides it from the public page', async () => {
      const s = await g.createService({
        name: 'Dringend',
        durationMinutes: 120,
        urgentQuotaPercent: 50,
        staffIds: [g.staffId('caseworker')],
      });
      const day = dayAhead(8);
      // 08:00 and 10:00: one for everyone, one kept free.
      await g.ok(await g.book(s.id, at(day, '08:00'), { name: 'Normal' }), 201);
      expect(await g.slots(s.id, day)).toEqual([
        expect.objectContaining({ startsAt: at(day, '10:00'), urgentOnly: true }),
      ]);
      expect(await g.slots(s.id, day, null)).toEqual([]);
      const normal = await g.book(s.id, at(day, '10:00'), { name: 'Normal 2' });
      expect(normal.statusCode).toBe(409);
      expect(normal.json().error.fields.startsAt).toMatch(/urgent/);
      await g.ok(await g.book(s.id, at(day, '10:00'), { name: 'Eilig', urgent: true }), 201);
    });

    it('refuses a time in the past, a time that is no slot, and a booking without a name', async () => {
      const s = await g.createService({ name: 'Falsch', staffIds: [g.staffId('caseworker')] });
      const past = await g.book(s.id, '2020-01-06T08:00:00Z');
      expect(past.statusCode).toBe(400);
      expect(past.json().error.fields).toEqual({ startsAt: 'is in the past' });
      const odd = await g.book(s.id, at(dayAhead(9), '08:10'));
      expect(odd.statusCode).toBe(409);
      const nameless = await g.book(s.id, at(dayAhead(9), '08:00'), { name: '' });
      expect(nameless.statusCode).toBe(400);
      expect(nameless.json().error.fields).toHaveProperty('name');
      const badEmail = await g.book(s.id, at(dayAhead(9), '08:00'), { email: 'nope' });
      expect(badEmail.statusCode).toBe(400);
      expect(badEmail.json().error.fields).toHaveProperty('email');
    });

    it('refuses booking to roles without desk work', async () => {
      const s = await g.createService({ name: 'Rollen', staffIds: [g.staffId('caseworker')] });
      const res = await g.book(s.id, at(dayAhead(9), '08:00'), {}, 'state_reporter');
      expect(res.statusCode).toBe(403);
    });

    it('rebooks with the same staff member and cancels, refusing to cancel twice', async () => {
      const s = await g.createService({
        name: 'Umbuchen',
        staffIds: [g.staffId('caseworker'), g.staffId('agency_lead')],
      });
      const day = dayAhead(10);
      const a = await g.ok(await g.book(s.id, at(day, '08:00'), { name: 'Umbuchung' }), 201);
      const moved = await g.ok(
        await g.call('front_desk', 'POST', `/api/appointments/${a.id}/rebook`, {
          startsAt: at(day, '10:00'),
        }),
        201,
      );
      expect(moved).toMatchObject({ staffId: a.staffId, rebookedFrom: a.id, status: 'booked' });
      const old = await g.ok(await g.call('front_desk', 'GET', `/api/appointments/${a.id}`));
      expect(old.status).toBe('rebooked');
      const cancelled = await g.ok(
        await g.call('front_desk', 'POST', `/api/appointments/${moved.id}/cancel`, { reason: 'krank' }),
      );
      expect(cancelled.status).toBe('cancelled');
      const again = await g.call('front_desk', 'POST', `/api/appointments/${moved.id}/cancel`, {});
      expect(again.statusCode).toBe(409);
      // The slot is free again.
      expect((await g.slots(s.id, day)).map((x) => x.startsAt)).toContain(at(day, '10:00'));
    });

    it('lists the day, and shows nothing of it to another municipality', async () => {
      const s = await g.createService({ name: 'Tagesliste', staffIds: [g.staffId('caseworker')] });
      const day = dayAhead(11);
      const a = await g.ok(await g.book(s.id, at(day, '11:00'), { name: 'Tag' }), 201);
      const list = await g.ok(
        await g.call('front_desk', 'GET', `/api/appointments?date=${day}&serviceId=${s.id}`),
      );
      expect(list.map((x: { id: string }) => x.id)).toEqual([a.id]);
      const other = await given(t);
      expect((await other.call('front_desk', 'GET', `/api/appointments/${a.id}`)).statusCode).toBe(404);
      const bad = await g.call('front_desk', 'GET', `/api/appointments?date=tomorrow`);
      expect(bad.statusCode).toBe(400);
    });

    it('books for a registered person and shows the person through the access function', async () => {
      const s = await g.createService({ name: 'Registriert', staffIds: [g.staffId('caseworker')] });
      const person = await g.ok(
        await g.call('caseworker', 'POST', '/api/persons', {
          name: { givenNames: 'Rania', familyName: 'Qassab' },
          dateOfBirth: '1990-02-01',
          confirmNew: true,
        }),
        201,
      );
      const a = await g.ok(
        await g.book(s.id, at(dayAhead(12), '08:00'), { name: '', personId: person.id }, 'caseworker'),
        201,
      );
      expect(a).toMatchObject({ personLinked: true, person: { id: person.id }, name: person.displayName });
      const unknown = await g.book(s.id, at(dayAhead(12), '09:00'), {
        personId: '00000000-0000-4000-8000-000000000000',
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.fields).toHaveProperty('personId');
    });
  });

  describe('no slot is ever given twice', () => {
    it('lets exactly one of 100 concurrent bookings of one slot succeed', async () => {
      const s = await g.createService({ name: 'Ansturm', staffIds: [g.staffId('caseworker')] });
      const startsAt = at(dayAhead(13), '08:00');
      await g.book(s.id, at(dayAhead(13), '11:30'), { name: 'Anmeldung' }); // signs the front desk in first
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => g.book(s.id, startsAt, { name: `Person ${i}` })),
      );
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 201)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(99);
      const rows = await t.db.system(
        async (tx) =>
          (
            await tx.query(`SELECT id FROM appointment WHERE service_id = $1 AND starts_at = $2`, [
              s.id,
              startsAt,
            ])
          ).rows,
      );
      expect(rows).toHaveLength(1);
    });
  });

  describe('public booking', () => {
    let serviceId: string;
    beforeAll(async () => {
      serviceId = (
        await g.createService({
          name: 'Online',
          staffIds: [g.staffId('caseworker'), g.staffId('agency_lead')],
        })
      ).id;
    });
    const publicBook = async (body: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/appointments/public',
        payload: {
          serviceId,
          name: 'Layla Nasser',
          email: `layla${Math.random().toString(36).slice(2)}@example.org`,
          language: 'ar',
          proof: await solved(t),
          ...body,
        },
      });
    const token = async (appointmentStart: string) => {
      const mails = await g.ok(await g.call('front_desk', 'GET', '/api/appointments/outbox?limit=500'));
      const list = await g.ok(
        await g.call(
          'front_desk',
          'GET',
          `/api/appointments?date=${berlinDay(new Date(appointmentStart))}&serviceId=${serviceId}`,
        ),
      );
      const a = list.find(
        (x: { startsAt: string; status: string }) =>
          x.startsAt === appointmentStart && x.status !== 'rebooked',
      );
      const mail = mails.find((x: { appointmentId: string }) => x.appointmentId === a.id);
      return { appointment: a, mail, token: /\/book\/(?:confirm|manage)\/([\w-]+)/.exec(mail.text)![1]! };
    };

    it('lists the services in the language asked for, without staff', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/appointments/public/services?municipality=${g.m.municipality.slug}&lang=ar`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().find((x: { id: string }) => x.id === serviceId)).toEqual({
        id: serviceId,
        name: 'تمديد تصريح الإقامة',
        agencyName: 'Ausländerbehörde',
        durationMinutes: 30,
      });
    });

    it('holds the slot as pending, confirms through the emailed link, and never shows the name', async () => {
      const startsAt = at(dayAhead(5), '10:00');
      const res = await publicBook({ startsAt });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ status: 'pending', startsAt });
      const { mail, token: code, appointment } = await token(startsAt);
      expect(appointment.channel).toBe('public');
      expect(mail).toMatchObject({
        kind: 'confirm_request',
        subject: expect.stringContaining('يرجى تأكيد موعدك'),
      });
      const shown = await t.app.inject({ method: 'GET', url: `/api/appointments/public/${code}` });
      expect(shown.json()).toMatchObject({ status: 'pending', serviceName: 'تمديد تصريح الإقامة' });
      expect(shown.body).not.toContain('Layla');
      expect(shown.body).not.toContain('example.org');
      const confirmed = await t.app.inject({
        method: 'POST',
        url: `/api/appointments/public/${code}/confirm`,
      });
      expect(confirmed.json().status).toBe('booked');
      // Idempotent.
      expect(
        (await t.app.inject({ method: 'POST', url: `/api/appointments/public/${code}/confirm` })).json()
          .status,
      ).toBe('booked');
      const after = await g.ok(await g.call('front_desk', 'GET', '/api/appointments/outbox?limit=500'));
      expect(
        after.find(
          (x: { appointmentId: string; kind: string }) =>
            x.appointmentId === appointment.id && x.kind === 'confirmation',
        ),
      ).toBeTruthy();
    });

    it('rebooks and cancels through the link, keeping the staff member', async () => {
      const startsAt = at(dayAhead(6), '11:00');
      await publicBook({ startsAt });
      const { token: code, appointment } = await token(startsAt);
      await t.app.inject({ method: 'POST', url: `/api/appointments/public/${code}/confirm` });
      const moved = await t.app.inject({
        method: 'POST',
        url: `/api/appointments/public/${code}/rebook`,
        payload: { startsAt: at(dayAhead(6), '11:30') },
      });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ status: 'booked', startsAt: at(dayAhead(6), '11:30') });
      const { token: newCode, appointment: next } = await token(at(dayAhead(6), '11:30'));
      expect(next.staffId).toBe(appointment.staffId);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/appointments/public/${code}` })).json().status,
      ).toBe('rebooked');
      const cancelled = await t.app.inject({
        method: 'POST',
        url: `/api/appointments/public/${newCode}/cancel`,
      });
      expect(cancelled.json().status).toBe('cancelled');
      expect(
        (await t.app.inject({ method: 'POST', url: `/api/appointments/public/${newCode}/cancel` }))
          .statusCode,
      ).toBe(409);
    });

    it('refuses a missing, forged or reused proof of work', async () => {
      const startsAt = at(dayAhead(7), '10:00');
      const none = await t.app.inject({
        method: 'POST',
        url: '/api/appointments/public',
        payload: { serviceId, startsAt, name: 'Bot', email: 'bot@example.org' },
      });
      expect(none.statusCode).toBe(400);
      expect(none.json().error.fields).toHaveProperty('proof');
      const proof = await solved(t);
      const forged = await publicBook({
        startsAt,
        proof: { ...proof, solution: { ...proof.solution, counter: proof.solution.counter + 1 } },
      });
      expect(forged.statusCode).toBe(400);
      expect(forged.json().error.fields).toEqual({ proof: 'is not a valid proof of work' });
      expect((await publicBook({ startsAt, proof })).statusCode).toBe(201);
      const reused = await publicBook({ startsAt: at(dayAhead(7), '10:30'), proof });
      expect(reused.statusCode).toBe(400);
      expect(reused.json().error.fields).toEqual({ proof: 'was used before; solve a new challenge' });
    });

    it('refuses an unknown link and a malformed one', async () => {
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/appointments/public/${'x'.repeat(32)}` })).statusCode,
      ).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/appointments/public/short' })).statusCode).toBe(
        400,
      );
    });

    it('rate-limits the public endpoints', async () => {
      const limited = await testApp({ appointments: { ...appointmentConfig(), publicRatePerMinute: 3 } });
      try {
        const codes: number[] = [];
        for (let i = 0; i < 5; i++)
          codes.push(
            (await limited.app.inject({ method: 'GET', url: '/api/appointments/public/challenge' }))
              .statusCode,
          );
        expect(codes).toEqual([200, 200, 200, 429, 429]);
      } finally {
        await limited.app.close();
      }
    });

    it('limits slot searches of the public page, not those of signed-in staff (many desks, one address)', async () => {
      const limited = await testApp({ appointments: { ...appointmentConfig(), publicRatePerMinute: 3 } });
      try {
        const m = await givenMunicipality(limited.db);
        const cookie = await signIn(limited.app, m.users.front_desk);
        const url = `/api/appointments/slots?serviceId=${crypto.randomUUID()}&from=2026-12-01&to=2026-12-02`;
        const codes = async (headers: Record<string, string>) => {
          const out: number[] = [];
          for (let i = 0; i < 5; i++)
            out.push((await limited.app.inject({ method: 'GET', url, headers })).statusCode);
          return out;
        };
        expect(await codes({})).toEqual([404, 404, 404, 429, 429]);
        expect(await codes({ cookie })).toEqual([404, 404, 404, 404, 404]);
      } finally {
        await limited.app.close();
      }
    });
  });

  it('documents every endpoint in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.entries(
      doc.paths as Record<string, Record<string, { tags?: string[]; summary?: string }>>,
    )
      .filter(([p]) => p.startsWith('/api/appointments'))
      .flatMap(([, ops]) => Object.values(ops));
    expect(paths.length).toBeGreaterThanOrEqual(22);
    for (const op of paths) {
      expect(op.tags).toEqual(['appointments']);
      expect(op.summary).toBeTruthy();
    }
  });
});
