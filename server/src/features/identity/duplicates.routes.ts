import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  DuplicateComparison,
  DuplicateList,
  ErrorBody,
  MergeRequest,
  MergeResult,
  ScanResult,
  duplicateStatuses,
} from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { requireActor } from '../../http/session';
import * as service from './duplicates.service';
import { compareDuplicate, scanDuplicates } from './scan.service';

const tags = ['duplicates'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const IdParams = z.object({ id: z.uuid('must be a UUID') });

export async function duplicatesRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  const { db } = deps;

  app.get(
    '/api/duplicates',
    {
      schema: {
        tags,
        summary: 'The review queue of suspected duplicates, best first',
        querystring: z.object({
          status: z.enum(duplicateStatuses).default('open'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: DuplicateList, ...errors },
      },
    },
    async (request) =>
      service.listDuplicates(db, requireActor(request), request.query.status, request.query.limit),
  );

  app.post(
    '/api/duplicates/scan',
    {
      schema: {
        tags,
        summary: "Scan the municipality's persons for duplicates now",
        response: { 200: ScanResult, ...errors },
      },
    },
    async (request) => scanDuplicates(db, requireActor(request)),
  );

  app.get(
    '/api/duplicates/:id',
    {
      schema: {
        tags,
        summary: 'Both persons of a suspected duplicate side by side',
        params: IdParams,
        response: { 200: DuplicateComparison, ...errors },
      },
    },
    async (request) => compareDuplicate(db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/duplicates/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge the pair; the other person is kept as a source record and the merge can be undone',
        params: IdParams,
        body: MergeRequest,
        response: { 200: MergeResult, ...errors },
      },
    },
    async (request) =>
      service.mergeDuplicate(
        db,
        requireActor(request),
        request.params.id,
        request.body.survivorId,
      ) as Promise<z.infer<typeof MergeResult>>,
  );

  app.post(
    '/api/duplicates/:id/reject',
    {
      schema: {
        tags,
        summary: 'Not a duplicate: two different people',
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.rejectDuplicate(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/merges/:id/undo',
    { schema: { tags, summary: 'Undo a merge', params: IdParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await service.undoMerge(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
