import { randomBytes } from 'node:crypto';
import type {
  TimelineEntry,
  CounterState,
  DisplayCall,
  DisplaySnapshot,
  KioskView,
  PublicTicket,
  PublicTicketCreate,
  QueueCounter,
  QueueCounterInput,
  QueueFigures,
  QueueService,
  QueueServiceInput,
  QueueSetup,
  Role,
  ShortQuestion,
  ShortQuestionInput,
  ShortQuestionTopic,
  Ticket,
  TicketCreate,
  TicketStatusView,
} from '@lotse/common';
import type { Database, Tx } from '../../db/database';
import { AppError } from '../../errors';
import { visibleItems } from '../access/access.service';
import { recordAudit } from '../audit/audit.service';
import { type Actor, requireRole } from '../auth/actor';
import { personSummaries } from '../persons/persons.service';
import * as repo from './queue.repo';

/**
 * The walk-in queue (issue 5): services and counters, issuing tickets (desk, kiosk, the phone at the entrance,
 * appointment check-ins), the states of a ticket and the call-next policy (README.md), the lobby display and the
 * person's phone view, daily figures and the short-question log. Every change notifies the site's listeners
 * (queue.events.ts) from inside its transaction, so displays and phones hear of it when it is committed.
 */

/** Who works the queue: issues tickets and calls them at a counter or room. */
const WORKERS: readonly Role[] = ['front_desk', 'caseworker', 'case_manager', 'agency_lead'];
/** Who configures services and counters. */
const CONFIGURERS: readonly Role[] = ['agency_lead', 'municipal_admin'];
/** Who reads the daily figures. */
const READERS: readonly Role[] = ['front_desk', 'agency_lead', 'municipal_admin'];

const iso = (d: Date) => d.toISOString();
const invalid = (field: string, problem: string) =>
  new AppError('VALIDATION_FAILED', `${field} ${problem}.`, { [field]: problem });
const conflict = (message: string, fields?: Record<string, string>) =>
  new AppError('CONFLICT', message, fields);

// ---------------------------------------------------------------------------------------------------------------
// Time: the front desk lives in Europe/Berlin.

const BERLIN = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The day (YYYY-MM-DD), ISO weekday and time (HH:MM) in Berlin at an instant. */
export function berlinClock(at: Date = new Date()): { day: string; weekday: number; time: string } {
  const p = Object.fromEntries(BERLIN.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    day: `${p.year}-${p.month}-${p.day}`,
    weekday: WEEKDAYS.indexOf(p.weekday!) + 1,
    time: `${p.hour}:${p.minute}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Mapping

type Issuing = QueueService['issuing'];

/** Whether a walk-in ticket can be issued now, and if not why (checked again under the service's lock). */
function issuingOf(s: repo.ServiceRow, clock = berlinClock()): Issuing {
  if (!s.active) return 'inactive';
  if (s.stoppedOn === clock.day) return 'stopped';
  if (!s.weekdays.includes(clock.weekday) || clock.time < s.opensAt || clock.time >= s.closesAt)
    return 'closed';
  if (s.dailyCap !== null && s.issuedToday >= s.dailyCap) return 'cap_reached';
  return 'open';
}

const toService = (s: repo.ServiceRow, clock = berlinClock()): QueueService => ({
  id: s.id,
  agencyId: s.agencyId as QueueService['agencyId'],
  agencyName: s.agencyName,
  siteId: s.siteId as QueueService['siteId'],
  name: s.name,
  prefix: s.prefix,
  pictogram: s.pictogram as QueueService['pictogram'],
  weekdays: s.weekdays,
  opensAt: s.opensAt,
  closesAt: s.closesAt,
  dailyCap: s.dailyCap,
  noShowAfterCalls: s.noShowAfterCalls,
  defaultServiceMinutes: s.defaultServiceMinutes,
  position: s.position,
  active: s.active,
  stoppedToday: s.stoppedOn === clock.day,
  issuedToday: s.issuedToday,
  waiting: s.waiting,
  issuing: issuingOf(s, clock),
});

const toCounter = (c: repo.CounterRow): QueueCounter => ({
  id: c.id,
  siteId: c.siteId as QueueCounter['siteId'],
  name: c.name,
  room: c.room,
  serviceIds: c.serviceIds,
  active: c.active,
  staffId: c.staffId as QueueCounter['staffId'],
  staffName: c.staffName,
});

/** The path of the phone view of a ticket; the routes make it absolute. */
export const statusPath = (token: string) => `/q/${token}`;

const toTicket = (t: repo.TicketRow): Ticket => ({
  id: t.id,
  siteId: t.siteId as Ticket['siteId'],
  serviceId: t.serviceId,
  serviceName: t.serviceName,
  number: t.number,
  day: t.day,
  source: t.source as Ticket['source'],
  priority: t.priority as Ticket['priority'],
  appointmentId: t.appointmentId,
  personId: t.personId as Ticket['personId'],
  language: t.language as Ticket['language'],
  status: t.status as Ticket['status'],
  arrivedAt: iso(t.arrivedAt),
  calledAt: t.calledAt ? iso(t.calledAt) : null,
  callCount: t.callCount,
  counterId: t.counterId,
  counterName: t.counterName,
  room: t.room,
  forwardedFrom: t.forwardedFrom,
  statusUrl: statusPath(t.publicToken),
  publicToken: t.publicToken,
});

const toCall = (c: repo.CallRow): DisplayCall => ({
  id: c.id,
  number: c.number,
  counterName: c.counterName,
  room: c.room,
  calledAt: iso(c.calledAt),
});

async function audit(
  tx: Tx,
  municipalityId: string,
  actor: Actor | null,
  action: string,
  subjectType: string,
  subjectId: string,
  details: Record<string, unknown>,
) {
  await recordAudit(tx, {
    municipalityId,
    actor: actor ? { staffId: actor.staffId, agencyId: actor.agencyId } : null,
    action,
    subjectType,
    subjectId,
    requestId: actor?.requestId ?? null,
    details,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Services and counters

/** Sites, agencies, services and counters of the municipality (or of one site). */
export async function getSetup(db: Database, actor: Actor, siteId: string | null): Promise<QueueSetup> {
  requireRole(actor, ...WORKERS, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    const clock = berlinClock();
    return {
      sites: (await repo.listSites(tx)).map((s) => ({
        id: s.id as QueueSetup['sites'][number]['id'],
        name: s.name,
      })),
      agencies: (await repo.listAgencies(tx)).map((a) => ({
        id: a.id as QueueSetup['agencies'][number]['id'],
        name: a.name,
      })),
      services: (await repo.listServices(tx, clock.day, siteId)).map((s) => toService(s, clock)),
      counters: (await repo.listCounters(tx, siteId)).map(toCounter),
    };
  });
}

async function checkServiceInput(tx: Tx, input: QueueServiceInput) {
  if (!(await repo.listSites(tx)).some((s) => s.id === input.siteId))
    throw invalid('siteId', 'is not a site of this municipality');
  if (!(await repo.listAgencies(tx)).some((a) => a.id === input.agencyId))
    throw invalid('agencyId', 'is not an agency of this municipality');
}

const serviceFields = (input: QueueServiceInput): repo.ServiceFields => ({
  ...input,
  weekdays: [...new Set(input.weekdays)].sort(),
});

/** Creates a service of an agency at a site (front-desk lead, administrator). */
export async function createService(
  db: Database,
  actor: Actor,
  input: QueueServiceInput,
): Promise<QueueService> {
  requireRole(actor, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    await checkServiceInput(tx, input);
    const id = await repo.insertService(tx, actor.municipalityId, serviceFields(input));
    await audit(tx, actor.municipalityId, actor, 'queue_service.create', 'queue_service', id, {
      name: input.name,
      prefix: input.prefix,
    });
    await repo.notifySite(tx, input.siteId);
    return toService((await repo.getService(tx, berlinClock().day, id))!);
  });
}

/** Changes a service; its tickets keep their numbers. */
export async function updateService(
  db: Database,
  actor: Actor,
  id: string,
  input: QueueServiceInput,
): Promise<QueueService> {
  requireRole(actor, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    await checkServiceInput(tx, input);
    if (!(await repo.updateService(tx, id, serviceFields(input))))
      throw new AppError('NOT_FOUND', 'No such service.');
    await audit(tx, actor.municipalityId, actor, 'queue_service.update', 'queue_service', id, {
      name: input.name,
      prefix: input.prefix,
      dailyCap: input.dailyCap,
      active: input.active,
    });
    await repo.notifySite(tx, input.siteId);
    return toService((await repo.getService(tx, berlinClock().day, id))!);
  });
}

/** Stops issuing walk-in tickets of a service for the rest of today (peak times), or resumes it. */
export async function stopService(
  db: Database,
  actor: Actor,
  id: string,
  stopped: boolean,
): Promise<QueueService> {
  requireRole(actor, ...CONFIGURERS, 'front_desk');
  return db.tenant(actor.municipalityId, async (tx) => {
    const day = berlinClock().day;
    const service = await repo.getService(tx, day, id);
    if (!service) throw new AppError('NOT_FOUND', 'No such service.');
    await repo.setStopped(tx, id, stopped ? day : null);
    await audit(
      tx,
      actor.municipalityId,
      actor,
      stopped ? 'queue_service.stop' : 'queue_service.resume',
      'queue_service',
      id,
      {
        day,
      },
    );
    await repo.notifySite(tx, service.siteId);
    return toService((await repo.getService(tx, day, id))!);
  });
}

async function checkCounterInput(tx: Tx, input: QueueCounterInput) {
  if (!(await repo.listSites(tx)).some((s) => s.id === input.siteId))
    throw invalid('siteId', 'is not a site of this municipality');
  const services = await repo.listServices(tx, berlinClock().day, input.siteId);
  input.serviceIds.forEach((sid, i) => {
    if (!services.some((s) => s.id === sid))
      throw invalid(`serviceIds.${i}`, 'is not a service at this site');
  });
}

/** Creates a counter or room at a site, serving some of its services. */
export async function createCounter(
  db: Database,
  actor: Actor,
  input: QueueCounterInput,
): Promise<QueueCounter> {
  requireRole(actor, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    await checkCounterInput(tx, input);
    const id = await repo.insertCounter(tx, actor.municipalityId, {
      ...input,
      serviceIds: [...new Set(input.serviceIds)],
    });
    await audit(tx, actor.municipalityId, actor, 'queue_counter.create', 'queue_counter', id, {
      name: input.name,
    });
    return toCounter((await repo.getCounter(tx, id))!);
  });
}

export async function updateCounter(
  db: Database,
  actor: Actor,
  id: string,
  input: QueueCounterInput,
): Promise<QueueCounter> {
  requireRole(actor, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    await checkCounterInput(tx, input);
    if (!(await repo.updateCounter(tx, id, { ...input, serviceIds: [...new Set(input.serviceIds)] })))
      throw new AppError('NOT_FOUND', 'No such counter.');
    await audit(tx, actor.municipalityId, actor, 'queue_counter.update', 'queue_counter', id, {
      name: input.name,
    });
    await repo.notifySite(tx, input.siteId);
    return toCounter((await repo.getCounter(tx, id))!);
  });
}

/** The actor takes a counter (serves there from now on), or leaves it. */
export async function occupyCounter(
  db: Database,
  actor: Actor,
  id: string,
  occupy: boolean,
): Promise<CounterState> {
  requireRole(actor, ...WORKERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    const counter = await repo.getCounter(tx, id, true);
    if (!counter) throw new AppError('NOT_FOUND', 'No such counter.');
    if (!counter.active) throw conflict('This counter is closed; an administrator can open it again.');
    if (!occupy && counter.staffId !== actor.staffId) throw conflict('You do not serve at this counter.');
    await repo.setCounterStaff(tx, id, occupy ? actor.staffId : null);
    await audit(
      tx,
      actor.municipalityId,
      actor,
      occupy ? 'queue_counter.occupy' : 'queue_counter.leave',
      'queue_counter',
      id,
      {
        previousStaffId: counter.staffId,
      },
    );
    await repo.notifySite(tx, counter.siteId);
    return stateOf(tx, id);
  });
}

async function stateOf(tx: Tx, counterId: string): Promise<CounterState> {
  const counter = (await repo.getCounter(tx, counterId))!;
  const day = berlinClock().day;
  const currentId = await repo.currentOfCounter(tx, counterId);
  const current = currentId ? await repo.getTicket(tx, currentId) : null;
  const services = await repo.listServices(tx, day, counter.siteId);
  const waiting = services
    .filter((s) => counter.serviceIds.includes(s.id))
    .reduce((n, s) => n + s.waiting, 0);
  const parked = await Promise.all(
    (await repo.parkedAtSite(tx, counter.siteId, day, counter.serviceIds)).map(
      async (tid) => (await repo.getTicket(tx, tid))!,
    ),
  );
  return {
    counter: toCounter(counter),
    current: current ? toTicket(current) : null,
    waiting,
    parked: parked.map(toTicket),
  };
}

/** What a counter shows: the ticket called to it or served there, how many wait, the parked tickets. */
export async function counterState(db: Database, actor: Actor, id: string): Promise<CounterState> {
  requireRole(actor, ...WORKERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    if (!(await repo.getCounter(tx, id))) throw new AppError('NOT_FOUND', 'No such counter.');
    return stateOf(tx, id);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Issuing

const newToken = () => randomBytes(24).toString('base64url');
const formatNumber = (prefix: string, n: number) => `${prefix}${String(n).padStart(3, '0')}`;

type IssueInput = {
  municipalityId: string;
  service: repo.ServiceRow;
  source: Ticket['source'];
  priority: Ticket['priority'];
  language: string;
  personId: string | null;
  appointmentId: string | null;
  staffId: string | null;
  day: string;
};

/** Numbers the ticket (the counter row of the prefix and day, in this transaction), stores it and tells the site. */
async function insertNumbered(tx: Tx, i: IssueInput): Promise<repo.TicketRow> {
  const n = await repo.nextNumber(tx, {
    municipalityId: i.municipalityId,
    siteId: i.service.siteId,
    prefix: i.service.prefix,
    day: i.day,
  });
  const id = await repo.insertTicket(tx, {
    municipalityId: i.municipalityId,
    siteId: i.service.siteId,
    serviceId: i.service.id,
    day: i.day,
    number: formatNumber(i.service.prefix, n),
    publicToken: newToken(),
    source: i.source,
    priority: i.priority,
    language: i.language,
    personId: i.personId,
    appointmentId: i.appointmentId,
    issuedBy: i.staffId,
  });
  await repo.notifySite(tx, i.service.siteId);
  return (await repo.getTicket(tx, id))!;
}

/** Issues a walk-in ticket after checking, under the service's lock, that the service issues now. */
async function issueWalkIn(
  tx: Tx,
  i: Omit<IssueInput, 'service' | 'day'> & { serviceId: string; atSite?: string },
  actor: Actor | null,
) {
  const clock = berlinClock();
  await repo.lockService(tx, i.serviceId);
  const service = await repo.getService(tx, clock.day, i.serviceId);
  // A kiosk or phone takes tickets of its own site only.
  if (i.atSite !== undefined && service?.siteId !== i.atSite)
    throw invalid('serviceId', 'is not a service at this site');
  if (!service) throw invalid('serviceId', 'is not a service of this municipality');
  const issuing = issuingOf(service, clock);
  const refusal: Record<Exclude<Issuing, 'open'>, string> = {
    inactive: 'This service is not offered any more.',
    stopped: 'No more tickets are issued for this service today.',
    closed: `This service is open ${service.opensAt}-${service.closesAt}; no tickets now.`,
    cap_reached: 'All tickets of this service for today have been issued.',
  };
  if (issuing !== 'open') throw conflict(refusal[issuing], { serviceId: issuing });
  const ticket = await insertNumbered(tx, { ...i, service, day: clock.day });
  await audit(tx, i.municipalityId, actor, 'queue_ticket.issue', 'queue_ticket', ticket.id, {
    number: ticket.number,
    serviceId: service.id,
    source: i.source,
    priority: i.priority,
    ...(i.personId ? { personId: i.personId } : {}),
  });
  return ticket;
}

/** Issues a ticket at the desk, optionally linked to a person the actor may see (checked by the access function). */
export async function issueTicket(db: Database, actor: Actor, input: TicketCreate): Promise<Ticket> {
  requireRole(actor, ...WORKERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    if (input.personId) {
      const shown = await personSummaries(tx, actor, [input.personId], {
        action: 'read',
        purpose: 'registration',
        details: { view: 'queue_ticket' },
      });
      if (shown.length === 0) throw invalid('personId', 'is not a person of the registry you may see');
    }
    const ticket = await issueWalkIn(
      tx,
      {
        municipalityId: actor.municipalityId,
        serviceId: input.serviceId,
        source: 'desk',
        priority: input.priority,
        language: input.language,
        personId: input.personId,
        appointmentId: null,
        staffId: actor.staffId,
      },
      actor,
    );
    return toTicket(ticket);
  });
}

/**
 * Issues a ticket for an appointment's check-in, inside the caller's transaction (appointments feature): source
 * `appointment`, ranked above every walk-in but urgent ones by the call-next policy, numbered and announced like
 * every other ticket. Opening hours, stop and cap do not apply: the appointment was booked.
 */
export async function issueCheckInTicket(
  tx: Tx,
  input: {
    municipalityId: string;
    queueServiceId: string;
    personId: string | null;
    appointmentId: string;
    staffId: string | null;
  },
): Promise<Ticket> {
  const day = berlinClock().day;
  await repo.lockService(tx, input.queueServiceId);
  const service = await repo.getService(tx, day, input.queueServiceId);
  if (!service) throw invalid('queueServiceId', 'is not a queue service of this municipality');
  const ticket = await insertNumbered(tx, {
    municipalityId: input.municipalityId,
    service,
    source: 'appointment',
    priority: 'normal',
    language: 'de',
    personId: input.personId,
    appointmentId: input.appointmentId,
    staffId: input.staffId,
    day,
  });
  const agencyId = input.staffId ? await repo.staffAgency(tx, input.staffId) : null;
  await recordAudit(tx, {
    municipalityId: input.municipalityId,
    actor: input.staffId && agencyId ? { staffId: input.staffId, agencyId } : null,
    action: 'queue_ticket.check_in',
    subjectType: 'queue_ticket',
    subjectId: ticket.id,
    details: { number: ticket.number, serviceId: service.id, appointmentId: input.appointmentId },
  });
  return toTicket(ticket);
}

/** Finds the municipality and site of a public request: the slug and the site must belong together. */
async function publicSite(db: Database, slug: string, siteId: string): Promise<repo.SiteRow> {
  const site = await db.system((tx) => repo.findSite(tx, siteId));
  if (!site || site.slug !== slug) throw new AppError('NOT_FOUND', 'No such site.');
  return site;
}

/** The kiosk's view of a site: its services with pictograms and whether they issue now. No person data. */
export async function kioskView(db: Database, slug: string, siteId: string): Promise<KioskView> {
  const site = await publicSite(db, slug, siteId);
  return db.tenant(site.municipalityId, async (tx) => {
    const clock = berlinClock();
    const services = (await repo.listServices(tx, clock.day, site.id)).filter((s) => s.active);
    return {
      municipalityName: site.municipalityName,
      siteName: site.name,
      services: services.map((s) => ({
        id: s.id,
        name: s.name,
        agencyName: s.agencyName,
        pictogram: s.pictogram as QueueService['pictogram'],
        issuing: issuingOf(s, clock),
        waiting: s.waiting,
      })),
    };
  });
}

/** Issues a ticket at the kiosk or on the person's phone (the QR code at the entrance). No account, no person. */
export async function issuePublicTicket(
  db: Database,
  slug: string,
  siteId: string,
  input: PublicTicketCreate,
): Promise<PublicTicket> {
  const site = await publicSite(db, slug, siteId);
  return db.tenant(site.municipalityId, async (tx) => {
    const ticket = await issueWalkIn(
      tx,
      {
        atSite: site.id,
        municipalityId: site.municipalityId,
        serviceId: input.serviceId,
        source: input.source,
        priority: 'normal',
        language: input.language,
        personId: null,
        appointmentId: null,
        staffId: null,
      },
      null,
    );
    return {
      number: ticket.number,
      serviceName: ticket.serviceName,
      statusUrl: statusPath(ticket.publicToken),
      token: ticket.publicToken,
    };
  });
}

/** Today's tickets (of a site, of a status), waiting ones first in the order the policy calls them. */
export async function listTickets(
  db: Database,
  actor: Actor,
  q: { siteId: string | null; status: string | null },
): Promise<Ticket[]> {
  requireRole(actor, ...WORKERS);
  return db.tenant(actor.municipalityId, async (tx) =>
    (await repo.listTickets(tx, { day: berlinClock().day, ...q })).map(toTicket),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Calling and serving

/** The counter the actor works at, locked; someone else serving there is refused. */
async function myCounter(tx: Tx, actor: Actor, counterId: string): Promise<repo.CounterRow> {
  const counter = await repo.getCounter(tx, counterId, true);
  if (!counter) throw new AppError('NOT_FOUND', 'No such counter.');
  if (!counter.active) throw conflict('This counter is closed.');
  if (counter.staffId !== null && counter.staffId !== actor.staffId)
    throw conflict(`${counter.staffName ?? 'Someone else'} serves at this counter; take it over first.`);
  if (counter.staffId === null) await repo.setCounterStaff(tx, counter.id, actor.staffId);
  return counter;
}

async function callTo(
  tx: Tx,
  actor: Actor,
  counter: repo.CounterRow,
  ticketId: string,
  how: string,
): Promise<Ticket> {
  await repo.callTicket(tx, {
    municipalityId: actor.municipalityId,
    siteId: counter.siteId,
    ticketId,
    counterId: counter.id,
    staffId: actor.staffId,
    recall: false,
  });
  const ticket = (await repo.getTicket(tx, ticketId))!;
  await audit(tx, actor.municipalityId, actor, 'queue_ticket.call', 'queue_ticket', ticketId, {
    number: ticket.number,
    counterId: counter.id,
    how,
  });
  await repo.notifySite(tx, counter.siteId);
  return toTicket(ticket);
}

async function requireFreeCounter(tx: Tx, counter: repo.CounterRow) {
  const current = await repo.currentOfCounter(tx, counter.id);
  if (current) {
    const t = (await repo.getTicket(tx, current))!;
    throw conflict(`Ticket ${t.number} is still at this counter: finish, park or forward it first.`, {
      ticketId: t.id,
    });
  }
}

/** Calls the next ticket for the counter by the policy (README): priority, then the longest waiting. */
export async function callNext(db: Database, actor: Actor, counterId: string): Promise<Ticket> {
  requireRole(actor, ...WORKERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    const counter = await myCounter(tx, actor, counterId);
    await requireFreeCounter(tx, counter);
    const next = await repo.nextWaiting(tx, {
      siteId: counter.siteId,
      day: berlinClock().day,
      serviceIds: counter.serviceIds,
    });
    if (!next) throw new AppError('NOT_FOUND', 'Nobody is waiting for the services of this counter.');
    return callTo(tx, actor, counter, next, 'next');
  });
}

/** Calls a ticket by its number (waiting or parked) to the counter, whatever its place in the queue. */
export async function callNumber(
  db: Database,
  actor: Actor,
  counterId: string,
  number: string,
): Promise<Ticket> {
  requireRole(actor, ...WORKERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    const counter = await myCounter(tx, actor, counterId);
    await requireFreeCounter(tx, counter);
    const id = await repo.findByNumber(tx, { siteId: counter.siteId, day: berlinClock().day, number });
    if (!id)
      throw new AppError('NOT_FOUND', `No ticket ${number} today at this site.`, {
        number: 'not issued today',
      });
    const ticket = (await repo.getTicket(tx, id, true))!;
    if (ticket.status !== 'waiting' && ticket.status !== 'parked')
      throw conflict(`Ticket ${number} is ${ticket.status.replace('_', ' ')}, not waiting or parked.`, {
        number: `is ${ticket.status}`,
      });
    return callTo(tx, actor, counter, id, 'number');
  });
}

type TicketAction = 'recall' | 'start' | 'done' | 'no_show' | 'park';
const ALLOWED_FROM: Record<TicketAction | 'forward', Ticket['status'][]> = {
  recall: ['called'],
  start: ['called'],
  done: ['in_service'],
  no_show: ['called'],
  park: ['called', 'in_service'],
  forward: ['called', 'in_service', 'parked'],
};

/** Loads and locks a ticket for an action, refusing a state the action does not start from. */
async function ticketFor(tx: Tx, id: string, action: TicketAction | 'forward'): Promise<repo.TicketRow> {
  const ticket = await repo.getTicket(tx, id, true);
  if (!ticket) throw new AppError('NOT_FOUND', 'No such ticket.');
  if (!ALLOWED_FROM[action].includes(ticket.status as Ticket['status']))
    throw conflict(
      `Ticket ${ticket.number} is ${ticket.status.replace('_', ' ')}; "${action.replace('_', '-')}" needs ${ALLOWED_FROM[action].join(' or ')}.`,
      { status: ticket.status },
    );
  return ticket;
}

/**
 * The transitions of a ticket at its counter: recall (called again, at most as often as the service allows before a
 * no-show), start (in service), done, no-show (only after the service's number of calls), park (set aside; it can
 * be called again by number).
 */
export async function actOnTicket(
  db: Database,
  actor: Actor,
  id: string,
  action: TicketAction,
): Promise<Ticket> {
  requireRole(actor, ...WORKERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    const ticket = await ticketFor(tx, id, action);
    const counter = ticket.counterId ? await myCounter(tx, actor, ticket.counterId) : null;
    if (action === 'recall') {
      if (ticket.callCount >= ticket.noShowAfterCalls)
        throw conflict(`Ticket ${ticket.number} was called ${ticket.callCount} times; mark it as no-show.`, {
          callCount: String(ticket.callCount),
        });
      await repo.callTicket(tx, {
        municipalityId: actor.municipalityId,
        siteId: ticket.siteId,
        ticketId: id,
        counterId: counter!.id,
        staffId: actor.staffId,
        recall: true,
      });
    } else if (action === 'start') await repo.startService(tx, id);
    else if (action === 'done') await repo.finishTicket(tx, id, 'done');
    else if (action === 'no_show') {
      if (ticket.callCount < ticket.noShowAfterCalls)
        throw conflict(
          `Ticket ${ticket.number} was called ${ticket.callCount} of ${ticket.noShowAfterCalls} times; recall it before marking a no-show.`,
          { callCount: String(ticket.callCount) },
        );
      await repo.finishTicket(tx, id, 'no_show');
    } else await repo.parkTicket(tx, id);
    await audit(tx, actor.municipalityId, actor, `queue_ticket.${action}`, 'queue_ticket', id, {
      number: ticket.number,
      from: ticket.status,
    });
    await repo.notifySite(tx, ticket.siteId);
    return toTicket((await repo.getTicket(tx, id))!);
  });
}

/** Forwards a ticket to another service at the site (of any agency): it waits there with its original arrival time. */
export async function forwardTicket(
  db: Database,
  actor: Actor,
  id: string,
  serviceId: string,
): Promise<Ticket> {
  requireRole(actor, ...WORKERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    const ticket = await ticketFor(tx, id, 'forward');
    if (ticket.counterId) await myCounter(tx, actor, ticket.counterId);
    const target = await repo.getService(tx, berlinClock().day, serviceId);
    if (!target || target.siteId !== ticket.siteId)
      throw invalid('serviceId', 'is not a service at the site of the ticket');
    if (!target.active) throw invalid('serviceId', 'is not offered any more');
    if (target.id === ticket.serviceId)
      throw invalid('serviceId', 'is the service the ticket waits for already');
    await repo.forwardTicket(tx, id, serviceId);
    await audit(tx, actor.municipalityId, actor, 'queue_ticket.forward', 'queue_ticket', id, {
      number: ticket.number,
      from: ticket.serviceId,
      to: serviceId,
    });
    await repo.notifySite(tx, ticket.siteId);
    return toTicket((await repo.getTicket(tx, id))!);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Live views: the lobby display and the phone

// The display shows the newest calls: at least 8, and every call of the last two minutes (a burst at 60 counters
// must not push a number off the screen before it was shown), at most 60.
const DISPLAY_CALLS = 8;
const DISPLAY_RECENT_MS = 120_000;
const DISPLAY_MAX_CALLS = 60;
const recentCalls = (newestFirst: repo.CallRow[], now = Date.now()) =>
  newestFirst.filter(
    (c, i) => i < DISPLAY_CALLS || now - new Date(c.calledAt).getTime() <= DISPLAY_RECENT_MS,
  );

/** A phone view's estimated wait: the tickets ahead times the service's minutes, shared by the counters serving it. */
const estimate = (position: number, minutes: number, staffed: number) =>
  Math.ceil(((position - 1) * minutes) / Math.max(1, staffed));

// The median service time per service changes slowly and is a sort over the day's served tickets: each site's is
// read at most every 30 s, not after every change.
const SERVICE_TIME_TTL_MS = 30_000;
const serviceTimes = new Map<string, { day: string; at: number; seconds: Map<string, number> }>();

async function serviceSecondsOf(tx: Tx, siteId: string, day: string): Promise<Map<string, number>> {
  const known = serviceTimes.get(siteId);
  if (known && known.day === day && Date.now() - known.at < SERVICE_TIME_TTL_MS) return known.seconds;
  const seconds = await repo.serviceSeconds(tx, siteId, day);
  serviceTimes.set(siteId, { day, at: Date.now(), seconds });
  return seconds;
}

/** Minutes per contact of a service: today's median service time once there is one, else its default. */
const minutesOf = (seconds: Map<string, number>, serviceId: string, defaultMinutes: number) =>
  seconds.has(serviceId) ? seconds.get(serviceId)! / 60 : defaultMinutes;

async function requireSite(tx: Tx, siteId: string): Promise<repo.SiteRow> {
  const site = await repo.findSite(tx, siteId);
  if (!site) throw new AppError('NOT_FOUND', 'No such site.');
  return site;
}

/**
 * The lobby display of a site now: the last calls, newest first, and how many wait. Public and without person
 * data; read by the site id alone (one transaction, two index ranges: it is read after every change at peak).
 */
export async function displaySnapshot(db: Database, siteId: string): Promise<DisplaySnapshot> {
  return db.system(async (tx) => {
    const site = await requireSite(tx, siteId);
    const day = berlinClock().day;
    return {
      siteName: site.name,
      calls: recentCalls(await repo.lastCalls(tx, site.id, day, DISPLAY_MAX_CALLS)).map(toCall),
      waiting: await repo.waitingAtSite(tx, site.id, day),
    };
  });
}

/**
 * The phone views of all of today's open tickets of a site, by public token: read once for every phone following
 * a ticket there (queue.events.ts), in the policy's order so that the positions come from one pass.
 */
export async function phoneViews(db: Database, siteId: string): Promise<Map<string, TicketStatusView>> {
  return db.system(async (tx) => {
    const site = await requireSite(tx, siteId);
    const day = berlinClock().day;
    const parts = await repo.liveSiteParts(tx, site.id);
    const seconds = await serviceSecondsOf(tx, site.id, day);
    const tickets = await repo.liveTickets(tx, site.id, day);
    const services = new Map(parts.services.map((x) => [x.id, x]));
    const counters = new Map(parts.counters.map((c) => [c.id, c]));
    // Counters someone serves at now, per service: the estimate divides by them.
    const staffed = new Map<string, number>();
    for (const c of parts.counters)
      if (c.staffed) for (const sid of c.serviceIds) staffed.set(sid, (staffed.get(sid) ?? 0) + 1);
    const ahead = new Map<string, number>();
    const views = new Map<string, TicketStatusView>();
    for (const t of tickets) {
      const service = services.get(t.serviceId);
      let position: number | null = null;
      let wait: number | null = null;
      if (t.status === 'waiting') {
        position = (ahead.get(t.serviceId) ?? 0) + 1;
        ahead.set(t.serviceId, position);
        const minutes = minutesOf(seconds, t.serviceId, service?.defaultServiceMinutes ?? 5);
        wait = estimate(position, minutes, staffed.get(t.serviceId) ?? 0);
      }
      const counter =
        t.status === 'called' || t.status === 'in_service' ? counters.get(t.counterId ?? '') : null;
      views.set(t.publicToken, {
        number: t.number,
        serviceName: service?.name ?? '',
        siteName: site.name,
        status: t.status as TicketStatusView['status'],
        position,
        estimatedWaitMinutes: wait,
        counterName: counter?.name ?? null,
        room: counter?.room ?? null,
        language: t.language as TicketStatusView['language'],
      });
    }
    return views;
  });
}

/**
 * The phone view of one ticket and its site: number, position and estimated wait while it waits, the counter and
 * room while it is called or served, its final state after. No person data. NOT_FOUND for an unknown token.
 */
export async function phoneTicket(
  db: Database,
  token: string,
): Promise<{ siteId: string; view: TicketStatusView }> {
  return db.system(async (tx) => {
    const t = await repo.ticketView(tx, token);
    if (!t) throw new AppError('NOT_FOUND', 'No such ticket.');
    // A ticket of an earlier day that was never closed has no place in today's queue.
    const waiting = t.status === 'waiting' && t.position !== null && t.day === berlinClock().day;
    const atCounter = t.status === 'called' || t.status === 'in_service';
    const minutes = waiting
      ? minutesOf(await serviceSecondsOf(tx, t.siteId, t.day), t.serviceId, t.defaultServiceMinutes)
      : 0;
    return {
      siteId: t.siteId,
      view: {
        number: t.number,
        serviceName: t.serviceName,
        siteName: t.siteName,
        status: t.status as TicketStatusView['status'],
        position: waiting ? t.position : null,
        estimatedWaitMinutes: waiting ? estimate(t.position!, minutes, t.staffed) : null,
        counterName: atCounter ? t.counterName : null,
        room: atCounter ? t.room : null,
        language: t.language as TicketStatusView['language'],
      },
    };
  });
}

/** The phone view of a ticket (see `phoneTicket`). */
export async function ticketStatus(db: Database, token: string): Promise<TicketStatusView> {
  return (await phoneTicket(db, token)).view;
}

/** The person chooses the language of their phone view (kept with the ticket). */
export async function setTicketLanguage(
  db: Database,
  token: string,
  language: string,
): Promise<TicketStatusView> {
  const found = await db.system((tx) => repo.findTicketSite(tx, token));
  if (!found) throw new AppError('NOT_FOUND', 'No such ticket.');
  await db.tenant(found.municipalityId, async (tx) => {
    await repo.setTicketLanguage(tx, found.ticketId, language);
    await repo.notifySite(tx, found.siteId);
  });
  return ticketStatus(db, token);
}

// ---------------------------------------------------------------------------------------------------------------
// Short questions and figures

const toQuestion = (q: repo.ShortQuestionRow): ShortQuestion => ({
  id: q.id,
  agencyId: q.agencyId as ShortQuestion['agencyId'],
  agencyName: q.agencyName,
  topic: q.topic as ShortQuestionTopic,
  durationMinutes: q.durationMinutes,
  anonymous: q.anonymous,
  recordedAt: iso(q.recordedAt),
});

/** Logs a short question answered at the desk, in one click; anonymous unless a person the actor may see is named. */
export async function recordShortQuestion(
  db: Database,
  actor: Actor,
  input: ShortQuestionInput,
): Promise<ShortQuestion> {
  requireRole(actor, ...WORKERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    if (!(await repo.listAgencies(tx)).some((a) => a.id === input.agencyId))
      throw invalid('agencyId', 'is not an agency of this municipality');
    if (input.siteId && !(await repo.listSites(tx)).some((s) => s.id === input.siteId))
      throw invalid('siteId', 'is not a site of this municipality');
    if (input.personId) {
      const shown = await personSummaries(tx, actor, [input.personId], {
        action: 'read',
        purpose: 'registration',
        details: { view: 'queue_short_question' },
      });
      if (shown.length === 0) throw invalid('personId', 'is not a person of the registry you may see');
    }
    const day = berlinClock().day;
    const id = await repo.insertShortQuestion(tx, {
      municipalityId: actor.municipalityId,
      siteId: input.siteId,
      agencyId: input.agencyId,
      topic: input.topic,
      durationMinutes: input.durationMinutes,
      personId: input.personId,
      staffId: actor.staffId,
      day,
    });
    await audit(tx, actor.municipalityId, actor, 'queue_short_question.record', 'queue_short_question', id, {
      topic: input.topic,
      agencyId: input.agencyId,
      anonymous: input.personId === null,
    });
    return toQuestion((await repo.listShortQuestions(tx, day)).find((q) => q.id === id)!);
  });
}

/** Today's short questions, newest first. */
export async function listShortQuestions(db: Database, actor: Actor): Promise<ShortQuestion[]> {
  requireRole(actor, ...WORKERS);
  return db.tenant(actor.municipalityId, async (tx) =>
    (await repo.listShortQuestions(tx, berlinClock().day)).map(toQuestion),
  );
}

/** The figures of a day per service (tickets, waiting time median and p90, service time, no-shows) and short questions. */
export async function figures(
  db: Database,
  actor: Actor,
  q: { date: string | null; siteId: string | null },
): Promise<QueueFigures> {
  requireRole(actor, ...READERS);
  const date = q.date ?? berlinClock().day;
  return db.tenant(actor.municipalityId, async (tx) => ({
    date,
    services: await repo.figures(tx, date, q.siteId),
    shortQuestions: (await repo.shortQuestionFigures(tx, date, q.siteId)).map((s) => ({
      ...s,
      topic: s.topic as ShortQuestionTopic,
    })),
  }));
}

/** Seeds services and counters at a site named by its name (demo). For seeding only: `key` names a service. */
export async function seedQueue(
  tx: Tx,
  municipalityId: string,
  spec: {
    siteName: string;
    services: (Omit<repo.ServiceFields, 'siteId'> & { key: string })[];
    counters: (Omit<repo.CounterFields, 'serviceIds' | 'siteId'> & { services: string[] })[];
  },
): Promise<void> {
  const site = (await repo.listSites(tx)).find((s) => s.name === spec.siteName);
  if (!site) throw new Error(`No site ${spec.siteName} to seed the queue at`);
  const ids = new Map<string, string>();
  for (const s of spec.services)
    ids.set(s.key, await repo.insertService(tx, municipalityId, { ...s, siteId: site.id }));
  for (const c of spec.counters)
    await repo.insertCounter(tx, municipalityId, {
      ...c,
      siteId: site.id,
      serviceIds: c.services.map((k) => ids.get(k)!),
    });
}

/**
 * The person's timeline source "ticket": the tickets linked to the person. A visit to an agency's service is that
 * agency's contact data: shown where the caller may see the agency's identity and contact data of the person.
 */
export async function ticketTimeline(db: Database, actor: Actor, personId: string): Promise<TimelineEntry[]> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const rows = await repo.ticketsOfPerson(tx, personId);
    const items = rows.map((r) => ({
      holding: { category: 'identity_contact' as const, agencyId: r.agencyId },
      item: {
        at: new Date(r.at).toISOString(),
        source: 'ticket',
        kind: `ticket.${r.status}`,
        title: `${r.number} · ${r.serviceName}`,
        agencyName: r.agencyName,
        link: null,
      },
    }));
    return visibleItems(tx, actor, personId, items, 'timeline.tickets');
  });
}
