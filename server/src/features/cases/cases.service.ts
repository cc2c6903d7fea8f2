import {
  ANONYMISED_NAME,
  type AssessmentInput,
  type Case,
  type CaseInput,
  type Caseload,
  type CaseManagerOption,
  type CaseSettings,
  type CaseSummary,
  type CaseTask,
  type CaseTeamInput,
  type Conference,
  type ConferenceInput,
  defaultCasePhases,
  defaultObstacleTags,
  type GoalInput,
  type MinutesInput,
  type ObstacleInput,
  type ObstacleReport,
  type PersonSummary,
  type PhaseInput,
  type PlanStep,
  type Purpose,
  type Referral,
  type ReferralInput,
  type RequiredConsent,
  type Role,
  type StageOfLife,
  type StepInput,
  suggestedLifeAreas,
  type TaskInput,
  type Worklist,
} from '@lotse/common';
import type { Database, Tx } from '../../db/database';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { type Actor, requireRole } from '../auth/actor';
import { listExpiringResidence, personSummaries, showPerson } from '../persons/persons.service';
import { todayInGermany } from '../persons/persons.dates';
import * as repo from './cases.repo';

/**
 * Case management (issue 6). A case belongs to the agency of its case manager; that agency's case managers and
 * leads change it, participating agencies read it. Persons are shown only through the persons service (the access
 * function) for the purpose `case_management`. A referral needs a consent in force that names the sending agency,
 * the receiver, the purpose and every category it shares; the receiver sees the referral and, through the access
 * function, only what that consent names. See README.md.
 */

const CHANGERS: Role[] = ['case_manager', 'agency_lead'];
const READERS: Role[] = ['case_manager', 'agency_lead', 'caseworker'];
const RECEIVERS: Role[] = ['partner_staff', 'caseworker', 'case_manager', 'agency_lead'];
const STRATEGIC: Role[] = ['municipal_admin', 'agency_lead', 'state_reporter'];
const PURPOSE: Purpose = 'case_management';
const DAY = 86_400_000;

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const invalid = (field: string, problem: string) =>
  new AppError('VALIDATION_FAILED', `${field} ${problem}.`, { [field]: problem });
const closedConflict = () =>
  new AppError('CONFLICT', 'The case is closed; a closed case cannot be changed.', {
    id: 'the case is closed',
  });

// ---------------------------------------------------------------------------------------------------------------
// Settings

const DEFAULT_SETTINGS: CaseSettings = {
  phases: [...defaultCasePhases],
  residenceExpiryWeeks: 8,
  courseEndWeeks: 4,
  obstacleTags: [...defaultObstacleTags],
};

async function settingsOf(tx: Tx): Promise<CaseSettings> {
  return (await repo.getSettings(tx)) ?? DEFAULT_SETTINGS;
}

/** The municipality's case settings (the defaults until an administrator saves others). */
export async function getSettings(db: Database, actor: Actor): Promise<CaseSettings> {
  return db.tenant(actor.municipalityId, settingsOf);
}

/** Saves the phases, deadline horizons and obstacle vocabulary (administrator). Open cases keep their phase. */
export async function saveSettings(db: Database, actor: Actor, input: CaseSettings): Promise<CaseSettings> {
  requireRole(actor, 'municipal_admin');
  return db.tenant(actor.municipalityId, async (tx) => {
    await repo.saveSettings(tx, actor.municipalityId, input);
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: { staffId: actor.staffId, agencyId: actor.agencyId },
      action: 'case_settings.save',
      subjectType: 'case_settings',
      subjectId: actor.municipalityId,
      requestId: actor.requestId,
      details: { ...input },
    });
    return settingsOf(tx);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Access to a case

type Mode = 'read' | 'change';

async function audit(tx: Tx, actor: Actor, action: string, caseId: string, details: object = {}) {
  await recordAudit(tx, {
    municipalityId: actor.municipalityId,
    actor: { staffId: actor.staffId, agencyId: actor.agencyId },
    action,
    subjectType: 'case',
    subjectId: caseId,
    requestId: actor.requestId,
    details: { ...details },
  });
}

async function event(
  tx: Tx,
  actor: Actor,
  caseId: string,
  kind: string,
  details: Record<string, unknown> = {},
) {
  await repo.insertEvent(tx, {
    municipalityId: actor.municipalityId,
    caseId,
    kind,
    staffId: actor.staffId,
    agencyId: actor.agencyId,
    details,
  });
}

const mayRead = (actor: Actor, c: repo.CaseRow) =>
  actor.roles.some((r) => READERS.includes(r)) &&
  (c.agencyId === actor.agencyId || c.participatingAgencyIds.includes(actor.agencyId));
const mayChange = (actor: Actor, c: repo.CaseRow) =>
  actor.roles.some((r) => CHANGERS.includes(r)) && c.agencyId === actor.agencyId && !c.closedAt;

/**
 * The case for reading (its agency or a participating agency) or changing (its agency's case managers and leads,
 * and open): NOT_FOUND, NOT_PERMITTED (another agency's case, audited) or CONFLICT (closed).
 */
async function loadCase(tx: Tx, actor: Actor, id: string, mode: Mode): Promise<repo.CaseRow> {
  const c = await repo.getCase(tx, id, todayInGermany(), mode === 'change');
  if (!c) throw new AppError('NOT_FOUND', 'No such case.');
  const allowed =
    mode === 'read'
      ? mayRead(actor, c)
      : actor.roles.some((r) => CHANGERS.includes(r)) && c.agencyId === actor.agencyId;
  if (!allowed) {
    const error = new AppError(
      'NOT_PERMITTED',
      mode === 'read'
        ? 'This case belongs to another agency, and yours does not take part in it.'
        : "Only the case managers and leads of the case's agency may change it.",
    );
    error.afterRollback = (t) => audit(t, actor, `case.${mode}.denied`, id);
    throw error;
  }
  if (mode === 'change' && c.closedAt) throw closedConflict();
  return c;
}

// ---------------------------------------------------------------------------------------------------------------
// Presenting

type Agencies = Map<string, repo.AgencyRow>;
const agencyMap = async (tx: Tx): Promise<Agencies> =>
  new Map((await repo.listAgencies(tx)).map((a) => [a.id, a]));
const ref = (agencies: Agencies, id: string) => ({ id, name: agencies.get(id)?.name ?? '' });

/** What the caller may see of persons, by id (the access function; one audit entry per list or person). */
async function shownPersons(
  tx: Tx,
  actor: Actor,
  ids: string[],
  details: Record<string, unknown>,
  purpose: Purpose = PURPOSE,
): Promise<Map<string, PersonSummary>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const shown = await personSummaries(tx, actor, unique, {
    action: unique.length === 1 ? 'read' : 'search',
    purpose,
    details,
  });
  return new Map(shown.map((p) => [p.id as string, p]));
}

const toSummary = (c: repo.CaseRow, person: PersonSummary | null): CaseSummary => ({
  id: c.id,
  title: c.title,
  phase: c.phase,
  stageOfLife: c.stageOfLife as StageOfLife,
  personId: c.personId as CaseSummary['personId'],
  person,
  manager: { id: c.managerId, name: c.managerName },
  agency: { id: c.agencyId, name: c.agencyName },
  openedAt: iso(c.openedAt),
  closedAt: isoOrNull(c.closedAt),
  overdueSteps: c.overdueSteps,
});

const toStep = (s: repo.StepRow, today: string): PlanStep => ({
  id: s.id,
  goalId: s.goalId,
  title: s.title,
  kind: s.kind,
  agency: s.agencyId ? { id: s.agencyId, name: s.agencyName ?? '' } : null,
  dueOn: s.dueOn,
  status: s.status,
  overdue: (s.status === 'open' || s.status === 'in_progress') && !!s.dueOn && s.dueOn < today,
  source: s.source,
});

const toTask = (t: repo.TaskRow, today: string): CaseTask => ({
  id: t.id,
  caseId: t.caseId,
  caseTitle: t.caseTitle,
  title: t.title,
  params: t.params ?? {},
  dueOn: t.dueOn,
  assignee: { id: t.assigneeId, name: t.assigneeName },
  source: t.source as CaseTask['source'],
  doneAt: isoOrNull(t.doneAt),
  overdue: !t.doneAt && !!t.dueOn && t.dueOn < today,
});

const toReferral = (r: repo.ReferralRow, person: PersonSummary | null, today: string): Referral => ({
  id: r.id,
  caseId: r.caseId,
  personId: r.personId as Referral['personId'],
  person,
  from: { agency: { id: r.fromAgencyId, name: r.fromAgencyName }, staffName: r.fromStaffName },
  to: { id: r.toAgencyId, name: r.toAgencyName, kind: r.toAgencyKind },
  need: r.need,
  handoverNote: r.handoverNote,
  categories: r.categories as Referral['categories'],
  purpose: r.purpose as Purpose,
  dueOn: r.dueOn,
  status: r.status,
  sentAt: iso(r.sentAt),
  respondedAt: isoOrNull(r.respondedAt),
  responseHours: r.respondedAt
    ? Math.round((r.respondedAt.getTime() - r.sentAt.getTime()) / 360_000) / 10
    : null,
  responseNote: r.responseNote,
  declineReason: r.declineReason,
  outcome: r.outcome,
  withdrawReason: r.withdrawReason,
  closedAt: isoOrNull(r.closedAt),
  overdue: (r.status === 'sent' || r.status === 'accepted') && r.dueOn < today,
});

const toConference = (f: repo.ConferenceRow, agencies: Agencies): Conference => ({
  id: f.id,
  caseId: f.caseId,
  caseTitle: f.caseTitle,
  scheduledAt: iso(f.scheduledAt),
  agenda: f.agenda,
  participants: f.participantAgencyIds.map((id) => ref(agencies, id)),
  minutes: f.minutes,
  heldAt: isoOrNull(f.heldAt),
  decisions: f.decisions,
});

async function presentCase(tx: Tx, actor: Actor, c: repo.CaseRow, settings: CaseSettings): Promise<Case> {
  const today = todayInGermany();
  const agencies = await agencyMap(tx);
  const person = (await shownPersons(tx, actor, [c.personId], { caseId: c.id })).get(c.personId) ?? null;
  const steps = await repo.listSteps(tx, c.id);
  const goals = (await repo.listGoals(tx, c.id)).map((g) => ({
    id: g.id,
    title: g.title,
    area: g.area as Case['goals'][number]['area'],
    steps: steps.filter((s) => s.goalId === g.id).map((s) => toStep(s, today)),
  }));
  const assessment = await repo.listAssessment(tx, c.id);
  return {
    ...toSummary(c, person),
    householdId: c.householdId,
    participatingAgencies: c.participatingAgencyIds.map((id) => ref(agencies, id)),
    closingReason: c.closingReason as Case['closingReason'],
    phases: settings.phases,
    suggestedAreas: [...suggestedLifeAreas[c.stageOfLife as StageOfLife]],
    assessment: assessment.map((a) => ({
      ...a,
      need: a.need as Case['assessment'][number]['need'],
    })) as Case['assessment'],
    goals,
    agreement: c.planAgreedAt
      ? { agreedAt: iso(c.planAgreedAt), note: c.planAgreementNote, recordedBy: c.planAgreementByName ?? '' }
      : null,
    tasks: (await repo.listTasksOfCase(tx, c.id)).map((t) => toTask(t, today)),
    referrals: (await repo.listReferrals(tx, { caseId: c.id, open: false })).map((r) =>
      toReferral(r, person, today),
    ),
    conferences: (await repo.listConferences(tx, { caseId: c.id, planned: false })).map((f) =>
      toConference(f, agencies),
    ),
    obstacles: (await repo.listObstacles(tx, c.id)).map((o) => ({ ...o, notedAt: iso(o.notedAt) })),
    events: (await repo.listEvents(tx, [c.id])).map((e) => ({
      at: iso(e.at),
      kind: e.kind,
      staffName: e.staffName,
      details: e.details,
    })),
    mayChange: mayChange(actor, c),
  };
}

async function caseView(tx: Tx, actor: Actor, id: string): Promise<Case> {
  const c = await loadCase(tx, actor, id, 'read');
  return presentCase(tx, actor, c, await settingsOf(tx));
}

// ---------------------------------------------------------------------------------------------------------------
// Cases

async function checkAgencies(tx: Tx, ids: string[], field: string): Promise<Agencies> {
  const agencies = await agencyMap(tx);
  ids.forEach((id, i) => {
    if (!agencies.get(id)?.active) throw invalid(`${field}.${i}`, 'is not an active agency or partner');
  });
  return agencies;
}

/** An active case manager or agency lead of an active agency or partner, or VALIDATION_FAILED on the field. */
async function checkManager(tx: Tx, managerId: string, field = 'managerId'): Promise<repo.StaffRow> {
  const manager = (await repo.getStaff(tx, [managerId])).get(managerId);
  if (
    !manager?.active ||
    !manager.roles.some((r) => CHANGERS.includes(r as Role)) ||
    !(await agencyMap(tx)).get(manager.agencyId)?.active
  )
    throw invalid(field, 'is not an active case manager of an agency or partner');
  return manager;
}

/** Who may be made responsible for a case: case managers and leads of every agency and partner. */
export async function managerOptions(db: Database, actor: Actor): Promise<CaseManagerOption[]> {
  requireRole(actor, ...CHANGERS);
  return db.tenant(actor.municipalityId, async (tx) =>
    (await repo.managerCandidates(tx, CHANGERS)).map((s) => ({
      id: s.id as CaseManagerOption['id'],
      name: s.name,
      agency: { id: s.agencyId, name: s.agencyName, kind: s.agencyKind },
    })),
  );
}

/**
 * Opens a case for a person (or a household through its main person) with a responsible case manager of any agency
 * or partner (the case belongs to the manager's agency; the caller's agency takes part). The caller must see the
 * person (the access function decides, for case management).
 */
export async function openCase(db: Database, actor: Actor, input: CaseInput): Promise<Case> {
  requireRole(actor, ...CHANGERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    const settings = await settingsOf(tx);
    const person = await showPerson(tx, actor, input.personId, 'read', PURPOSE, { view: 'case_open' });
    if (input.householdId && !(await repo.isHouseholdMember(tx, input.householdId, person.id)))
      throw invalid('householdId', 'is not a household the person belongs to');
    const managerId = input.managerId ?? actor.staffId;
    const manager = await checkManager(tx, managerId);
    await checkAgencies(tx, input.participatingAgencyIds, 'participatingAgencyIds');
    // A manager of another agency (e.g. a welfare association): the case is theirs, the caller's agency takes part.
    const participating = [...input.participatingAgencyIds, actor.agencyId];
    const id = await repo.insertCase(tx, {
      municipalityId: actor.municipalityId,
      personId: person.id,
      householdId: input.householdId,
      title: input.title,
      stageOfLife: input.stageOfLife,
      agencyId: manager.agencyId,
      managerId,
      participatingAgencyIds: [...new Set(participating)].filter((a) => a !== manager.agencyId),
      phase: settings.phases[0]!,
    });
    await event(tx, actor, id, 'opened', { managerId, phase: settings.phases[0] });
    await audit(tx, actor, 'case.open', id, {
      personId: person.id,
      managerId,
      agencyId: manager.agencyId,
      ...(input.householdId ? { householdId: input.householdId } : {}),
    });
    return presentCase(tx, actor, (await repo.getCase(tx, id, todayInGermany()))!, settings);
  });
}

/**
 * Changes the responsible case manager and the participating agencies (the case's agency's case managers and
 * leads). A manager of another agency or partner hands the case over: it then belongs to their agency, and the
 * agency it leaves takes part, so that the case does not disappear for those who handed it over. Audited as
 * `case.team`; a closed case refuses (CONFLICT).
 */
export async function changeTeam(
  db: Database,
  actor: Actor,
  id: string,
  input: CaseTeamInput,
): Promise<Case> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const c = await loadCase(tx, actor, id, 'change');
    const manager = await checkManager(tx, input.managerId);
    await checkAgencies(tx, input.participatingAgencyIds, 'participatingAgencyIds');
    const handedOver = manager.agencyId !== c.agencyId;
    const participating = [
      ...new Set([...input.participatingAgencyIds, ...(handedOver ? [c.agencyId] : [])]),
    ].filter((a) => a !== manager.agencyId);
    await repo.setTeam(tx, id, {
      managerId: manager.id,
      agencyId: manager.agencyId,
      participatingAgencyIds: participating,
    });
    const change = {
      fromManagerId: c.managerId,
      toManagerId: manager.id,
      fromAgencyId: c.agencyId,
      toAgencyId: manager.agencyId,
      participatingAgencyIds: participating,
    };
    await event(tx, actor, id, 'team', change);
    await audit(tx, actor, 'case.team', id, change);
    return caseView(tx, actor, id);
  });
}

/** A case with its assessment, plan, tasks, referrals, conferences, obstacles and events. */
export async function getCase(db: Database, actor: Actor, id: string): Promise<Case> {
  return db.tenant(actor.municipalityId, (tx) => caseView(tx, actor, id));
}

/** The caller's cases, or those of the caller's agency (and those it takes part in). */
export async function listCases(
  db: Database,
  actor: Actor,
  q: { scope: 'mine' | 'agency'; closed: boolean },
): Promise<CaseSummary[]> {
  requireRole(actor, ...READERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    const rows = await repo.listCases(
      tx,
      q.scope === 'mine'
        ? { managerId: actor.staffId, closed: q.closed }
        : { agencyId: actor.agencyId, closed: q.closed },
      todayInGermany(),
    );
    const persons = await shownPersons(
      tx,
      actor,
      rows.map((r) => r.personId),
      { list: 'cases' },
    );
    return rows.map((r) => toSummary(r, persons.get(r.personId) ?? null));
  });
}

/**
 * Moves a case to a phase of the municipality's list. The last phase closes the case and needs the reason; closing
 * withdraws referrals nobody answered yet (accepted ones stay, so that the receiver can still report back).
 */
export async function changePhase(db: Database, actor: Actor, id: string, input: PhaseInput): Promise<Case> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const c = await loadCase(tx, actor, id, 'change');
    const settings = await settingsOf(tx);
    if (!settings.phases.includes(input.phase))
      throw invalid('phase', `is not a phase of this municipality (${settings.phases.join(', ')})`);
    const closing = input.phase === settings.phases[settings.phases.length - 1];
    if (closing && !input.closingReason) throw invalid('closingReason', 'must say why the case is closed');
    await repo.setPhase(tx, id, input.phase, closing ? { reason: input.closingReason! } : null);
    if (closing)
      for (const r of await repo.listReferrals(tx, { caseId: id, open: true }))
        if (r.status === 'sent') {
          await repo.updateReferral(tx, r.id, {
            status: 'withdrawn',
            withdrawReason: 'case closed',
            closed: true,
          });
          await event(tx, actor, id, 'referral.withdrawn', { referralId: r.id, reason: 'case closed' });
        }
    await event(tx, actor, id, closing ? 'closed' : 'phase', {
      from: c.phase,
      to: input.phase,
      ...(closing ? { closingReason: input.closingReason } : {}),
      ...(input.note ? { note: input.note } : {}),
    });
    await audit(tx, actor, closing ? 'case.close' : 'case.phase', id, {
      from: c.phase,
      to: input.phase,
      ...(closing ? { closingReason: input.closingReason } : {}),
    });
    return caseView(tx, actor, id);
  });
}

/** Records the assessment of life areas (situation, the person's own goal, the need); replaces areas named again. */
export async function assess(db: Database, actor: Actor, id: string, input: AssessmentInput): Promise<Case> {
  return db.tenant(actor.municipalityId, async (tx) => {
    await loadCase(tx, actor, id, 'change');
    const seen = new Set<string>();
    input.entries.forEach((e, i) => {
      if (seen.has(e.area)) throw invalid(`entries.${i}.area`, 'is assessed twice');
      seen.add(e.area);
    });
    for (const e of input.entries)
      await repo.upsertAssessment(tx, actor.municipalityId, id, actor.staffId, e);
    await event(tx, actor, id, 'assessment', { areas: [...seen] });
    await audit(tx, actor, 'case.assess', id, { areas: [...seen] });
    return caseView(tx, actor, id);
  });
}

/** Adds a goal to the integration plan. */
export async function addGoal(db: Database, actor: Actor, id: string, input: GoalInput): Promise<Case> {
  return db.tenant(actor.municipalityId, async (tx) => {
    await loadCase(tx, actor, id, 'change');
    const goalId = await repo.insertGoal(tx, { municipalityId: actor.municipalityId, caseId: id, ...input });
    await event(tx, actor, id, 'goal', { goalId, title: input.title, area: input.area });
    await audit(tx, actor, 'case.goal.add', id, { goalId });
    return caseView(tx, actor, id);
  });
}

async function insertStep(
  tx: Tx,
  actor: Actor,
  caseId: string,
  goalId: string,
  input: StepInput,
  source: 'plan' | 'conference',
  field = '',
): Promise<string> {
  if (!(await repo.listGoals(tx, caseId)).some((g) => g.id === goalId))
    throw field
      ? invalid(`${field}goalId`, 'is not a goal of this case')
      : new AppError('NOT_FOUND', 'No such goal.');
  if (input.agencyId && !(await agencyMap(tx)).get(input.agencyId)?.active)
    throw invalid(`${field}agencyId`, 'is not an active agency or partner');
  if (input.kind === 'integration_course' && !input.dueOn)
    throw invalid(`${field}dueOn`, 'must be the day the integration course ends');
  const stepId = await repo.insertStep(tx, {
    municipalityId: actor.municipalityId,
    caseId,
    goalId,
    title: input.title,
    kind: input.kind,
    agencyId: input.agencyId,
    dueOn: input.dueOn,
    source,
  });
  await event(tx, actor, caseId, 'step', { stepId, title: input.title, dueOn: input.dueOn, source });
  return stepId;
}

/** Adds a step to a goal: the responsible agency or partner, the due date; an integration course ends on it. */
export async function addStep(
  db: Database,
  actor: Actor,
  id: string,
  goalId: string,
  input: StepInput,
): Promise<Case> {
  return db.tenant(actor.municipalityId, async (tx) => {
    await loadCase(tx, actor, id, 'change');
    const stepId = await insertStep(tx, actor, id, goalId, input, 'plan');
    await audit(tx, actor, 'case.step.add', id, { stepId });
    return caseView(tx, actor, id);
  });
}

/** Sets the status of a step (the case's agency, or the agency responsible for the step). */
export async function setStepStatus(
  db: Database,
  actor: Actor,
  id: string,
  stepId: string,
  status: PlanStep['status'],
): Promise<Case> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const c = await loadCase(tx, actor, id, 'read');
    const step = await repo.getStep(tx, stepId);
    if (!step || step.caseId !== id) throw new AppError('NOT_FOUND', 'No such step.');
    if (!mayChange(actor, c) && !(step.agencyId === actor.agencyId && !c.closedAt)) {
      if (c.closedAt) throw closedConflict();
      throw new AppError(
        'NOT_PERMITTED',
        'Only the case’s agency or the agency responsible for the step may set it.',
      );
    }
    await repo.setStepStatus(tx, stepId, status);
    await event(tx, actor, id, 'step.status', { stepId, from: step.status, to: status });
    await audit(tx, actor, 'case.step.status', id, { stepId, status });
    return caseView(tx, actor, id);
  });
}

/** Records the person's agreement to the plan (how it was given). */
export async function recordAgreement(db: Database, actor: Actor, id: string, note: string): Promise<Case> {
  return db.tenant(actor.municipalityId, async (tx) => {
    await loadCase(tx, actor, id, 'change');
    if ((await repo.listGoals(tx, id)).length === 0)
      throw new AppError('CONFLICT', 'The plan has no goals yet; add a goal before recording the agreement.');
    await repo.setAgreement(tx, id, actor.staffId, note);
    await event(tx, actor, id, 'agreement', { note });
    await audit(tx, actor, 'case.agreement', id);
    return caseView(tx, actor, id);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Tasks

async function checkAssignee(tx: Tx, actor: Actor, assigneeId: string, field: string) {
  const s = (await repo.getStaff(tx, [assigneeId])).get(assigneeId);
  if (!s?.active) throw invalid(field, 'is not an active staff member of this municipality');
}

/** Adds a task (a reminder) to a case, for the case manager or another staff member. */
export async function addTask(db: Database, actor: Actor, id: string, input: TaskInput): Promise<Case> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const c = await loadCase(tx, actor, id, 'change');
    const assigneeId = input.assigneeId ?? c.managerId;
    await checkAssignee(tx, actor, assigneeId, 'assigneeId');
    const taskId = await repo.insertTask(tx, {
      municipalityId: actor.municipalityId,
      caseId: id,
      assigneeId,
      title: input.title,
      dueOn: input.dueOn,
      source: 'manual',
      sourceKey: null,
    });
    await event(tx, actor, id, 'task', { taskId, title: input.title });
    return caseView(tx, actor, id);
  });
}

/** Marks a task done (its assignee, or a case manager of the case's agency). */
export async function completeTask(db: Database, actor: Actor, taskId: string): Promise<CaseTask> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const task = await repo.getTask(tx, taskId);
    if (!task) throw new AppError('NOT_FOUND', 'No such task.');
    if (task.assigneeId !== actor.staffId) await loadCase(tx, actor, task.caseId, 'change');
    if (task.doneAt) throw new AppError('CONFLICT', 'The task is done already.');
    await repo.completeTask(tx, taskId);
    await event(tx, actor, task.caseId, 'task.done', { taskId });
    return toTask((await repo.getTask(tx, taskId))!, todayInGermany());
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Referrals

/**
 * Refers a need of the case to an agency or partner, with a hand-over note and a due date. Only where a consent in
 * force covers the disclosure from the caller's agency to the receiver, for the purpose and every category the
 * referral shares: otherwise CONSENT_REQUIRED naming it (a consent can be recorded on the spot, then sent again).
 * The transfer is audited on the person.
 */
export async function refer(db: Database, actor: Actor, id: string, input: ReferralInput): Promise<Referral> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const c = await loadCase(tx, actor, id, 'change');
    const today = todayInGermany();
    const receiver = (await agencyMap(tx)).get(input.toAgencyId);
    if (!receiver?.active) throw invalid('toAgencyId', 'is not an active agency or partner');
    if (receiver.id === actor.agencyId) throw invalid('toAgencyId', 'is your own agency');
    if (input.dueOn < today) throw invalid('dueOn', 'must not be in the past');
    const categories = [...new Set(input.categories)];
    const consentId = await repo.consentCovering(
      tx,
      {
        personId: c.personId,
        fromAgencyId: actor.agencyId,
        toAgencyId: receiver.id,
        purpose: input.purpose,
        categories,
      },
      today,
    );
    if (!consentId) {
      const required: RequiredConsent = {
        receivingAgencyId: receiver.id as RequiredConsent['receivingAgencyId'],
        categories,
        purpose: input.purpose,
      };
      const error = new AppError(
        'CONSENT_REQUIRED',
        `Referring to ${receiver.name} needs the person's consent in force for your agency to disclose ` +
          `${categories.join(', ')} to it for the purpose "${input.purpose}". Record the consent, then send again.`,
        { toAgencyId: 'no consent in force covers this disclosure' },
        { requiredConsent: required },
      );
      error.afterRollback = (t) =>
        recordAudit(t, {
          municipalityId: actor.municipalityId,
          actor: { staffId: actor.staffId, agencyId: actor.agencyId },
          action: 'referral.send.denied',
          subjectType: 'person',
          subjectId: c.personId,
          purpose: input.purpose,
          requestId: actor.requestId,
          details: { caseId: id, toAgencyId: receiver.id, categories },
        });
      throw error;
    }
    const referralId = await repo.insertReferral(tx, {
      municipalityId: actor.municipalityId,
      caseId: id,
      personId: c.personId,
      fromAgencyId: actor.agencyId,
      fromStaffId: actor.staffId,
      toAgencyId: receiver.id,
      need: input.need,
      handoverNote: input.handoverNote,
      categories,
      purpose: input.purpose,
      consentId,
      dueOn: input.dueOn,
    });
    await event(tx, actor, id, 'referral.sent', { referralId, toAgencyId: receiver.id, dueOn: input.dueOn });
    // The transfer of person data, on the person's record of accesses (who, to whom, what, why, on which consent).
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: { staffId: actor.staffId, agencyId: actor.agencyId },
      action: 'referral.send',
      subjectType: 'person',
      subjectId: c.personId,
      purpose: input.purpose,
      requestId: actor.requestId,
      details: { caseId: id, referralId, toAgencyId: receiver.id, categories, consentId },
    });
    return referralView(tx, actor, referralId);
  });
}

type Side = 'receiver' | 'sender';

/** The referral and the caller's side of it: the receiving agency, or the case's readers. Others: NOT_PERMITTED. */
async function loadReferral(tx: Tx, actor: Actor, id: string, lock = false) {
  const r = await repo.getReferral(tx, id, lock);
  if (!r) throw new AppError('NOT_FOUND', 'No such referral.');
  let side: Side | null = null;
  if (r.toAgencyId === actor.agencyId && actor.roles.some((x) => RECEIVERS.includes(x))) side = 'receiver';
  else {
    const c = await repo.getCase(tx, r.caseId, todayInGermany());
    if (c && mayRead(actor, c)) side = 'sender';
  }
  if (!side) {
    const error = new AppError(
      'NOT_PERMITTED',
      'This referral is addressed to another agency or partner, and your agency does not take part in its case.',
    );
    error.afterRollback = (t) =>
      recordAudit(t, {
        municipalityId: actor.municipalityId,
        actor: { staffId: actor.staffId, agencyId: actor.agencyId },
        action: 'referral.read.denied',
        subjectType: 'referral',
        subjectId: id,
        requestId: actor.requestId,
        details: {},
      });
    throw error;
  }
  return { r, side };
}

async function presentReferrals(
  tx: Tx,
  actor: Actor,
  rows: repo.ReferralRow[],
  side: Side,
): Promise<Referral[]> {
  const today = todayInGermany();
  const out: Referral[] = [];
  // Per purpose, so that the access function decides each person for the purpose its referral was sent for.
  const byPurpose = new Map<string, string[]>();
  for (const r of rows) byPurpose.set(r.purpose, [...(byPurpose.get(r.purpose) ?? []), r.personId]);
  const persons = new Map<string, Map<string, PersonSummary>>();
  for (const [purpose, ids] of byPurpose)
    persons.set(purpose, await shownPersons(tx, actor, ids, { view: 'referrals' }, purpose as Purpose));
  for (const r of rows) {
    let row = r;
    // A receiver sees the need and the note only while a consent still covers them (a revocation stops it).
    if (side === 'receiver') {
      const covered = await repo.consentCovering(
        tx,
        {
          personId: r.personId,
          fromAgencyId: r.fromAgencyId,
          toAgencyId: r.toAgencyId,
          purpose: r.purpose,
          categories: r.categories,
        },
        today,
      );
      if (!covered) row = { ...r, need: '', handoverNote: '' };
    }
    out.push(toReferral(row, persons.get(r.purpose)?.get(r.personId) ?? null, today));
  }
  return out;
}

async function referralView(tx: Tx, actor: Actor, id: string): Promise<Referral> {
  const { r, side } = await loadReferral(tx, actor, id);
  return (await presentReferrals(tx, actor, [r], side))[0]!;
}

/** A referral, for its receiver or the case's agencies. */
export async function getReferral(db: Database, actor: Actor, id: string): Promise<Referral> {
  return db.tenant(actor.municipalityId, (tx) => referralView(tx, actor, id));
}

/** Referrals addressed to the caller's agency (incoming) or sent by it (outgoing), newest first. */
export async function listReferrals(
  db: Database,
  actor: Actor,
  q: { box: 'incoming' | 'outgoing'; open: boolean },
): Promise<Referral[]> {
  requireRole(actor, ...RECEIVERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    const rows = await repo.listReferrals(
      tx,
      q.box === 'incoming'
        ? { toAgencyId: actor.agencyId, open: q.open }
        : { fromAgencyId: actor.agencyId, open: q.open },
    );
    return presentReferrals(tx, actor, rows, q.box === 'incoming' ? 'receiver' : 'sender');
  });
}

type Transition = 'accept' | 'decline' | 'done' | 'withdraw';
const FROM: Record<Transition, readonly Referral['status'][]> = {
  accept: ['sent'],
  decline: ['sent'],
  done: ['accepted'],
  withdraw: ['sent', 'accepted'],
};
const TO: Record<Transition, Referral['status']> = {
  accept: 'accepted',
  decline: 'declined',
  done: 'done',
  withdraw: 'withdrawn',
};

/**
 * A step of a referral: the receiver accepts or declines (with a reason) a sent referral and reports an accepted one
 * done; the sending agency withdraws it. Anyone else: NOT_PERMITTED; a wrong state or a closed case: CONFLICT.
 */
export async function moveReferral(
  db: Database,
  actor: Actor,
  id: string,
  step: Transition,
  text: string,
): Promise<Referral> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const { r, side } = await loadReferral(tx, actor, id, true);
    const needed: Side = step === 'withdraw' ? 'sender' : 'receiver';
    if (side !== needed || (step === 'withdraw' && !actor.roles.some((x) => CHANGERS.includes(x))))
      throw new AppError(
        'NOT_PERMITTED',
        step === 'withdraw'
          ? 'Only the case managers of the sending agency may withdraw a referral.'
          : 'Only the agency or partner the referral is addressed to may answer it.',
      );
    if (step === 'withdraw') await loadCase(tx, actor, r.caseId, 'change');
    else if (r.caseClosed && step !== 'done') throw closedConflict();
    if (!FROM[step].includes(r.status))
      throw new AppError('CONFLICT', `A referral that is ${r.status} cannot be ${TO[step]}.`, {
        status: `is ${r.status}`,
      });
    await repo.updateReferral(tx, id, {
      status: TO[step],
      ...(step === 'accept' || step === 'decline' ? { responded: true, respondedBy: actor.staffId } : {}),
      ...(step === 'accept' ? { responseNote: text } : {}),
      ...(step === 'decline' ? { declineReason: text } : {}),
      ...(step === 'done' ? { outcome: text } : {}),
      ...(step === 'withdraw' ? { withdrawReason: text } : {}),
      closed: step !== 'accept',
    });
    await event(tx, actor, r.caseId, `referral.${TO[step]}`, { referralId: id, ...(text ? { text } : {}) });
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: { staffId: actor.staffId, agencyId: actor.agencyId },
      action: `referral.${step}`,
      subjectType: 'referral',
      subjectId: id,
      requestId: actor.requestId,
      details: { caseId: r.caseId, from: r.status, to: TO[step] },
    });
    return referralView(tx, actor, id);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Conferences

/** Plans a case conference with its agenda and the agencies and partners taking part. */
export async function planConference(
  db: Database,
  actor: Actor,
  id: string,
  input: ConferenceInput,
): Promise<Conference> {
  return db.tenant(actor.municipalityId, async (tx) => {
    await loadCase(tx, actor, id, 'change');
    const agencies = await checkAgencies(tx, input.participantAgencyIds, 'participantAgencyIds');
    const conferenceId = await repo.insertConference(tx, {
      municipalityId: actor.municipalityId,
      caseId: id,
      scheduledAt: input.scheduledAt,
      agenda: input.agenda,
      participantAgencyIds: [...new Set(input.participantAgencyIds)],
      createdBy: actor.staffId,
    });
    await event(tx, actor, id, 'conference.planned', { conferenceId, scheduledAt: input.scheduledAt });
    await audit(tx, actor, 'case.conference.plan', id, { conferenceId });
    return toConference((await repo.getConference(tx, conferenceId))!, agencies);
  });
}

/** Records the minutes of a conference; each decision becomes a plan step or a task of the case. */
export async function recordMinutes(
  db: Database,
  actor: Actor,
  conferenceId: string,
  input: MinutesInput,
): Promise<Conference> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const f = await repo.getConference(tx, conferenceId);
    if (!f) throw new AppError('NOT_FOUND', 'No such conference.');
    const c = await loadCase(tx, actor, f.caseId, 'change');
    if (f.heldAt) throw new AppError('CONFLICT', 'The minutes of this conference are recorded already.');
    const decisions: repo.ConferenceRow['decisions'] = [];
    for (const [i, d] of input.decisions.entries()) {
      if (d.becomes === 'step') {
        if (!d.goalId) throw invalid(`decisions.${i}.goalId`, 'must name the goal the step belongs to');
        const stepId = await insertStep(
          tx,
          actor,
          c.id,
          d.goalId,
          { title: d.text, kind: 'step', agencyId: d.agencyId, dueOn: d.dueOn },
          'conference',
          `decisions.${i}.`,
        );
        decisions.push({ text: d.text, becomes: 'step', targetId: stepId });
      } else {
        const taskId = (await repo.insertTask(tx, {
          municipalityId: actor.municipalityId,
          caseId: c.id,
          assigneeId: c.managerId,
          title: d.text,
          dueOn: d.dueOn,
          source: 'conference',
          sourceKey: null,
        }))!;
        decisions.push({ text: d.text, becomes: 'task', targetId: taskId });
      }
    }
    await repo.recordMinutes(tx, conferenceId, input.minutes, decisions);
    await event(tx, actor, c.id, 'conference.held', { conferenceId, decisions: decisions.length });
    await audit(tx, actor, 'case.conference.minutes', c.id, { conferenceId, decisions: decisions.length });
    return toConference((await repo.getConference(tx, conferenceId))!, await agencyMap(tx));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Structural obstacles

/** Tags a structural obstacle noticed in the case (from the municipality's vocabulary), with an anonymised note. */
export async function addObstacle(
  db: Database,
  actor: Actor,
  id: string,
  input: ObstacleInput,
): Promise<Case> {
  return db.tenant(actor.municipalityId, async (tx) => {
    await loadCase(tx, actor, id, 'change');
    const settings = await settingsOf(tx);
    if (!settings.obstacleTags.includes(input.tag))
      throw invalid('tag', `is not in the municipality's list (${settings.obstacleTags.join(', ')})`);
    await repo.insertObstacle(tx, {
      municipalityId: actor.municipalityId,
      caseId: id,
      tag: input.tag,
      note: input.note,
      notedBy: actor.staffId,
    });
    await event(tx, actor, id, 'obstacle', { tag: input.tag });
    await audit(tx, actor, 'case.obstacle', id, { tag: input.tag });
    return caseView(tx, actor, id);
  });
}

const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * The strategic level's collection: obstacles per tag (and per quarter) in a period, with anonymised case examples
 * (tag, month, stage of life and the note; never a name, a case or a person id).
 */
export async function obstacleReport(
  db: Database,
  actor: Actor,
  q: { from?: string; to?: string },
): Promise<ObstacleReport> {
  requireRole(actor, ...STRATEGIC);
  const to = q.to ?? todayInGermany();
  const from = q.from ?? addDays(to, -365);
  if (from > to) throw invalid('from', 'must not be after to');
  return db.tenant(actor.municipalityId, async (tx) => {
    const rows = await repo.obstaclesBetween(tx, from, to);
    const counts = new Map<string, { count: number; cases: Set<string> }>();
    const quarters = new Map<string, number>();
    for (const r of rows) {
      const c = counts.get(r.tag) ?? { count: 0, cases: new Set<string>() };
      c.count += 1;
      c.cases.add(r.caseKey);
      counts.set(r.tag, c);
      const key = `${quarterOf(r.notedOn)}|${r.tag}`;
      quarters.set(key, (quarters.get(key) ?? 0) + 1);
    }
    return {
      from,
      to,
      counts: [...counts.entries()]
        .map(([tag, c]) => ({ tag, count: c.count, cases: c.cases.size }))
        .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
      byQuarter: [...quarters.entries()]
        .map(([k, count]) => {
          const [quarter, tag] = k.split('|') as [string, string];
          return { quarter, tag, count };
        })
        .sort((a, b) => a.quarter.localeCompare(b.quarter) || a.tag.localeCompare(b.tag)),
      examples: rows
        .filter((r) => r.note.trim() !== '')
        .map((r) => ({
          tag: r.tag,
          month: r.notedOn.slice(0, 7),
          stageOfLife: r.stageOfLife as StageOfLife,
          note: r.note,
        })),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Deadlines that arrive by themselves

/** The staff member a job acts for: the case manager, so that the access function decides what they may see. */
function managerActor(municipalityId: string, s: repo.StaffRow): Actor {
  return {
    staffId: s.id,
    municipalityId,
    agencyId: s.agencyId,
    roles: s.roles as Role[],
    authMethod: 'password',
    sessionIdHash: '',
    requestId: 'job:case-deadlines',
    purpose: PURPOSE,
  };
}

/**
 * Puts tasks on case managers' lists for deadlines: residence documents (title, Duldung, Fiktionsbescheinigung,
 * …) of a case's person ending within the configured weeks, integration course steps ending within the configured
 * weeks, and referrals unanswered past their due date. Idempotent: a deadline becomes a task once (a source key).
 * With `only`, just that staff member's cases (when their worklist opens). Returns the number of tasks created.
 */
export async function deriveDeadlines(db: Database, municipalityId: string, only?: Actor): Promise<number> {
  const today = todayInGermany();
  const plan = await db.tenant(municipalityId, async (tx) => {
    const settings = await settingsOf(tx);
    const cases = (await repo.openCases(tx)).filter((c) => !only || c.managerId === only.staffId);
    const staff = await repo.getStaff(tx, [...new Set(cases.map((c) => c.managerId))]);
    return { settings, cases, staff };
  });
  if (plan.cases.length === 0) return 0;
  // Residence documents, as each manager may see them (the access function decides and audits the list).
  const residence: {
    caseId: string;
    managerId: string;
    key: string;
    params: Record<string, string>;
    dueOn: string;
  }[] = [];
  for (const [managerId, s] of plan.staff) {
    if (!s.active) continue;
    const actor = only ? { ...only, purpose: PURPOSE } : managerActor(municipalityId, s);
    const expiring = await listExpiringResidence(db, actor, plan.settings.residenceExpiryWeeks);
    for (const c of plan.cases.filter((x) => x.managerId === managerId))
      for (const item of expiring.items.filter((i) => i.person.id === c.personId))
        residence.push({
          caseId: c.id,
          managerId,
          key: `residence_expiry:${item.residence.id}:${c.id}`,
          // A code and its parameters: the web app names the document in the reader's language.
          params: {
            residenceKind: item.residence.kind,
            ...(item.residence.paragraph ? { paragraph: item.residence.paragraph } : {}),
          },
          dueOn: item.residence.validUntil!,
        });
  }
  return db.tenant(municipalityId, async (tx) => {
    let created = 0;
    const add = async (t: {
      caseId: string;
      assigneeId: string;
      title: string;
      params?: Record<string, string>;
      dueOn: string | null;
      source: string;
      key: string;
    }) => {
      const id = await repo.insertTask(tx, {
        municipalityId,
        caseId: t.caseId,
        assigneeId: t.assigneeId,
        title: t.title,
        params: t.params ?? {},
        dueOn: t.dueOn,
        source: t.source,
        sourceKey: t.key,
      });
      if (id) {
        created += 1;
        await repo.insertEvent(tx, {
          municipalityId,
          caseId: t.caseId,
          kind: 'task.deadline',
          staffId: null,
          agencyId: null,
          details: { taskId: id, source: t.source },
        });
      }
    };
    for (const r of residence)
      await add({
        caseId: r.caseId,
        assigneeId: r.managerId,
        title: 'residence_expiry',
        params: r.params,
        dueOn: r.dueOn,
        source: 'residence_expiry',
        key: r.key,
      });
    const mine = new Set(plan.cases.map((c) => c.id));
    for (const s of await repo.coursesEnding(tx, today, addDays(today, plan.settings.courseEndWeeks * 7)))
      if (mine.has(s.caseId))
        await add({
          caseId: s.caseId,
          assigneeId: s.managerId,
          title: s.title,
          dueOn: s.dueOn,
          source: 'course_end',
          key: `course_end:${s.id}`,
        });
    for (const r of await repo.unansweredReferrals(tx, today))
      if (mine.has(r.caseId))
        await add({
          caseId: r.caseId,
          assigneeId: r.managerId,
          title: r.toAgencyName,
          dueOn: r.dueOn,
          source: 'referral_overdue',
          key: `referral_overdue:${r.id}`,
        });
    return created;
  });
}

/** The scheduled job: deadlines for every municipality with open cases (one run each; a failure does not stop the rest). */
export async function deriveDeadlinesEverywhere(db: Database, log: (msg: string) => void): Promise<number> {
  const municipalities = await db.system((tx) => repo.municipalitiesWithOpenCases(tx));
  let total = 0;
  for (const m of municipalities) {
    try {
      total += await deriveDeadlines(db, m);
    } catch (err) {
      log(`case deadlines failed for municipality ${m}: ${(err as Error).message}`);
    }
  }
  if (total > 0) log(`case deadlines: ${total} new tasks`);
  return total;
}

/** Runs the deadline derivation for the caller's municipality now, as the job does (administrator, agency lead). */
export async function runDeadlines(db: Database, actor: Actor): Promise<{ created: number }> {
  requireRole(actor, 'municipal_admin', 'agency_lead');
  return { created: await deriveDeadlines(db, actor.municipalityId) };
}

// ---------------------------------------------------------------------------------------------------------------
// Views

/**
 * The caller's worklist: their open cases by phase, open tasks (deadlines derived first, so the list is right even
 * before the job ran), overdue steps, open referrals of their cases and to their agency, conferences to come.
 */
export async function worklist(db: Database, actor: Actor): Promise<Worklist> {
  requireRole(actor, ...READERS, 'partner_staff');
  if (actor.roles.some((r) => CHANGERS.includes(r))) await deriveDeadlines(db, actor.municipalityId, actor);
  return db.tenant(actor.municipalityId, async (tx) => {
    const today = todayInGermany();
    const settings = await settingsOf(tx);
    const cases = await repo.listCases(tx, { managerId: actor.staffId, closed: false }, today);
    const persons = await shownPersons(
      tx,
      actor,
      cases.map((c) => c.personId),
      { list: 'worklist' },
    );
    const phases = [...settings.phases, ...new Set(cases.map((c) => c.phase))].filter(
      (p, i, all) => all.indexOf(p) === i,
    );
    const outgoing = await repo.listReferrals(tx, { managerId: actor.staffId, open: true });
    const incoming = actor.roles.some((r) => RECEIVERS.includes(r))
      ? await repo.listReferrals(tx, { toAgencyId: actor.agencyId, open: true })
      : [];
    const agencies = await agencyMap(tx);
    return {
      phases: phases
        .map((phase) => ({
          phase,
          cases: cases
            .filter((c) => c.phase === phase)
            .map((c) => toSummary(c, persons.get(c.personId) ?? null)),
        }))
        .filter((p) => p.cases.length > 0),
      tasks: (await repo.openTasksOf(tx, actor.staffId)).map((t) => toTask(t, today)),
      overdueSteps: (await repo.overdueSteps(tx, actor.staffId, today)).map((s) => ({
        ...toStep(s, today),
        caseId: s.caseId,
        caseTitle: s.caseTitle,
      })),
      referrals: await presentReferrals(tx, actor, outgoing, 'sender'),
      incoming: await presentReferrals(tx, actor, incoming, 'receiver'),
      conferences: (await repo.listConferences(tx, { managerId: actor.staffId, planned: true })).map((f) =>
        toConference(f, agencies),
      ),
    };
  });
}

/** Open cases of the caller's agency per case manager: by phase, overdue steps, open tasks and referrals (lead). */
export async function caseload(db: Database, actor: Actor): Promise<Caseload> {
  requireRole(actor, 'agency_lead');
  return db.tenant(actor.municipalityId, async (tx) => {
    const rows = await repo.caseload(tx, actor.agencyId, todayInGermany());
    const managers = new Map<string, Caseload['managers'][number]>();
    for (const r of rows) {
      const m = managers.get(r.managerId) ?? {
        manager: { id: r.managerId, name: r.managerName },
        openCases: 0,
        byPhase: {},
        overdueSteps: 0,
        openTasks: 0,
        openReferrals: 0,
      };
      m.openCases += r.cases;
      m.byPhase[r.phase] = r.cases;
      m.overdueSteps += r.overdueSteps;
      m.openTasks += r.openTasks;
      m.openReferrals += r.openReferrals;
      managers.set(r.managerId, m);
    }
    return { managers: [...managers.values()] };
  });
}

/** Case-side entries of a person's timeline: events of the cases the caller reads, referrals to the caller's agency. */
export async function caseTimeline(
  db: Database,
  actor: Actor,
  personId: string,
): Promise<
  {
    at: string;
    source: string;
    kind: string;
    title: string;
    agencyName: string | null;
    link: string | null;
  }[]
> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const today = todayInGermany();
    const all = [
      ...(await repo.listCases(tx, { personId, closed: false }, today)),
      ...(await repo.listCases(tx, { personId, closed: true }, today)),
    ];
    const readable = all.filter((c) => mayRead(actor, c));
    const titles = new Map(readable.map((c) => [c.id, c.title]));
    const entries = (await repo.listEvents(tx, [...titles.keys()])).map((e) => ({
      at: iso(e.at),
      source: e.kind.startsWith('referral')
        ? 'referral'
        : e.kind === 'step' || e.kind === 'step.status'
          ? 'step'
          : 'case',
      kind: e.kind,
      title: titles.get(e.caseId) ?? '',
      agencyName: e.agencyName,
      link: `/cases/${e.caseId}`,
    }));
    for (const c of all.filter((x) => !titles.has(x.id)))
      for (const r of await repo.listReferrals(tx, { caseId: c.id, toAgencyId: actor.agencyId, open: false }))
        entries.push({
          at: iso(r.sentAt),
          source: 'referral',
          kind: 'referral.received',
          title: r.fromAgencyName,
          agencyName: r.fromAgencyName,
          link: `/referrals/${r.id}`,
        });
    return entries;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Erasure

/**
 * Erasure and anonymisation (privacy/retention.service.ts, in the caller's transaction): empties the free texts about
 * the person in their cases (case title and agreement note, assessment texts, goal, step and task titles, what was
 * written in referrals, conference agendas, minutes and decisions, obstacle notes, the texts of the case's events).
 * The skeleton stays: phases, dates, agencies, statuses, and the obstacle tags for the anonymised statistics.
 * Returns what it emptied, as kind and id (`assessment` ids are `<case id>:<area>`).
 */
export async function forgetPersonInCases(
  tx: Tx,
  recordIds: string[],
): Promise<{ kind: string; id: string }[]> {
  if (recordIds.length === 0) return [];
  return repo.forgetCaseTexts(tx, recordIds, ANONYMISED_NAME);
}

// ---------------------------------------------------------------------------------------------------------------
// Seeding (demo data): in a transaction the caller holds, without a signed-in actor.

export type SeedCase = {
  personId: string;
  agencyId: string;
  managerId: string;
  title: string;
  stageOfLife: StageOfLife;
  phase: string;
  assessment: AssessmentInput['entries'];
  goals: { title: string; area: GoalInput['area']; steps: StepInput[] }[];
  agreementNote?: string;
  referrals: { toAgencyId: string; need: string; handoverNote: string; dueOn: string; consentId: string }[];
  obstacles: ObstacleInput[];
};

/** Seeds a case with its assessment, plan, referrals and obstacles. For seeding only. */
export async function seedCase(tx: Tx, municipalityId: string, s: SeedCase): Promise<string> {
  const id = await repo.insertCase(tx, {
    municipalityId,
    personId: s.personId,
    householdId: null,
    title: s.title,
    stageOfLife: s.stageOfLife,
    agencyId: s.agencyId,
    managerId: s.managerId,
    participatingAgencyIds: [],
    phase: s.phase,
  });
  const ev = (kind: string, details: Record<string, unknown> = {}) =>
    repo.insertEvent(tx, {
      municipalityId,
      caseId: id,
      kind,
      staffId: s.managerId,
      agencyId: s.agencyId,
      details,
    });
  await ev('opened', { phase: s.phase });
  for (const e of s.assessment) await repo.upsertAssessment(tx, municipalityId, id, s.managerId, e);
  for (const g of s.goals) {
    const goalId = await repo.insertGoal(tx, { municipalityId, caseId: id, title: g.title, area: g.area });
    for (const step of g.steps)
      await repo.insertStep(tx, { municipalityId, caseId: id, goalId, ...step, source: 'plan' });
  }
  if (s.agreementNote !== undefined) await repo.setAgreement(tx, id, s.managerId, s.agreementNote);
  for (const r of s.referrals) {
    const referralId = await repo.insertReferral(tx, {
      municipalityId,
      caseId: id,
      personId: s.personId,
      fromAgencyId: s.agencyId,
      fromStaffId: s.managerId,
      categories: ['identity_contact', 'case_notes'],
      purpose: PURPOSE,
      ...r,
    });
    await ev('referral.sent', { referralId, toAgencyId: r.toAgencyId });
  }
  for (const o of s.obstacles)
    await repo.insertObstacle(tx, { municipalityId, caseId: id, ...o, notedBy: s.managerId });
  return id;
}

/** The id of a person by exact Latin names (demo seeding finds its persons by name). For seeding only. */
export async function seedPersonId(tx: Tx, givenNames: string, familyName: string): Promise<string | null> {
  return repo.findPersonByName(tx, givenNames, familyName);
}
