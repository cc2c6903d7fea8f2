import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ErasureRequest,
  ErasureResult,
  ErrorBody,
  ProcessingRecord,
  ProcessingRecordQuery,
  RetentionPlan,
  RetentionRemoval,
  RetentionRemovalQuery,
  RetentionRule,
  RetentionRuleInput,
  RetentionRun,
} from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { requireActor } from '../../http/session';
import * as processing from './processing-record.service';
import * as service from './retention.service';

const tags = ['privacy'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const IdParams = z.object({ id: z.uuid('must be a UUID') });
const Pdf = z.string().meta({ description: 'application/pdf' });
// Fastify sends a Buffer as it is (no serialisation); the schema's string type only documents it.
const binary = (b: Buffer) => b as unknown as string;

/** Retention rules, runs, the removal record, erasure on request, and the record of processing activities. */
export async function retentionRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  const { db } = deps;

  app.get(
    '/api/retention/rules',
    {
      schema: {
        tags,
        summary:
          'Retention rules in force, per agency and record type (administrator, data protection officer)',
        response: { 200: z.array(RetentionRule), ...errors },
      },
    },
    async (request) => service.listRules(db, requireActor(request)),
  );
  app.put(
    '/api/retention/rules',
    {
      schema: {
        tags,
        summary:
          'Create the rule of an agency for a record type, or replace the one in force (administrator, data protection officer)',
        description:
          'Keep records of the type for `years` after their reference date, then delete them. Answers 201 for a new rule, 200 for a replaced or unchanged one.',
        body: RetentionRuleInput,
        response: { 200: RetentionRule, 201: RetentionRule, ...errors },
      },
    },
    async (request, reply) => {
      const { rule, created } = await service.saveRule(db, requireActor(request), request.body);
      return reply.code(created ? 201 : 200).send(rule);
    },
  );
  app.delete(
    '/api/retention/rules/:id',
    {
      schema: {
        tags,
        summary:
          'Delete a retention rule; what it removed stays on record (administrator, data protection officer)',
        params: IdParams,
        response: { 204: z.null().meta({ description: 'Deleted' }), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteRule(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/retention/due',
    {
      schema: {
        tags,
        summary: 'Dry run: what the rules would remove today, per rule with the record ids (removes nothing)',
        response: { 200: RetentionPlan, ...errors },
      },
    },
    async (request) => service.dueToday(db, requireActor(request)),
  );
  app.post(
    '/api/retention/run',
    {
      schema: {
        tags,
        summary:
          'Apply the retention rules now, as the daily job does (administrator, data protection officer)',
        response: { 200: RetentionRun, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return service.runRetention(db, actor.municipalityId, actor);
    },
  );
  app.get(
    '/api/retention/removals',
    {
      schema: {
        tags,
        summary:
          'The record of what retention and erasure removed: ids, kinds, rule, time, never the content (newest first)',
        querystring: RetentionRemovalQuery,
        response: { 200: z.array(RetentionRemoval), ...errors },
      },
    },
    async (request) =>
      service.listRemovals(db, requireActor(request), request.query.runId ?? null, request.query.limit),
  );

  app.post(
    '/api/persons/:id/erasure',
    {
      schema: {
        tags,
        summary:
          'Erasure on request (Art. 17 DSGVO, § 84 SGB X): deletes what no retention duty protects; anonymises the person if nothing is kept (data protection officer)',
        params: IdParams,
        body: ErasureRequest,
        response: { 200: ErasureResult, ...errors },
      },
    },
    async (request) => service.erasePerson(db, requireActor(request), request.params.id, request.body.reason),
  );

  app.get(
    '/api/processing-record',
    {
      schema: {
        tags,
        summary:
          'Record of processing activities (Art. 30 DSGVO) from the configuration, as JSON or PDF (administrator, data protection officer)',
        querystring: ProcessingRecordQuery,
        response: { 200: z.union([ProcessingRecord, Pdf]), ...errors },
      },
    },
    async (request, reply) => {
      const record = await processing.processingRecord(db, requireActor(request), request.query.lang);
      if (request.query.format === 'json') return record;
      const pdf = await processing.processingRecordPdf(record, request.query.lang);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="verarbeitungsverzeichnis-${request.query.lang}.pdf"`,
        )
        .send(binary(pdf));
    },
  );
}
