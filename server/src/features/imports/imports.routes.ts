import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ErrorBody, ImportPreview, ImportReport, ImportRequest } from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { requireActor } from '../../http/session';
import { applyImport, dryRunImport, previewImport } from './imports.service';

const tags = ['imports'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
// Agency exports are larger than ordinary requests (base64 adds a third).
const bodyLimit = 30 * 1024 * 1024;

export async function importsRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  app.post(
    '/api/imports/preview',
    {
      bodyLimit,
      schema: {
        tags,
        summary:
          "Read an agency's CSV export: columns, sample rows, detected encoding and a suggested mapping",
        body: ImportRequest.pick({ fileName: true, content: true, delimiter: true }),
        response: { 200: ImportPreview, ...errors },
      },
    },
    async (request) => previewImport(requireActor(request), request.body),
  );
  app.post(
    '/api/imports',
    {
      bodyLimit,
      schema: {
        tags,
        summary:
          'Dry run: what the import would create, match and reject, line by line (nothing is imported)',
        body: ImportRequest,
        response: { 200: ImportReport, ...errors },
      },
    },
    async (request) => dryRunImport(deps.db, requireActor(request), request.body),
  );
  app.post(
    '/api/imports/:id/apply',
    {
      schema: {
        tags,
        summary: 'Apply a dry run, all or nothing',
        params: z.object({ id: z.uuid('must be a UUID') }),
        response: { 200: ImportReport, ...errors },
      },
    },
    async (request) => applyImport(deps.db, requireActor(request), request.params.id),
  );
}
