// One peak day at the front desk, compressed in time: tickets issued at the desk, the kiosk and on phones (from
// the QR code at the entrance), served through the counters by call-next, start and done with some no-shows,
// parks and forwards; lobby displays and phones following their tickets over server-sent events; appointment
// slot searches alongside. Runs as fast as the server allows with bounded concurrency.
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
  /** At most this many open tickets at once (the lobby); issuing waits above it. */
  backlog: number;
  /** Tickets issued at once (desk and kiosk together). */
  issuers: number;
  slotSearchers: number;
  /** The day stops here even if not all contacts were served (what was reached is reported). */
  timeLimitMs: number;
  random: () => number;
};

export type DayResult = {
  issue: Latencies;
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
  seconds: number;
  stoppedBecause: string | null;
};

const LANGUAGES = ['de', 'de', 'de', 'en', 'ar', 'tr', 'uk', 'ru', 'fa'] as const;
// Shares of the contacts per service prefix (documents, short question, appointment, permit, Jobcenter, WH).
const SHARES: Record<string, number> = { A: 30, B: 25, C: 10, D: 10, J: 15, W: 10 };
/** How long an idle counter waits before it asks for the next ticket again (times 1 to 2). */
const COUNTER_IDLE_MS = 1000;
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
  const r: DayResult = {
    issue: new Latencies(),
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
    seconds: 0,
    stoppedBecause: null,
  };
  const started = performance.now();
  let stopping = false;
  let issuingDone = false;
  let device = 1;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(o.random() * xs.length)]!;

  const memory = setInterval(() => {
    r.rssPeakMiB = Math.max(r.rssPeakMiB, server.rssMiB());
  }, 250);
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
          if (c.t0 !== null) r.callToDisplay.add(e.at - c.t0);
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

  // ---- issuing: desk, kiosk, phone ----
  const byPrefix = new Map(desk.services.map((s) => [s.prefix, s]));
  const weighted = Object.entries(SHARES).flatMap(([p, n]) =>
    byPrefix.has(p) ? Array<string>(n).fill(byPrefix.get(p)!.id) : [],
  );
  const serviceIds = weighted.length > 0 ? weighted : desk.services.map((s) => s.id);
  let toIssue = o.contacts;
  async function issuer() {
    while (!stopping && toIssue > 0) {
      if (r.issued - r.finished >= o.backlog) {
        await sleep(10);
        continue;
      }
      toIssue--;
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
        if (!res) continue;
        if (res.status !== 201) {
          unexpected('issue (desk)', res);
          continue;
        }
        r.issue.add(res.ms);
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
        if (!res) continue;
        if (res.status !== 201) {
          unexpected(`issue (${source})`, res);
          continue;
        }
        r.issue.add(res.ms);
        r.issued++;
        follow(res.body.token, address);
      }
    }
  }

  // ---- counters ----
  const calledBefore = new Set<string>();
  const noShowAfter = new Map(desk.services.map((s) => [s.id, s.noShowAfterCalls]));
  function noteCall(t: Ticket, t0: number) {
    const c = callOf(`${t.number}@${t.calledAt}`);
    c.t0 = t0;
    for (const seenAt of c.seen) if (seenAt !== undefined) r.callToDisplay.add(seenAt - t0);
    if (calledBefore.has(t.id)) return; // a forwarded ticket: its phone showed the first call already
    calledBefore.add(t.id);
    const phone = phones.get(t.publicToken);
    if (!phone) return;
    if (phone.calledAt !== null) r.callToPhone.add(phone.calledAt - t0);
    else phone.t0 = t0;
  }
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
    while (!stopping) {
      const t0 = performance.now();
      const res = await send<Ticket>('call-next', 'POST', `/api/queue/counters/${counter.id}/call-next`, {
        cookie,
      });
      if (!res) continue;
      if (res.status === 404) {
        // Nobody waits: the clerk looks up again a moment later (polling at once would only load the server).
        if (issuingDone && r.issued === r.finished) return;
        await sleep(COUNTER_IDLE_MS * (1 + o.random()));
        continue;
      }
      if (res.status !== 200) {
        unexpected('call-next', res);
        await sleep(50);
        continue;
      }
      r.callNext.add(res.ms);
      const t = res.body;
      noteCall(t, t0);
      const roll = o.random();
      if (roll < 0.05) {
        // Nobody comes: called as often as the service says, then a no-show.
        let ok = true;
        for (let c = 1; ok && c < (noShowAfter.get(t.serviceId) ?? 3); c++) ok = await act(t, 'recall');
        if (ok && (await act(t, 'no-show'))) {
          r.finished++;
          r.outcomes.add('no-show after the calls of the service');
        }
      } else if (roll < 0.08) {
        // Set aside (a document is missing), called back by number, then served.
        if (!(await act(t, 'start')) || !(await act(t, 'park'))) continue;
        const back = await send<Ticket>('call by number', 'POST', `/api/queue/counters/${counter.id}/call`, {
          cookie,
          body: { number: t.number },
        });
        if (!back || back.status !== 200) {
          if (back) unexpected('call by number', back);
          continue;
        }
        if ((await act(t, 'start')) && (await act(t, 'done'))) {
          r.finished++;
          r.outcomes.add('parked, called back by number, done');
        }
      } else if (roll < 0.13 && t.forwardedFrom === null && desk.services.length > 1) {
        // Forwarded to another service; it waits there with its original arrival time.
        const to = pick(desk.services.filter((s) => s.id !== t.serviceId)).id;
        if ((await act(t, 'start')) && (await act(t, 'forward', { serviceId: to })))
          r.outcomes.add('forwarded (then served elsewhere)');
      } else if ((await act(t, 'start')) && (await act(t, 'done'))) {
        r.finished++;
        r.outcomes.add('done');
      }
    }
  }

  // ---- appointment slot searches at the desk ----
  const from = berlinDay(0);
  const to = berlinDay(14);
  async function slotSearcher() {
    while (!stopping && !(issuingDone && r.issued === r.finished)) {
      const service = pick(desk.appointmentServices);
      const res = await send<SlotList>(
        'slot search',
        'GET',
        `/api/appointments/slots?serviceId=${service.id}&from=${from}&to=${to}`,
        { cookie: desk.deskCookie },
      );
      if (res && res.status === 200) r.slots.add(res.ms);
      else if (res) unexpected('slot search', res);
      await sleep(100);
    }
  }

  const progress = setInterval(() => {
    const s = ((performance.now() - started) / 1000).toFixed(0);
    console.log(
      `  ${s.padStart(4)} s: issued ${r.issued}, served ${r.finished}, phones ${phones.size}, ` +
        `call-to-display p99 ${r.callToDisplay.p(99).toFixed(0)} ms, errors ${r.errors.total}, RSS ${server.rssMiB().toFixed(0)} MiB`,
    );
  }, 20_000);
  const issuing = Promise.all(Array.from({ length: o.issuers }, issuer)).then(() => (issuingDone = true));
  const day = Promise.all([
    issuing,
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
  r.rssEndMiB = server.rssMiB();
  r.rssPeakMiB = Math.max(r.rssPeakMiB, r.rssEndMiB);
  return r;
}
