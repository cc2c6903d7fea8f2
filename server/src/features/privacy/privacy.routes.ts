import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AccessLog,
  AccessLogQuery,
  Consent,
  ConsentInput,
  ConsentRevocation,
  ConsentTemplate,
  ConsentTemplateInput,
  EmergencyAccess,
  EmergencyAccessInput,
  EmergencyReviewInput,
  ErrorBody,
  LegalBasis,
  LegalBasisInput,
} from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { requireActor } from '../../http/session';
import * as documents from './privacy.documents';
import * as service from './privacy.service';

const tags = ['privacy'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const uuid = z.uuid('must be a UUID');
const IdParams = z.object({ id: uuid });
const Pdf = z.string().meta({ description: 'application/pdf' });
// A signed form of up to 10 MB travels as base64 in JSON.
const consentBodyLimit = 15 * 1024 * 1024;
// Fastify sends a Buffer as it is (no serialisation); the schema's string type only documents it.
const binary = (b: Buffer) => b as unknown as string;

export async function privacyRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  const { db } = deps;

  app.get(
    '/api/legal-bases',
    {
      schema: {
        tags,
        summary: 'The legal bases configured for sharing between agencies',
        response: { 200: z.array(LegalBasis), ...errors },
      },
    },
    async (request) => service.listLegalBases(db, requireActor(request)),
  );
  app.post(
    '/api/legal-bases',
    {
      schema: {
        tags,
        summary: 'Configure a legal basis (administrator, data protection officer)',
        body: LegalBasisInput,
        response: { 201: LegalBasis, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.saveLegalBasis(db, requireActor(request), request.body, null)),
  );
  app.put(
    '/api/legal-bases/:id',
    {
      schema: {
        tags,
        summary: 'Change a legal basis (administrator, data protection officer)',
        params: IdParams,
        body: LegalBasisInput,
        response: { 200: LegalBasis, ...errors },
      },
    },
    async (request) => service.saveLegalBasis(db, requireActor(request), request.body, request.params.id),
  );

  app.get(
    '/api/consent-templates',
    {
      schema: {
        tags,
        summary: 'Consent texts of the municipality, every language and version',
        response: { 200: z.array(ConsentTemplate), ...errors },
      },
    },
    async (request) => service.listTemplates(db, requireActor(request)),
  );
  app.post(
    '/api/consent-templates',
    {
      schema: {
        tags,
        summary:
          'Add a new version of a consent text in one language (administrator, data protection officer)',
        body: ConsentTemplateInput,
        response: { 201: ConsentTemplate, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addTemplateVersion(db, requireActor(request), request.body)),
  );

  app.post(
    '/api/persons/:id/consents',
    {
      bodyLimit: consentBodyLimit,
      schema: {
        tags,
        summary: 'Record a consent of the person (with the signed form for paper, a note for oral consent)',
        params: IdParams,
        body: ConsentInput,
        response: { 201: Consent, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.recordConsent(db, requireActor(request), request.params.id, request.body)),
  );
  app.get(
    '/api/persons/:id/consents',
    {
      schema: {
        tags,
        summary: 'The consents of a person with their status today (valid, expired, revoked, not yet valid)',
        params: IdParams,
        response: { 200: z.array(Consent), ...errors },
      },
    },
    async (request) => service.listConsents(db, requireActor(request), request.params.id),
  );
  app.post(
    '/api/consents/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a consent; effective for every later access at once',
        params: IdParams,
        body: ConsentRevocation,
        response: { 200: Consent, ...errors },
      },
    },
    async (request) => service.revokeConsent(db, requireActor(request), request.params.id, request.body.note),
  );
  app.get(
    '/api/consents/:id/scan',
    {
      schema: {
        tags,
        summary: 'The signed form of a paper consent',
        params: IdParams,
        response: { 200: z.string().meta({ description: 'The file' }), ...errors },
      },
    },
    async (request, reply) => {
      const scan = await service.consentScan(db, requireActor(request), request.params.id);
      return reply
        .type(scan.mediaType)
        .header('content-disposition', `attachment; filename="${encodeURIComponent(scan.fileName)}"`)
        .send(binary(scan.content));
    },
  );
  app.post(
    '/api/persons/:id/consent-form',
    {
      schema: {
        tags,
        summary:
          "A consent form for signature as PDF, in the person's language, with the person's data filled in",
        params: IdParams,
        body: documents.ConsentFormBody,
        response: { 200: Pdf, ...errors },
      },
    },
    async (request, reply) => {
      const pdf = await documents.consentForm(db, requireActor(request), request.params.id, request.body);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="einwilligung.pdf"')
        .send(binary(pdf));
    },
  );

  app.post(
    '/api/persons/:id/emergency-access',
    {
      schema: {
        tags,
        summary:
          'Break the glass: see everything of the person for 30 minutes, with a reason; reviewed by the data protection officer',
        params: IdParams,
        body: EmergencyAccessInput,
        response: { 201: EmergencyAccess, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.openEmergencyAccess(
            db,
            requireActor(request),
            request.params.id,
            request.body.reason,
          ),
        ),
  );
  app.get(
    '/api/emergency-accesses',
    {
      schema: {
        tags,
        summary: 'Emergency accesses for review (data protection officer)',
        querystring: z.object({ status: z.enum(['open', 'reviewed', 'all']).default('open') }),
        response: { 200: z.array(EmergencyAccess), ...errors },
      },
    },
    async (request) => {
      const s = request.query.status;
      return service.listEmergencies(db, requireActor(request), s === 'all' ? null : s === 'reviewed');
    },
  );
  app.post(
    '/api/emergency-accesses/:id/review',
    {
      schema: {
        tags,
        summary: 'Record the review of an emergency access (data protection officer)',
        params: IdParams,
        body: EmergencyReviewInput,
        response: { 200: EmergencyAccess, ...errors },
      },
    },
    async (request) =>
      service.reviewEmergency(db, requireActor(request), request.params.id, request.body.note),
  );

  app.get(
    '/api/persons/:id/access-log',
    {
      schema: {
        tags,
        summary:
          "Every access to the person's data: agency, role, time, categories, purpose, consent or legal basis (?format=pdf&lang=ar to print)",
        params: IdParams,
        querystring: AccessLogQuery,
        response: { 200: z.union([AccessLog, Pdf]), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const log = await service.accessLog(db, actor, request.params.id);
      if (request.query.format === 'json') return log;
      const pdf = await documents.accessLogPdf(db, actor, log, request.query.lang);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="zugriffe-${request.query.lang}.pdf"`)
        .send(binary(pdf));
    },
  );
  app.get(
    '/api/persons/:id/export',
    {
      schema: {
        tags,
        summary:
          'Right of access (Art. 15 DSGVO, § 83 SGB X): everything Lotse holds on the person, as JSON or PDF (data protection officer)',
        params: IdParams,
        querystring: AccessLogQuery,
        response: { 200: z.union([z.record(z.string(), z.unknown()), Pdf]), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const data = await service.exportPerson(db, actor, request.params.id);
      if (request.query.format === 'json')
        return reply
          .header('content-disposition', 'attachment; filename="auskunft.json"')
          .send(data as unknown as Record<string, unknown>);
      const pdf = await documents.exportPdf(db, actor, data, request.query.lang);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="auskunft.pdf"')
        .send(binary(pdf));
    },
  );
}
