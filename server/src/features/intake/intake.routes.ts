import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ErrorBody,
  InboxQuery,
  Intake,
  IntakeDocument,
  IntakeInput,
  IntakeListQuery,
  IntakeRouting,
  ProcessDocumentInput,
} from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { requireActor } from '../../http/session';
import * as service from './intake.service';
import { documentKey, documentStore } from './intake.storage';

const tags = ['intake'];
// Files no row names are removed at start once they are this old (an upload in its transaction is younger).
const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const IdParams = z.object({ id: z.uuid('must be a UUID') });
const Pdf = z.string().meta({ description: 'application/pdf' });
// Up to 25 MB of files travel as base64 in JSON.
const intakeBodyLimit = 36 * 1024 * 1024;
// Fastify sends a Buffer as it is (no serialisation); the schema's string type only documents it.
const binary = (b: Buffer) => b as unknown as string;

/** Document intake at the front desk, the receipt, and the agencies' inboxes. */
export async function intakeRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  const { db, config } = deps;
  const store = documentStore(config);
  // Temporary files of writes a crash interrupted: nothing names them.
  await store.cleanup();
  // Files a crash left between storing and committing (no row names them), in the background: a store that is
  // unreachable for a moment does not keep the server from starting.
  const sweeping = service.sweepOrphans(db, store, new Date(Date.now() - ORPHAN_AGE_MS)).then(
    (n) => n > 0 && fastify.log.info({ removed: n }, 'removed document files that no intake names'),
    (err: unknown) => fastify.log.warn({ err }, 'could not sweep document files that no intake names'),
  );
  fastify.addHook('onClose', async () => {
    await sweeping;
  });
  let vault: Promise<service.DocumentVault> | null = null;
  const getVault = () => {
    vault ??= documentKey(config).then(
      (key) => ({ store, key }),
      (err: unknown) => {
        vault = null;
        throw err;
      },
    );
    return vault;
  };

  app.get(
    '/api/intake/routing',
    {
      schema: {
        tags,
        summary:
          'Where documents go: the default receiving agency per document class, and the agencies to choose',
        response: { 200: IntakeRouting, ...errors },
      },
    },
    async (request) => service.routing(db, requireActor(request)),
  );
  app.post(
    '/api/intake',
    {
      bodyLimit: intakeBodyLimit,
      schema: {
        tags,
        summary:
          'Receive documents at the desk for a person: checked by content, classified, routed, stored encrypted',
        description:
          'Each file is PDF, JPEG or PNG (recognised by its first bytes, not its name), at most 10 MB, at most 25 MB together. ' +
          'The answer comes once the files are durably stored and the intake committed; print the receipt with GET /api/intake/intakes/{id}/receipt.',
        body: IntakeInput,
        response: { 201: Intake, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.receiveDocuments(db, await getVault(), requireActor(request), request.body)),
  );
  app.get(
    '/api/intake/intakes',
    {
      schema: {
        tags,
        summary: "The latest intakes of the caller's desk, optionally of one person",
        querystring: IntakeListQuery,
        response: { 200: z.array(Intake), ...errors },
      },
    },
    async (request) => service.listIntakes(db, requireActor(request), request.query),
  );
  app.get(
    '/api/intake/intakes/:id/receipt',
    {
      schema: {
        tags,
        summary:
          "The receipt (Eingangsbestätigung) as PDF, in German and the person's language, to print at the desk",
        params: IdParams,
        response: { 200: Pdf, ...errors },
      },
    },
    async (request, reply) => {
      const pdf = await service.intakeReceipt(db, requireActor(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="eingangsbestaetigung.pdf"')
        .send(binary(pdf));
    },
  );
  app.get(
    '/api/intake/inbox',
    {
      schema: {
        tags,
        summary: "The inbox of the caller's agency: documents routed to it (new, processed or all)",
        querystring: InboxQuery,
        response: { 200: z.array(IntakeDocument), ...errors },
      },
    },
    async (request) => service.agencyInbox(db, requireActor(request), request.query),
  );
  app.get(
    '/api/intake/documents/:id/file',
    {
      schema: {
        tags,
        summary: 'The file of a document in the inbox, decrypted (receiving agency only; audited)',
        params: IdParams,
        response: { 200: z.string().meta({ description: 'The file (PDF, JPEG or PNG)' }), ...errors },
      },
    },
    async (request, reply) => {
      const file = await service.documentFile(db, await getVault(), requireActor(request), request.params.id);
      return reply
        .type(file.mediaType)
        .header('content-disposition', `inline; filename="${encodeURIComponent(file.fileName)}"`)
        .header('cache-control', 'no-store')
        .send(binary(file.content));
    },
  );
  app.post(
    '/api/intake/documents/:id/process',
    {
      schema: {
        tags,
        summary: 'Mark a new document of the inbox processed (audited)',
        params: IdParams,
        body: ProcessDocumentInput,
        response: { 200: IntakeDocument, ...errors },
      },
    },
    async (request) =>
      service.processDocument(db, requireActor(request), request.params.id, request.body.note),
  );
}
