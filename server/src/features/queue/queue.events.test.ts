import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestApp, testApp } from '../../../test/harness';
import { givenQueue } from './queue.fixtures';

/** The live views over a real listening server and a real HTTP client reading the event stream. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the events are checked field by field
type Event = { event: string; id: string | null; data: any };

/** Reads a server-sent event stream with fetch; `next` waits for the first event (not yet taken) that matches. */
async function openEvents(url: string) {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: Event[] = [];
  let ended = false;
  let wake = () => {};
  void (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2) ?? null;
        const event = field('event');
        if (event) events.push({ event, id: field('id'), data: JSON.parse(field('data') ?? 'null') });
      }
      wake();
    }
    ended = true;
    wake();
  })();
  let taken = 0;
  return {
    async next(match: (e: Event) => boolean = () => true, timeoutMs = 5000): Promise<Event> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (taken < events.length) {
          const e = events[taken++]!;
          if (match(e)) return e;
        }
        if (ended) throw new Error('the stream ended');
        if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
    async end(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return ended;
    },
    close: () => abort.abort(),
  };
}

async function listening(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

describe('the live views over server-sent events', () => {
  let t: TestApp;
  let base: string;
  let q: Awaited<ReturnType<typeof givenQueue>>;
  beforeAll(async () => {
    t = await testApp();
    base = await listening(t);
    q = await givenQueue(t);
  });
  afterAll(() => t.app.close());

  it('pushes a call to the display within a second, with the counter and room', async () => {
    const s = await q.service();
    const c = await q.counter([s.id], { room: 'Raum E.01' });
    const tk = await q.ticket(s.id);
    const display = await openEvents(`${base}/api/queue/display/${q.siteId}/events`);
    const first = await display.next((e) => e.event === 'snapshot');
    expect(first.data.waiting).toBeGreaterThanOrEqual(1);
    const start = Date.now();
    await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`));
    const shown = await display.next((e) => e.data.calls[0]?.number === tk.number);
    expect(Date.now() - start).toBeLessThan(1000);
    expect(shown.data.calls[0]).toMatchObject({ counterName: c.name, room: 'Raum E.01' });
    expect(Number(shown.id)).toBe(shown.data.calls[0].id);
    display.close();
  });

  it("pushes the phone's position, then the room when the ticket is called", async () => {
    const s = await q.service();
    const c = await q.counter([s.id], { room: 'Raum E.02' });
    await q.ticket(s.id);
    const mine = await q.ticket(s.id, { language: 'ar' });
    const phone = await openEvents(`${base}/api/queue/phone/${mine.publicToken}/events`);
    expect((await phone.next()).data).toMatchObject({ number: mine.number, status: 'waiting', position: 2 });
    const first = await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`));
    // A new position comes at most every 5 s after the last event (queue.events.ts).
    expect((await phone.next((e) => e.data.position === 1, 8000)).data.status).toBe('waiting');
    await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${first.id}/park`));
    await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`));
    const called = await phone.next((e) => e.data.status === 'called');
    expect(called.data).toMatchObject({ room: 'Raum E.02', counterName: c.name, language: 'ar' });
    await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${mine.id}/start`));
    await q.ok(q.call('front_desk', 'POST', `/api/queue/tickets/${mine.id}/done`));
    expect((await phone.next((e) => e.data.status === 'done')).data.room).toBeNull();
    phone.close();
  });

  it('sends a call to the phone at once, but a new position at most every five seconds', async () => {
    const s = await q.service();
    const c1 = await q.counter([s.id], { room: 'Raum E.03' });
    const c2 = await q.counter([s.id], { room: 'Raum E.04' });
    await q.ticket(s.id);
    await q.ticket(s.id);
    const mine = await q.ticket(s.id);
    const phone = await openEvents(`${base}/api/queue/phone/${mine.publicToken}/events`);
    expect((await phone.next()).data).toMatchObject({ status: 'waiting', position: 3 });
    await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c1.id}/call-next`));
    // The queue moved, but the phone showed its place a moment ago: the new place waits.
    await expect(phone.next((e) => e.data.position === 2, 1500)).rejects.toThrow(/no matching event/);
    const start = Date.now();
    await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c2.id}/call`, { number: mine.number }));
    const called = await phone.next((e) => e.data.status === 'called', 2000);
    expect(Date.now() - start).toBeLessThan(1000);
    expect(called.data).toMatchObject({ room: 'Raum E.04', position: null });
    phone.close();
  });

  it('answers 404 for an unknown site or ticket instead of a stream', async () => {
    const site = await fetch(`${base}/api/queue/display/00000000-0000-4000-8000-000000000000/events`);
    expect(site.status).toBe(404);
    const ticket = await fetch(`${base}/api/queue/phone/${'y'.repeat(32)}/events`);
    expect(ticket.status).toBe(404);
  });

  it('ends the streams when the server stops; a new server on the same database serves the whole state', async () => {
    const s = await q.service();
    const c = await q.counter([s.id], { room: 'Raum E.09' });
    const tk = await q.ticket(s.id);
    const waiting = await q.ticket(s.id);
    await q.ok(q.call('front_desk', 'POST', `/api/queue/counters/${c.id}/call-next`));
    const display = await openEvents(`${base}/api/queue/display/${q.siteId}/events`);
    const phone = await openEvents(`${base}/api/queue/phone/${waiting.publicToken}/events`);
    await display.next((e) => e.data.calls[0]?.number === tk.number);
    await phone.next((e) => e.data.position === 1);

    await t.app.close();
    expect(await display.end()).toBe(true);
    expect(await phone.end()).toBe(true);

    // The next server process: nothing is carried over but the database.
    t = await testApp();
    base = await listening(t);
    const again = await openEvents(`${base}/api/queue/display/${q.siteId}/events`);
    const snapshot = await again.next();
    expect(snapshot.data.calls[0]).toMatchObject({ number: tk.number, room: 'Raum E.09' });
    const phoneAgain = await openEvents(`${base}/api/queue/phone/${waiting.publicToken}/events`);
    expect((await phoneAgain.next()).data).toMatchObject({ status: 'waiting', position: 1 });

    // Calls through the new server reach the reconnected clients.
    const call = (url: string) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: cookieOf('front_desk') } });
    const cookies = new Map<string, string>();
    const cookieOf = (who: string) => cookies.get(who)!;
    cookies.set('front_desk', await signIn(t.app, q.m.users.front_desk));
    expect((await call(`/api/queue/tickets/${tk.id}/park`)).statusCode).toBe(200);
    expect((await call(`/api/queue/counters/${c.id}/call-next`)).statusCode).toBe(200);
    await again.next((e) => e.data.calls[0]?.number === waiting.number);
    expect((await phoneAgain.next((e) => e.data.status === 'called')).data.room).toBe('Raum E.09');
    again.close();
    phoneAgain.close();
  });
});
