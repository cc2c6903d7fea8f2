import { createHash, randomBytes } from 'node:crypto';
import { type Challenge, createChallenge, type Solution, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import {
  type AbsenceInput,
  type Appointment,
  type AppointmentLanguage,
  AppointmentServiceInput,
  type AppointmentService,
  type Cancellation,
  type CheckInResult,
  DeskBooking,
  type ExpiringWithoutAppointment,
  type OutboxMail,
  type PersonSummary,
  type PowChallenge,
  type ProofOfWork,
  type PublicAppointment,
  type PublicAppointmentService,
  PublicBooking,
  type PublicBookingResult,
  type SlotList,
  type StaffSchedule,
  StaffScheduleInput,
} from '@lotse/common';
import type { z } from 'zod';
import type { Config } from '../../config';
import type { Database, Tx } from '../../db/database';
import { AppError } from '../../errors';
import type { Mailer } from '../../lib/mail';
import type { SmsProvider } from '../../lib/sms';
import { recordAudit } from '../audit/audit.service';
import { type Actor, auditActor, requireRole } from '../auth/actor';
import type { Jobs } from '../jobs/jobs.service';
import { listExpiringResidence, personSummaries, showPerson } from '../persons/persons.service';
import { issueCheckInTicket } from '../queue/queue.service';
import * as repo from './appointments.repo';
import { composeMail, composeSms, serviceNameIn } from './appointments.texts';
import { aggregate, berlinDay, berlinInstant, type EngineStaff, staffSlots } from './slots';

/**
 * Appointments (issue 5): configuration, the slot engine's data, booking at the desk and on the public page,
 * assignment, duplicate detection, the emailed links, mails and reminders as jobs, and check-in into the queue.
 * See README.md in this folder for the rules.
 */

/** What the appointments need besides the database: the configuration and the job queue (null: jobs off). */
export type AppointmentsContext = { db: Database; config: Config; jobs: Jobs | null };

export const APPOINTMENT_MAIL = 'appointment-mail';
export const APPOINTMENT_REMINDER = 'appointment-reminder';
export const APPOINTMENT_MAIL_SWEEP = 'appointment-mail-sweep';

const CONFIGURERS = ['municipal_admin', 'agency_lead'] as const;
const DESK = ['front_desk', 'caseworker', 'case_manager', 'agency_lead'] as const;
const LIVE = new Set(['pending', 'booked']);

const iso = (d: Date) => d.toISOString();
const invalid = (field: string, problem: string) =>
  new AppError('VALIDATION_FAILED', `${field} ${problem}.`, { [field]: problem });
const conflict = (field: string, problem: string) =>
  new AppError('CONFLICT', `${field} ${problem}.`, { [field]: problem });
const notFound = () => new AppError('NOT_FOUND', 'No such appointment.');
const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const newToken = () => {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: sha256(token) };
};
const emailKey = (e: string | null) => (e ? e.trim().toLowerCase() : null);
const phoneKey = (p: string | null) => {
  if (!p) return null;
  const digits = p.replace(/\D/g, '');
  // +49 202 … and 0202 … are the same number.
  return digits.startsWith('49') ? `0${digits.slice(2)}` : digits;
};

async function audit(
  tx: Tx,
  municipalityId: string,
  actor: Actor | null,
  action: string,
  id: string,
  details = {},
) {
  await recordAudit(tx, {
    municipalityId,
    actor: actor ? auditActor(actor) : null,
    action,
    subjectType: 'appointment',
    subjectId: id,
    requestId: actor?.requestId ?? null,
    details,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Configuration

function mayConfigure(actor: Actor, agencyId: string) {
  requireRole(actor, ...CONFIGURERS);
  if (!actor.roles.includes('municipal_admin') && actor.agencyId !== agencyId)
    throw new AppError('FORBIDDEN', 'Agency leads configure the appointments of their own agency only.');
}

async function toServices(tx: Tx, rows: repo.ServiceRow[]): Promise<AppointmentService[]> {
  const staff = await repo.listServiceStaff(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agencyId as AppointmentService['agencyId'],
    agencyName: r.agencyName,
    name: r.name,
    names: r.names,
    durationMinutes: r.durationMinutes,
    bufferMinutes: r.bufferMinutes,
    urgentQuotaPercent: r.urgentQuotaPercent,
    publicBooking: r.publicBooking,
    checkInQueueServiceId: r.checkInQueueServiceId,
    staff: staff
      .filter((s) => s.serviceId === r.id)
      .map((s) => ({
        id: s.staffId as AppointmentService['staff'][number]['id'],
        displayName: s.displayName,
      })),
    active: r.active,
  }));
}

/** The services of the municipality with their staff (staff who book, and who configure). */
export async function listServices(db: Database, actor: Actor): Promise<AppointmentService[]> {
  requireRole(actor, ...DESK, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) => toServices(tx, await repo.listServices(tx)));
}

async function checkService(tx: Tx, input: z.output<typeof AppointmentServiceInput>) {
  if (!(await repo.agencyExists(tx, input.agencyId)))
    throw invalid('agencyId', 'is not an agency of this municipality');
  if (input.checkInQueueServiceId && !(await repo.queueServiceExists(tx, input.checkInQueueServiceId)))
    throw invalid('checkInQueueServiceId', 'is not a queue service of this municipality');
  const staff = await repo.getStaff(tx, input.staffIds);
  input.staffIds.forEach((id, i) => {
    const s = staff.find((x) => x.id === id);
    if (!s || !s.active) throw invalid(`staffIds.${i}`, 'is not an active staff member of this municipality');
    if (s.agencyId !== input.agencyId)
      throw invalid(`staffIds.${i}`, 'does not work for the agency of the service');
  });
}

/** Creates a service (agency lead of its agency, administrator). */
export async function createService(
  db: Database,
  actor: Actor,
  body: z.input<typeof AppointmentServiceInput>,
): Promise<AppointmentService> {
  const input = AppointmentServiceInput.parse(body);
  mayConfigure(actor, input.agencyId);
  return db.tenant(actor.municipalityId, async (tx) => {
    await checkService(tx, input);
    const id = await repo.insertService(tx, actor.municipalityId, input);
    await repo.setServiceStaff(tx, actor.municipalityId, id, [...new Set(input.staffIds)]);
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: auditActor(actor),
      action: 'appointment_service.create',
      subjectType: 'appointment_service',
      subjectId: id,
      requestId: actor.requestId,
      details: { name: input.name, agencyId: input.agencyId, staffIds: input.staffIds },
    });
    return (await toServices(tx, [(await repo.getService(tx, id))!]))[0]!;
  });
}

/** Replaces a service's settings and staff; existing appointments keep their time and staff member. */
export async function updateService(
  db: Database,
  actor: Actor,
  id: string,
  body: z.input<typeof AppointmentServiceInput>,
): Promise<AppointmentService> {
  const input = AppointmentServiceInput.parse(body);
  return db.tenant(actor.municipalityId, async (tx) => {
    const existing = await repo.getService(tx, id);
    if (!existing) throw new AppError('NOT_FOUND', 'No such service.');
    mayConfigure(actor, existing.agencyId);
    mayConfigure(actor, input.agencyId);
    await checkService(tx, input);
    await repo.updateService(tx, id, input);
    await repo.setServiceStaff(tx, actor.municipalityId, id, [...new Set(input.staffIds)]);
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: auditActor(actor),
      action: 'appointment_service.update',
      subjectType: 'appointment_service',
      subjectId: id,
      requestId: actor.requestId,
      details: { name: input.name, staffIds: input.staffIds, active: input.active },
    });
    return (await toServices(tx, [(await repo.getService(tx, id))!]))[0]!;
  });
}

async function schedulesOf(tx: Tx, rows: repo.ScheduleRow[]): Promise<StaffSchedule[]> {
  const ids = rows.map((r) => r.staffId);
  const hours = await repo.listHours(tx, ids);
  const absences = await repo.listAbsences(
    tx,
    ids,
    new Date(Date.now() - 86_400_000),
    new Date('9999-01-01'),
  );
  return rows.map((r) => ({
    staffId: r.staffId as StaffSchedule['staffId'],
    displayName: r.displayName,
    agencyId: r.agencyId as StaffSchedule['agencyId'],
    languages: r.languages,
    hours: hours
      .filter((h) => h.staffId === r.staffId)
      .map(({ weekday, starts, ends }) => ({ weekday, starts, ends })),
    absences: absences
      .filter((a) => a.staffId === r.staffId)
      .map((a) => ({ id: a.id, startsAt: iso(a.startsAt), endsAt: iso(a.endsAt), reason: a.reason })),
  }));
}

/** Working hours, languages and coming absences of the staff who take appointments (own agency for leads). */
export async function listSchedules(db: Database, actor: Actor): Promise<StaffSchedule[]> {
  requireRole(actor, ...CONFIGURERS, ...DESK);
  const agency = actor.roles.includes('municipal_admin') ? null : actor.agencyId;
  return db.tenant(actor.municipalityId, async (tx) => schedulesOf(tx, await repo.listSchedules(tx, agency)));
}

async function staffToConfigure(tx: Tx, actor: Actor, staffId: string): Promise<repo.StaffRow> {
  const [staff] = await repo.getStaff(tx, [staffId]);
  if (!staff) throw new AppError('NOT_FOUND', 'No such staff member.');
  mayConfigure(actor, staff.agencyId);
  return staff;
}

/** Sets a staff member's weekly hours and languages (replacing them); bookings already made stay. */
export async function saveSchedule(
  db: Database,
  actor: Actor,
  staffId: string,
  body: StaffScheduleInput,
): Promise<StaffSchedule> {
  const input = StaffScheduleInput.parse(body);
  requireRole(actor, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    await staffToConfigure(tx, actor, staffId);
    await repo.ensureStaff(tx, actor.municipalityId, staffId);
    await repo.setLanguages(tx, staffId, [...new Set(input.languages)]);
    await repo.replaceHours(tx, actor.municipalityId, staffId, input.hours);
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: auditActor(actor),
      action: 'appointment_schedule.save',
      subjectType: 'staff',
      subjectId: staffId,
      requestId: actor.requestId,
      details: { hours: input.hours.length, languages: input.languages },
    });
    const rows = (await repo.listSchedules(tx, null)).filter((r) => r.staffId === staffId);
    return (await schedulesOf(tx, rows))[0]!;
  });
}

/** Records an absence: the staff member's free slots in it disappear; appointments already in it are not moved. */
export async function addAbsence(
  db: Database,
  actor: Actor,
  staffId: string,
  input: z.output<typeof AbsenceInput>,
): Promise<StaffSchedule> {
  requireRole(actor, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    await staffToConfigure(tx, actor, staffId);
    await repo.ensureStaff(tx, actor.municipalityId, staffId);
    const id = await repo.insertAbsence(tx, {
      municipalityId: actor.municipalityId,
      staffId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      reason: input.reason,
      createdBy: actor.staffId,
    });
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: auditActor(actor),
      action: 'appointment_absence.create',
      subjectType: 'appointment_absence',
      subjectId: id,
      requestId: actor.requestId,
      details: { staffId, startsAt: input.startsAt, endsAt: input.endsAt },
    });
    const rows = (await repo.listSchedules(tx, null)).filter((r) => r.staffId === staffId);
    return (await schedulesOf(tx, rows))[0]!;
  });
}

export async function deleteAbsence(db: Database, actor: Actor, id: string): Promise<void> {
  requireRole(actor, ...CONFIGURERS);
  await db.tenant(actor.municipalityId, async (tx) => {
    const removed = await repo.deleteAbsence(tx, id);
    if (!removed) throw new AppError('NOT_FOUND', 'No such absence.');
    await staffToConfigure(tx, actor, removed.staffId);
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: auditActor(actor),
      action: 'appointment_absence.delete',
      subjectType: 'appointment_absence',
      subjectId: id,
      requestId: actor.requestId,
      details: { staffId: removed.staffId },
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Slots

async function engineInput(tx: Tx, serviceId: string, from: Date, to: Date, lock: boolean) {
  const eligible = await repo.eligibleStaff(tx, serviceId, lock);
  const ids = eligible.map((e) => e.staffId);
  if (lock) await repo.expireUnconfirmed(tx, ids);
  const [hours, absences, busy] = await Promise.all([
    repo.listHours(tx, ids),
    repo.listAbsences(tx, ids, from, to),
    repo.listBusy(tx, ids, from, to),
  ]);
  const staff: EngineStaff[] = eligible.map((e) => ({
    staffId: e.staffId,
    hours: hours.filter((h) => h.staffId === e.staffId),
    absences: absences.filter((a) => a.staffId === e.staffId),
    busy: busy.filter((b) => b.staffId === e.staffId),
  }));
  return { eligible, staff };
}

const span = (from: string, to: string) => ({
  start: berlinInstant(from, 0),
  end: berlinInstant(to, 24 * 60),
});

async function slotsOf(tx: Tx, service: repo.ServiceRow, from: string, to: string) {
  const { start, end } = span(from, to);
  const { staff } = await engineInput(tx, service.id, start, end, false);
  return aggregate(staffSlots(service, staff, from, to, new Date()));
}

/**
 * The free slots of a service between two days. Staff see how many colleagues are free and the starts only the
 * urgent quota is left for; the public page (no actor) sees bookable starts only, of public services.
 */
export async function listSlots(
  db: Database,
  actor: Actor | null,
  q: { serviceId: string; from: string; to: string },
): Promise<SlotList> {
  if (actor) {
    requireRole(actor, ...DESK);
    return db.tenant(actor.municipalityId, async (tx) => {
      const service = await repo.getService(tx, q.serviceId);
      if (!service) throw new AppError('NOT_FOUND', 'No such service.');
      return {
        serviceId: q.serviceId,
        timeZone: 'Europe/Berlin',
        slots: await slotsOf(tx, service, q.from, q.to),
      };
    });
  }
  const municipalityId = await db.system((tx) => repo.municipalityOfService(tx, q.serviceId));
  if (!municipalityId) throw new AppError('NOT_FOUND', 'No such service.');
  return db.tenant(municipalityId, async (tx) => {
    const service = await repo.getService(tx, q.serviceId);
    if (!service || !service.active || !service.publicBooking)
      throw new AppError('NOT_FOUND', 'No such service.');
    const slots = (await slotsOf(tx, service, q.from, q.to))
      .filter((s) => !s.urgentOnly)
      .map((s) => ({ ...s, free: 1 }));
    return { serviceId: q.serviceId, timeZone: 'Europe/Berlin', slots };
  });
}

/** The services the public page offers, named in the asked language. */
export async function listPublicServices(
  db: Database,
  slug: string,
  language: AppointmentLanguage,
): Promise<PublicAppointmentService[]> {
  const municipalityId = await db.system((tx) => repo.municipalityBySlug(tx, slug));
  if (!municipalityId) throw new AppError('NOT_FOUND', 'No such municipality.');
  return db.tenant(municipalityId, async (tx) =>
    (await repo.listServices(tx, true))
      .filter((s) => s.publicBooking)
      .map((s) => ({
        id: s.id,
        name: serviceNameIn(s.names, s.name, language),
        agencyName: s.agencyName,
        durationMinutes: s.durationMinutes,
      })),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Booking

type BookRequest = {
  municipalityId: string;
  service: repo.ServiceRow;
  startsAt: Date;
  channel: 'desk' | 'public';
  status: 'pending' | 'booked';
  personId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  language: AppointmentLanguage;
  needsInterpreter: boolean;
  urgent: boolean;
  /** Asked only when nothing but the urgent quota is left at the start: whether this booking may use it anyway. */
  priority?: () => Promise<boolean>;
  preferStaffId: string | null;
  rebookedFrom: string | null;
  createdBy: string | null;
  confirmMinutes: number;
};

const DUPLICATE_PROBLEM = {
  personId: 'already has an appointment for this service; rebook or cancel that one',
  email: 'already has an appointment for this service; use the link in the mail to rebook or cancel it',
  phone: 'already has an appointment for this service; rebook or cancel that one',
} as const;

/**
 * Books one slot in the caller's transaction. The eligible staff's rows are locked first, so two bookings of the
 * same staff are decided one after the other; the unique index on (staff, start) backs it. Assignment: the staff
 * member asked for (rebooking keeps the same one) if free, else who speaks the person's language, then the lowest
 * load of the day, then who was given a booking longest ago (round-robin).
 */
async function bookInTx(tx: Tx, r: BookRequest): Promise<{ id: string; token: string; byPriority: boolean }> {
  if (r.startsAt.getTime() <= Date.now()) throw invalid('startsAt', 'is in the past');
  const day = berlinDay(r.startsAt);
  const { start, end } = span(day, day);
  const { eligible, staff } = await engineInput(tx, r.service.id, start, end, true);
  if (eligible.length === 0) throw conflict('serviceId', 'has no staff taking appointments');

  const duplicate = await repo.findDuplicate(tx, {
    serviceId: r.service.id,
    personId: r.personId,
    emailKey: emailKey(r.email),
    phoneKey: phoneKey(r.phone),
    except: r.rebookedFrom,
  });
  if (duplicate) throw conflict(duplicate.by, DUPLICATE_PROBLEM[duplicate.by]);

  const candidates = staffSlots(r.service, staff, day, day, new Date()).filter(
    (s) => s.startsAt.getTime() === r.startsAt.getTime(),
  );
  if (candidates.length === 0) throw conflict('startsAt', 'is not a free slot of this service (any more)');
  let pool = r.urgent ? candidates : candidates.filter((c) => !c.urgentOnly);
  // A priority booking takes the urgent quota only where nothing else is left, and then counts as urgent.
  const byPriority = pool.length === 0 && !r.urgent && r.priority !== undefined && (await r.priority());
  if (byPriority) pool = candidates;
  if (pool.length === 0) throw conflict('startsAt', 'is kept free for urgent bookings by staff');

  const languages = new Map(eligible.map((e) => [e.staffId, e.languages]));
  const lastAssigned = new Map(eligible.map((e) => [e.staffId, e.lastAssignedAt?.getTime() ?? 0]));
  let chosen = pool.find((c) => c.staffId === r.preferStaffId);
  if (!chosen) {
    const speaking = pool.filter((c) => languages.get(c.staffId)!.includes(r.language));
    const shortlist = speaking.length > 0 ? speaking : pool;
    const load = await repo.loadOn(
      tx,
      shortlist.map((c) => c.staffId),
      start,
      end,
    );
    chosen = [...shortlist].sort(
      (a, b) =>
        (load.get(a.staffId) ?? 0) - (load.get(b.staffId) ?? 0) ||
        lastAssigned.get(a.staffId)! - lastAssigned.get(b.staffId)! ||
        a.staffId.localeCompare(b.staffId),
    )[0]!;
  }

  const { token, hash } = newToken();
  let id: string;
  try {
    id = await repo.insertAppointment(tx, {
      municipalityId: r.municipalityId,
      serviceId: r.service.id,
      staffId: chosen.staffId,
      startsAt: chosen.startsAt,
      endsAt: chosen.endsAt,
      blockedUntil: new Date(chosen.endsAt.getTime() + r.service.bufferMinutes * 60_000),
      status: r.status,
      channel: r.channel,
      personId: r.personId,
      name: r.name,
      email: r.email,
      emailKey: emailKey(r.email),
      phone: r.phone,
      phoneKey: phoneKey(r.phone),
      language: r.language,
      needsInterpreter: r.needsInterpreter,
      urgent: r.urgent || byPriority,
      tokenHash: hash,
      confirmBy: r.status === 'pending' ? new Date(Date.now() + r.confirmMinutes * 60_000) : null,
      rebookedFrom: r.rebookedFrom,
      createdBy: r.createdBy,
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw conflict('startsAt', 'was just booked by someone else');
    throw err;
  }
  await repo.markAssigned(tx, chosen.staffId);
  return { id, token, byPriority };
}

type Pending = { mails: string[]; reminders: { id: string; startsAt: Date }[] };

/** Writes a mail of an appointment into the outbox (sent by a job after the transaction commits). */
async function queueMail(
  tx: Tx,
  config: Config,
  appointmentId: string,
  kind: repo.MailKind,
  link: string,
  pending: Pending,
): Promise<void> {
  const a = (await repo.getAppointment(tx, appointmentId))!;
  if (!a.email) return;
  const mail = composeMail({
    appointmentId,
    kind,
    language: a.language as AppointmentLanguage,
    name: a.name,
    serviceName: serviceNameIn(a.serviceNames, a.serviceName, a.language),
    agencyName: a.agencyName,
    address: a.address,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    link,
    publicUrl: config.publicUrl,
  });
  pending.mails.push(
    await repo.insertMail(tx, {
      municipalityId: a.municipalityId,
      appointmentId,
      kind,
      to: a.email,
      subject: mail.subject,
      body: mail.body,
      ics: mail.ics,
    }),
  );
}

const manageLink = (config: Config, token: string) => `${config.publicUrl}/book/manage/${token}`;
const confirmLink = (config: Config, token: string) => `${config.publicUrl}/book/confirm/${token}`;

/** After the commit: the jobs that send the mails and the reminders. Without a job queue they stay queued. */
async function dispatch(ctx: AppointmentsContext, municipalityId: string, pending: Pending): Promise<void> {
  if (!ctx.jobs) return;
  for (const mailId of pending.mails) await ctx.jobs.send(APPOINTMENT_MAIL, { municipalityId, mailId });
  for (const r of pending.reminders) {
    const at = new Date(r.startsAt.getTime() - ctx.config.appointments.reminderHours * 3_600_000);
    if (at.getTime() <= Date.now()) continue;
    await ctx.jobs.boss.send(
      APPOINTMENT_REMINDER,
      { municipalityId, appointmentId: r.id, startsAt: iso(r.startsAt) },
      { startAfter: at, singletonKey: `${r.id}:${iso(r.startsAt)}` },
    );
  }
}

async function present(tx: Tx, actor: Actor, rows: repo.AppointmentRow[]): Promise<Appointment[]> {
  const personIds = [...new Set(rows.map((r) => r.personId).filter((p): p is string => p !== null))];
  const persons = new Map<string, PersonSummary>();
  if (personIds.length > 0)
    for (const p of await personSummaries(tx, actor, personIds, {
      action: 'search',
      purpose: 'case_work',
      details: { list: 'appointments' },
    }))
      persons.set(p.id, p);
  return rows.map((r) => toAppointment(r, r.personId ? (persons.get(r.personId) ?? null) : null));
}

function toAppointment(r: repo.AppointmentRow, person: PersonSummary | null): Appointment {
  return {
    id: r.id,
    serviceId: r.serviceId,
    serviceName: r.serviceName,
    agencyName: r.agencyName,
    staffId: r.staffId as Appointment['staffId'],
    staffName: r.staffName,
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    status: r.status,
    channel: r.channel,
    person,
    personLinked: r.personId !== null,
    // A linked person is called by the name the caller may see (or not at all).
    name: r.personId ? (person?.displayName ?? '') : r.name,
    email: r.email,
    phone: r.phone,
    language: r.language as AppointmentLanguage,
    needsInterpreter: r.needsInterpreter,
    interpreterMissing: r.needsInterpreter && !r.staffLanguages.includes(r.language),
    urgent: r.urgent,
    rebookedFrom: r.rebookedFrom,
    queueTicket: r.queueTicketId ? { id: r.queueTicketId, number: r.queueTicketNumber ?? '' } : null,
    createdAt: iso(r.createdAt),
  };
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The priority rule: the person's latest residence title, as far as the caller may see it (read through the access
 * function, audited), ends within the configured weeks. Read only when a booking needs the urgent quota.
 */
async function hasPriority(tx: Tx, actor: Actor, personId: string, weeks: number): Promise<boolean> {
  const person = await showPerson(tx, actor, personId, 'read', 'case_work', { appointment: 'priority' });
  // The latest title is the one that ends last (an open end last of all), as on the priority list.
  const ends = person.residence.map((r) => r.validUntil ?? '9999-12-31').sort();
  const latest = ends.at(-1);
  const today = berlinDay(new Date());
  return latest !== undefined && latest >= today && latest <= addDays(today, weeks * 7);
}

/**
 * Books at the desk (staff): optionally for a registered person (shown through the access function), possibly into
 * the urgent quota (asked for, or by the priority rule for a linked person whose residence title ends soon). Booked
 * at once; a confirmation with the calendar file goes to the email address, if given.
 */
export async function bookAtDesk(
  ctx: AppointmentsContext,
  actor: Actor,
  body: DeskBooking,
): Promise<Appointment> {
  requireRole(actor, ...DESK);
  const input = DeskBooking.parse(body);
  const pending: Pending = { mails: [], reminders: [] };
  const result = await ctx.db.tenant(actor.municipalityId, async (tx) => {
    const service = await repo.getService(tx, input.serviceId);
    if (!service || !service.active)
      throw invalid('serviceId', 'is not an active service of this municipality');
    let name = input.name;
    if (input.personId) {
      const [person] = await personSummaries(tx, actor, [input.personId], {
        action: 'read',
        purpose: 'case_work',
        details: { appointment: 'book' },
      });
      if (!person) throw invalid('personId', 'is not a registered person you may see');
      name ||= person.displayName;
    } else if (!name) throw invalid('name', 'is required when no registered person is linked');
    const personId = input.personId;
    const { id, token, byPriority } = await bookInTx(tx, {
      municipalityId: actor.municipalityId,
      service,
      startsAt: new Date(input.startsAt),
      channel: 'desk',
      status: 'booked',
      personId,
      name,
      email: input.email,
      phone: input.phone,
      language: input.language,
      needsInterpreter: input.needsInterpreter,
      urgent: input.urgent,
      ...(personId
        ? { priority: () => hasPriority(tx, actor, personId, ctx.config.appointments.priorityWeeks) }
        : {}),
      preferStaffId: input.staffId,
      rebookedFrom: null,
      createdBy: actor.staffId,
      confirmMinutes: 0,
    });
    await audit(tx, actor.municipalityId, actor, 'appointment.book', id, {
      serviceId: service.id,
      startsAt: input.startsAt,
      channel: 'desk',
      urgent: input.urgent || byPriority,
      ...(byPriority ? { priority: 'residence_title' } : {}),
      personId: input.personId,
    });
    await queueMail(tx, ctx.config, id, 'confirmation', manageLink(ctx.config, token), pending);
    const row = (await repo.getAppointment(tx, id))!;
    pending.reminders.push({ id, startsAt: row.startsAt });
    return (await present(tx, actor, [row]))[0]!;
  });
  await dispatch(ctx, actor.municipalityId, pending);
  return result;
}

// ---- proof of work (public booking) ----

/** A new ALTCHA challenge for the public booking page (valid 10 minutes, usable once). */
export async function newChallenge(config: Config): Promise<PowChallenge> {
  const challenge = await createChallenge({
    algorithm: 'SHA-256',
    cost: 1,
    deriveKey,
    keyPrefix: '0'.repeat(config.appointments.powDifficulty),
    hmacSignatureSecret: config.appointments.powSecret,
    expiresAt: new Date(Date.now() + 10 * 60_000),
  });
  return challenge as unknown as PowChallenge;
}

async function verifyProof(db: Database, config: Config, proof: ProofOfWork): Promise<void> {
  const challenge = proof.challenge as unknown as Challenge;
  let result: Awaited<ReturnType<typeof verifySolution>>;
  try {
    result = await verifySolution({
      challenge,
      solution: proof.solution as unknown as Solution,
      deriveKey,
      hmacSignatureSecret: config.appointments.powSecret,
    });
  } catch {
    throw invalid('proof', 'is not a valid proof of work');
  }
  if (result.expired) throw invalid('proof', 'has expired; solve a new challenge');
  if (!result.verified) throw invalid('proof', 'is not a valid proof of work');
  // The HMAC signature is unique per challenge: a solved challenge counts once.
  const spent = await db.system((tx) =>
    repo.spendProof(tx, sha256(challenge.signature ?? ''), new Date(Date.now() + 11 * 60_000)),
  );
  if (!spent) throw invalid('proof', 'was used before; solve a new challenge');
}

/**
 * Books on the public page (no account): after a proof of work, the slot is held as pending and a mail with the
 * confirmation link goes to the address; the booking counts once the link is opened (confirmByToken).
 */
export async function bookPublic(
  ctx: AppointmentsContext,
  body: PublicBooking,
): Promise<PublicBookingResult> {
  const input = PublicBooking.parse(body);
  await verifyProof(ctx.db, ctx.config, input.proof);
  const municipalityId = await ctx.db.system((tx) => repo.municipalityOfService(tx, input.serviceId));
  if (!municipalityId) throw invalid('serviceId', 'is not a service');
  const pending: Pending = { mails: [], reminders: [] };
  const result = await ctx.db.tenant(municipalityId, async (tx) => {
    const service = await repo.getService(tx, input.serviceId);
    if (!service || !service.active || !service.publicBooking)
      throw invalid('serviceId', 'is not a service bookable online');
    const { id, token } = await bookInTx(tx, {
      municipalityId,
      service,
      startsAt: new Date(input.startsAt),
      channel: 'public',
      status: 'pending',
      personId: null,
      name: input.name,
      email: input.email,
      phone: input.phone,
      language: input.language,
      needsInterpreter: input.needsInterpreter,
      urgent: false,
      preferStaffId: null,
      rebookedFrom: null,
      createdBy: null,
      confirmMinutes: ctx.config.appointments.confirmMinutes,
    });
    await audit(tx, municipalityId, null, 'appointment.book', id, {
      serviceId: service.id,
      startsAt: input.startsAt,
      channel: 'public',
    });
    await queueMail(tx, ctx.config, id, 'confirm_request', confirmLink(ctx.config, token), pending);
    const row = (await repo.getAppointment(tx, id))!;
    return { status: row.status, startsAt: iso(row.startsAt), confirmBy: iso(row.confirmBy!) };
  });
  await dispatch(ctx, municipalityId, pending);
  return result;
}

// ---- through the emailed link ----

async function byToken<T>(
  ctx: AppointmentsContext,
  token: string,
  fn: (tx: Tx, a: repo.AppointmentRow, municipalityId: string) => Promise<T>,
): Promise<T> {
  const found = await ctx.db.system((tx) => repo.findByToken(tx, sha256(token)));
  if (!found) throw notFound();
  return ctx.db.tenant(found.municipalityId, async (tx) => {
    const a = await repo.getAppointment(tx, found.id, true);
    if (!a) throw notFound();
    return fn(tx, a, found.municipalityId);
  });
}

function toPublic(a: repo.AppointmentRow): PublicAppointment {
  return {
    serviceId: a.serviceId,
    serviceName: serviceNameIn(a.serviceNames, a.serviceName, a.language),
    agencyName: a.agencyName,
    address: a.address,
    startsAt: iso(a.startsAt),
    endsAt: iso(a.endsAt),
    // A pending booking whose time to confirm ran out is expired, even before a booking tidies it up.
    status: a.status === 'pending' && a.confirmBy && a.confirmBy < new Date() ? 'expired' : a.status,
    language: a.language as AppointmentLanguage,
  };
}

/** What the link shows: service, time, place and state; never a name or contact. */
export async function showByToken(ctx: AppointmentsContext, token: string): Promise<PublicAppointment> {
  return byToken(ctx, token, async (_tx, a) => toPublic(a));
}

/** Confirms a public booking through the emailed link: booked, with the calendar file and a reminder. Idempotent. */
export async function confirmByToken(ctx: AppointmentsContext, token: string): Promise<PublicAppointment> {
  const pending: Pending = { mails: [], reminders: [] };
  let municipality = '';
  const result = await byToken(ctx, token, async (tx, a, municipalityId) => {
    municipality = municipalityId;
    const shown = toPublic(a);
    if (a.status === 'booked') return shown;
    if (shown.status !== 'pending')
      throw conflict('token', `belongs to an appointment that is ${shown.status}; book a new one`);
    await repo.setStatus(tx, a.id, 'booked');
    await audit(tx, municipalityId, null, 'appointment.confirm', a.id);
    await queueMail(tx, ctx.config, a.id, 'confirmation', manageLink(ctx.config, token), pending);
    pending.reminders.push({ id: a.id, startsAt: a.startsAt });
    return { ...shown, status: 'booked' as const };
  });
  await dispatch(ctx, municipality, pending);
  return result;
}

async function cancelInTx(
  tx: Tx,
  ctx: AppointmentsContext,
  a: repo.AppointmentRow,
  municipalityId: string,
  actor: Actor | null,
  reason: string,
  pending: Pending,
) {
  if (!LIVE.has(a.status))
    throw conflict('status', `is ${a.status}; only a pending or booked appointment can be cancelled`);
  await repo.setStatus(tx, a.id, 'cancelled');
  await audit(tx, municipalityId, actor, 'appointment.cancel', a.id, {
    reason,
    by: actor ? 'staff' : 'person',
  });
  if (a.status === 'booked')
    await queueMail(tx, ctx.config, a.id, 'cancellation', bookingPage(ctx.config), pending);
}

const bookingPage = (config: Config) => `${config.publicUrl}/book`;

/** Cancels through the emailed link. */
export async function cancelByToken(ctx: AppointmentsContext, token: string): Promise<PublicAppointment> {
  const pending: Pending = { mails: [], reminders: [] };
  let municipality = '';
  const result = await byToken(ctx, token, async (tx, a, municipalityId) => {
    municipality = municipalityId;
    await cancelInTx(tx, ctx, a, municipalityId, null, '', pending);
    return { ...toPublic(a), status: 'cancelled' as const };
  });
  await dispatch(ctx, municipality, pending);
  return result;
}

async function rebookInTx(
  tx: Tx,
  ctx: AppointmentsContext,
  a: repo.AppointmentRow,
  municipalityId: string,
  actor: Actor | null,
  startsAt: string,
  pending: Pending,
): Promise<string> {
  if (a.status !== 'booked')
    throw conflict('status', `is ${a.status}; only a booked appointment can be rebooked`);
  const service = (await repo.getService(tx, a.serviceId))!;
  if (!service.active) throw conflict('serviceId', 'is no longer offered');
  // The old one stops holding its slot first, so that a move within the same staff member's day is possible.
  await repo.setStatus(tx, a.id, 'rebooked');
  const { id, token } = await bookInTx(tx, {
    municipalityId,
    service,
    startsAt: new Date(startsAt),
    channel: a.channel,
    status: 'booked',
    personId: a.personId,
    name: a.name,
    email: a.email,
    phone: a.phone,
    language: a.language as AppointmentLanguage,
    needsInterpreter: a.needsInterpreter,
    urgent: a.urgent && actor !== null,
    preferStaffId: a.staffId,
    rebookedFrom: a.id,
    createdBy: actor?.staffId ?? null,
    confirmMinutes: 0,
  });
  await audit(tx, municipalityId, actor, 'appointment.rebook', id, {
    from: a.id,
    startsAt,
    by: actor ? 'staff' : 'person',
  });
  await queueMail(tx, ctx.config, id, 'confirmation', manageLink(ctx.config, token), pending);
  pending.reminders.push({ id, startsAt: new Date(startsAt) });
  return id;
}

/** Rebooks through the emailed link: a new appointment (same staff member where free), the old one ends. */
export async function rebookByToken(
  ctx: AppointmentsContext,
  token: string,
  startsAt: string,
): Promise<PublicAppointment> {
  const pending: Pending = { mails: [], reminders: [] };
  let municipality = '';
  const result = await byToken(ctx, token, async (tx, a, municipalityId) => {
    municipality = municipalityId;
    const id = await rebookInTx(tx, ctx, a, municipalityId, null, startsAt, pending);
    return toPublic((await repo.getAppointment(tx, id))!);
  });
  await dispatch(ctx, municipality, pending);
  return result;
}

// ---- staff: the day, cancel, rebook, check-in ----

/** The appointments of a day (Europe/Berlin), optionally of one staff member or service; names through access. */
export async function listDay(
  db: Database,
  actor: Actor,
  q: { date: string; staffId?: string | undefined; serviceId?: string | undefined },
): Promise<Appointment[]> {
  requireRole(actor, ...DESK);
  const { start, end } = span(q.date, q.date);
  return db.tenant(actor.municipalityId, async (tx) =>
    present(
      tx,
      actor,
      await repo.listDay(tx, {
        from: start,
        to: end,
        staffId: q.staffId ?? null,
        serviceId: q.serviceId ?? null,
      }),
    ),
  );
}

async function staffAppointment<T>(
  ctx: AppointmentsContext,
  actor: Actor,
  id: string,
  fn: (tx: Tx, a: repo.AppointmentRow, pending: Pending) => Promise<T>,
): Promise<T> {
  requireRole(actor, ...DESK);
  const pending: Pending = { mails: [], reminders: [] };
  const result = await ctx.db.tenant(actor.municipalityId, async (tx) => {
    const a = await repo.getAppointment(tx, id, true);
    if (!a) throw notFound();
    return fn(tx, a, pending);
  });
  await dispatch(ctx, actor.municipalityId, pending);
  return result;
}

export async function getAppointment(db: Database, actor: Actor, id: string): Promise<Appointment> {
  requireRole(actor, ...DESK);
  return db.tenant(actor.municipalityId, async (tx) => {
    const a = await repo.getAppointment(tx, id);
    if (!a) throw notFound();
    return (await present(tx, actor, [a]))[0]!;
  });
}

/** Cancels at the desk; a booked person with an email address is told (with a cancelling calendar entry). */
export async function cancelAppointment(
  ctx: AppointmentsContext,
  actor: Actor,
  id: string,
  body: Cancellation,
): Promise<Appointment> {
  return staffAppointment(ctx, actor, id, async (tx, a, pending) => {
    await cancelInTx(tx, ctx, a, actor.municipalityId, actor, body.reason ?? '', pending);
    return (await present(tx, actor, [(await repo.getAppointment(tx, id))!]))[0]!;
  });
}

/** Rebooks at the desk: the same staff member where free, else assigned again; answers the new appointment. */
export async function rebookAppointment(
  ctx: AppointmentsContext,
  actor: Actor,
  id: string,
  startsAt: string,
): Promise<Appointment> {
  return staffAppointment(ctx, actor, id, async (tx, a, pending) => {
    const newId = await rebookInTx(tx, ctx, a, actor.municipalityId, actor, startsAt, pending);
    return (await present(tx, actor, [(await repo.getAppointment(tx, newId))!]))[0]!;
  });
}

/**
 * Check-in on arrival, on the appointment's day: the appointment joins the walk-in queue of its service as a
 * ticket (the queue calls appointments before walk-ins) and is checked in. Once only.
 */
export async function checkIn(ctx: AppointmentsContext, actor: Actor, id: string): Promise<CheckInResult> {
  return staffAppointment(ctx, actor, id, async (tx, a) => {
    if (a.status !== 'booked')
      throw conflict('status', `is ${a.status}; only a booked appointment can check in`);
    if (berlinDay(a.startsAt) !== berlinDay(new Date()))
      throw conflict('startsAt', 'is not today; check in on the day of the appointment');
    const service = (await repo.getService(tx, a.serviceId))!;
    if (!service.checkInQueueServiceId)
      throw conflict('serviceId', 'has no queue service to check in to; set one in the service');
    const ticket = await issueCheckInTicket(tx, {
      municipalityId: actor.municipalityId,
      queueServiceId: service.checkInQueueServiceId,
      personId: a.personId,
      appointmentId: a.id,
      staffId: actor.staffId,
    });
    await repo.setStatus(tx, a.id, 'checked_in');
    await repo.setQueueTicket(tx, a.id, ticket.id);
    await audit(tx, actor.municipalityId, actor, 'appointment.check_in', a.id, { ticketId: ticket.id });
    const [appointment] = await present(tx, actor, [(await repo.getAppointment(tx, a.id))!]);
    return { appointment: appointment!, ticket: { id: ticket.id, number: ticket.number } };
  });
}

/**
 * Priority by residence title: registered persons whose title ends within N weeks, soonest first, with their next
 * appointment (none: book one first). The persons service decides who the caller may see.
 */
export async function priorityList(
  db: Database,
  actor: Actor,
  weeks: number,
): Promise<ExpiringWithoutAppointment> {
  requireRole(actor, ...DESK);
  const expiring = await listExpiringResidence(db, actor, weeks);
  const next = await db.tenant(actor.municipalityId, (tx) =>
    repo.nextOfPersons(
      tx,
      expiring.items.map((i) => i.person.id),
    ),
  );
  return {
    weeks,
    items: expiring.items
      .filter((i) => i.residence.validUntil)
      .map((i) => {
        const n = next.get(i.person.id);
        return {
          person: i.person,
          validUntil: i.residence.validUntil!,
          daysLeft: i.daysLeft,
          nextAppointment: n ? { id: n.id, startsAt: iso(n.startsAt), serviceName: n.serviceName } : null,
        };
      }),
  };
}

/** Mails written for appointments, newest first (staff; in demo mode the way to read what was sent). */
export async function listOutbox(
  db: Database,
  actor: Actor,
  appointmentId: string | null,
  limit: number,
): Promise<OutboxMail[]> {
  requireRole(actor, 'front_desk', 'agency_lead', 'municipal_admin');
  return db.tenant(actor.municipalityId, async (tx) =>
    (await repo.listMails(tx, appointmentId, limit)).map((m) => ({
      id: m.id,
      appointmentId: m.appointmentId,
      kind: m.kind,
      to: m.to,
      subject: m.subject,
      text: m.body,
      status: m.status,
      createdAt: iso(m.createdAt),
      sentAt: m.sentAt ? iso(m.sentAt) : null,
    })),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Jobs

/** Sends one mail of the outbox; a failure is recorded and thrown, so that pg-boss retries the job. */
export async function sendOutboxMail(db: Database, mailer: Mailer, municipalityId: string, mailId: string) {
  const mail = await db.tenant(municipalityId, (tx) => repo.getMail(tx, mailId));
  if (!mail || mail.status === 'sent') return;
  try {
    await mailer.send({
      to: mail.to,
      subject: mail.subject,
      text: mail.body,
      ...(mail.language ? { language: mail.language } : {}),
      attachments: mail.ics
        ? [
            {
              filename: mail.kind === 'cancellation' ? 'absage.ics' : 'termin.ics',
              content: mail.ics,
              contentType: `text/calendar; charset=utf-8; method=${mail.kind === 'cancellation' ? 'CANCEL' : 'PUBLISH'}`,
            },
          ]
        : [],
    });
  } catch (err) {
    await db.tenant(municipalityId, (tx) => repo.markMail(tx, mailId, false, (err as Error).message));
    throw err;
  }
  await db.tenant(municipalityId, (tx) => repo.markMail(tx, mailId, true, null));
}

/** The reminder before an appointment still booked at that time: a mail with the calendar file, and an SMS. */
export async function remind(
  ctx: AppointmentsContext,
  sms: SmsProvider,
  data: { municipalityId: string; appointmentId: string; startsAt: string },
): Promise<void> {
  const pending: Pending = { mails: [], reminders: [] };
  await ctx.db.tenant(data.municipalityId, async (tx) => {
    const a = await repo.getAppointment(tx, data.appointmentId);
    if (!a || a.status !== 'booked' || iso(a.startsAt) !== data.startsAt) return;
    // The manage link needs the token, which is not stored: the reminder carries a fresh one.
    const { token, hash } = newToken();
    await repo.setReminderToken(tx, a.id, hash);
    if (a.phone)
      await sms.send(
        a.phone,
        composeSms({
          language: a.language as AppointmentLanguage,
          serviceName: serviceNameIn(a.serviceNames, a.serviceName, a.language),
          startsAt: a.startsAt,
          link: manageLink(ctx.config, token),
        }),
      );
    await queueMail(tx, ctx.config, a.id, 'reminder', manageLink(ctx.config, token), pending);
  });
  await dispatch(ctx, data.municipalityId, pending);
}

/** Registers the mail and reminder jobs (retried with backoff) and the sweep for mails whose job was lost. */
export async function registerAppointmentJobs(
  jobs: Jobs,
  ctx: Omit<AppointmentsContext, 'jobs'>,
  mailer: Mailer,
  sms: SmsProvider,
  log: (msg: string) => void,
): Promise<void> {
  const full: AppointmentsContext = { ...ctx, jobs };
  const retry = { retryLimit: 8, retryDelay: 30, retryBackoff: true };
  await jobs.boss.createQueue(APPOINTMENT_MAIL, retry);
  await jobs.boss.createQueue(APPOINTMENT_REMINDER, retry);
  await jobs.work(APPOINTMENT_MAIL, async (data) => {
    await sendOutboxMail(ctx.db, mailer, String(data.municipalityId), String(data.mailId));
  });
  await jobs.work(APPOINTMENT_REMINDER, async (data) => {
    await remind(full, sms, {
      municipalityId: String(data.municipalityId),
      appointmentId: String(data.appointmentId),
      startsAt: String(data.startsAt),
    });
  });
  await jobs.work(APPOINTMENT_MAIL_SWEEP, async () => {
    const stale = await ctx.db.system((tx) => repo.staleQueuedMails(tx));
    for (const m of stale)
      await jobs.send(APPOINTMENT_MAIL, { municipalityId: m.municipalityId, mailId: m.id });
    if (stale.length > 0) log(`re-queued ${stale.length} appointment mails`);
  });
  await jobs.boss.schedule(APPOINTMENT_MAIL_SWEEP, '*/10 * * * *');
}

// ---------------------------------------------------------------------------------------------------------------
// Seeding (demo data), in a transaction the caller holds, without a signed-in actor.

export type SeedAppointments = {
  staff: {
    staffId: string;
    languages: string[];
    hours: { weekday: number; starts: string; ends: string }[];
  }[];
  services: (repo.ServiceWrite & { key: string; staffIds: string[]; checkInAgencyId: string | null })[];
  /** Bookings at a time of today (Europe/Berlin), whatever the hours say. */
  bookings: { service: string; staffId: string; time: string; name: string; language: AppointmentLanguage }[];
};

/** Seeds staff hours, services (joining a queue service of the agency named, if the queue has one) and bookings. */
export async function seedAppointments(
  tx: Tx,
  municipalityId: string,
  seed: SeedAppointments,
): Promise<void> {
  for (const s of seed.staff) {
    await repo.ensureStaff(tx, municipalityId, s.staffId);
    await repo.setLanguages(tx, s.staffId, s.languages);
    await repo.replaceHours(tx, municipalityId, s.staffId, s.hours);
  }
  const ids = new Map<string, repo.ServiceRow>();
  for (const s of seed.services) {
    const queueServiceId = s.checkInAgencyId ? await repo.queueServiceOf(tx, s.checkInAgencyId) : null;
    const id = await repo.insertService(tx, municipalityId, { ...s, checkInQueueServiceId: queueServiceId });
    await repo.setServiceStaff(tx, municipalityId, id, s.staffIds);
    ids.set(s.key, (await repo.getService(tx, id))!);
  }
  const today = berlinDay(new Date());
  for (const b of seed.bookings) {
    const service = ids.get(b.service)!;
    const startsAt = berlinInstant(today, Number(b.time.slice(0, 2)) * 60 + Number(b.time.slice(3)));
    const endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);
    await repo.insertAppointment(tx, {
      municipalityId,
      serviceId: service.id,
      staffId: b.staffId,
      startsAt,
      endsAt,
      blockedUntil: new Date(endsAt.getTime() + service.bufferMinutes * 60_000),
      status: 'booked',
      channel: 'desk',
      personId: null,
      name: b.name,
      email: null,
      emailKey: null,
      phone: null,
      phoneKey: null,
      language: b.language,
      needsInterpreter: false,
      urgent: false,
      tokenHash: newToken().hash,
      confirmBy: null,
      rebookedFrom: null,
      createdBy: null,
    });
  }
}
