import type { Tx } from '../../db/database';

/** The channel of queue changes: the payload is the site id (see queue.events.ts). */
export const QUEUE_CHANNEL = 'lotse_queue';

// ---- where a public request lands (owner, before the tenant is known) ----

export type SiteRow = {
  id: string;
  name: string;
  municipalityId: string;
  municipalityName: string;
  slug: string;
};

const SITE = `s.id, s.name, m.id AS "municipalityId", m.name AS "municipalityName", m.slug`;

export async function findSite(tx: Tx, siteId: string): Promise<SiteRow | null> {
  const { rows } = await tx.query<SiteRow>(
    `SELECT ${SITE} FROM site s JOIN municipality m ON m.id = s.municipality_id WHERE s.id = $1 AND s.active`,
    [siteId],
  );
  return rows[0] ?? null;
}

export async function findTicketSite(
  tx: Tx,
  token: string,
): Promise<{ ticketId: string; siteId: string; municipalityId: string } | null> {
  const { rows } = await tx.query<{ ticketId: string; siteId: string; municipalityId: string }>(
    `SELECT id AS "ticketId", site_id AS "siteId", municipality_id AS "municipalityId"
       FROM queue_ticket WHERE public_token = $1`,
    [token],
  );
  return rows[0] ?? null;
}

// ---- organisation (read) ----

export async function listSites(tx: Tx): Promise<{ id: string; name: string }[]> {
  return (
    await tx.query<{ id: string; name: string }>(`SELECT id, name FROM site WHERE active ORDER BY name`)
  ).rows;
}

export async function listAgencies(tx: Tx): Promise<{ id: string; name: string }[]> {
  return (
    await tx.query<{ id: string; name: string }>(
      `SELECT id, name FROM agency WHERE active AND kind = 'agency' ORDER BY name`,
    )
  ).rows;
}

export async function staffName(tx: Tx, staffId: string): Promise<string | null> {
  const { rows } = await tx.query<{ name: string }>(`SELECT display_name AS name FROM staff WHERE id = $1`, [
    staffId,
  ]);
  return rows[0]?.name ?? null;
}

export async function staffAgency(tx: Tx, staffId: string): Promise<string | null> {
  const { rows } = await tx.query<{ agencyId: string }>(
    `SELECT agency_id AS "agencyId" FROM staff WHERE id = $1`,
    [staffId],
  );
  return rows[0]?.agencyId ?? null;
}

// ---- services ----

export type ServiceRow = {
  id: string;
  agencyId: string;
  agencyName: string;
  siteId: string;
  name: string;
  prefix: string;
  pictogram: string;
  weekdays: number[];
  opensAt: string;
  closesAt: string;
  dailyCap: number | null;
  stoppedOn: string | null;
  noShowAfterCalls: number;
  defaultServiceMinutes: number;
  position: number;
  active: boolean;
  issuedToday: number;
  waiting: number;
};

export type ServiceFields = {
  agencyId: string;
  siteId: string;
  name: string;
  prefix: string;
  pictogram: string;
  weekdays: number[];
  opensAt: string;
  closesAt: string;
  dailyCap: number | null;
  noShowAfterCalls: number;
  defaultServiceMinutes: number;
  position: number;
  active: boolean;
};

// Walk-in tickets count against the daily cap; appointment check-ins do not.
// $1 is the day in every statement that selects SERVICE.
const SERVICE = `qs.id, qs.agency_id AS "agencyId", a.name AS "agencyName", qs.site_id AS "siteId",
  qs.name, qs.prefix, qs.pictogram, qs.weekdays::int[] AS weekdays, qs.opens_at AS "opensAt",
  qs.closes_at AS "closesAt", qs.daily_cap AS "dailyCap", qs.stopped_on AS "stoppedOn",
  qs.no_show_after_calls AS "noShowAfterCalls", qs.default_service_minutes AS "defaultServiceMinutes",
  qs.position, qs.active,
  (SELECT count(*)::int FROM queue_ticket t WHERE t.service_id = qs.id AND t.day = $1::date
     AND t.source <> 'appointment') AS "issuedToday",
  (SELECT count(*)::int FROM queue_ticket t WHERE t.service_id = qs.id AND t.day = $1::date
     AND t.status = 'waiting') AS "waiting"`;
const SERVICE_FROM = `queue_service qs JOIN agency a ON a.id = qs.agency_id`;

export async function listServices(tx: Tx, day: string, siteId: string | null): Promise<ServiceRow[]> {
  return (
    await tx.query<ServiceRow>(
      `SELECT ${SERVICE} FROM ${SERVICE_FROM}
        WHERE ($2::uuid IS NULL OR qs.site_id = $2) ORDER BY qs.site_id, qs.position, qs.name`,
      [day, siteId],
    )
  ).rows;
}

export async function getService(tx: Tx, day: string, id: string): Promise<ServiceRow | null> {
  const { rows } = await tx.query<ServiceRow>(`SELECT ${SERVICE} FROM ${SERVICE_FROM} WHERE qs.id = $2`, [
    day,
    id,
  ]);
  return rows[0] ?? null;
}

/** Locks the service row: issuing checks its cap and stop under this lock, so a cap is never exceeded. */
export async function lockService(tx: Tx, id: string): Promise<void> {
  await tx.query(`SELECT 1 FROM queue_service WHERE id = $1 FOR UPDATE`, [id]);
}

const serviceParams = (s: ServiceFields) => [
  s.agencyId,
  s.siteId,
  s.name,
  s.prefix,
  s.pictogram,
  s.weekdays,
  s.opensAt,
  s.closesAt,
  s.dailyCap,
  s.noShowAfterCalls,
  s.defaultServiceMinutes,
  s.position,
  s.active,
];

export async function insertService(tx: Tx, municipalityId: string, s: ServiceFields): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO queue_service (municipality_id, agency_id, site_id, name, prefix, pictogram, weekdays, opens_at,
       closes_at, daily_cap, no_show_after_calls, default_service_minutes, position, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7::smallint[], $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [municipalityId, ...serviceParams(s)],
  );
  return rows[0]!.id;
}

export async function updateService(tx: Tx, id: string, s: ServiceFields): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE queue_service SET agency_id = $2, site_id = $3, name = $4, prefix = $5, pictogram = $6,
       weekdays = $7::smallint[], opens_at = $8, closes_at = $9, daily_cap = $10, no_show_after_calls = $11,
       default_service_minutes = $12, position = $13, active = $14, updated_at = now()
     WHERE id = $1`,
    [id, ...serviceParams(s)],
  );
  return rowCount > 0;
}

export async function setStopped(tx: Tx, id: string, day: string | null): Promise<void> {
  await tx.query(`UPDATE queue_service SET stopped_on = $2, updated_at = now() WHERE id = $1`, [id, day]);
}

// ---- counters ----

export type CounterRow = {
  id: string;
  siteId: string;
  name: string;
  room: string;
  serviceIds: string[];
  staffId: string | null;
  staffName: string | null;
  active: boolean;
};

const COUNTER = `c.id, c.site_id AS "siteId", c.name, c.room, c.service_ids AS "serviceIds", c.staff_id AS "staffId",
  st.display_name AS "staffName", c.active`;
const COUNTER_FROM = `queue_counter c LEFT JOIN staff st ON st.id = c.staff_id`;

export async function listCounters(tx: Tx, siteId: string | null): Promise<CounterRow[]> {
  return (
    await tx.query<CounterRow>(
      `SELECT ${COUNTER} FROM ${COUNTER_FROM} WHERE ($1::uuid IS NULL OR c.site_id = $1) ORDER BY c.site_id, c.name`,
      [siteId],
    )
  ).rows;
}

export async function getCounter(tx: Tx, id: string, lock = false): Promise<CounterRow | null> {
  const { rows } = await tx.query<CounterRow>(
    `SELECT ${COUNTER} FROM ${COUNTER_FROM} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export type CounterFields = {
  siteId: string;
  name: string;
  room: string;
  serviceIds: string[];
  active: boolean;
};

export async function insertCounter(tx: Tx, municipalityId: string, c: CounterFields): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO queue_counter (municipality_id, site_id, name, room, service_ids, active)
     VALUES ($1, $2, $3, $4, $5::uuid[], $6) RETURNING id`,
    [municipalityId, c.siteId, c.name, c.room, c.serviceIds, c.active],
  );
  return rows[0]!.id;
}

export async function updateCounter(tx: Tx, id: string, c: CounterFields): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE queue_counter SET site_id = $2, name = $3, room = $4, service_ids = $5::uuid[], active = $6,
       updated_at = now() WHERE id = $1`,
    [id, c.siteId, c.name, c.room, c.serviceIds, c.active],
  );
  return rowCount > 0;
}

export async function setCounterStaff(tx: Tx, id: string, staffId: string | null): Promise<void> {
  await tx.query(`UPDATE queue_counter SET staff_id = $2, updated_at = now() WHERE id = $1`, [id, staffId]);
}

// ---- numbers and tickets ----

/** The next number of the day for a prefix at a site, counted in the caller's transaction. */
export async function nextNumber(
  tx: Tx,
  k: { municipalityId: string; siteId: string; prefix: string; day: string },
): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `INSERT INTO queue_number (municipality_id, site_id, prefix, day, last_number) VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT (site_id, prefix, day) DO UPDATE SET last_number = queue_number.last_number + 1
     RETURNING last_number AS n`,
    [k.municipalityId, k.siteId, k.prefix, k.day],
  );
  return rows[0]!.n;
}

export type TicketInsert = {
  municipalityId: string;
  siteId: string;
  serviceId: string;
  day: string;
  number: string;
  publicToken: string;
  source: string;
  priority: string;
  language: string;
  personId: string | null;
  appointmentId: string | null;
  issuedBy: string | null;
};

export async function insertTicket(tx: Tx, t: TicketInsert): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO queue_ticket (municipality_id, site_id, service_id, day, number, public_token, source, priority,
       language, person_id, appointment_id, issued_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      t.municipalityId,
      t.siteId,
      t.serviceId,
      t.day,
      t.number,
      t.publicToken,
      t.source,
      t.priority,
      t.language,
      t.personId,
      t.appointmentId,
      t.issuedBy,
    ],
  );
  return rows[0]!.id;
}

export type TicketRow = {
  id: string;
  siteId: string;
  serviceId: string;
  serviceName: string;
  noShowAfterCalls: number;
  number: string;
  day: string;
  source: string;
  priority: string;
  appointmentId: string | null;
  personId: string | null;
  language: string;
  status: string;
  arrivedAt: Date;
  calledAt: Date | null;
  callCount: number;
  counterId: string | null;
  counterName: string | null;
  room: string | null;
  forwardedFrom: string | null;
  publicToken: string;
};

const TICKET = `t.id, t.site_id AS "siteId", t.service_id AS "serviceId", qs.name AS "serviceName",
  qs.no_show_after_calls AS "noShowAfterCalls", t.number, t.day, t.source, t.priority,
  t.appointment_id AS "appointmentId", t.person_id AS "personId", t.language, t.status, t.arrived_at AS "arrivedAt",
  t.called_at AS "calledAt", t.call_count AS "callCount", t.counter_id AS "counterId", c.name AS "counterName",
  c.room, t.forwarded_from AS "forwardedFrom", t.public_token AS "publicToken"`;
const TICKET_FROM = `queue_ticket t JOIN queue_service qs ON qs.id = t.service_id
  LEFT JOIN queue_counter c ON c.id = t.counter_id`;

/**
 * The order of the call-next policy (README): urgent first, then appointment check-ins, then accessibility needs,
 * then everyone else; within a rank the longest waiting (original arrival, kept when forwarded) first.
 */
const policyRank = (
  t: string,
) => `CASE WHEN ${t}.priority = 'urgent' THEN 3 WHEN ${t}.source = 'appointment' THEN 2
  WHEN ${t}.priority = 'accessibility' THEN 1 ELSE 0 END`;
export const POLICY_ORDER = `${policyRank('t')} DESC, t.arrived_at, t.number`;
/** Whether ticket `w` comes before ticket `t` in the policy's order (the same order as POLICY_ORDER). */
const AHEAD_OF_T = `(${policyRank('w')} > ${policyRank('t')} OR (${policyRank('w')} = ${policyRank('t')}
  AND (w.arrived_at, w.number) < (t.arrived_at, t.number)))`;

export async function getTicket(tx: Tx, id: string, lock = false): Promise<TicketRow | null> {
  const { rows } = await tx.query<TicketRow>(
    `SELECT ${TICKET} FROM ${TICKET_FROM} WHERE t.id = $1${lock ? ' FOR UPDATE OF t' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listTickets(
  tx: Tx,
  q: { day: string; siteId: string | null; status: string | null },
): Promise<TicketRow[]> {
  return (
    await tx.query<TicketRow>(
      `SELECT ${TICKET} FROM ${TICKET_FROM}
        WHERE t.day = $1 AND ($2::uuid IS NULL OR t.site_id = $2) AND ($3::text IS NULL OR t.status = $3)
        ORDER BY t.status = 'waiting' DESC, ${POLICY_ORDER}`,
      [q.day, q.siteId, q.status],
    )
  ).rows;
}

/** The ticket the policy picks next for a counter's services, locked; a ticket another counter holds is skipped. */
export async function nextWaiting(
  tx: Tx,
  q: { siteId: string; day: string; serviceIds: string[] },
): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT t.id FROM queue_ticket t
      WHERE t.site_id = $1 AND t.day = $2 AND t.status = 'waiting' AND t.service_id = ANY($3::uuid[])
      ORDER BY ${POLICY_ORDER} LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [q.siteId, q.day, q.serviceIds],
  );
  return rows[0]?.id ?? null;
}

export async function findByNumber(
  tx: Tx,
  q: { siteId: string; day: string; number: string },
): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM queue_ticket WHERE site_id = $1 AND day = $2 AND number = $3`,
    [q.siteId, q.day, q.number],
  );
  return rows[0]?.id ?? null;
}

/** The ticket called to or served at a counter now. */
export async function currentOfCounter(tx: Tx, counterId: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM queue_ticket WHERE counter_id = $1 AND status IN ('called', 'in_service')
      ORDER BY called_at DESC LIMIT 1`,
    [counterId],
  );
  return rows[0]?.id ?? null;
}

export async function parkedAtSite(
  tx: Tx,
  siteId: string,
  day: string,
  serviceIds: string[],
): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM queue_ticket WHERE site_id = $1 AND day = $2 AND status = 'parked'
       AND service_id = ANY($3::uuid[]) ORDER BY arrived_at`,
    [siteId, day, serviceIds],
  );
  return rows.map((r) => r.id);
}

/** A call (or recall) to a counter: the ticket is called and the display log gets a line. */
export async function callTicket(
  tx: Tx,
  c: {
    municipalityId: string;
    siteId: string;
    ticketId: string;
    counterId: string;
    staffId: string;
    recall: boolean;
  },
): Promise<void> {
  await tx.query(
    `UPDATE queue_ticket SET status = 'called', counter_id = $2, served_by = $3, called_at = now(),
       first_called_at = coalesce(first_called_at, now()),
       call_count = CASE WHEN $4 THEN call_count + 1 ELSE 1 END, updated_at = now()
     WHERE id = $1`,
    [c.ticketId, c.counterId, c.staffId, c.recall],
  );
  // The call keeps what the display shows (migration 0014): number, counter and room as they are now.
  await tx.query(
    `INSERT INTO queue_call (municipality_id, site_id, ticket_id, counter_id, called_by, day, number, counter_name, room)
     SELECT $1, $2, t.id, c.id, $5, t.day, t.number, c.name, c.room
       FROM queue_ticket t, queue_counter c WHERE t.id = $3 AND c.id = $4`,
    [c.municipalityId, c.siteId, c.ticketId, c.counterId, c.staffId],
  );
}

export async function startService(tx: Tx, id: string): Promise<void> {
  await tx.query(
    `UPDATE queue_ticket SET status = 'in_service', service_started_at = now(), updated_at = now() WHERE id = $1`,
    [id],
  );
}

export async function finishTicket(tx: Tx, id: string, status: 'done' | 'no_show'): Promise<void> {
  await tx.query(
    `UPDATE queue_ticket SET status = $2, finished_at = now(), updated_at = now() WHERE id = $1`,
    [id, status],
  );
}

export async function parkTicket(tx: Tx, id: string): Promise<void> {
  await tx.query(
    `UPDATE queue_ticket SET status = 'parked', counter_id = NULL, service_started_at = NULL, updated_at = now()
      WHERE id = $1`,
    [id],
  );
}

/** Back to waiting at another service; the original arrival time stays. */
export async function forwardTicket(tx: Tx, id: string, serviceId: string): Promise<void> {
  await tx.query(
    `UPDATE queue_ticket SET forwarded_from = service_id, service_id = $2, status = 'waiting', counter_id = NULL,
       call_count = 0, called_at = NULL, service_started_at = NULL, updated_at = now()
     WHERE id = $1`,
    [id, serviceId],
  );
}

export async function setTicketLanguage(tx: Tx, id: string, language: string): Promise<void> {
  await tx.query(`UPDATE queue_ticket SET language = $2, updated_at = now() WHERE id = $1`, [id, language]);
}

/** Tells every listener (displays, phones) of the site that its queue changed; delivered when the transaction commits. */
export async function notifySite(tx: Tx, siteId: string): Promise<void> {
  await tx.query(`SELECT pg_notify('${QUEUE_CHANNEL}', $1)`, [siteId]);
}

// ---- live views ----

export type CallRow = { id: number; number: string; counterName: string; room: string; calledAt: Date };

export async function lastCalls(tx: Tx, siteId: string, day: string, limit: number): Promise<CallRow[]> {
  return (
    await tx.query<CallRow>(
      `SELECT id, number, counter_name AS "counterName", room, called_at AS "calledAt"
         FROM queue_call WHERE site_id = $1 AND day = $2 ORDER BY id DESC LIMIT $3`,
      [siteId, day, limit],
    )
  ).rows;
}

/** How many of today's tickets wait at a site (the display shows it). */
export async function waitingAtSite(tx: Tx, siteId: string, day: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM queue_ticket WHERE site_id = $1 AND day = $2 AND status = 'waiting'`,
    [siteId, day],
  );
  return rows[0]!.n;
}

export type TicketViewRow = {
  siteId: string;
  siteName: string;
  serviceId: string;
  serviceName: string;
  defaultServiceMinutes: number;
  day: string;
  number: string;
  status: string;
  language: string;
  counterName: string | null;
  room: string | null;
  /** Today's place in its service's queue while it waits (1 = next), else null. */
  position: number | null;
  /** Counters someone serves the ticket's service at now. */
  staffed: number;
};

/** One ticket by its public token, as its phone shows it (by the token alone: public, no person data). */
export async function ticketView(tx: Tx, token: string): Promise<TicketViewRow | null> {
  const { rows } = await tx.query<TicketViewRow>(
    `SELECT t.site_id AS "siteId", si.name AS "siteName", t.service_id AS "serviceId", qs.name AS "serviceName",
            qs.default_service_minutes AS "defaultServiceMinutes", t.day, t.number, t.status, t.language,
            c.name AS "counterName", c.room,
            CASE WHEN t.status = 'waiting' THEN 1 + (
              SELECT count(*) FROM queue_ticket w
               WHERE w.service_id = t.service_id AND w.day = t.day AND w.status = 'waiting' AND ${AHEAD_OF_T}
            )::int END AS position,
            (SELECT count(*) FROM queue_counter k
              WHERE k.site_id = t.site_id AND k.active AND k.staff_id IS NOT NULL
                AND t.service_id = ANY (k.service_ids))::int AS staffed
       FROM queue_ticket t
       JOIN queue_service qs ON qs.id = t.service_id
       JOIN site si ON si.id = t.site_id
       LEFT JOIN queue_counter c ON c.id = t.counter_id
      WHERE t.public_token = $1`,
    [token],
  );
  return rows[0] ?? null;
}

export type LiveTicketRow = {
  serviceId: string;
  number: string;
  status: string;
  counterId: string | null;
  language: string;
  publicToken: string;
};

/**
 * Today's open tickets of a site in the policy's order (positions on the phone view): one table, one index range,
 * no join (read after every change at peak; names come from `liveSiteParts`).
 */
export async function liveTickets(tx: Tx, siteId: string, day: string): Promise<LiveTicketRow[]> {
  return (
    await tx.query<LiveTicketRow>(
      `SELECT t.service_id AS "serviceId", t.number, t.status, t.counter_id AS "counterId", t.language,
              t.public_token AS "publicToken"
         FROM queue_ticket t
        WHERE t.site_id = $1 AND t.day = $2 AND t.status IN ('waiting', 'called', 'in_service', 'parked')
        ORDER BY ${POLICY_ORDER}`,
      [siteId, day],
    )
  ).rows;
}

export type LiveParts = {
  services: { id: string; name: string; defaultServiceMinutes: number }[];
  counters: { id: string; name: string; room: string; serviceIds: string[]; staffed: boolean }[];
};

/** The services and counters of a site, as the live views name them (small tables, no counts). */
export async function liveSiteParts(tx: Tx, siteId: string): Promise<LiveParts> {
  const services = await tx.query<LiveParts['services'][number]>(
    `SELECT id, name, default_service_minutes AS "defaultServiceMinutes" FROM queue_service WHERE site_id = $1`,
    [siteId],
  );
  const counters = await tx.query<LiveParts['counters'][number]>(
    `SELECT id, name, room, service_ids AS "serviceIds", (active AND staff_id IS NOT NULL) AS staffed
       FROM queue_counter WHERE site_id = $1`,
    [siteId],
  );
  return { services: services.rows, counters: counters.rows };
}

/** Median service time per service today, in seconds (at least three served tickets, else absent). */
export async function serviceSeconds(tx: Tx, siteId: string, day: string): Promise<Map<string, number>> {
  const { rows } = await tx.query<{ serviceId: string; s: number }>(
    `SELECT service_id AS "serviceId",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - service_started_at))::float8 AS s
       FROM queue_ticket
      WHERE site_id = $1 AND day = $2 AND status = 'done' AND service_started_at IS NOT NULL
      GROUP BY service_id HAVING count(*) >= 3`,
    [siteId, day],
  );
  return new Map(rows.map((r) => [r.serviceId, Number(r.s)]));
}

// ---- figures and short questions ----

export type FigureRow = {
  serviceId: string;
  serviceName: string;
  agencyName: string;
  tickets: number;
  served: number;
  noShows: number;
  waiting: number;
  waitMedian: number | null;
  waitP90: number | null;
  serviceMedian: number | null;
};

export async function figures(tx: Tx, day: string, siteId: string | null): Promise<FigureRow[]> {
  return (
    await tx.query<FigureRow>(
      `SELECT qs.id AS "serviceId", qs.name AS "serviceName", a.name AS "agencyName",
              count(t.id)::int AS tickets,
              count(t.id) FILTER (WHERE t.status = 'done')::int AS served,
              count(t.id) FILTER (WHERE t.status = 'no_show')::int AS "noShows",
              count(t.id) FILTER (WHERE t.status IN ('waiting', 'parked'))::int AS waiting,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_called_at - t.arrived_at))
                ::float8 AS "waitMedian",
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_called_at - t.arrived_at))
                ::float8 AS "waitP90",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.finished_at - t.service_started_at))
                FILTER (WHERE t.status = 'done')::float8 AS "serviceMedian"
         FROM queue_service qs JOIN agency a ON a.id = qs.agency_id
         LEFT JOIN queue_ticket t ON t.service_id = qs.id AND t.day = $1
        WHERE ($2::uuid IS NULL OR qs.site_id = $2)
        GROUP BY qs.id, qs.name, a.name, qs.position ORDER BY qs.position, qs.name`,
      [day, siteId],
    )
  ).rows;
}

export type ShortQuestionRow = {
  id: string;
  agencyId: string;
  agencyName: string;
  topic: string;
  durationMinutes: number;
  anonymous: boolean;
  recordedAt: Date;
};

export async function insertShortQuestion(
  tx: Tx,
  q: {
    municipalityId: string;
    siteId: string | null;
    agencyId: string;
    topic: string;
    durationMinutes: number;
    personId: string | null;
    staffId: string;
    day: string;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO queue_short_question (municipality_id, site_id, agency_id, topic, duration_minutes, person_id,
       staff_id, day) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [q.municipalityId, q.siteId, q.agencyId, q.topic, q.durationMinutes, q.personId, q.staffId, q.day],
  );
  return rows[0]!.id;
}

export async function listShortQuestions(tx: Tx, day: string): Promise<ShortQuestionRow[]> {
  return (
    await tx.query<ShortQuestionRow>(
      `SELECT q.id, q.agency_id AS "agencyId", a.name AS "agencyName", q.topic, q.duration_minutes AS "durationMinutes",
              q.person_id IS NULL AS anonymous, q.recorded_at AS "recordedAt"
         FROM queue_short_question q JOIN agency a ON a.id = q.agency_id
        WHERE q.day = $1 ORDER BY q.recorded_at DESC, q.id`,
      [day],
    )
  ).rows;
}

export async function shortQuestionFigures(
  tx: Tx,
  day: string,
  siteId: string | null,
): Promise<{ agencyName: string; topic: string; count: number; minutes: number }[]> {
  return (
    await tx.query<{ agencyName: string; topic: string; count: number; minutes: number }>(
      `SELECT a.name AS "agencyName", q.topic, count(*)::int AS count, sum(q.duration_minutes)::int AS minutes
         FROM queue_short_question q JOIN agency a ON a.id = q.agency_id
        WHERE q.day = $1 AND ($2::uuid IS NULL OR q.site_id = $2 OR q.site_id IS NULL)
        GROUP BY a.name, q.topic ORDER BY a.name, q.topic`,
      [day, siteId],
    )
  ).rows;
}

/** The tickets linked to a person (any record of the person's tree), newest first, for the person's timeline. */
export async function ticketsOfPerson(
  tx: Tx,
  rootId: string,
): Promise<
  {
    id: string;
    at: Date;
    number: string;
    status: string;
    serviceName: string;
    agencyId: string;
    agencyName: string;
  }[]
> {
  const { rows } = await tx.query<{
    id: string;
    at: Date;
    number: string;
    status: string;
    serviceName: string;
    agencyId: string;
    agencyName: string;
  }>(
    `SELECT t.id, t.arrived_at AS at, t.number, t.status, s.name AS "serviceName", s.agency_id AS "agencyId",
            a.name AS "agencyName"
       FROM queue_ticket t JOIN queue_service s ON s.id = t.service_id JOIN agency a ON a.id = s.agency_id
      WHERE t.person_id IN (SELECT id FROM person WHERE root_id = $1)
      ORDER BY t.arrived_at DESC LIMIT 200`,
    [rootId],
  );
  return rows;
}
