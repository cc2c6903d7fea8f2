import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenMunicipality, signIn, type TestApp, testApp, uniq } from '../../../test/harness';
import { givenQueue } from './queue.fixtures';
import { issueCheckInTicket } from './queue.service';

/** The walk-in queue over HTTP: configuration, issuing, every state transition and refusal, public views, figures. */

describe('the walk-in queue', () => {
  let t: TestApp;
  let q: Awaited<ReturnType<typeof givenQueue>>;
  beforeAll(async () => {
    t = await testApp();
    q = await givenQueue(t);
  });
  afterAll(() => t.app.close());

  describe('configuring services and counters', () => {
    it('creates a service with prefix, opening hours and cap, and shows whether it issues now', async () => {
      const s = await q.service({ prefix: 'K', dailyCap: 50 });
      expect(s).toMatchObject({ prefix: 'K', dailyCap: 50, issuing: 'open', issuedToday: 0, waiting: 0 });
      const setup = await q.ok(q.call('front_desk', 'GET', `/api/queue/setup?siteId=${q.siteId}`));
      expect(setup.services.map((x: { id: string }) => x.id)).toContain(s.id);
    });

    it('refuses a front-desk worker configuring services', async () => {
      const res = await q.call('front_desk', 'POST', '/api/queue/services', {
        agencyId: q.agency('verwaltung'),
        siteId: q.siteId,
        name: 'Nope',
        prefix: 'N',
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    });

    it('refuses a bad prefix, hours in the wrong order and a site of another municipality, naming the fields', async () => {
      const other = await givenMunicipality(t.db);
      const res = await q.call('agency_lead', 'POST', '/api/queue/services', {
        agencyId: q.agency('verwaltung'),
        siteId: q.siteId,
        name: 'Falsch',
        prefix: 'a1',
        opensAt: '12:00',
        closesAt: '08:00',
      });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(expect.arrayContaining(['prefix', 'closesAt']));
      const otherSite = await q.ok(
        t.app.inject({
          method: 'GET',
          url: '/api/queue/setup',
          headers: { cookie: await signIn(t.app, other.users.agency_lead) },
        }),
      );
      const foreign = await q.call('agency_lead', 'POST', '/api/queue/services', {
        agencyId: q.agency('verwaltung'),
        siteId: otherSite.sites[0].id,
        name: 'Fremd',
        prefix: 'F',
      });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().error.fields).toHaveProperty('siteId');
    });

    it('refuses a counter for a service of no site of its own', async () => {
      const res = await q.call('agency_lead', 'POST', '/api/queue/counters', {
        siteId: q.siteId,
        name: 'Schalter X',
        serviceIds: ['00000000-0000-4000-8000-000000000000'],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty(['serviceIds.0']);
    });

    it('answers 401 without a session', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/queue/setup' })).statusCode).toBe(401);
    });
  });

  describe('issuing tickets', () => {
    it('numbers tickets per prefix and day and answers an absolute phone URL', async () => {
      const s = await q.service({ prefix: 'P' });
      const a = await q.ticket(s.id);
      const b = await q.ticket(s.id, { priority: 'urgent', language: 'ar' });
      expect([a.number, b.number]).toEqual(['P001', 'P002']);
      expect(a).toMatchObject({ status: 'waiting', source: 'desk', priority: 'normal', personId: null });
      expect(b).toMatchObject({ priority: 'urgent', language: 'ar' });
      expect(a.statusUrl).toMatch(/^https?:\/\/[^/]+\/q\/[A-Za-z0-9_-]{32}$/);
    });

    it('never gives a number twice when many tickets are issued at once', async () => {
      const s = await q.service({ prefix: 'Z' });
      const results = await Promise.all(Array.from({ length: 30 }, () => q.ticket(s.id)));
      const numbers = results.map((r) => r.number).sort();
      expect(new Set(numbers).size).toBe(30);
      expect(numbers[0]).toBe('Z001');
      expect(numbers[29]).toBe('Z030');
    });

    it('links a ticket to a person through the access function, and refuses an unknown person', async () => {
      const s = await q.service();
      const person = await q.ok(
        q.call('caseworker', 'POST', '/api/persons', {
          name: { givenNames: 'Wartende', familyName: `Queue-${uniq()}` },
          confirmNew: true,
        }),
        201,
      );
      const linked = await q.ticket(s.id, { personId: person.id });
      expect(linked.personId).toBe(person.id);
      const res = await q.call('front_desk', 'POST', '/api/queue/tickets', {
        serviceId: s.id,
        personId: '00000000-0000-4000-8000-000000000000',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty('personId');
    });

    it('refuses bad input naming the field', async () => {
      const res = await q.call('front_desk', 'POST', '/api/queue/tickets', {
        serviceId: 'x',
        priority: 'vip',
      });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(expect.arrayContaining(['serviceId', 'priority']));
      const unknown = await q.call('front_desk', 'POST', '/api/queue/tickets', {
        serviceId: '00000000-0000-4000-8000-000000000000',
      });
      expect(unknown.statusCode).toBe(400);
    });

    it('refuses tickets when issuing was stopped, the cap is reached, the service is closed or retired', async () => {
      const stopped = await q.service();
      const s = await q.ok(
        q.call('front_desk', 'POST', `/api/queue/services/${stopped.id}/stop`, { stopped: true }),
      );
      expect(s).toMatchObject({ stoppedToday: true, issuing: 'stopped' });
      const refusal = async (serviceId: string, reason: string) => {
        const res = await q.call('front_desk', 'POST', '/api/queue/tickets', { serviceId });
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toMatchObject({ code: 'CONFLICT', fields: { serviceId: reason } });
      };
      await refusal(stopped.id, 'stopped');
      await q.ok(q.call('front_desk', 'POST', `/api/queue/services/${stopped.id}/stop`, { stopped: false }));
      await q.ticket(stopped.id);

      const capped = await q.service({ dailyCap: 1 });
      await q.ticket(capped.id);
      await refusal(capped.id, 'cap_reached');

      await refusal((await q.service({ weekdays: [] })).id, 'closed');
      await refusal((await q.service({ active: false })).id, 'inactive');
    });
  });

  describe('calling and serving', () => {
    it('calls by the policy: urgent, appointment check-in, accessibility, then the longest waiting across services', async () => {
      const a = await q.service();
      const b = await q.service();
      const c = await q.counter([a.id, b.id]);
      const first = await q.ticket(b.id);
      const second = await q.ticket(a.id);
      const access = await q.ticket(a.id, { priority: 'accessibility' });
      const urgent = await q.ticket(b.id, { priority: 'urgent' });
      const checkIn = await t.db.tenant(q.m.municipality.id, (tx) =>
        issueCheckInTicket(tx, {
          municipalityId: q.m.municipality.id,
          queueServiceId: a.id,
          personId: null,
          appointmentId: '00000000-0000-4000-8000-0000000000a1',
          staffId: null,
        }),
      );
      expect(checkIn).toMatchObject({ source: 'appointment', status: 'waiting' });
      const order: string[] = [];
      for (let i = 0; i < 5; i++) {
        const called = await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`));
        order.push(called.number);
        await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${called.id}/start`));
        await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${called.id}/done`));
      }
      expect(order).toEqual([urgent.number, checkIn.number, access.number, first.number, second.number]);
      const none = await q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`);
      expect(none.statusCode).toBe(404);
    });

    it('walks a ticket through called, recalls, no-show only after the calls of the service', async () => {
      const s = await q.service({ noShowAfterCalls: 2 });
      const c = await q.counter([s.id]);
      const tk = await q.ticket(s.id);
      const called = await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`));
      expect(called).toMatchObject({
        id: tk.id,
        status: 'called',
        callCount: 1,
        counterId: c.id,
        room: c.room,
      });
      const early = await q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/no-show`);
      expect(early.statusCode).toBe(409);
      const again = await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/recall`));
      expect(again.callCount).toBe(2);
      expect((await q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/recall`)).statusCode).toBe(409);
      const gone = await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/no-show`));
      expect(gone.status).toBe('no_show');
      expect((await q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/start`)).statusCode).toBe(409);
    });

    it('refuses a second call while a ticket is at the counter, and done before the service started', async () => {
      const s = await q.service();
      const c = await q.counter([s.id]);
      const tk = await q.ticket(s.id);
      await q.ticket(s.id);
      await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`));
      const busy = await q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`);
      expect(busy.statusCode).toBe(409);
      expect(busy.json().error.fields).toEqual({ ticketId: tk.id });
      expect((await q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/done`)).statusCode).toBe(409);
    });

    it('parks a ticket and calls it again by its number', async () => {
      const s = await q.service();
      const c = await q.counter([s.id]);
      const tk = await q.ticket(s.id);
      await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`));
      await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/start`));
      const parked = await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/park`));
      expect(parked).toMatchObject({ status: 'parked', counterId: null });
      const state = await q.ok(q.call('front_desk', 'GET', `/api/queue/counters/${c.id}`));
      expect(state.current).toBeNull();
      expect(state.parked.map((p: { id: string }) => p.id)).toEqual([tk.id]);
      const back = await q.ok(
        q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call`, { number: tk.number.toLowerCase() }),
      );
      expect(back).toMatchObject({ id: tk.id, status: 'called', callCount: 1 });
      const bad = await q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call`, { number: '17' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toHaveProperty('number');
    });

    it('refuses calling a number not issued today, or one already served', async () => {
      const s = await q.service();
      const c = await q.counter([s.id]);
      const missing = await q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call`, {
        number: 'Q999',
      });
      expect(missing.statusCode).toBe(404);
      const tk = await q.ticket(s.id);
      await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`));
      await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/start`));
      await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/done`));
      const served = await q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call`, {
        number: tk.number,
      });
      expect(served.statusCode).toBe(409);
    });

    it('forwards a ticket to another agency keeping its original arrival, ahead of later arrivals', async () => {
      const desk = await q.service();
      const abh = await q.service({ agencyId: q.agency('abh') });
      const c1 = await q.counter([desk.id]);
      const c2 = await q.counter([abh.id]);
      const tk = await q.ticket(desk.id);
      const later = await q.ticket(abh.id);
      await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c1.id}/call-next`));
      const same = await q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/forward`, {
        serviceId: desk.id,
      });
      expect(same.statusCode).toBe(400);
      const fwd = await q.ok(
        q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/forward`, { serviceId: abh.id }),
      );
      expect(fwd).toMatchObject({
        status: 'waiting',
        serviceId: abh.id,
        forwardedFrom: desk.id,
        number: tk.number,
      });
      expect(fwd.arrivedAt).toBe(tk.arrivedAt);
      const next = await q.ok(q.call('caseworker', 'POST', `/api/queue/counters/${c2.id}/call-next`));
      expect(next.id).toBe(tk.id);
      expect(later.arrivedAt > tk.arrivedAt).toBe(true);
    });

    it('refuses a counter someone else serves at until it is taken over', async () => {
      const s = await q.service();
      const c = await q.counter([s.id]);
      await q.ticket(s.id);
      await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/occupy`));
      const res = await q.call('caseworker', 'POST', `/api/queue/counters/${c.id}/call-next`);
      expect(res.statusCode).toBe(409);
      const taken = await q.ok(q.call('caseworker', 'POST', `/api/queue/counters/${c.id}/occupy`));
      expect(taken.counter.staffName).toBe('Test caseworker');
      await q.ok(q.call('caseworker', 'POST', `/api/queue/counters/${c.id}/call-next`));
      expect((await q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/leave`)).statusCode).toBe(409);
    });

    it('hides counters of another municipality', async () => {
      const s = await q.service();
      const c = await q.counter([s.id]);
      const other = await givenMunicipality(t.db);
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/queue/counters/${c.id}`,
        headers: { cookie: await signIn(t.app, other.users.front_desk) },
      });
      expect(res.statusCode).toBe(404);
    });
  });

  describe('the public views', () => {
    it('shows the kiosk and issues a ticket without an account and without person data', async () => {
      const s = await q.service({ pictogram: 'documents' });
      const slug = q.m.municipality.slug;
      const kiosk = await q.ok(t.app.inject({ method: 'GET', url: `/api/queue/kiosk/${slug}/${q.siteId}` }));
      expect(kiosk.services).toContainEqual(
        expect.objectContaining({ id: s.id, pictogram: 'documents', issuing: 'open' }),
      );
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/queue/kiosk/${slug}/${q.siteId}/tickets`,
        payload: { serviceId: s.id, language: 'uk' },
      });
      expect(res.statusCode).toBe(201);
      expect(Object.keys(res.json()).sort()).toEqual(['number', 'serviceName', 'statusUrl', 'token']);
      const wrong = await t.app.inject({ method: 'GET', url: `/api/queue/kiosk/nowhere/${q.siteId}` });
      expect(wrong.statusCode).toBe(404);
    });

    it('shows the phone view: position and estimated wait, then the room when called, never a name', async () => {
      const s = await q.service({ defaultServiceMinutes: 6 });
      const c = await q.counter([s.id], { room: 'Raum E.07' });
      await q.ticket(s.id);
      const person = await q.ok(
        q.call('caseworker', 'POST', '/api/persons', {
          name: { givenNames: 'Geheim', familyName: `Name-${uniq()}` },
          confirmNew: true,
        }),
        201,
      );
      const mine = await q.ticket(s.id, { personId: person.id, language: 'ar' });
      const view = await q.ok(t.app.inject({ method: 'GET', url: `/api/queue/phone/${mine.publicToken}` }));
      expect(view).toMatchObject({
        number: mine.number,
        status: 'waiting',
        position: 2,
        language: 'ar',
        room: null,
      });
      expect(view.estimatedWaitMinutes).toBe(6);
      expect(JSON.stringify(view)).not.toContain('Geheim');
      await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`));
      expect(
        (await q.ok(t.app.inject({ method: 'GET', url: `/api/queue/phone/${mine.publicToken}` }))).position,
      ).toBe(1);
      const first = (await q.ok(q.call('front_desk', 'GET', `/api/queue/counters/${c.id}`))).current;
      await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${first.id}/park`));
      await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`));
      const called = await q.ok(t.app.inject({ method: 'GET', url: `/api/queue/phone/${mine.publicToken}` }));
      expect(called).toMatchObject({
        status: 'called',
        position: null,
        room: 'Raum E.07',
        counterName: c.name,
      });
      const display = await q.ok(t.app.inject({ method: 'GET', url: `/api/queue/display/${q.siteId}` }));
      expect(display.calls[0]).toMatchObject({ number: mine.number, room: 'Raum E.07' });
      expect(JSON.stringify(display)).not.toContain('Geheim');
      const lang = await q.ok(
        t.app.inject({
          method: 'PUT',
          url: `/api/queue/phone/${mine.publicToken}/language`,
          payload: { language: 'fa' },
        }),
      );
      expect(lang.language).toBe('fa');
    });

    it('refuses a malformed or unknown token', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/queue/phone/short' })).statusCode).toBe(400);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/queue/phone/${'x'.repeat(32)}` })).statusCode,
      ).toBe(404);
    });

    it('rate limits issuing tickets on public pages', async () => {
      const url = `/api/queue/kiosk/${q.m.municipality.slug}/${q.siteId}/tickets`;
      const codes: number[] = [];
      for (let i = 0; i < 22; i++)
        codes.push(
          (await t.app.inject({ method: 'POST', url, payload: {}, remoteAddress: '10.9.8.7' })).statusCode,
        );
      expect(codes.slice(0, 20).every((c) => c === 400)).toBe(true);
      expect(codes.at(-1)).toBe(429);
    });
  });

  describe('figures and short questions', () => {
    it('logs short questions in one click, anonymous or linked, and counts them with the tickets of the day', async () => {
      const s = await q.service();
      const c = await q.counter([s.id]);
      const tk = await q.ticket(s.id);
      await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`));
      await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/start`));
      await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${tk.id}/done`));
      const sq = await q.ok(
        q.call('front_desk', 'POST', '/api/queue/short-questions', {
          agencyId: q.agency('jobcenter'),
          topic: 'directions',
          durationMinutes: 3,
          siteId: q.siteId,
        }),
        201,
      );
      expect(sq).toMatchObject({ topic: 'directions', anonymous: true, durationMinutes: 3 });
      const bad = await q.call('front_desk', 'POST', '/api/queue/short-questions', {
        agencyId: 'x',
        topic: 'weather',
      });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['agencyId', 'topic']));
      const f = await q.ok(q.call('agency_lead', 'GET', `/api/queue/figures?siteId=${q.siteId}`));
      const row = f.services.find((x: { serviceId: string }) => x.serviceId === s.id);
      expect(row).toMatchObject({ tickets: 1, served: 1, noShows: 0, waiting: 0 });
      expect(row.waitMedian).toBeGreaterThanOrEqual(0);
      expect(row.serviceMedian).toBeGreaterThanOrEqual(0);
      expect(f.shortQuestions).toContainEqual(
        expect.objectContaining({ agencyName: 'Jobcenter', topic: 'directions', count: 1, minutes: 3 }),
      );
      expect((await q.call('partner_staff', 'GET', '/api/queue/figures')).statusCode).toBe(403);
    });
  });

  it('documents every queue endpoint in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/queue'));
    expect(paths.length).toBeGreaterThanOrEqual(20);
    for (const p of paths)
      for (const op of Object.values(doc.paths[p]) as { tags: string[]; summary: string }[]) {
        expect(op.tags).toEqual(['queue']);
        expect(op.summary).toBeTruthy();
      }
    expect(doc.paths['/api/queue/display/{siteId}/events']).toBeDefined();
  });
});
