// Prepares the demo municipality of a freshly started server for a peak day, through the API only: every queue
// service issues all day without a cap (a peak day should be served, not refused), enough counters exist, and
// each counter is taken by a signed-in staff member.
import type { AppointmentService, QueueCounter, QueueService, QueueSetup } from '@lotse/common';
import type { Client } from './http';

export const DEMO_PASSWORD = 'lotse-demo';
export const DEMO_SLUG = 'wuppertal-demo';
/** The demo's staff who work the queue (front desk, caseworkers, case managers, agency leads). */
export const WORKERS = [
  'empfang',
  'empfang2',
  'empfang-leitung',
  'abh',
  'abh2',
  'abh-leitung',
  'jobcenter',
  'jobcenter2',
  'jobcenter-leitung',
  'ip',
  'wh',
  'wh2',
  'ki',
  'ki2',
  'ki-leitung',
  'jugendamt',
  'schulamt',
];

export type Desk = {
  siteId: string;
  services: QueueService[];
  /** A counter, the session of the staff member who took it, and the services it serves. */
  counters: { counter: QueueCounter; cookie: string }[];
  /** A front-desk session that issues tickets at the desk. */
  deskCookie: string;
  /** Appointment services (for slot searches and bookings). */
  appointmentServices: AppointmentService[];
};

const ok = <T>(r: { status: number; body: T }, what: string, status = 200): T => {
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/** Opens the services all day, creates counters up to `counters`, and has staff take every counter. */
export async function prepareDesk(client: Client, opts: { counters: number }): Promise<Desk> {
  const lead = await client.signIn('empfang-leitung', DEMO_PASSWORD);
  const setup = ok(await client.request<QueueSetup>('GET', '/api/queue/setup', { cookie: lead }), 'setup');
  const site = setup.sites.find((s) => s.name === 'Haus der Integration') ?? setup.sites[0]!;
  const services: QueueService[] = [];
  for (const s of setup.services.filter((x) => x.siteId === site.id && x.active)) {
    const body = {
      agencyId: s.agencyId,
      siteId: s.siteId,
      name: s.name,
      prefix: s.prefix,
      pictogram: s.pictogram,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      opensAt: '00:00',
      closesAt: '23:59',
      dailyCap: null,
      noShowAfterCalls: s.noShowAfterCalls,
      defaultServiceMinutes: s.defaultServiceMinutes,
      position: s.position,
      active: true,
    };
    services.push(
      ok(
        await client.request<QueueService>('PUT', `/api/queue/services/${s.id}`, { body, cookie: lead }),
        'service',
      ),
    );
  }
  const counters = setup.counters.filter((c) => c.siteId === site.id && c.active);
  for (let i = counters.length; i < opts.counters; i++) {
    const serviceIds = [services[i % services.length]!.id, services[(i + 1) % services.length]!.id];
    const body = { siteId: site.id, name: `Bench-Schalter ${i + 1}`, room: `B.${i + 1}`, serviceIds };
    counters.push(
      ok(
        await client.request<QueueCounter>('POST', '/api/queue/counters', { body, cookie: lead }),
        'counter',
        201,
      ),
    );
  }
  // One session per staff member (sign-in is rate limited per address: 20 a minute by default).
  const sessions = new Map<string, string>([['empfang-leitung', lead]]);
  const session = async (user: string) => {
    if (!sessions.has(user)) sessions.set(user, await client.signIn(user, DEMO_PASSWORD));
    return sessions.get(user)!;
  };
  const taken: Desk['counters'] = [];
  for (const [i, counter] of counters.slice(0, opts.counters).entries()) {
    const cookie = await session(WORKERS[i % WORKERS.length]!);
    ok(await client.request('POST', `/api/queue/counters/${counter.id}/occupy`, { cookie }), 'occupy');
    taken.push({ counter, cookie });
  }
  const deskCookie = await session('empfang');
  const appointmentServices = ok(
    await client.request<AppointmentService[]>('GET', '/api/appointments/services', { cookie: deskCookie }),
    'appointment services',
  );
  return { siteId: site.id, services, counters: taken, deskCookie, appointmentServices };
}

/** Today in Berlin (YYYY-MM-DD), plus `days`. */
export function berlinDay(days = 0): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(d);
}
