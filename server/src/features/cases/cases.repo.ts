import type { Tx } from '../../db/database';

/** SQL of case management: cases, plan, tasks, referrals, conferences, obstacles and events. */

// ---- settings ----

export type SettingsRow = {
  phases: string[];
  residenceExpiryWeeks: number;
  courseEndWeeks: number;
  obstacleTags: string[];
};

export async function getSettings(tx: Tx): Promise<SettingsRow | null> {
  const { rows } = await tx.query<SettingsRow>(
    `SELECT phases, residence_expiry_weeks AS "residenceExpiryWeeks", course_end_weeks AS "courseEndWeeks",
            obstacle_tags AS "obstacleTags" FROM case_settings`,
  );
  return rows[0] ?? null;
}

export async function saveSettings(tx: Tx, municipalityId: string, s: SettingsRow): Promise<void> {
  await tx.query(
    `INSERT INTO case_settings (municipality_id, phases, residence_expiry_weeks, course_end_weeks, obstacle_tags)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (municipality_id) DO UPDATE SET phases = $2, residence_expiry_weeks = $3, course_end_weeks = $4,
       obstacle_tags = $5, updated_at = now()`,
    [municipalityId, s.phases, s.residenceExpiryWeeks, s.courseEndWeeks, s.obstacleTags],
  );
}

// ---- organisation lookups (names and roles for display and checks) ----

export type AgencyRow = { id: string; name: string; kind: 'agency' | 'partner'; active: boolean };

export async function listAgencies(tx: Tx): Promise<AgencyRow[]> {
  const { rows } = await tx.query<AgencyRow>(`SELECT id, name, kind, active FROM agency ORDER BY name`);
  return rows;
}

export type StaffRow = { id: string; name: string; agencyId: string; roles: string[]; active: boolean };

export async function getStaff(tx: Tx, ids: string[]): Promise<Map<string, StaffRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<StaffRow>(
    `SELECT id, display_name AS name, agency_id AS "agencyId", roles, active FROM staff WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Active staff who may be responsible for a case (case managers and agency leads), with their agency. */
export async function managerCandidates(
  tx: Tx,
  roles: string[],
): Promise<(StaffRow & { agencyName: string; agencyKind: 'agency' | 'partner' })[]> {
  const { rows } = await tx.query<StaffRow & { agencyName: string; agencyKind: 'agency' | 'partner' }>(
    `SELECT s.id, s.display_name AS name, s.agency_id AS "agencyId", s.roles, s.active, a.name AS "agencyName",
            a.kind AS "agencyKind"
       FROM staff s JOIN agency a ON a.id = s.agency_id
      WHERE s.active AND a.active AND s.roles && $1::text[]
      ORDER BY a.name, s.display_name`,
    [roles],
  );
  return rows;
}

export async function isHouseholdMember(tx: Tx, householdId: string, personRootId: string): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM household_member m JOIN person p ON p.id = m.person_id
      WHERE m.household_id = $1 AND p.root_id = $2`,
    [householdId, personRootId],
  );
  return rows.length > 0;
}

/**
 * The consent in force that covers a disclosure: of the person (any record of its merge tree), naming the disclosing and
 * the receiving agency, the purpose and every category. Read here rather than through the access function because
 * the question is about a transfer to a third party, not about what the caller sees.
 */
export async function consentCovering(
  tx: Tx,
  q: { personId: string; fromAgencyId: string; toAgencyId: string; purpose: string; categories: string[] },
  today: string,
): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT c.id FROM consent c JOIN person p ON p.id = c.person_id
      WHERE p.root_id = (SELECT root_id FROM person WHERE id = $1) AND $2::uuid = ANY(c.disclosing_agency_ids) AND $3::uuid = ANY(c.receiving_agency_ids)
        AND c.purpose = $4 AND c.categories @> $5::text[]
        AND c.revoked_at IS NULL AND c.valid_from <= $6::date AND (c.valid_until IS NULL OR c.valid_until >= $6::date)
      ORDER BY c.recorded_at DESC LIMIT 1`,
    [q.personId, q.fromAgencyId, q.toAgencyId, q.purpose, q.categories, today],
  );
  return rows[0]?.id ?? null;
}

// ---- cases ----

export type CaseRow = {
  id: string;
  personId: string;
  householdId: string | null;
  title: string;
  stageOfLife: string;
  agencyId: string;
  agencyName: string;
  managerId: string;
  managerName: string;
  participatingAgencyIds: string[];
  phase: string;
  closingReason: string | null;
  planAgreedAt: Date | null;
  planAgreementNote: string;
  planAgreementByName: string | null;
  openedAt: Date;
  closedAt: Date | null;
  overdueSteps: number;
};

const CASE_SELECT = `
  SELECT c.id, c.person_id AS "personId", c.household_id AS "householdId", c.title, c.stage_of_life AS "stageOfLife",
         c.agency_id AS "agencyId", a.name AS "agencyName", c.manager_id AS "managerId", m.display_name AS "managerName",
         c.participating_agency_ids AS "participatingAgencyIds", c.phase, c.closing_reason AS "closingReason",
         c.plan_agreed_at AS "planAgreedAt", c.plan_agreement_note AS "planAgreementNote",
         g.display_name AS "planAgreementByName", c.opened_at AS "openedAt", c.closed_at AS "closedAt",
         (SELECT count(*)::int FROM case_step s WHERE s.case_id = c.id AND s.status IN ('open', 'in_progress')
             AND s.due_on < $1::date) AS "overdueSteps"
    FROM integration_case c
    JOIN agency a ON a.id = c.agency_id
    JOIN staff m ON m.id = c.manager_id
    LEFT JOIN staff g ON g.id = c.plan_agreement_by`;

export async function insertCase(
  tx: Tx,
  c: {
    municipalityId: string;
    personId: string;
    householdId: string | null;
    title: string;
    stageOfLife: string;
    agencyId: string;
    managerId: string;
    participatingAgencyIds: string[];
    phase: string;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO integration_case (municipality_id, person_id, household_id, title, stage_of_life, agency_id,
                                   manager_id, participating_agency_ids, phase)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      c.municipalityId,
      c.personId,
      c.householdId,
      c.title,
      c.stageOfLife,
      c.agencyId,
      c.managerId,
      c.participatingAgencyIds,
      c.phase,
    ],
  );
  return rows[0]!.id;
}

export async function getCase(tx: Tx, id: string, today: string, lock = false): Promise<CaseRow | null> {
  if (lock) await tx.query(`SELECT 1 FROM integration_case WHERE id = $1 FOR UPDATE`, [id]);
  const { rows } = await tx.query<CaseRow>(`${CASE_SELECT} WHERE c.id = $2`, [today, id]);
  return rows[0] ?? null;
}

export async function listCases(
  tx: Tx,
  f: { managerId?: string; agencyId?: string; personId?: string; closed: boolean },
  today: string,
): Promise<CaseRow[]> {
  const { rows } = await tx.query<CaseRow>(
    `${CASE_SELECT}
      WHERE ($2::uuid IS NULL OR c.manager_id = $2) AND ($3::uuid IS NULL OR c.agency_id = $3
             OR $3 = ANY(c.participating_agency_ids))
        AND ($4::uuid IS NULL OR c.person_id = $4) AND (c.closed_at IS NOT NULL) = $5
      ORDER BY c.opened_at DESC`,
    [today, f.managerId ?? null, f.agencyId ?? null, f.personId ?? null, f.closed],
  );
  return rows;
}

export async function setPhase(
  tx: Tx,
  id: string,
  phase: string,
  closing: { reason: string } | null,
): Promise<void> {
  await tx.query(
    `UPDATE integration_case SET phase = $2, closing_reason = $3,
            closed_at = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END WHERE id = $1`,
    [id, phase, closing?.reason ?? null],
  );
}

/** Sets the responsible case manager, the case's agency (theirs) and the participating agencies. */
export async function setTeam(
  tx: Tx,
  id: string,
  t: { managerId: string; agencyId: string; participatingAgencyIds: string[] },
): Promise<void> {
  await tx.query(
    `UPDATE integration_case SET manager_id = $2, agency_id = $3, participating_agency_ids = $4 WHERE id = $1`,
    [id, t.managerId, t.agencyId, t.participatingAgencyIds],
  );
}

export async function setAgreement(tx: Tx, id: string, staffId: string, note: string): Promise<void> {
  await tx.query(
    `UPDATE integration_case SET plan_agreed_at = now(), plan_agreement_note = $3, plan_agreement_by = $2
      WHERE id = $1`,
    [id, staffId, note],
  );
}

// ---- assessment ----

export type AssessmentRow = { area: string; situation: string; goal: string; need: string };

export async function upsertAssessment(
  tx: Tx,
  municipalityId: string,
  caseId: string,
  staffId: string,
  e: AssessmentRow,
): Promise<void> {
  await tx.query(
    `INSERT INTO case_assessment (case_id, municipality_id, area, situation, goal, need, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (case_id, area) DO UPDATE SET situation = $4, goal = $5, need = $6, updated_by = $7,
       updated_at = now()`,
    [caseId, municipalityId, e.area, e.situation, e.goal, e.need, staffId],
  );
}

export async function listAssessment(tx: Tx, caseId: string): Promise<AssessmentRow[]> {
  const { rows } = await tx.query<AssessmentRow>(
    `SELECT area, situation, goal, need FROM case_assessment WHERE case_id = $1`,
    [caseId],
  );
  return rows;
}

// ---- plan ----

export type GoalRow = { id: string; caseId: string; title: string; area: string };

export async function insertGoal(
  tx: Tx,
  g: { municipalityId: string; caseId: string; title: string; area: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO case_goal (municipality_id, case_id, title, area) VALUES ($1, $2, $3, $4) RETURNING id`,
    [g.municipalityId, g.caseId, g.title, g.area],
  );
  return rows[0]!.id;
}

export async function listGoals(tx: Tx, caseId: string): Promise<GoalRow[]> {
  const { rows } = await tx.query<GoalRow>(
    `SELECT id, case_id AS "caseId", title, area FROM case_goal WHERE case_id = $1 ORDER BY created_at, id`,
    [caseId],
  );
  return rows;
}

export type StepRow = {
  id: string;
  caseId: string;
  caseTitle: string;
  goalId: string;
  title: string;
  kind: 'step' | 'integration_course';
  agencyId: string | null;
  agencyName: string | null;
  dueOn: string | null;
  status: 'open' | 'in_progress' | 'done' | 'cancelled';
  source: 'plan' | 'conference';
  managerId: string;
};

const STEP_SELECT = `
  SELECT s.id, s.case_id AS "caseId", c.title AS "caseTitle", s.goal_id AS "goalId", s.title, s.kind,
         s.agency_id AS "agencyId", a.name AS "agencyName", s.due_on::text AS "dueOn", s.status, s.source,
         c.manager_id AS "managerId"
    FROM case_step s JOIN integration_case c ON c.id = s.case_id LEFT JOIN agency a ON a.id = s.agency_id`;

export async function insertStep(
  tx: Tx,
  s: {
    municipalityId: string;
    caseId: string;
    goalId: string;
    title: string;
    kind: string;
    agencyId: string | null;
    dueOn: string | null;
    source: 'plan' | 'conference';
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO case_step (municipality_id, case_id, goal_id, title, kind, agency_id, due_on, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [s.municipalityId, s.caseId, s.goalId, s.title, s.kind, s.agencyId, s.dueOn, s.source],
  );
  return rows[0]!.id;
}

export async function listSteps(tx: Tx, caseId: string): Promise<StepRow[]> {
  const { rows } = await tx.query<StepRow>(
    `${STEP_SELECT} WHERE s.case_id = $1 ORDER BY s.due_on NULLS LAST, s.created_at`,
    [caseId],
  );
  return rows;
}

export async function getStep(tx: Tx, id: string): Promise<StepRow | null> {
  const { rows } = await tx.query<StepRow>(`${STEP_SELECT} WHERE s.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function setStepStatus(tx: Tx, id: string, status: string): Promise<void> {
  await tx.query(`UPDATE case_step SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
}

/** Open steps past their due date of a manager's open cases. */
export async function overdueSteps(tx: Tx, managerId: string, today: string): Promise<StepRow[]> {
  const { rows } = await tx.query<StepRow>(
    `${STEP_SELECT} WHERE c.manager_id = $1 AND c.closed_at IS NULL AND s.status IN ('open', 'in_progress')
        AND s.due_on < $2::date ORDER BY s.due_on`,
    [managerId, today],
  );
  return rows;
}

/** Integration course steps of open cases that end between two days and are not done. */
export async function coursesEnding(tx: Tx, from: string, until: string): Promise<StepRow[]> {
  const { rows } = await tx.query<StepRow>(
    `${STEP_SELECT} WHERE c.closed_at IS NULL AND s.kind = 'integration_course'
        AND s.status IN ('open', 'in_progress') AND s.due_on BETWEEN $1::date AND $2::date`,
    [from, until],
  );
  return rows;
}

// ---- tasks ----

export type TaskRow = {
  id: string;
  caseId: string;
  caseTitle: string;
  title: string;
  params: Record<string, string>;
  dueOn: string | null;
  assigneeId: string;
  assigneeName: string;
  source: string;
  doneAt: Date | null;
};

const TASK_SELECT = `
  SELECT t.id, t.case_id AS "caseId", c.title AS "caseTitle", t.title, t.params, t.due_on::text AS "dueOn",
         t.assignee_id AS "assigneeId", s.display_name AS "assigneeName", t.source, t.done_at AS "doneAt"
    FROM case_task t JOIN integration_case c ON c.id = t.case_id JOIN staff s ON s.id = t.assignee_id`;

/** Inserts a task; one with a source key that exists already is not created again. Returns whether it was. */
export async function insertTask(
  tx: Tx,
  t: {
    municipalityId: string;
    caseId: string;
    assigneeId: string;
    title: string;
    params?: Record<string, string>;
    dueOn: string | null;
    source: string;
    sourceKey: string | null;
  },
): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO case_task (municipality_id, case_id, assignee_id, title, params, due_on, source, source_key)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
     ON CONFLICT (municipality_id, source_key) DO NOTHING RETURNING id`,
    [
      t.municipalityId,
      t.caseId,
      t.assigneeId,
      t.title,
      JSON.stringify(t.params ?? {}),
      t.dueOn,
      t.source,
      t.sourceKey,
    ],
  );
  return rows[0]?.id ?? null;
}

export async function listTasksOfCase(tx: Tx, caseId: string): Promise<TaskRow[]> {
  const { rows } = await tx.query<TaskRow>(
    `${TASK_SELECT} WHERE t.case_id = $1 ORDER BY t.done_at NULLS FIRST, t.due_on NULLS LAST, t.created_at`,
    [caseId],
  );
  return rows;
}

export async function openTasksOf(tx: Tx, assigneeId: string): Promise<TaskRow[]> {
  const { rows } = await tx.query<TaskRow>(
    `${TASK_SELECT} WHERE t.assignee_id = $1 AND t.done_at IS NULL ORDER BY t.due_on NULLS LAST, t.created_at`,
    [assigneeId],
  );
  return rows;
}

export async function getTask(tx: Tx, id: string): Promise<TaskRow | null> {
  const { rows } = await tx.query<TaskRow>(`${TASK_SELECT} WHERE t.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function completeTask(tx: Tx, id: string): Promise<void> {
  await tx.query(`UPDATE case_task SET done_at = now() WHERE id = $1 AND done_at IS NULL`, [id]);
}

// ---- referrals ----

export type ReferralRow = {
  id: string;
  caseId: string;
  personId: string;
  fromAgencyId: string;
  fromAgencyName: string;
  fromStaffId: string;
  fromStaffName: string;
  toAgencyId: string;
  toAgencyName: string;
  toAgencyKind: 'agency' | 'partner';
  need: string;
  handoverNote: string;
  categories: string[];
  purpose: string;
  consentId: string;
  dueOn: string;
  status: 'sent' | 'accepted' | 'declined' | 'done' | 'withdrawn';
  sentAt: Date;
  respondedAt: Date | null;
  responseNote: string;
  declineReason: string;
  outcome: string;
  withdrawReason: string;
  closedAt: Date | null;
  managerId: string;
  caseClosed: boolean;
};

const REFERRAL_SELECT = `
  SELECT r.id, r.case_id AS "caseId", r.person_id AS "personId", r.from_agency_id AS "fromAgencyId",
         fa.name AS "fromAgencyName", r.from_staff_id AS "fromStaffId", fs.display_name AS "fromStaffName",
         r.to_agency_id AS "toAgencyId", ta.name AS "toAgencyName", ta.kind AS "toAgencyKind", r.need,
         r.handover_note AS "handoverNote", r.categories, r.purpose, r.consent_id AS "consentId",
         r.due_on::text AS "dueOn", r.status, r.sent_at AS "sentAt", r.responded_at AS "respondedAt",
         r.response_note AS "responseNote", r.decline_reason AS "declineReason", r.outcome,
         r.withdraw_reason AS "withdrawReason", r.closed_at AS "closedAt", c.manager_id AS "managerId",
         (c.closed_at IS NOT NULL) AS "caseClosed"
    FROM case_referral r
    JOIN integration_case c ON c.id = r.case_id
    JOIN agency fa ON fa.id = r.from_agency_id
    JOIN agency ta ON ta.id = r.to_agency_id
    JOIN staff fs ON fs.id = r.from_staff_id`;

export async function insertReferral(
  tx: Tx,
  r: {
    municipalityId: string;
    caseId: string;
    personId: string;
    fromAgencyId: string;
    fromStaffId: string;
    toAgencyId: string;
    need: string;
    handoverNote: string;
    categories: string[];
    purpose: string;
    consentId: string;
    dueOn: string;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO case_referral (municipality_id, case_id, person_id, from_agency_id, from_staff_id, to_agency_id,
                                need, handover_note, categories, purpose, consent_id, due_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      r.municipalityId,
      r.caseId,
      r.personId,
      r.fromAgencyId,
      r.fromStaffId,
      r.toAgencyId,
      r.need,
      r.handoverNote,
      r.categories,
      r.purpose,
      r.consentId,
      r.dueOn,
    ],
  );
  return rows[0]!.id;
}

export async function getReferral(tx: Tx, id: string, lock = false): Promise<ReferralRow | null> {
  if (lock) await tx.query(`SELECT 1 FROM case_referral WHERE id = $1 FOR UPDATE`, [id]);
  const { rows } = await tx.query<ReferralRow>(`${REFERRAL_SELECT} WHERE r.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listReferrals(
  tx: Tx,
  f: { caseId?: string; toAgencyId?: string; managerId?: string; fromAgencyId?: string; open: boolean },
): Promise<ReferralRow[]> {
  const { rows } = await tx.query<ReferralRow>(
    `${REFERRAL_SELECT}
      WHERE ($1::uuid IS NULL OR r.case_id = $1) AND ($2::uuid IS NULL OR r.to_agency_id = $2)
        AND ($3::uuid IS NULL OR c.manager_id = $3) AND ($4::uuid IS NULL OR r.from_agency_id = $4)
        AND (NOT $5 OR r.status IN ('sent', 'accepted'))
      ORDER BY r.sent_at DESC`,
    [f.caseId ?? null, f.toAgencyId ?? null, f.managerId ?? null, f.fromAgencyId ?? null, f.open],
  );
  return rows;
}

/** Referrals still unanswered after their due date, of open cases. */
export async function unansweredReferrals(tx: Tx, today: string): Promise<ReferralRow[]> {
  const { rows } = await tx.query<ReferralRow>(
    `${REFERRAL_SELECT} WHERE r.status = 'sent' AND r.due_on < $1::date AND c.closed_at IS NULL`,
    [today],
  );
  return rows;
}

export async function updateReferral(
  tx: Tx,
  id: string,
  change: {
    status: string;
    respondedBy?: string;
    responded?: boolean;
    responseNote?: string;
    declineReason?: string;
    outcome?: string;
    withdrawReason?: string;
    closed?: boolean;
  },
): Promise<void> {
  await tx.query(
    `UPDATE case_referral SET status = $2,
            responded_at = CASE WHEN $3 THEN now() ELSE responded_at END,
            responded_by = coalesce($4, responded_by),
            response_note = coalesce($5, response_note), decline_reason = coalesce($6, decline_reason),
            outcome = coalesce($7, outcome), withdraw_reason = coalesce($8, withdraw_reason),
            closed_at = CASE WHEN $9 THEN now() ELSE closed_at END
      WHERE id = $1`,
    [
      id,
      change.status,
      change.responded ?? false,
      change.respondedBy ?? null,
      change.responseNote ?? null,
      change.declineReason ?? null,
      change.outcome ?? null,
      change.withdrawReason ?? null,
      change.closed ?? false,
    ],
  );
}

// ---- conferences ----

export type ConferenceRow = {
  id: string;
  caseId: string;
  caseTitle: string;
  scheduledAt: Date;
  agenda: string;
  participantAgencyIds: string[];
  minutes: string;
  decisions: { text: string; becomes: 'step' | 'task'; targetId: string }[];
  heldAt: Date | null;
};

const CONFERENCE_SELECT = `
  SELECT f.id, f.case_id AS "caseId", c.title AS "caseTitle", f.scheduled_at AS "scheduledAt", f.agenda,
         f.participant_agency_ids AS "participantAgencyIds", f.minutes, f.decisions, f.held_at AS "heldAt"
    FROM case_conference f JOIN integration_case c ON c.id = f.case_id`;

export async function insertConference(
  tx: Tx,
  f: {
    municipalityId: string;
    caseId: string;
    scheduledAt: string;
    agenda: string;
    participantAgencyIds: string[];
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO case_conference (municipality_id, case_id, scheduled_at, agenda, participant_agency_ids, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [f.municipalityId, f.caseId, f.scheduledAt, f.agenda, f.participantAgencyIds, f.createdBy],
  );
  return rows[0]!.id;
}

export async function getConference(tx: Tx, id: string): Promise<ConferenceRow | null> {
  const { rows } = await tx.query<ConferenceRow>(`${CONFERENCE_SELECT} WHERE f.id = $1 FOR UPDATE OF f`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function listConferences(
  tx: Tx,
  f: { caseId?: string; managerId?: string; planned: boolean },
): Promise<ConferenceRow[]> {
  const { rows } = await tx.query<ConferenceRow>(
    `${CONFERENCE_SELECT}
      WHERE ($1::uuid IS NULL OR f.case_id = $1) AND ($2::uuid IS NULL OR c.manager_id = $2)
        AND (NOT $3 OR (f.held_at IS NULL AND c.closed_at IS NULL))
      ORDER BY f.scheduled_at`,
    [f.caseId ?? null, f.managerId ?? null, f.planned],
  );
  return rows;
}

export async function recordMinutes(
  tx: Tx,
  id: string,
  minutes: string,
  decisions: ConferenceRow['decisions'],
): Promise<void> {
  await tx.query(
    `UPDATE case_conference SET minutes = $2, decisions = $3::jsonb, held_at = now() WHERE id = $1`,
    [id, minutes, JSON.stringify(decisions)],
  );
}

// ---- obstacles ----

export type ObstacleRow = { id: string; tag: string; note: string; notedAt: Date; notedBy: string };

export async function insertObstacle(
  tx: Tx,
  o: { municipalityId: string; caseId: string; tag: string; note: string; notedBy: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO case_obstacle (municipality_id, case_id, tag, note, noted_by) VALUES ($1, $2, $3, $4, $5)
     RETURNING id`,
    [o.municipalityId, o.caseId, o.tag, o.note, o.notedBy],
  );
  return rows[0]!.id;
}

export async function listObstacles(tx: Tx, caseId: string): Promise<ObstacleRow[]> {
  const { rows } = await tx.query<ObstacleRow>(
    `SELECT o.id, o.tag, o.note, o.noted_at AS "notedAt", s.display_name AS "notedBy"
       FROM case_obstacle o JOIN staff s ON s.id = o.noted_by WHERE o.case_id = $1 ORDER BY o.noted_at`,
    [caseId],
  );
  return rows;
}

/** Obstacles noted in a period, without anything that identifies the case or the person. */
export async function obstaclesBetween(
  tx: Tx,
  from: string,
  to: string,
): Promise<{ tag: string; note: string; notedOn: string; stageOfLife: string; caseKey: string }[]> {
  const { rows } = await tx.query<{
    tag: string;
    note: string;
    notedOn: string;
    stageOfLife: string;
    caseKey: string;
  }>(
    `SELECT o.tag, o.note, (o.noted_at AT TIME ZONE 'Europe/Berlin')::date::text AS "notedOn",
            c.stage_of_life AS "stageOfLife", md5(c.id::text) AS "caseKey"
       FROM case_obstacle o JOIN integration_case c ON c.id = o.case_id
      WHERE (o.noted_at AT TIME ZONE 'Europe/Berlin')::date BETWEEN $1::date AND $2::date
      ORDER BY o.noted_at`,
    [from, to],
  );
  return rows;
}

// ---- events ----

export async function insertEvent(
  tx: Tx,
  e: {
    municipalityId: string;
    caseId: string;
    kind: string;
    staffId: string | null;
    agencyId: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO case_event (municipality_id, case_id, kind, staff_id, agency_id, details)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [e.municipalityId, e.caseId, e.kind, e.staffId, e.agencyId, JSON.stringify(e.details ?? {})],
  );
}

export type EventRow = {
  caseId: string;
  kind: string;
  staffName: string | null;
  agencyName: string | null;
  details: Record<string, unknown>;
  at: Date;
};

export async function listEvents(tx: Tx, caseIds: string[]): Promise<EventRow[]> {
  if (caseIds.length === 0) return [];
  const { rows } = await tx.query<EventRow>(
    `SELECT e.case_id AS "caseId", e.kind, s.display_name AS "staffName", a.name AS "agencyName", e.details, e.at
       FROM case_event e LEFT JOIN staff s ON s.id = e.staff_id LEFT JOIN agency a ON a.id = e.agency_id
      WHERE e.case_id = ANY($1::uuid[]) ORDER BY e.at DESC, e.id DESC`,
    [caseIds],
  );
  return rows;
}

// ---- views ----

/** Open cases with their managers (for the deadline run), of the municipality in scope. */
export async function openCases(tx: Tx): Promise<{ id: string; personId: string; managerId: string }[]> {
  const { rows } = await tx.query<{ id: string; personId: string; managerId: string }>(
    `SELECT id, person_id AS "personId", manager_id AS "managerId" FROM integration_case WHERE closed_at IS NULL`,
  );
  return rows;
}

/** Municipalities with open cases (system scope: the deadline job runs for each). */
export async function municipalitiesWithOpenCases(tx: Tx): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT DISTINCT municipality_id AS id FROM integration_case WHERE closed_at IS NULL`,
  );
  return rows.map((r) => r.id);
}

export type CaseloadRow = {
  managerId: string;
  managerName: string;
  phase: string;
  cases: number;
  overdueSteps: number;
  openTasks: number;
  openReferrals: number;
};

/** Open cases of an agency per manager and phase, with overdue steps, open tasks and open referrals. */
export async function caseload(tx: Tx, agencyId: string, today: string): Promise<CaseloadRow[]> {
  const { rows } = await tx.query<CaseloadRow>(
    `SELECT c.manager_id AS "managerId", s.display_name AS "managerName", c.phase, count(*)::int AS cases,
            sum((SELECT count(*) FROM case_step x WHERE x.case_id = c.id AND x.status IN ('open', 'in_progress')
                   AND x.due_on < $2::date))::int AS "overdueSteps",
            sum((SELECT count(*) FROM case_task t WHERE t.case_id = c.id AND t.done_at IS NULL))::int AS "openTasks",
            sum((SELECT count(*) FROM case_referral r WHERE r.case_id = c.id
                   AND r.status IN ('sent', 'accepted')))::int AS "openReferrals"
       FROM integration_case c JOIN staff s ON s.id = c.manager_id
      WHERE c.agency_id = $1 AND c.closed_at IS NULL
      GROUP BY c.manager_id, s.display_name, c.phase
      ORDER BY s.display_name, c.phase`,
    [agencyId, today],
  );
  return rows;
}

/** A surviving person by exact Latin names (demo seeding only). */
export async function findPersonByName(
  tx: Tx,
  givenNames: string,
  familyName: string,
): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM person WHERE given_names = $1 AND family_name = $2 AND id = root_id ORDER BY created_at LIMIT 1`,
    [givenNames, familyName],
  );
  return rows[0]?.id ?? null;
}

// ---- erasure ----

/**
 * Empties the free texts of the cases of the given person records (erasure, anonymisation): the case title (the
 * marker instead) and agreement note, assessment texts, goal, step and task titles (and a task's parameters),
 * everything written in referrals, conference agendas, minutes and decision texts, obstacle notes, and the texts
 * of the case's events. Keeps the skeleton: phases, dates, agencies, statuses, obstacle tags. Returns what it
 * emptied (rows that held no text are left alone and not returned).
 */
export async function forgetCaseTexts(
  tx: Tx,
  personIds: string[],
  marker: string,
): Promise<{ kind: string; id: string }[]> {
  const { rows: cases } = await tx.query<{ id: string }>(
    `UPDATE integration_case SET title = $2, plan_agreement_note = ''
      WHERE person_id = ANY($1::uuid[]) AND (title <> $2 OR plan_agreement_note <> '') RETURNING id`,
    [personIds, marker],
  );
  const { rows: all } = await tx.query<{ id: string }>(
    `SELECT id FROM integration_case WHERE person_id = ANY($1::uuid[])`,
    [personIds],
  );
  const caseIds = all.map((c) => c.id);
  const out = cases.map((c) => ({ kind: 'case', id: c.id }));
  if (caseIds.length === 0) return out;
  const emptied = async (kind: string, sql: string) => {
    const { rows } = await tx.query<{ id: string }>(sql, [caseIds]);
    out.push(...rows.map((r) => ({ kind, id: String(r.id) })));
  };
  await emptied(
    'assessment',
    `UPDATE case_assessment SET situation = '', goal = ''
      WHERE case_id = ANY($1::uuid[]) AND (situation <> '' OR goal <> '')
      RETURNING case_id || ':' || area AS id`,
  );
  await emptied(
    'goal',
    `UPDATE case_goal SET title = '' WHERE case_id = ANY($1::uuid[]) AND title <> '' RETURNING id`,
  );
  await emptied(
    'step',
    `UPDATE case_step SET title = '', updated_at = now()
      WHERE case_id = ANY($1::uuid[]) AND title <> '' RETURNING id`,
  );
  await emptied(
    'task',
    `UPDATE case_task SET title = '', params = '{}'
      WHERE case_id = ANY($1::uuid[]) AND (title <> '' OR params <> '{}') RETURNING id`,
  );
  await emptied(
    'referral',
    `UPDATE case_referral SET need = '', handover_note = '', response_note = '', decline_reason = '', outcome = '',
            withdraw_reason = ''
      WHERE case_id = ANY($1::uuid[])
        AND (need || handover_note || response_note || decline_reason || outcome || withdraw_reason) <> ''
      RETURNING id`,
  );
  await emptied(
    'conference',
    `UPDATE case_conference
        SET agenda = '', minutes = '',
            decisions = (SELECT coalesce(jsonb_agg(d.value || '{"text": ""}'::jsonb ORDER BY d.n), '[]'::jsonb)
                           FROM jsonb_array_elements(decisions) WITH ORDINALITY AS d(value, n))
      WHERE case_id = ANY($1::uuid[])
        AND (agenda <> '' OR minutes <> '' OR jsonb_path_exists(decisions, '$[*] ? (@.text != "")'))
      RETURNING id`,
  );
  await emptied(
    'obstacle',
    `UPDATE case_obstacle SET note = '' WHERE case_id = ANY($1::uuid[]) AND note <> '' RETURNING id`,
  );
  await emptied('event', `SELECT forget_case_event_texts($1::uuid[]) AS id`);
  return out;
}
