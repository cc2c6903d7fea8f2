import { z } from 'zod';
import { DataCategory, Purpose, RequiredConsent } from './consent';
import { AgencyId, PersonId, StaffId } from './ids';
import { PersonSummary } from './person';

/**
 * Case management along the integration chain (issue 6, KIM building block 2): cases with phases, an assessment
 * across life areas, an integration plan (goals and steps), tasks with deadlines that arrive by themselves,
 * consent-gated referrals to agencies and partners, case conferences and structural obstacles.
 */

const isoDate = z.iso.date('must be a date YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).min(1, 'must not be empty');

/** The default phases of a case; a municipality may configure its own. The last phase closes the case. */
export const defaultCasePhases = [
  'intake',
  'assessment',
  'plan',
  'implementation',
  'monitoring',
  'closure',
] as const;
/** A phase code: one of the defaults or a municipality's own (lower case, digits, underscores). */
export const CasePhase = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a phase code (lower-case letters, digits, underscores)');

export const lifeAreas = [
  'german_language',
  'school_education',
  'vocational_training',
  'work',
  'residence',
  'naturalisation',
  'housing',
  'health',
  'family_childcare',
  'finances',
  'social_participation',
] as const;
export const LifeArea = z.enum(lifeAreas);
export type LifeArea = z.infer<typeof LifeArea>;

export const stagesOfLife = ['early_childhood', 'school_age', 'youth', 'adult', 'senior'] as const;
export const StageOfLife = z.enum(stagesOfLife);
export type StageOfLife = z.infer<typeof StageOfLife>;

/** The life areas that usually matter at a stage of life (a suggestion: every area can be assessed). */
export const suggestedLifeAreas: Record<StageOfLife, readonly LifeArea[]> = {
  early_childhood: ['family_childcare', 'health', 'german_language', 'residence'],
  school_age: ['school_education', 'german_language', 'family_childcare', 'health', 'social_participation'],
  youth: [
    'school_education',
    'vocational_training',
    'german_language',
    'residence',
    'social_participation',
    'health',
  ],
  adult: [
    'german_language',
    'vocational_training',
    'work',
    'residence',
    'naturalisation',
    'housing',
    'finances',
    'family_childcare',
    'health',
  ],
  senior: ['health', 'residence', 'naturalisation', 'housing', 'finances', 'social_participation'],
};

export const needLevels = ['none', 'low', 'medium', 'high'] as const;
export const NeedLevel = z.enum(needLevels);

export const closingReasons = [
  'goals_reached',
  'transferred',
  'moved_away',
  'person_withdrew',
  'no_contact',
  'other',
] as const;
export const ClosingReason = z.enum(closingReasons);

/** The default vocabulary of structural obstacles; a municipality may configure its own. */
export const defaultObstacleTags = [
  'naturalisation_hurdle',
  'recognition_problem',
  'childcare_gap',
  'language_course_waiting',
  'housing_shortage',
  'school_placement',
  'appointment_backlog',
  'benefit_gap',
] as const;
export const ObstacleTag = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a tag code (lower-case letters, digits, underscores)');

// ---------------------------------------------------------------------------------------------------------------
// Settings per municipality.

export const CaseSettings = z
  .object({
    phases: z
      .array(CasePhase)
      .min(2, 'name at least two phases')
      .max(12, 'name at most 12 phases')
      .refine((p) => new Set(p).size === p.length, 'must not repeat a phase')
      .meta({ description: 'In order; the last phase closes the case' }),
    residenceExpiryWeeks: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(52, 'must be at most 52')
      .meta({ description: 'A residence document ending within this many weeks puts a task on the list' }),
    courseEndWeeks: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be at least 0')
      .max(26, 'must be at most 26')
      .meta({
        description: 'An integration course step ending within this many weeks puts a task on the list',
      }),
    obstacleTags: z
      .array(ObstacleTag)
      .min(1, 'name at least one tag')
      .refine((t) => new Set(t).size === t.length, 'must not repeat a tag'),
  })
  .meta({ id: 'CaseSettings' });
export type CaseSettings = z.infer<typeof CaseSettings>;

// ---------------------------------------------------------------------------------------------------------------
// Cases.

const Ref = z.object({ id: z.uuid(), name: z.string() });

export const CaseInput = z
  .object({
    personId: PersonId.meta({ description: 'The person the case is for (for a household: its main person)' }),
    householdId: z
      .uuid('must be a UUID')
      .nullable()
      .default(null)
      .meta({ description: 'The household the case accompanies as a whole, if any' }),
    title: required(200),
    stageOfLife: StageOfLife,
    managerId: StaffId.nullable()
      .default(null)
      .meta({
        description:
          'The responsible case manager (of any agency or partner, e.g. a welfare association); null: the caller. ' +
          "The case belongs to the manager's agency; the caller's agency takes part",
      }),
    participatingAgencyIds: z
      .array(AgencyId)
      .default([])
      .meta({ description: 'Further agencies and partners that take part (they may read the case)' }),
  })
  .meta({ id: 'CaseFields' });
export type CaseInput = z.infer<typeof CaseInput>;

/** Changes who is responsible for a case and which agencies take part. */
export const CaseTeamInput = z
  .object({
    managerId: StaffId.meta({
      description:
        'The responsible case manager, of any agency or partner (e.g. a welfare association); the case then belongs ' +
        'to their agency, and the agency it leaves keeps reading it as a participating agency',
    }),
    participatingAgencyIds: z
      .array(AgencyId)
      .meta({ description: 'Further agencies and partners that take part (they may read the case)' }),
  })
  .meta({ id: 'CaseTeamFields' });
export type CaseTeamInput = z.infer<typeof CaseTeamInput>;

/** A staff member who may be responsible for a case (a case manager or agency lead of an agency or partner). */
export const CaseManagerOption = z
  .object({ id: StaffId, name: z.string(), agency: Ref.extend({ kind: z.enum(['agency', 'partner']) }) })
  .meta({ id: 'CaseManagerOption' });
export type CaseManagerOption = z.infer<typeof CaseManagerOption>;

export const CaseSummary = z
  .object({
    id: z.uuid(),
    title: z.string(),
    phase: CasePhase,
    stageOfLife: StageOfLife,
    personId: PersonId,
    person: PersonSummary.nullable().meta({ description: 'null: the caller may not see the person' }),
    manager: Ref,
    agency: Ref,
    openedAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    overdueSteps: z.number().int(),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof CaseSummary>;

export const AssessmentEntry = z
  .object({
    area: LifeArea,
    situation: text(4000).default(''),
    goal: text(2000).default('').meta({ description: "The person's own goal, in their words" }),
    need: NeedLevel,
  })
  .meta({ id: 'AssessmentEntry' });
export type AssessmentEntry = z.infer<typeof AssessmentEntry>;

export const AssessmentInput = z
  .object({ entries: z.array(AssessmentEntry).min(1, 'assess at least one life area') })
  .meta({ id: 'AssessmentFields' });
export type AssessmentInput = z.infer<typeof AssessmentInput>;

export const stepStatuses = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const StepStatus = z.enum(stepStatuses);
/** A plain step, or an integration course whose due date is the day the course ends (a deadline source). */
export const stepKinds = ['step', 'integration_course'] as const;
export const StepKind = z.enum(stepKinds);

export const GoalInput = z.object({ title: required(300), area: LifeArea }).meta({ id: 'GoalFields' });
export type GoalInput = z.infer<typeof GoalInput>;

export const StepInput = z
  .object({
    title: required(300),
    kind: StepKind.default('step'),
    agencyId: AgencyId.nullable()
      .default(null)
      .meta({ description: 'The responsible agency or partner; null: the case manager' }),
    dueOn: isoDate.nullable().default(null),
  })
  .meta({ id: 'StepFields' });
export type StepInput = z.infer<typeof StepInput>;

export const StepStatusInput = z.object({ status: StepStatus }).meta({ id: 'StepStatusFields' });

export const PlanStep = z
  .object({
    id: z.uuid(),
    goalId: z.uuid(),
    title: z.string(),
    kind: StepKind,
    agency: Ref.nullable(),
    dueOn: z.string().nullable(),
    status: StepStatus,
    overdue: z.boolean(),
    source: z.enum(['plan', 'conference']),
  })
  .meta({ id: 'PlanStep' });
export type PlanStep = z.infer<typeof PlanStep>;

export const PlanGoal = z
  .object({ id: z.uuid(), title: z.string(), area: LifeArea, steps: z.array(PlanStep) })
  .meta({ id: 'PlanGoal' });
export type PlanGoal = z.infer<typeof PlanGoal>;

export const AgreementInput = z
  .object({
    note: text(1000)
      .default('')
      .meta({ description: 'How the person agreed, e.g. "signed", "orally with an interpreter (Arabic)"' }),
  })
  .meta({ id: 'AgreementFields' });

export const taskSources = [
  'manual',
  'residence_expiry',
  'course_end',
  'referral_overdue',
  'conference',
] as const;
export const TaskSource = z.enum(taskSources);

export const TaskInput = z
  .object({
    title: required(300),
    dueOn: isoDate.nullable().default(null),
    assigneeId: StaffId.nullable().default(null).meta({ description: 'null: the case manager' }),
  })
  .meta({ id: 'TaskFields' });
export type TaskInput = z.infer<typeof TaskInput>;

export const CaseTask = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseTitle: z.string(),
    title: z.string().meta({
      description: 'For a residence document ending: the code residence_expiry, to be read with params',
    }),
    params: z.record(z.string(), z.string()).meta({
      description:
        'Values of a derived task the title is built from (residence_expiry: residenceKind, paragraph)',
    }),
    dueOn: z.string().nullable(),
    assignee: Ref,
    source: TaskSource,
    doneAt: z.iso.datetime().nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: 'CaseTask' });
export type CaseTask = z.infer<typeof CaseTask>;

export const PhaseInput = z
  .object({
    phase: CasePhase,
    closingReason: ClosingReason.nullable()
      .default(null)
      .meta({ description: 'Required when the phase closes the case' }),
    note: text(2000).default(''),
  })
  .meta({ id: 'PhaseFields' });
export type PhaseInput = z.infer<typeof PhaseInput>;

// ---------------------------------------------------------------------------------------------------------------
// Referrals (Überleitung).

export const referralStatuses = ['sent', 'accepted', 'declined', 'done', 'withdrawn'] as const;
export const ReferralStatus = z.enum(referralStatuses);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

export const ReferralInput = z
  .object({
    toAgencyId: AgencyId.meta({ description: 'An agency of the house or a partner' }),
    need: required(2000).meta({ description: 'What is needed' }),
    handoverNote: text(4000).default('').meta({ description: 'The warm hand-over note for the receiver' }),
    dueOn: isoDate.meta({ description: 'By when an answer (and help) is needed' }),
    categories: z
      .array(DataCategory)
      .min(1, 'name at least one category the referral shares')
      .default(['identity_contact', 'case_notes'])
      .meta({ description: 'What the referral discloses; a consent in force must name all of them' }),
    purpose: Purpose.default('case_management'),
  })
  .meta({ id: 'ReferralFields' });
export type ReferralInput = z.infer<typeof ReferralInput>;

export const ReferralAccept = z.object({ note: text(2000).default('') }).meta({ id: 'ReferralAcceptFields' });
export const ReferralDecline = z
  .object({ reason: required(2000).meta({ description: 'Why the receiver cannot take it on' }) })
  .meta({ id: 'ReferralDeclineFields' });
export const ReferralDone = z
  .object({ outcome: required(2000).meta({ description: 'The report back: what was done' }) })
  .meta({ id: 'ReferralDoneFields' });
export const ReferralWithdraw = z.object({ reason: required(2000) }).meta({ id: 'ReferralWithdrawFields' });

export const Referral = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    personId: PersonId,
    person: PersonSummary.nullable().meta({
      description: 'What the caller may see of the person (receivers: only what the consent names)',
    }),
    from: z.object({ agency: Ref, staffName: z.string() }),
    to: Ref.extend({ kind: z.enum(['agency', 'partner']) }),
    need: z.string(),
    handoverNote: z.string(),
    categories: z.array(DataCategory),
    purpose: Purpose,
    dueOn: z.string(),
    status: ReferralStatus,
    sentAt: z.iso.datetime(),
    respondedAt: z.iso.datetime().nullable(),
    responseHours: z
      .number()
      .nullable()
      .meta({ description: 'Hours from sending to accepting or declining' }),
    responseNote: z.string(),
    declineReason: z.string(),
    outcome: z.string(),
    withdrawReason: z.string(),
    closedAt: z.iso.datetime().nullable(),
    overdue: z.boolean().meta({ description: 'Not answered (or not done) by the due date' }),
  })
  .meta({ id: 'Referral' });
export type Referral = z.infer<typeof Referral>;

export const ReferralQuery = z.object({
  box: z.enum(['incoming', 'outgoing']).default('incoming'),
  open: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** The body of a refused referral: which consent would allow it. */
export const ReferralConsentRequired = RequiredConsent;

// ---------------------------------------------------------------------------------------------------------------
// Case conferences.

export const ConferenceInput = z
  .object({
    scheduledAt: z.iso.datetime({ offset: true, message: 'must be a date and time' }),
    agenda: required(4000),
    participantAgencyIds: z.array(AgencyId).min(1, 'invite at least one agency or partner'),
  })
  .meta({ id: 'ConferenceFields' });
export type ConferenceInput = z.infer<typeof ConferenceInput>;

export const DecisionInput = z.object({
  text: required(1000),
  becomes: z.enum(['step', 'task']),
  goalId: z.uuid('must be a UUID').nullable().default(null).meta({ description: 'Required for a step' }),
  agencyId: AgencyId.nullable().default(null),
  dueOn: isoDate.nullable().default(null),
});

export const MinutesInput = z
  .object({
    minutes: required(20000),
    decisions: z.array(DecisionInput).default([]),
  })
  .meta({ id: 'MinutesFields' });
export type MinutesInput = z.infer<typeof MinutesInput>;

export const Conference = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseTitle: z.string(),
    scheduledAt: z.iso.datetime(),
    agenda: z.string(),
    participants: z.array(Ref),
    minutes: z.string(),
    heldAt: z.iso.datetime().nullable(),
    decisions: z.array(z.object({ text: z.string(), becomes: z.enum(['step', 'task']), targetId: z.uuid() })),
  })
  .meta({ id: 'Conference' });
export type Conference = z.infer<typeof Conference>;

// ---------------------------------------------------------------------------------------------------------------
// Structural obstacles.

export const ObstacleInput = z
  .object({
    tag: ObstacleTag,
    note: text(2000)
      .default('')
      .meta({ description: 'The obstacle as an anonymised example: no names, no identifying details' }),
  })
  .meta({ id: 'ObstacleFields' });
export type ObstacleInput = z.infer<typeof ObstacleInput>;

export const Obstacle = z
  .object({
    id: z.uuid(),
    tag: ObstacleTag,
    note: z.string(),
    notedAt: z.iso.datetime(),
    notedBy: z.string(),
  })
  .meta({ id: 'Obstacle' });

export const ObstacleReportQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });

export const ObstacleReport = z
  .object({
    from: z.string(),
    to: z.string(),
    counts: z.array(z.object({ tag: ObstacleTag, count: z.number().int(), cases: z.number().int() })),
    byQuarter: z.array(z.object({ quarter: z.string(), tag: ObstacleTag, count: z.number().int() })),
    examples: z
      .array(
        z.object({
          tag: ObstacleTag,
          month: z.string().meta({ description: 'YYYY-MM, no exact day' }),
          stageOfLife: StageOfLife,
          note: z.string(),
        }),
      )
      .meta({ description: 'Anonymised case examples: no names, no case or person ids' }),
  })
  .meta({ id: 'ObstacleReport' });
export type ObstacleReport = z.infer<typeof ObstacleReport>;

// ---------------------------------------------------------------------------------------------------------------
// The whole case.

export const CaseEvent = z
  .object({
    at: z.iso.datetime(),
    kind: z.string().meta({ description: 'opened, phase, assessment, goal, step, agreement, referral.*, …' }),
    staffName: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'CaseEvent' });

export const Case = CaseSummary.extend({
  householdId: z.uuid().nullable(),
  participatingAgencies: z.array(Ref),
  closingReason: ClosingReason.nullable(),
  phases: z.array(CasePhase).meta({ description: "The municipality's phases, in order" }),
  suggestedAreas: z.array(LifeArea),
  assessment: z.array(AssessmentEntry),
  goals: z.array(PlanGoal),
  agreement: z
    .object({ agreedAt: z.iso.datetime(), note: z.string(), recordedBy: z.string() })
    .nullable()
    .meta({ description: "The person's agreement to the plan" }),
  tasks: z.array(CaseTask),
  referrals: z.array(Referral),
  conferences: z.array(Conference),
  obstacles: z.array(Obstacle),
  events: z.array(CaseEvent),
  mayChange: z
    .boolean()
    .meta({ description: 'The caller may change the case (manager’s agency, open case)' }),
}).meta({ id: 'Case' });
export type Case = z.infer<typeof Case>;

export const CaseListQuery = z.object({
  scope: z.enum(['mine', 'agency']).default('mine'),
  closed: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

// ---------------------------------------------------------------------------------------------------------------
// Views.

export const Worklist = z
  .object({
    phases: z.array(z.object({ phase: CasePhase, cases: z.array(CaseSummary) })),
    tasks: z.array(CaseTask).meta({ description: 'Open tasks of the caller, soonest first' }),
    overdueSteps: z.array(PlanStep.extend({ caseId: z.uuid(), caseTitle: z.string() })),
    referrals: z.array(Referral).meta({ description: 'Open referrals sent from the caller’s cases' }),
    incoming: z.array(Referral).meta({ description: 'Open referrals addressed to the caller’s agency' }),
    conferences: z.array(Conference).meta({ description: 'Conferences not yet held' }),
  })
  .meta({ id: 'Worklist' });
export type Worklist = z.infer<typeof Worklist>;

export const TimelineEntry = z
  .object({
    at: z.iso.datetime(),
    source: z
      .string()
      .meta({ description: 'Which source the entry comes from: history, consent, case, referral, step, …' }),
    kind: z.string(),
    title: z.string(),
    agencyName: z.string().nullable(),
    link: z.string().nullable().meta({ description: 'A path in the web app, if any' }),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Timeline = z
  .object({
    personId: PersonId,
    displayName: z.string(),
    entries: z.array(TimelineEntry).meta({ description: 'Newest first; only what the caller may see' }),
  })
  .meta({ id: 'Timeline' });
export type Timeline = z.infer<typeof Timeline>;

export const Caseload = z
  .object({
    managers: z.array(
      z.object({
        manager: Ref,
        openCases: z.number().int(),
        byPhase: z.record(z.string(), z.number().int()),
        overdueSteps: z.number().int(),
        openTasks: z.number().int(),
        openReferrals: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Caseload' });
export type Caseload = z.infer<typeof Caseload>;

export const DeadlineRun = z
  .object({ created: z.number().int().meta({ description: 'Tasks created (never the same twice)' }) })
  .meta({ id: 'DeadlineRun' });
