import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AuditPage, AuditVerification, ErrorBody } from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { requireActor } from '../../http/session';
import { listAudit, verifyMunicipality } from './audit.service';

const tags = ['audit'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export async function auditRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  app.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary: "The municipality's audit log, newest first (administrators)",
        querystring: z.object({
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: AuditPage, ...errors },
      },
    },
    async (request) => {
      return listAudit(deps.db, requireActor(request), {
        before: request.query.before ?? null,
        limit: request.query.limit,
      });
    },
  );
  app.post(
    '/api/audit/verify',
    {
      schema: {
        tags,
        summary: "Check the municipality's hash chain; names the first broken entry (administrators)",
        response: { 200: AuditVerification, ...errors },
      },
    },
    async (request) => {
      return verifyMunicipality(deps.db, requireActor(request));
    },
  );
}
