import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type {
  Appointment,
  DisplaySnapshot,
  PublicTicket,
  SlotList,
  Ticket,
  TicketStatusView,
} from '@lotse/common';
import { type Client, deviceAddress, httpClient } from '../../../../bench/frontdesk/http';
import {
  freePort,
  freshPostgres,
  type ServerOptions,
  type ServerProcess,
  startServer,
  tempDir,
} from '../../../../bench/frontdesk/server';
import { berlinDay, DEMO_SLUG, type Desk, prepareDesk } from '../../../../bench/frontdesk/setup';
import { EventStream, type SseEvent } from '../../../../bench/frontdesk/sse';
import { usingPostgres } from '../../../test/harness';

/**
 * Issue 5: "Kill the server with SIGKILL during that load and restart it: no issued ticket lost, no number given
 * twice, no booked slot lost; displays and phones reconnect by themselves." The real server runs as a child
 * process (as `npm start` runs it) on a fresh embedded database, or on a fresh PostgreSQL database when the suite
 * runs with TEST_DATABASE_URL; tickets are issued and slots booked concurrently while a lobby display and a phone
 * follow over server-sent events; SIGKILL comes at a random moment; the server starts again on the same data.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const live = new Set(['pending', 'booked', 'checked_in']);

async function until(what: string, ok: () => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await sleep(50);
  }
}

/** A stream's events as they come, for looking back at them. */
function recorder(url: string, address: string) {
  const events: SseEvent[] = [];
  const stream = new EventStream(url, { address, onEvent: (e) => events.push(e) });
  return { stream, events };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

describe(`the server killed with SIGKILL under load (${usingPostgres() ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  it('keeps every acknowledged ticket and booking, gives no number or slot twice, and its displays and phones reconnect by themselves', async () => {
    const dataDir = tempDir('lotse-crash-');
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const database = usingPostgres()
      ? await freshPostgres(process.env.TEST_DATABASE_URL!, 'lotse_crash')
      : null;
    if (database) cleanups.push(() => database.drop());
    const options: ServerOptions = {
      port: await freePort(),
      dataDir,
      databaseUrl: database?.url,
      env: { APPOINTMENTS_PUBLIC_RATE_PER_MINUTE: '100000' },
    };
    let server: ServerProcess = await startServer(options);
    cleanups.push(() => server.kill());
    const client: Client = httpClient(server.url, 16);
    cleanups.push(async () => client.close());
    const desk: Desk = await prepareDesk(client, { counters: 2 });
    const [first, second] = desk.counters;
    const callable = desk.services.filter((s) => first!.counter.serviceIds.includes(s.id));

    // A ticket for the phone to follow, of a service no counter here calls: it waits through the crash.
    const notCalled = desk.services.find(
      (s) => !desk.counters.some((c) => c.counter.serviceIds.includes(s.id)),
    )!;
    const followed = await client.request<PublicTicket>(
      'POST',
      `/api/queue/kiosk/${DEMO_SLUG}/${desk.siteId}/tickets`,
      { address: deviceAddress(1), body: { serviceId: notCalled.id, source: 'phone' } },
    );
    expect(followed.status).toBe(201);
    const display = recorder(`${server.url}/api/queue/display/${desk.siteId}/events`, deviceAddress(2));
    const phone = recorder(`${server.url}/api/queue/phone/${followed.body.token}/events`, deviceAddress(1));
    cleanups.push(async () => {
      display.stream.close();
      phone.stream.close();
    });
    await until(
      'the display and the phone to connect',
      () => display.events.length > 0 && phone.events.length > 0,
    );

    // ---- the load: issuing, booking the same slots from several desks, calling ----
    const tickets: { number: string; token: string }[] = [];
    const bookings: Appointment[] = [];
    const calls: Ticket[] = [];
    let killed = false;
    let device = 10;
    const slotList = await client.request<SlotList>(
      'GET',
      `/api/appointments/slots?serviceId=${desk.appointmentServices[0]!.id}&from=${berlinDay(1)}&to=${berlinDay(7)}`,
      { cookie: desk.deskCookie },
    );
    expect(slotList.status).toBe(200);
    const slots = slotList.body.slots.filter((s) => !s.urgentOnly).slice(0, 40);
    expect(slots.length).toBeGreaterThan(10);

    async function issuer(k: number) {
      for (let i = 0; !killed; i++) {
        const serviceId = callable[(k + i) % callable.length]!.id;
        const atDesk = (k + i) % 2 === 0;
        const res = await (
          atDesk
            ? client.request<Ticket>('POST', '/api/queue/tickets', {
                cookie: desk.deskCookie,
                body: { serviceId },
              })
            : client.request<PublicTicket>('POST', `/api/queue/kiosk/${DEMO_SLUG}/${desk.siteId}/tickets`, {
                address: deviceAddress(device++),
                body: { serviceId, source: 'kiosk' },
              })
        ).catch(() => null); // no answer: not acknowledged
        if (!res) return;
        expect(res.status).toBe(201);
        const body = res.body as Ticket & PublicTicket;
        tickets.push({ number: body.number, token: body.publicToken ?? body.token });
      }
    }
    async function booker(k: number) {
      // Desks race for the same slots: each slot has two staff members, so the third booking must be refused.
      for (let i = 0; !killed; i++) {
        const slot = slots[Math.floor(i / 2) % slots.length]!;
        const res = await client
          .request<Appointment>('POST', '/api/appointments', {
            cookie: desk.deskCookie,
            body: {
              serviceId: desk.appointmentServices[0]!.id,
              startsAt: slot.startsAt,
              name: `Crash ${k}-${i}`,
            },
          })
          .catch(() => null);
        if (!res) return;
        expect([201, 409]).toContain(res.status);
        if (res.status === 201) bookings.push(res.body);
      }
    }
    async function counter(c: Desk['counters'][number]) {
      while (!killed) {
        const res = await client
          .request<Ticket>('POST', `/api/queue/counters/${c.counter.id}/call-next`, { cookie: c.cookie })
          .catch(() => null);
        if (!res) return;
        if (res.status === 404) {
          await sleep(50);
          continue;
        }
        expect(res.status).toBe(200);
        calls.push(res.body);
        for (const action of ['start', 'done'])
          if (!killed)
            await client
              .request('POST', `/api/queue/tickets/${res.body.id}/${action}`, { cookie: c.cookie })
              .catch(() => null);
      }
    }
    const load = Promise.all([
      issuer(0),
      issuer(1),
      issuer(2),
      booker(0),
      booker(1),
      booker(2),
      counter(first!),
      counter(second!),
    ]);

    // SIGKILL at a random moment once the load is under way.
    await until(
      'some acknowledged work',
      () => tickets.length >= 12 && bookings.length >= 4 && calls.length >= 2,
      120_000,
    );
    await sleep(Math.random() * 1500);
    killed = true;
    await server.kill();
    await load;
    const beforeKill = { tickets: [...tickets], bookings: [...bookings], calls: [...calls] };
    const opensBefore = { display: display.stream.opens, phone: phone.stream.opens };

    // ---- the same data, a new process (same port: the clients know only that address) ----
    server = await startServer(options);
    const restartedAt = performance.now();

    // Displays and phones come back by themselves, with a full snapshot.
    await until(
      'the display and the phone to reconnect',
      () => display.stream.opens > opensBefore.display && phone.stream.opens > opensBefore.phone,
    );
    await until('a snapshot after the restart', () =>
      [display, phone].every((r) => r.events.some((e) => e.at > restartedAt)),
    );
    const lastCall = beforeKill.calls.at(-1)!;
    const snapshot = JSON.parse(display.events.find((e) => e.at > restartedAt)!.data) as DisplaySnapshot;
    expect(snapshot.calls.map((c) => c.number)).toContain(lastCall.number);
    const phoneNow = JSON.parse(phone.events.find((e) => e.at > restartedAt)!.data) as TicketStatusView;
    expect(phoneNow).toMatchObject({ number: followed.body.number, status: 'waiting' });

    // Every acknowledged ticket is there; no number twice.
    const after = httpClient(server.url, 8);
    cleanups.push(async () => after.close());
    const list = await after.request<Ticket[]>('GET', `/api/queue/tickets?siteId=${desk.siteId}`, {
      cookie: desk.deskCookie,
    });
    expect(list.status).toBe(200);
    const numbers = list.body.map((t) => t.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const byNumber = new Map(list.body.map((t) => [t.number, t]));
    const lost = beforeKill.tickets.filter((t) => byNumber.get(t.number)?.publicToken !== t.token);
    expect(lost, 'acknowledged tickets missing after the restart').toEqual([]);
    for (const t of beforeKill.tickets.slice(-3))
      expect(
        (await after.request('GET', `/api/queue/phone/${t.token}`, { address: deviceAddress(3) })).status,
      ).toBe(200);
    for (const c of beforeKill.calls) expect(byNumber.get(c.number)?.calledAt).not.toBeNull();

    // The numbering goes on after the highest number given before the kill, acknowledged or not.
    const prefix = callable[0]!.prefix;
    const fresh = await after.request<Ticket>('POST', '/api/queue/tickets', {
      cookie: desk.deskCookie,
      body: { serviceId: callable[0]!.id },
    });
    expect(fresh.status).toBe(201);
    const n = (number: string) => Number(number.slice(prefix.length));
    const highest = Math.max(0, ...numbers.filter((x) => x.startsWith(prefix)).map(n));
    expect(n(fresh.body.number)).toBe(highest + 1);

    // Every acknowledged booking is there; no slot of a staff member given twice.
    for (const b of beforeKill.bookings) {
      const res = await after.request<Appointment>('GET', `/api/appointments/${b.id}`, {
        cookie: desk.deskCookie,
      });
      expect(res.status, `booking ${b.id} after the restart`).toBe(200);
      expect(res.body).toMatchObject({ staffId: b.staffId, startsAt: b.startsAt, status: 'booked' });
    }
    const days = [...new Set(slots.map((s) => berlinDayOf(s.startsAt)))];
    const booked: Appointment[] = [];
    for (const day of days) {
      const res = await after.request<Appointment[]>('GET', `/api/appointments?date=${day}`, {
        cookie: desk.deskCookie,
      });
      expect(res.status).toBe(200);
      booked.push(...res.body.filter((a) => live.has(a.status)));
    }
    const taken = booked.map((a) => `${a.staffId} ${a.startsAt}`);
    expect(new Set(taken).size).toBe(taken.length);
    expect(booked.length).toBeGreaterThanOrEqual(beforeKill.bookings.length);

    // The reconnected display and phone hear the changes made through the new process.
    const seen = { display: display.events.length, phone: phone.events.length };
    const chosen = await after.request('PUT', `/api/queue/phone/${followed.body.token}/language`, {
      address: deviceAddress(1),
      body: { language: 'ar' },
    });
    expect(chosen.status).toBe(200);
    await until('the phone to hear its change', () =>
      phone.events.slice(seen.phone).some((e) => e.data.includes('"language":"ar"')),
    );
    const waitingNow = (JSON.parse(display.events.at(-1)!.data) as DisplaySnapshot).waiting;
    await after.request('POST', '/api/queue/tickets', {
      cookie: desk.deskCookie,
      body: { serviceId: notCalled.id },
    });
    await until('the display to hear the new ticket', () =>
      display.events
        .slice(seen.display)
        .some((e) => (JSON.parse(e.data) as DisplaySnapshot).waiting === waitingNow + 1),
    );
    await server.stop();
  }, 600_000);
});

/** The Berlin day of an instant. */
function berlinDayOf(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(iso));
}
