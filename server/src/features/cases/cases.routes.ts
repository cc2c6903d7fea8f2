import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AgreementInput,
  AssessmentInput,
  Case,
  CaseInput,
  CaseListQuery,
  Caseload,
  CaseManagerOption,
  CaseSettings,
  CaseSummary,
  CaseTask,
  CaseTeamInput,
  Conference,
  ConferenceInput,
  DeadlineRun,
  ErrorBody,
  GoalInput,
  MinutesInput,
  ObstacleInput,
  ObstacleReport,
  ObstacleReportQuery,
  PhaseInput,
  Referral,
  ReferralAccept,
  ReferralDecline,
  ReferralDone,
  ReferralInput,
  ReferralQuery,
  ReferralWithdraw,
  StepInput,
  StepStatusInput,
  TaskInput,
  Timeline,
  Worklist,
} from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { requireActor } from '../../http/session';
import * as service from './cases.service';
import { timeline } from './timeline.service';

const tags = ['cases'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const uuid = z.uuid('must be a UUID');
const IdParams = z.object({ id: uuid });

/** Case management: cases, plan, tasks, referrals, conferences, obstacles, worklist, timeline, caseload. */
export async function casesRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  const { db } = deps;

  app.get(
    '/api/cases/settings',
    {
      schema: {
        tags,
        summary: "The municipality's case phases, deadline horizons and obstacle vocabulary",
        response: { 200: CaseSettings, ...errors },
      },
    },
    async (request) => service.getSettings(db, requireActor(request)),
  );
  app.put(
    '/api/cases/settings',
    {
      schema: {
        tags,
        summary: 'Configure phases, deadline horizons and the obstacle vocabulary (administrator)',
        body: CaseSettings,
        response: { 200: CaseSettings, ...errors },
      },
    },
    async (request) => service.saveSettings(db, requireActor(request), request.body),
  );

  app.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Open a case for a person (or a household) with a responsible case manager',
        description:
          'The caller must see the person for case management (consent or own agency); otherwise 403 CONSENT_REQUIRED.',
        body: CaseInput,
        response: { 201: Case, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.openCase(db, requireActor(request), request.body)),
  );
  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: "The caller's cases, or those of the caller's agency",
        querystring: CaseListQuery,
        response: { 200: z.array(CaseSummary), ...errors },
      },
    },
    async (request) => service.listCases(db, requireActor(request), request.query),
  );
  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: 'A case with assessment, plan, tasks, referrals, conferences, obstacles and events',
        params: IdParams,
        response: { 200: Case, ...errors },
      },
    },
    async (request) => service.getCase(db, requireActor(request), request.params.id),
  );
  app.get(
    '/api/cases/managers',
    {
      schema: {
        tags,
        summary: 'Who may be responsible for a case: case managers and leads of every agency and partner',
        response: { 200: z.array(CaseManagerOption), ...errors },
      },
    },
    async (request) => service.managerOptions(db, requireActor(request)),
  );
  app.put(
    '/api/cases/:id/team',
    {
      schema: {
        tags,
        summary: 'Change the responsible case manager and the participating agencies',
        description:
          "A manager of another agency or partner hands the case over to their agency; the agency it leaves takes part. The case's agency's case managers and leads only; a closed case: 409.",
        params: IdParams,
        body: CaseTeamInput,
        response: { 200: Case, ...errors },
      },
    },
    async (request) => service.changeTeam(db, requireActor(request), request.params.id, request.body),
  );
  app.post(
    '/api/cases/:id/phase',
    {
      schema: {
        tags,
        summary: 'Move the case to a phase; the last phase closes it and needs the closing reason',
        params: IdParams,
        body: PhaseInput,
        response: { 200: Case, ...errors },
      },
    },
    async (request) => service.changePhase(db, requireActor(request), request.params.id, request.body),
  );
  app.put(
    '/api/cases/:id/assessment',
    {
      schema: {
        tags,
        summary:
          "Assess life areas: the situation, the person's own goal and the need (areas named again are replaced)",
        params: IdParams,
        body: AssessmentInput,
        response: { 200: Case, ...errors },
      },
    },
    async (request) => service.assess(db, requireActor(request), request.params.id, request.body),
  );
  app.post(
    '/api/cases/:id/goals',
    {
      schema: {
        tags,
        summary: 'Add a goal to the integration plan',
        params: IdParams,
        body: GoalInput,
        response: { 201: Case, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addGoal(db, requireActor(request), request.params.id, request.body)),
  );
  app.post(
    '/api/cases/:id/goals/:goalId/steps',
    {
      schema: {
        tags,
        summary:
          'Add a step to a goal: responsible agency or partner, due date (an integration course: its end)',
        params: z.object({ id: uuid, goalId: uuid }),
        body: StepInput,
        response: { 201: Case, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.addStep(
            db,
            requireActor(request),
            request.params.id,
            request.params.goalId,
            request.body,
          ),
        ),
  );
  app.post(
    '/api/cases/:id/steps/:stepId/status',
    {
      schema: {
        tags,
        summary: "Set a step's status (the case's agency or the agency responsible for the step)",
        params: z.object({ id: uuid, stepId: uuid }),
        body: StepStatusInput,
        response: { 200: Case, ...errors },
      },
    },
    async (request) =>
      service.setStepStatus(
        db,
        requireActor(request),
        request.params.id,
        request.params.stepId,
        request.body.status,
      ),
  );
  app.post(
    '/api/cases/:id/agreement',
    {
      schema: {
        tags,
        summary: "Record the person's agreement to the integration plan",
        params: IdParams,
        body: AgreementInput,
        response: { 200: Case, ...errors },
      },
    },
    async (request) =>
      service.recordAgreement(db, requireActor(request), request.params.id, request.body.note),
  );
  app.post(
    '/api/cases/:id/tasks',
    {
      schema: {
        tags,
        summary: 'Add a task (reminder) to the case',
        params: IdParams,
        body: TaskInput,
        response: { 201: Case, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addTask(db, requireActor(request), request.params.id, request.body)),
  );
  app.post(
    '/api/tasks/:id/done',
    {
      schema: {
        tags,
        summary: 'Mark a task done (its assignee or a case manager of the case)',
        params: IdParams,
        response: { 200: CaseTask, ...errors },
      },
    },
    async (request) => service.completeTask(db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/cases/:id/referrals',
    {
      schema: {
        tags,
        summary: 'Refer a need to an agency or partner (Überleitung), with a hand-over note and a due date',
        description:
          'Only where a consent in force covers the disclosure from the caller’s agency to the receiver for the purpose ' +
          'and every category shared; otherwise 403 CONSENT_REQUIRED with requiredConsent. A closed case answers 409.',
        params: IdParams,
        body: ReferralInput,
        response: { 201: Referral, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.refer(db, requireActor(request), request.params.id, request.body)),
  );
  app.get(
    '/api/referrals',
    {
      schema: {
        tags,
        summary: 'Referrals addressed to the caller’s agency or partner (incoming) or sent by it (outgoing)',
        querystring: ReferralQuery,
        response: { 200: z.array(Referral), ...errors },
      },
    },
    async (request) => service.listReferrals(db, requireActor(request), request.query),
  );
  app.get(
    '/api/referrals/:id',
    {
      schema: {
        tags,
        summary: 'A referral, for its receiver (only what the consent names) or the case’s agencies',
        params: IdParams,
        response: { 200: Referral, ...errors },
      },
    },
    async (request) => service.getReferral(db, requireActor(request), request.params.id),
  );
  const move = (
    path: string,
    step: 'accept' | 'decline' | 'done' | 'withdraw',
    body: typeof ReferralAccept | typeof ReferralDecline | typeof ReferralDone | typeof ReferralWithdraw,
    summary: string,
    text: (b: Record<string, string>) => string,
  ) =>
    app.post(
      path,
      { schema: { tags, summary, params: IdParams, body, response: { 200: Referral, ...errors } } },
      async (request) =>
        service.moveReferral(
          db,
          requireActor(request),
          request.params.id,
          step,
          text(request.body as Record<string, string>),
        ),
    );
  move(
    '/api/referrals/:id/accept',
    'accept',
    ReferralAccept,
    'Accept a referral (the receiver)',
    (b) => b.note!,
  );
  move(
    '/api/referrals/:id/decline',
    'decline',
    ReferralDecline,
    'Decline a referral with a reason (the receiver)',
    (b) => b.reason!,
  );
  move(
    '/api/referrals/:id/done',
    'done',
    ReferralDone,
    'Report an accepted referral done (the receiver reports back)',
    (b) => b.outcome!,
  );
  move(
    '/api/referrals/:id/withdraw',
    'withdraw',
    ReferralWithdraw,
    'Withdraw a referral (the sending case managers)',
    (b) => b.reason!,
  );

  app.post(
    '/api/cases/:id/conferences',
    {
      schema: {
        tags,
        summary: 'Plan a case conference: time, agenda, participating agencies and partners',
        params: IdParams,
        body: ConferenceInput,
        response: { 201: Conference, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.planConference(db, requireActor(request), request.params.id, request.body)),
  );
  app.post(
    '/api/conferences/:id/minutes',
    {
      schema: {
        tags,
        summary: 'Record the minutes of a conference; each decision becomes a plan step or a task',
        params: IdParams,
        body: MinutesInput,
        response: { 200: Conference, ...errors },
      },
    },
    async (request) => service.recordMinutes(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/cases/:id/obstacles',
    {
      schema: {
        tags,
        summary: 'Tag a structural obstacle noticed in the case, with an anonymised note',
        params: IdParams,
        body: ObstacleInput,
        response: { 201: Case, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.addObstacle(db, requireActor(request), request.params.id, request.body)),
  );
  app.get(
    '/api/obstacles/report',
    {
      schema: {
        tags,
        summary:
          'Structural obstacles for the strategic level: counts per tag and quarter, anonymised case examples',
        querystring: ObstacleReportQuery,
        response: { 200: ObstacleReport, ...errors },
      },
    },
    async (request) => service.obstacleReport(db, requireActor(request), request.query),
  );

  app.get(
    '/api/worklist',
    {
      schema: {
        tags,
        summary:
          'My worklist: cases by phase, tasks (deadlines derived first), overdue steps, open referrals, conferences',
        response: { 200: Worklist, ...errors },
      },
    },
    async (request) => service.worklist(db, requireActor(request)),
  );
  app.post(
    '/api/cases/deadlines/run',
    {
      schema: {
        tags,
        summary: 'Derive deadline tasks now, as the scheduled job does (administrator, agency lead)',
        response: { 200: DeadlineRun, ...errors },
      },
    },
    async (request) => service.runDeadlines(db, requireActor(request)),
  );
  app.get(
    '/api/caseload',
    {
      schema: {
        tags,
        summary: "Open cases of the caller's agency per case manager (agency lead)",
        response: { 200: Caseload, ...errors },
      },
    },
    async (request) => service.caseload(db, requireActor(request)),
  );
  app.get(
    '/api/persons/:id/timeline',
    {
      schema: {
        tags,
        summary:
          "A person's timeline across agencies: history, consents, cases, referrals, steps (what the caller may see)",
        params: IdParams,
        response: { 200: Timeline, ...errors },
      },
    },
    async (request) => timeline(db, requireActor(request), request.params.id),
  );
}
