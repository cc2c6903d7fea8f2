import type { Tx } from '../../db/database';

/** SQL of the appointments feature; snake_case here, camelCase out. */

// ---- services ----

export type ServiceRow = {
  id: string;
  municipalityId: string;
  agencyId: string;
  agencyName: string;
  address: string;
  name: string;
  names: Record<string, string>;
  durationMinutes: number;
  bufferMinutes: number;
  urgentQuotaPercent: number;
  publicBooking: boolean;
  checkInQueueServiceId: string | null;
  active: boolean;
};

const SERVICE = `s.id, s.municipality_id AS "municipalityId", s.agency_id AS "agencyId", a.name AS "agencyName",
  coalesce(si.address, '') AS address, s.name, s.names, s.duration_minutes AS "durationMinutes",
  s.buffer_minutes AS "bufferMinutes", s.urgent_quota_percent AS "urgentQuotaPercent",
  s.public_booking AS "publicBooking", s.check_in_queue_service_id AS "checkInQueueServiceId", s.active`;
const SERVICE_FROM = `appointment_service s JOIN agency a ON a.id = s.agency_id LEFT JOIN site si ON si.id = a.site_id`;

export async function listServices(tx: Tx, onlyActive = false): Promise<ServiceRow[]> {
  const { rows } = await tx.query<ServiceRow>(
    `SELECT ${SERVICE} FROM ${SERVICE_FROM} WHERE ($1::boolean = false OR s.active) ORDER BY a.name, s.name`,
    [onlyActive],
  );
  return rows;
}

export async function getService(tx: Tx, id: string): Promise<ServiceRow | null> {
  const { rows } = await tx.query<ServiceRow>(`SELECT ${SERVICE} FROM ${SERVICE_FROM} WHERE s.id = $1`, [id]);
  return rows[0] ?? null;
}

export type ServiceWrite = {
  agencyId: string;
  name: string;
  names: Record<string, string>;
  durationMinutes: number;
  bufferMinutes: number;
  urgentQuotaPercent: number;
  publicBooking: boolean;
  checkInQueueServiceId: string | null;
  active: boolean;
};

// The columns agency_id … active in the order insertService and updateService name them.
const serviceValues = (s: ServiceWrite) => [
  s.agencyId,
  s.name,
  JSON.stringify(s.names),
  s.durationMinutes,
  s.bufferMinutes,
  s.urgentQuotaPercent,
  s.publicBooking,
  s.checkInQueueServiceId,
  s.active,
];

export async function insertService(tx: Tx, municipalityId: string, s: ServiceWrite): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO appointment_service (municipality_id, agency_id, name, names, duration_minutes, buffer_minutes,
       urgent_quota_percent, public_booking, check_in_queue_service_id, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [municipalityId, ...serviceValues(s)],
  );
  return rows[0]!.id;
}

export async function updateService(tx: Tx, id: string, s: ServiceWrite): Promise<void> {
  await tx.query(
    `UPDATE appointment_service SET agency_id = $2, name = $3, names = $4, duration_minutes = $5,
       buffer_minutes = $6, urgent_quota_percent = $7, public_booking = $8, check_in_queue_service_id = $9,
       active = $10, updated_at = now()
     WHERE id = $1`,
    [id, ...serviceValues(s)],
  );
}

export async function setServiceStaff(
  tx: Tx,
  municipalityId: string,
  serviceId: string,
  staffIds: string[],
): Promise<void> {
  await tx.query(`DELETE FROM appointment_service_staff WHERE service_id = $1`, [serviceId]);
  for (const staffId of staffIds) {
    await ensureStaff(tx, municipalityId, staffId);
    await tx.query(
      `INSERT INTO appointment_service_staff (service_id, staff_id, municipality_id) VALUES ($1, $2, $3)`,
      [serviceId, staffId, municipalityId],
    );
  }
}

export type ServiceStaffRow = { serviceId: string; staffId: string; displayName: string };

export async function listServiceStaff(tx: Tx, serviceIds: string[]): Promise<ServiceStaffRow[]> {
  const { rows } = await tx.query<ServiceStaffRow>(
    `SELECT x.service_id AS "serviceId", x.staff_id AS "staffId", st.display_name AS "displayName"
       FROM appointment_service_staff x JOIN staff st ON st.id = x.staff_id
      WHERE x.service_id = ANY($1::uuid[]) ORDER BY st.display_name`,
    [serviceIds],
  );
  return rows;
}

/** Whether a queue service of this municipality exists (foreign keys ignore row-level security). */
export async function queueServiceExists(tx: Tx, id: string): Promise<boolean> {
  const { rows } = await tx.query(`SELECT 1 FROM queue_service WHERE id = $1`, [id]);
  return rows.length > 0;
}

/** The first queue service of an agency (where its appointments check in), if the queue has one. */
export async function queueServiceOf(tx: Tx, agencyId: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM queue_service WHERE agency_id = $1 AND active ORDER BY position, name LIMIT 1`,
    [agencyId],
  );
  return rows[0]?.id ?? null;
}

export type StaffRow = { id: string; agencyId: string; displayName: string; active: boolean };

export async function getStaff(tx: Tx, ids: string[]): Promise<StaffRow[]> {
  const { rows } = await tx.query<StaffRow>(
    `SELECT id, agency_id AS "agencyId", display_name AS "displayName", active FROM staff WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows;
}

export async function agencyExists(tx: Tx, id: string): Promise<boolean> {
  const { rows } = await tx.query(`SELECT 1 FROM agency WHERE id = $1 AND kind = 'agency'`, [id]);
  return rows.length > 0;
}

// ---- staff schedules ----

export async function ensureStaff(tx: Tx, municipalityId: string, staffId: string): Promise<void> {
  await tx.query(
    `INSERT INTO appointment_staff (staff_id, municipality_id) VALUES ($1, $2) ON CONFLICT (staff_id) DO NOTHING`,
    [staffId, municipalityId],
  );
}

export async function setLanguages(tx: Tx, staffId: string, languages: string[]): Promise<void> {
  await tx.query(`UPDATE appointment_staff SET languages = $2, updated_at = now() WHERE staff_id = $1`, [
    staffId,
    languages,
  ]);
}

export async function replaceHours(
  tx: Tx,
  municipalityId: string,
  staffId: string,
  hours: { weekday: number; starts: string; ends: string }[],
): Promise<void> {
  await tx.query(`DELETE FROM appointment_hours WHERE staff_id = $1`, [staffId]);
  for (const h of hours)
    await tx.query(
      `INSERT INTO appointment_hours (municipality_id, staff_id, weekday, starts, ends) VALUES ($1, $2, $3, $4, $5)`,
      [municipalityId, staffId, h.weekday, h.starts, h.ends],
    );
}

export type ScheduleRow = { staffId: string; displayName: string; agencyId: string; languages: string[] };

/** Staff who take appointments (a schedule row), optionally of one agency. */
export async function listSchedules(tx: Tx, agencyId: string | null): Promise<ScheduleRow[]> {
  const { rows } = await tx.query<ScheduleRow>(
    `SELECT x.staff_id AS "staffId", st.display_name AS "displayName", st.agency_id AS "agencyId", x.languages
       FROM appointment_staff x JOIN staff st ON st.id = x.staff_id
      WHERE ($1::uuid IS NULL OR st.agency_id = $1) AND st.active
      ORDER BY st.display_name`,
    [agencyId],
  );
  return rows;
}

export type HoursRow = { staffId: string; weekday: number; starts: string; ends: string };

export async function listHours(tx: Tx, staffIds: string[]): Promise<HoursRow[]> {
  const { rows } = await tx.query<HoursRow>(
    `SELECT staff_id AS "staffId", weekday, starts, ends FROM appointment_hours
      WHERE staff_id = ANY($1::uuid[]) ORDER BY weekday, starts`,
    [staffIds],
  );
  return rows;
}

export type AbsenceRow = { id: string; staffId: string; startsAt: Date; endsAt: Date; reason: string };

export async function listAbsences(tx: Tx, staffIds: string[], from: Date, to: Date): Promise<AbsenceRow[]> {
  const { rows } = await tx.query<AbsenceRow>(
    `SELECT id, staff_id AS "staffId", starts_at AS "startsAt", ends_at AS "endsAt", reason FROM appointment_absence
      WHERE staff_id = ANY($1::uuid[]) AND ends_at > $2 AND starts_at < $3 ORDER BY starts_at`,
    [staffIds, from, to],
  );
  return rows;
}

export async function insertAbsence(
  tx: Tx,
  a: {
    municipalityId: string;
    staffId: string;
    startsAt: string;
    endsAt: string;
    reason: string;
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO appointment_absence (municipality_id, staff_id, starts_at, ends_at, reason, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [a.municipalityId, a.staffId, a.startsAt, a.endsAt, a.reason, a.createdBy],
  );
  return rows[0]!.id;
}

export async function deleteAbsence(tx: Tx, id: string): Promise<{ staffId: string } | null> {
  const { rows } = await tx.query<{ staffId: string }>(
    `DELETE FROM appointment_absence WHERE id = $1 RETURNING staff_id AS "staffId"`,
    [id],
  );
  return rows[0] ?? null;
}

// ---- booking ----

export type EligibleRow = { staffId: string; languages: string[]; lastAssignedAt: Date | null };

/** The active staff who offer a service; `lock` holds their rows until the transaction ends (one booking at a time). */
export async function eligibleStaff(tx: Tx, serviceId: string, lock = false): Promise<EligibleRow[]> {
  const { rows } = await tx.query<EligibleRow>(
    `SELECT x.staff_id AS "staffId", x.languages, x.last_assigned_at AS "lastAssignedAt"
       FROM appointment_staff x
       JOIN appointment_service_staff ss ON ss.staff_id = x.staff_id AND ss.service_id = $1
       JOIN staff st ON st.id = x.staff_id AND st.active
      ORDER BY x.staff_id
      ${lock ? 'FOR UPDATE OF x' : ''}`,
    [serviceId],
  );
  return rows;
}

/** Pending public bookings whose link was not opened in time free their slot. */
export async function expireUnconfirmed(tx: Tx, staffIds: string[]): Promise<void> {
  await tx.query(
    `UPDATE appointment SET status = 'expired'
      WHERE status = 'pending' AND confirm_by < now() AND staff_id = ANY($1::uuid[])`,
    [staffIds],
  );
}

export type BusyRow = {
  id: string;
  staffId: string;
  serviceId: string;
  startsAt: Date;
  blockedUntil: Date;
  urgent: boolean;
};

/** Live appointments of the staff that touch the period (pending ones only while they hold their slot). */
export async function listBusy(tx: Tx, staffIds: string[], from: Date, to: Date): Promise<BusyRow[]> {
  const { rows } = await tx.query<BusyRow>(
    `SELECT id, staff_id AS "staffId", service_id AS "serviceId", starts_at AS "startsAt",
            blocked_until AS "blockedUntil", urgent
       FROM appointment
      WHERE staff_id = ANY($1::uuid[]) AND blocked_until > $2 AND starts_at < $3
        AND (status IN ('booked', 'checked_in') OR (status = 'pending' AND confirm_by >= now()))`,
    [staffIds, from, to],
  );
  return rows;
}

export type DuplicateRow = { id: string; by: 'personId' | 'email' | 'phone' };

/** A live future appointment for the same service of the same person, email address or phone number. */
export async function findDuplicate(
  tx: Tx,
  q: {
    serviceId: string;
    personId: string | null;
    emailKey: string | null;
    phoneKey: string | null;
    except: string | null;
  },
): Promise<DuplicateRow | null> {
  const { rows } = await tx.query<DuplicateRow>(
    `SELECT id, CASE WHEN person_id = $2 THEN 'personId' WHEN email_key = $3 THEN 'email' ELSE 'phone' END AS by
       FROM appointment
      WHERE service_id = $1 AND starts_at > now()
        AND (status IN ('booked', 'checked_in') OR (status = 'pending' AND confirm_by >= now()))
        AND (person_id = $2 OR email_key = $3 OR phone_key = $4)
        AND ($5::uuid IS NULL OR id <> $5)
      LIMIT 1`,
    [q.serviceId, q.personId, q.emailKey, q.phoneKey, q.except],
  );
  return rows[0] ?? null;
}

/** Appointments per staff member on a day (the load the round-robin weighs). */
export async function loadOn(tx: Tx, staffIds: string[], from: Date, to: Date): Promise<Map<string, number>> {
  const { rows } = await tx.query<{ staffId: string; n: number }>(
    `SELECT staff_id AS "staffId", count(*)::int AS n FROM appointment
      WHERE staff_id = ANY($1::uuid[]) AND starts_at >= $2 AND starts_at < $3
        AND status IN ('pending', 'booked', 'checked_in')
      GROUP BY staff_id`,
    [staffIds, from, to],
  );
  return new Map(rows.map((r) => [r.staffId, r.n]));
}

export async function markAssigned(tx: Tx, staffId: string): Promise<void> {
  await tx.query(`UPDATE appointment_staff SET last_assigned_at = clock_timestamp() WHERE staff_id = $1`, [
    staffId,
  ]);
}

export type AppointmentInsert = {
  municipalityId: string;
  serviceId: string;
  staffId: string;
  startsAt: Date;
  endsAt: Date;
  blockedUntil: Date;
  status: 'pending' | 'booked';
  channel: 'desk' | 'public';
  personId: string | null;
  name: string;
  email: string | null;
  emailKey: string | null;
  phone: string | null;
  phoneKey: string | null;
  language: string;
  needsInterpreter: boolean;
  urgent: boolean;
  tokenHash: string;
  confirmBy: Date | null;
  rebookedFrom: string | null;
  createdBy: string | null;
};

export async function insertAppointment(tx: Tx, a: AppointmentInsert): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO appointment (municipality_id, service_id, staff_id, starts_at, ends_at, blocked_until, status, channel,
       person_id, name, email, email_key, phone, phone_key, language, needs_interpreter, urgent, token_hash,
       confirm_by, rebooked_from, created_by, confirmed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
             CASE WHEN $7 = 'booked' THEN now() END)
     RETURNING id`,
    [
      a.municipalityId,
      a.serviceId,
      a.staffId,
      a.startsAt,
      a.endsAt,
      a.blockedUntil,
      a.status,
      a.channel,
      a.personId,
      a.name,
      a.email,
      a.emailKey,
      a.phone,
      a.phoneKey,
      a.language,
      a.needsInterpreter,
      a.urgent,
      a.tokenHash,
      a.confirmBy,
      a.rebookedFrom,
      a.createdBy,
    ],
  );
  return rows[0]!.id;
}

export type AppointmentRow = {
  id: string;
  municipalityId: string;
  serviceId: string;
  serviceName: string;
  serviceNames: Record<string, string>;
  agencyName: string;
  address: string;
  staffId: string;
  staffName: string;
  staffLanguages: string[];
  startsAt: Date;
  endsAt: Date;
  status: 'pending' | 'booked' | 'checked_in' | 'cancelled' | 'rebooked' | 'expired';
  channel: 'desk' | 'public';
  personId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  language: string;
  needsInterpreter: boolean;
  urgent: boolean;
  confirmBy: Date | null;
  rebookedFrom: string | null;
  queueTicketId: string | null;
  queueTicketNumber: string | null;
  createdAt: Date;
};

const APPOINTMENT = `x.id, x.municipality_id AS "municipalityId", x.service_id AS "serviceId", s.name AS "serviceName",
  s.names AS "serviceNames", a.name AS "agencyName", coalesce(si.address, '') AS address, x.staff_id AS "staffId",
  st.display_name AS "staffName", ast.languages AS "staffLanguages", x.starts_at AS "startsAt", x.ends_at AS "endsAt",
  x.status, x.channel, x.person_id AS "personId", x.name, x.email, x.phone, x.language,
  x.needs_interpreter AS "needsInterpreter", x.urgent, x.confirm_by AS "confirmBy", x.rebooked_from AS "rebookedFrom",
  x.queue_ticket_id AS "queueTicketId", t.number AS "queueTicketNumber", x.created_at AS "createdAt"`;
const APPOINTMENT_FROM = `appointment x
  JOIN appointment_service s ON s.id = x.service_id
  JOIN agency a ON a.id = s.agency_id
  LEFT JOIN site si ON si.id = a.site_id
  JOIN staff st ON st.id = x.staff_id
  JOIN appointment_staff ast ON ast.staff_id = x.staff_id
  LEFT JOIN queue_ticket t ON t.id = x.queue_ticket_id`;

export async function getAppointment(tx: Tx, id: string, lock = false): Promise<AppointmentRow | null> {
  const { rows } = await tx.query<AppointmentRow>(
    `SELECT ${APPOINTMENT} FROM ${APPOINTMENT_FROM} WHERE x.id = $1 ${lock ? 'FOR UPDATE OF x' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listDay(
  tx: Tx,
  q: { from: Date; to: Date; staffId: string | null; serviceId: string | null },
): Promise<AppointmentRow[]> {
  const { rows } = await tx.query<AppointmentRow>(
    `SELECT ${APPOINTMENT} FROM ${APPOINTMENT_FROM}
      WHERE x.starts_at >= $1 AND x.starts_at < $2 AND x.status <> 'expired'
        AND ($3::uuid IS NULL OR x.staff_id = $3) AND ($4::uuid IS NULL OR x.service_id = $4)
      ORDER BY x.starts_at, st.display_name`,
    [q.from, q.to, q.staffId, q.serviceId],
  );
  return rows;
}

/** The next live appointment of each person (priority list). */
export async function nextOfPersons(
  tx: Tx,
  personIds: string[],
): Promise<Map<string, { id: string; startsAt: Date; serviceName: string }>> {
  const { rows } = await tx.query<{ personId: string; id: string; startsAt: Date; serviceName: string }>(
    `SELECT DISTINCT ON (x.person_id) x.person_id AS "personId", x.id, x.starts_at AS "startsAt", s.name AS "serviceName"
       FROM appointment x JOIN appointment_service s ON s.id = x.service_id
      WHERE x.person_id = ANY($1::uuid[]) AND x.starts_at > now() AND x.status IN ('pending', 'booked')
      ORDER BY x.person_id, x.starts_at`,
    [personIds],
  );
  return new Map(rows.map((r) => [r.personId, r]));
}

export async function setStatus(
  tx: Tx,
  id: string,
  status: 'booked' | 'cancelled' | 'rebooked' | 'checked_in',
): Promise<void> {
  await tx.query(
    `UPDATE appointment SET status = $2,
       confirmed_at = CASE WHEN $2 = 'booked' THEN now() ELSE confirmed_at END,
       cancelled_at = CASE WHEN $2 IN ('cancelled', 'rebooked') THEN now() ELSE cancelled_at END,
       checked_in_at = CASE WHEN $2 = 'checked_in' THEN now() ELSE checked_in_at END
     WHERE id = $1`,
    [id, status],
  );
}

/** The reminder carries its own link (the token of the first mail is not stored, only its hash). */
export async function setReminderToken(tx: Tx, id: string, tokenHash: string): Promise<void> {
  await tx.query(`UPDATE appointment SET reminder_token_hash = $2 WHERE id = $1`, [id, tokenHash]);
}

export async function setQueueTicket(tx: Tx, id: string, ticketId: string): Promise<void> {
  await tx.query(`UPDATE appointment SET queue_ticket_id = $2 WHERE id = $1`, [id, ticketId]);
}

// ---- public access (owner, before the municipality is known) ----

export async function municipalityOfService(tx: Tx, serviceId: string): Promise<string | null> {
  const { rows } = await tx.query<{ municipalityId: string }>(
    `SELECT municipality_id AS "municipalityId" FROM appointment_service WHERE id = $1`,
    [serviceId],
  );
  return rows[0]?.municipalityId ?? null;
}

export async function municipalityBySlug(tx: Tx, slug: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(`SELECT id FROM municipality WHERE slug = $1`, [slug]);
  return rows[0]?.id ?? null;
}

export async function findByToken(
  tx: Tx,
  tokenHash: string,
): Promise<{ id: string; municipalityId: string } | null> {
  const { rows } = await tx.query<{ id: string; municipalityId: string }>(
    `SELECT id, municipality_id AS "municipalityId" FROM appointment WHERE token_hash = $1 OR reminder_token_hash = $1`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

/** Records a solved proof of work; false when it was used before. */
export async function spendProof(tx: Tx, challengeHash: string, expiresAt: Date): Promise<boolean> {
  await tx.query(`DELETE FROM appointment_pow_spent WHERE expires_at < now()`);
  const { rowCount } = await tx.query(
    `INSERT INTO appointment_pow_spent (challenge_hash, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [challengeHash, expiresAt],
  );
  return rowCount === 1;
}

// ---- mail outbox ----

export type MailKind = 'confirm_request' | 'confirmation' | 'reminder' | 'cancellation';

export async function insertMail(
  tx: Tx,
  m: {
    municipalityId: string;
    appointmentId: string;
    kind: MailKind;
    to: string;
    subject: string;
    body: string;
    ics: string | null;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO mail_outbox (municipality_id, appointment_id, kind, to_address, subject, body, ics)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [m.municipalityId, m.appointmentId, m.kind, m.to, m.subject, m.body, m.ics],
  );
  return rows[0]!.id;
}

export type MailRow = {
  id: string;
  appointmentId: string | null;
  kind: MailKind;
  to: string;
  subject: string;
  body: string;
  ics: string | null;
  language: string | null;
  status: 'queued' | 'sent' | 'failed';
  createdAt: Date;
  sentAt: Date | null;
};

const MAIL = `m.id, m.appointment_id AS "appointmentId", m.kind, m.to_address AS "to", m.subject, m.body, m.ics,
  x.language, m.status, m.created_at AS "createdAt", m.sent_at AS "sentAt"`;

export async function getMail(tx: Tx, id: string): Promise<MailRow | null> {
  const { rows } = await tx.query<MailRow>(
    `SELECT ${MAIL} FROM mail_outbox m LEFT JOIN appointment x ON x.id = m.appointment_id WHERE m.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listMails(tx: Tx, appointmentId: string | null, limit: number): Promise<MailRow[]> {
  const { rows } = await tx.query<MailRow>(
    `SELECT ${MAIL} FROM mail_outbox m LEFT JOIN appointment x ON x.id = m.appointment_id
      WHERE $1::uuid IS NULL OR m.appointment_id = $1 ORDER BY m.created_at DESC, m.id LIMIT $2`,
    [appointmentId, limit],
  );
  return rows;
}

export async function markMail(tx: Tx, id: string, ok: boolean, error: string | null): Promise<void> {
  await tx.query(
    `UPDATE mail_outbox SET attempts = attempts + 1, status = CASE WHEN $2 THEN 'sent' ELSE 'failed' END,
       sent_at = CASE WHEN $2 THEN now() ELSE sent_at END, last_error = $3
     WHERE id = $1`,
    [id, ok, error],
  );
}

/** Queued mails whose job may have been lost (a crash between commit and enqueue): the sweep sends them. */
export async function staleQueuedMails(tx: Tx): Promise<{ id: string; municipalityId: string }[]> {
  const { rows } = await tx.query<{ id: string; municipalityId: string }>(
    `SELECT id, municipality_id AS "municipalityId" FROM mail_outbox
      WHERE status = 'queued' AND attempts = 0 AND created_at < now() - interval '5 minutes' LIMIT 100`,
  );
  return rows;
}

/** The appointments of a person (any record of the person's tree), newest first, for the person's timeline. */
export async function appointmentsOfPerson(
  tx: Tx,
  rootId: string,
): Promise<
  { id: string; at: Date; status: string; serviceName: string; agencyId: string; agencyName: string }[]
> {
  const { rows } = await tx.query<{
    id: string;
    at: Date;
    status: string;
    serviceName: string;
    agencyId: string;
    agencyName: string;
  }>(
    `SELECT ap.id, ap.starts_at AS at, ap.status, s.name AS "serviceName", s.agency_id AS "agencyId",
            a.name AS "agencyName"
       FROM appointment ap JOIN appointment_service s ON s.id = ap.service_id JOIN agency a ON a.id = s.agency_id
      WHERE ap.person_id IN (SELECT id FROM person WHERE root_id = $1)
      ORDER BY ap.starts_at DESC LIMIT 200`,
    [rootId],
  );
  return rows;
}
