// One peak day at the front desk, compressed in time. Before the doors open a crowd waits (it takes its tickets
// at the kiosk, on phones from the QR code at the entrance and at the desk, and follows them on the phones); then
// the counters open and the rest of the day's contacts arrive at a steady rate, each at its own moment whether or
// not the server has answered the ones before (an open load, as people arrive). Clerks serve: call-next, the person
// walks up, start, the service takes its time, done; some no-shows, parks called back by number, and forwards.
// The clerks open their counters at random moments within the first contact's time.
// Lobby displays and phones follow over server-sent events; desks search appointment slots alongside.
import type { DisplaySnapshot, PublicTicket, SlotList, Ticket } from '@lotse/common';
import { type Client, deviceAddress, type Reply } from './http';
import type { ServerProcess } from './server';
import { berlinDay, DEMO_SLUG, type Desk } from './setup';
import { EventStream } from './sse';
import { Counts, Latencies } from './stats';

export type DayOptions = {
  contacts: number;
  displays: number;
  phones: number;
  /** Tickets taken before the counters open (the crowd at the door); the rest arrive during the day. */
  crowd: number;
  /** How long the compressed day lasts: the arrivals after the crowd are spread over it. */
  daySeconds: number;
  /** Tickets the crowd takes at once (kiosks, phones and the desk together). */
  issuers: number;
  slotSearchers: number;
  /** The day stops here even if not all contacts were served (what was reached is reported). */
  timeLimitMs: number;
  random: () => number;
};

export type DayResult = {
  issue: Latencies;
  crowdIssue: Latencies;
  callNext: Latencies;
  slots: Latencies;
  callToDisplay: Latencies;
  callToPhone: Latencies;
  errors: Counts;
  outcomes: Counts;
  issued: number;
  finished: number;
  displayMissed: number;
  phonesFollowed: number;
  phonesPeak: number;
  rssPeakMiB: number;
  rssEndMiB: number;
  /** The mean time a clerk spends on a contact (from calling to done), from the day's length. */
  serviceMs: number;
  /** Arrivals per second after the opening. */
  arrivalRate: number;
  /** The seconds of the day with the slowest call-to-display, with the server's longest event-loop delay then. */
  slowest: { second: number; callToDisplayMs: number; serverLoopLagMs: number }[];
  seconds: number;
  stoppedBecause: string | null;
};

const LANGUAGES = ['de', 'de', 'de', 'en', 'ar', 'tr', 'uk', 'ru', 'fa'] as const;
// Shares of the contacts per service prefix (documents, short question, appointment, permit, Jobcenter, WH).
const SHARES: Record<string, number> = { A: 30, B: 25, C: 10, D: 10, J: 15, W: 10 };
/** How long an idle counter waits before it asks for the next ticket again (times 1 to 2). */
const COUNTER_IDLE_MS = 1000;
/** Counters are staffed so that they are busy this share of the day serving everyone (the rest is slack). */
const STAFF_UTILISATION = 0.9;
/** Arrival requests under way at once at most; an arrival beyond that is counted as an error (server too slow). */
const MAX_IN_FLIGHT = 500;
/** How long the day waits for requests still under way once it stops. */
const GRACE_MS = 20_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const errorCode = (r: Reply) => (r.body as { error?: { code?: string } } | null)?.error?.code ?? '';

type Phone = { stream: EventStream; calledAt: number | null; t0: number | null };
type Call = { t0: number | null; seen: (number | undefined)[] };

/** Runs the day against a prepared desk; resolves with the figures. */
export async function runDay(
  client: Client,
  server: ServerProcess,
  desk: Desk,
  o: DayOptions,
): Promise<DayResult> {
  const crowd = Math.min(o.crowd, o.contacts);
  const dayMs = o.daySeconds * 1000;
  const r: DayResult = {
    issue: new Latencies(),
    crowdIssue: new Latencies(),
    callNext: new Latencies(),
    slots: new Latencies(),
    callToDisplay: new Latencies(),
    callToPhone: new Latencies(),
    errors: new Counts(),
    outcomes: new Counts(),
    issued: 0,
    finished: 0,
    displayMissed: 0,
    phonesFollowed: 0,
    phonesPeak: 0,
    rssPeakMiB: 0,
    rssEndMiB: 0,
    // Enough clerks' time to serve every contact within the day at the utilisation above.
    serviceMs: (STAFF_UTILISATION * desk.counters.length * dayMs) / o.contacts,
    arrivalRate: (o.contacts - crowd) / o.daySeconds,
    slowest: [],
    seconds: 0,
    stoppedBecause: null,
  };
  const started = performance.now();
  let stopping = false;
  let arrivalsDone = false;
  let device = 1;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(o.random() * xs.length)]!;
  /** A clerk's time for a part of a contact: `share` of the mean service time, varied by ±50 %. */
  const serve = (share: number) => sleep(share * r.serviceMs * (0.5 + o.random()));

  const memory = setInterval(() => {
    r.rssPeakMiB = Math.max(r.rssPeakMiB, server.rssMiB());
  }, 250);
  // Per second of the day: the slowest call-to-display, and the server's longest event-loop delay (from /metrics,
  // whose event-loop figures start afresh at every read), to tell a stalled server from a stalled client.
  const second = () => Math.floor((performance.now() - started) / 1000);
  const worstDisplay = new Map<number, number>();
  const loopLag = new Map<number, number>();
  const noteDisplay = (ms: number) => {
    r.callToDisplay.add(ms);
    const k = second();
    worstDisplay.set(k, Math.max(worstDisplay.get(k) ?? 0, ms));
  };
  const lagSampler = setInterval(() => {
    const k = second();
    fetch(`${server.url}/metrics`)
      .then((res) => res.text())
      .then((text) => {
        const v = /^lotse_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1];
        if (v) loopLag.set(k, Number(v) * 1000);
      })
      .catch(() => undefined);
  }, 1000);
  const clock = setInterval(() => {
    if (!stopping && performance.now() - started > o.timeLimitMs) {
      stopping = true;
      r.stoppedBecause = `the time limit of ${Math.round(o.timeLimitMs / 1000)} s was reached`;
    }
  }, 200);

  /** A request; a network failure is counted and answers null. */
  async function send<T>(
    kind: string,
    method: string,
    path: string,
    opts: Parameters<Client['request']>[2] = {},
  ): Promise<Reply<T> | null> {
    try {
      return await client.request<T>(method, path, opts);
    } catch (err) {
      r.errors.add(`${kind}: ${(err as { code?: string }).code ?? String(err)}`);
      return null;
    }
  }
  const unexpected = (kind: string, res: Reply) =>
    r.errors.add(`${kind}: HTTP ${res.status} ${errorCode(res)}`.trim());

  // ---- displays: the first time each display shows each call ----
  const calls = new Map<string, Call>();
  const callOf = (key: string) => {
    let c = calls.get(key);
    if (!c) calls.set(key, (c = { t0: null, seen: [] }));
    return c;
  };
  const displays = Array.from({ length: o.displays }, (_, i) => {
    return new EventStream(`${server.url}/api/queue/display/${desk.siteId}/events`, {
      address: deviceAddress(200_000 + i),
      onDrop: (why) => !stopping && r.errors.add(`display stream dropped: ${why}`),
      onEvent: (e) => {
        if (e.event !== 'snapshot') return;
        const snapshot = JSON.parse(e.data) as DisplaySnapshot;
        for (const call of snapshot.calls) {
          const c = callOf(`${call.number}@${call.calledAt}`);
          if (c.seen[i] !== undefined) continue;
          c.seen[i] = e.at;
          if (c.t0 !== null) noteDisplay(e.at - c.t0);
        }
      },
    });
  });
  for (let waited = 0; displays.some((d) => !d.open) && waited < 30_000; waited += 50) await sleep(50);

  // ---- phones: follow tickets until they are done ----
  const phones = new Map<string, Phone>();
  function follow(token: string, address: string) {
    if (phones.size >= o.phones || stopping) return;
    const phone: Phone = { stream: null as unknown as EventStream, calledAt: null, t0: null };
    phone.stream = new EventStream(`${server.url}/api/queue/phone/${token}/events`, {
      address,
      onDrop: (why) => !stopping && r.errors.add(`phone stream dropped: ${why}`),
      onEvent: (e) => {
        // The phone shows the counter from "called" on (a quick start may coalesce "called" into "in_service").
        if (phone.calledAt === null && /"status":"(called|in_service)"/.test(e.data)) {
          phone.calledAt = e.at;
          if (phone.t0 !== null) r.callToPhone.add(e.at - phone.t0);
        }
        if (e.data.includes('"status":"done"') || e.data.includes('"status":"no_show"')) {
          phone.stream.close();
          phones.delete(token);
        }
      },
    });
    phones.set(token, phone);
    r.phonesFollowed++;
    r.phonesPeak = Math.max(r.phonesPeak, phones.size);
  }

  // ---- arrivals: desk, kiosk, phone ----
  const byPrefix = new Map(desk.services.map((s) => [s.prefix, s]));
  const weighted = Object.entries(SHARES).flatMap(([p, n]) =>
    byPrefix.has(p) ? Array<string>(n).fill(byPrefix.get(p)!.id) : [],
  );
  const serviceIds = weighted.length > 0 ? weighted : desk.services.map((s) => s.id);
  /** One person takes a ticket (40 % at the desk, 30 % at the kiosk, 30 % on their phone) and follows it. */
  async function arrive(latencies: Latencies) {
    const serviceId = pick(serviceIds);
    const language = pick(LANGUAGES);
    const address = deviceAddress(device++);
    const roll = o.random();
    if (roll < 0.4) {
      const priority = roll < 0.012 ? 'urgent' : roll < 0.032 ? 'accessibility' : 'normal';
      const res = await send<Ticket>('issue (desk)', 'POST', '/api/queue/tickets', {
        cookie: desk.deskCookie,
        body: { serviceId, priority, language },
      });
      if (!res) return;
      if (res.status !== 201) return unexpected('issue (desk)', res);
      latencies.add(res.ms);
      r.issued++;
      follow(res.body.publicToken, address);
    } else {
      const source = roll < 0.7 ? 'kiosk' : 'phone';
      const res = await send<PublicTicket>(
        `issue (${source})`,
        'POST',
        `/api/queue/kiosk/${DEMO_SLUG}/${desk.siteId}/tickets`,
        { address, body: { serviceId, language, source } },
      );
      if (!res) return;
      if (res.status !== 201) return unexpected(`issue (${source})`, res);
      latencies.add(res.ms);
      r.issued++;
      follow(res.body.token, address);
    }
  }

  // Before the doors open: the crowd takes its tickets, `issuers` at a time.
  let crowdLeft = crowd;
  await Promise.all(
    Array.from({ length: o.issuers }, async () => {
      while (!stopping && crowdLeft > 0) {
        crowdLeft--;
        await arrive(r.crowdIssue);
      }
    }),
  );
  const opened = performance.now();

  /** The rest of the day's contacts, each at its moment (evenly spread, with a little jitter). */
  async function arrivals() {
    const n = o.contacts - crowd;
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < n && !stopping; i++) {
      const due = opened + ((i + o.random()) / n) * dayMs;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (inFlight.size >= MAX_IN_FLIGHT) {
        r.errors.add('arrival not sent: too many ticket requests under way');
        continue;
      }
      const p: Promise<void> = arrive(r.issue).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    arrivalsDone = true;
  }

  // ---- counters ----
  const calledBefore = new Set<string>();
  const noShowAfter = new Map(desk.services.map((s) => [s.id, s.noShowAfterCalls]));
  function noteCall(t: Ticket, t0: number) {
    const c = callOf(`${t.number}@${t.calledAt}`);
    c.t0 = t0;
    for (const seenAt of c.seen) if (seenAt !== undefined) noteDisplay(seenAt - t0);
    if (calledBefore.has(t.id)) return; // a forwarded ticket: its phone showed the first call already
    calledBefore.add(t.id);
    const phone = phones.get(t.publicToken);
    if (!phone) return;
    if (phone.calledAt !== null) r.callToPhone.add(phone.calledAt - t0);
    else phone.t0 = t0;
  }
  const allServed = () => arrivalsDone && r.issued === r.finished;
  async function counter(k: number) {
    const { counter, cookie } = desk.counters[k]!;
    const act = async (t: Ticket, action: string, body?: unknown) => {
      const res = await send<Ticket>(action, 'POST', `/api/queue/tickets/${t.id}/${action}`, {
        cookie,
        ...(body ? { body } : {}),
      });
      if (res && res.status !== 200) unexpected(action, res);
      return res?.status === 200;
    };
    /** Calls a ticket (next or by number) and notes when, for the display and phone figures. */
    const call = async (what: string, path: string, body?: unknown) => {
      const t0 = performance.now();
      const res = await send<Ticket>(what, 'POST', path, { cookie, ...(body ? { body } : {}) });
      if (res?.status === 200) {
        if (what === 'call-next') r.callNext.add(res.ms);
        noteCall(res.body, t0);
      }
      return res;
    };
    // The clerks open their counters within the first contact's time, not all in the same millisecond.
    await sleep(o.random() * r.serviceMs);
    while (!stopping) {
      const res = await call('call-next', `/api/queue/counters/${counter.id}/call-next`);
      if (!res) continue;
      if (res.status === 404) {
        // Nobody waits: the clerk looks up again a moment later.
        if (allServed()) return;
        await sleep(COUNTER_IDLE_MS * (1 + o.random()));
        continue;
      }
      if (res.status !== 200) {
        unexpected('call-next', res);
        await sleep(50);
        continue;
      }
      const t = res.body;
      const roll = o.random();
      if (roll < 0.05) {
        // Nobody comes: called again as often as the service says, then a no-show.
        let ok = true;
        for (let c = 1; ok && c < (noShowAfter.get(t.serviceId) ?? 3); c++) {
          await serve(0.1);
          ok = await act(t, 'recall');
        }
        await serve(0.1);
        if (ok && (await act(t, 'no-show'))) {
          r.finished++;
          r.outcomes.add('no-show after the calls of the service');
        }
      } else if (roll < 0.08) {
        // Set aside (a document is missing), called back by number when it is there, then served.
        await serve(0.2);
        if (!(await act(t, 'start'))) continue;
        await serve(0.2);
        if (!(await act(t, 'park'))) continue;
        await serve(0.2);
        const back = await call('call by number', `/api/queue/counters/${counter.id}/call`, {
          number: t.number,
        });
        if (!back || back.status !== 200) {
          if (back) unexpected('call by number', back);
          continue;
        }
        await serve(0.1);
        if (!(await act(t, 'start'))) continue;
        await serve(0.3);
        if (await act(t, 'done')) {
          r.finished++;
          r.outcomes.add('parked, called back by number, done');
        }
      } else if (roll < 0.13 && t.forwardedFrom === null && desk.services.length > 1) {
        // Forwarded to another service; it waits there with its original arrival time.
        const to = pick(desk.services.filter((s) => s.id !== t.serviceId)).id;
        await serve(0.2);
        if (!(await act(t, 'start'))) continue;
        await serve(0.3);
        if (await act(t, 'forward', { serviceId: to })) r.outcomes.add('forwarded (then served elsewhere)');
      } else {
        // The person walks up, is served, leaves.
        await serve(0.2);
        if (!(await act(t, 'start'))) continue;
        await serve(0.8);
        if (await act(t, 'done')) {
          r.finished++;
          r.outcomes.add('done');
        }
      }
    }
  }

  // ---- appointment slot searches at the desk ----
  const from = berlinDay(0);
  const to = berlinDay(14);
  async function slotSearcher() {
    while (!stopping && !allServed()) {
      const service = pick(desk.appointmentServices);
      const res = await send<SlotList>(
        'slot search',
        'GET',
        `/api/appointments/slots?serviceId=${service.id}&from=${from}&to=${to}`,
        { cookie: desk.deskCookie },
      );
      if (res && res.status === 200) r.slots.add(res.ms);
      else if (res) unexpected('slot search', res);
      await sleep(500 * (0.5 + o.random()));
    }
  }

  const progress = setInterval(() => {
    const s = ((performance.now() - started) / 1000).toFixed(0);
    console.log(
      `  ${s.padStart(4)} s: issued ${r.issued}, served ${r.finished}, phones ${phones.size}, ` +
        `call-to-display p99 ${r.callToDisplay.p(99).toFixed(0)} ms, errors ${r.errors.total}, RSS ${server.rssMiB().toFixed(0)} MiB`,
    );
  }, 20_000);
  const day = Promise.all([
    arrivals(),
    ...desk.counters.map((_, k) => counter(k)),
    ...Array.from({ length: desk.appointmentServices.length > 0 ? o.slotSearchers : 0 }, slotSearcher),
  ]);
  // At the time limit, requests still under way get a grace period; the figures are what came back by then.
  const timeUp = async () => {
    while (!stopping) await sleep(200);
    await sleep(GRACE_MS);
  };
  await Promise.race([day, timeUp()]);
  clearInterval(progress);
  r.seconds = (performance.now() - started) / 1000;
  // The last calls reach the displays after their responses: give them a moment before counting misses.
  await sleep(2000);
  stopping = true;
  for (const c of calls.values())
    if (c.t0 !== null) for (let i = 0; i < o.displays; i++) if (c.seen[i] === undefined) r.displayMissed++;
  for (const d of displays) d.close();
  for (const p of phones.values()) p.stream.close();
  clearInterval(memory);
  clearInterval(clock);
  clearInterval(lagSampler);
  r.slowest = [...worstDisplay]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([k, ms]) => ({
      second: k,
      callToDisplayMs: ms,
      serverLoopLagMs: Math.max(loopLag.get(k) ?? 0, loopLag.get(k + 1) ?? 0),
    }));
  r.rssEndMiB = server.rssMiB();
  r.rssPeakMiB = Math.max(r.rssPeakMiB, r.rssEndMiB);
  return r;
}
