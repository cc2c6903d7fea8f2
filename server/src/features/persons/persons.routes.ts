import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  BenefitInput,
  DuplicatesFound,
  ErrorBody,
  ExpiringResidence,
  Household,
  HouseholdInput,
  HouseholdMemberInput,
  IdentifierInput,
  Person,
  PersonCreate,
  PersonHistory,
  PersonNoteInput,
  PersonUpdate,
  RelationInput,
  ResidenceInput,
} from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { requireActor } from '../../http/session';
import * as service from './persons.service';

const tags = ['persons'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const uuid = z.uuid('must be a UUID');
const IdParams = z.object({ id: uuid });

export async function personsRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  const { db } = deps;

  app.post(
    '/api/persons',
    {
      schema: {
        tags,
        summary: 'Register a person (answers likely duplicates with 409 unless confirmNew is true)',
        body: PersonCreate,
        response: { 201: Person, ...errors, 409: z.union([DuplicatesFound, ErrorBody]) },
      },
    },
    async (request, reply) => {
      const outcome = await service.createPerson(db, requireActor(request), request.body);
      if (outcome.kind === 'duplicates')
        return reply.code(409).send({
          error: {
            code: 'LIKELY_DUPLICATE',
            message:
              'This person may already be registered; check the candidates, then confirm to create anyway.',
          },
          candidates: outcome.candidates,
        });
      return reply.code(201).send(outcome.person);
    },
  );

  app.get(
    '/api/persons/:id',
    {
      schema: {
        tags,
        summary:
          'A person with identifiers, residence, benefits, relations and households (merged records answer the surviving person)',
        params: IdParams,
        response: { 200: Person, ...errors },
      },
    },
    async (request) => service.getPerson(db, requireActor(request), request.params.id),
  );

  app.patch(
    '/api/persons/:id',
    {
      schema: {
        tags,
        summary: 'Change the given fields of a person; each change is kept in the history',
        params: IdParams,
        body: PersonUpdate,
        response: { 200: Person, ...errors },
      },
    },
    async (request) => service.updatePerson(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/api/persons/:id/history',
    {
      schema: {
        tags,
        summary: "A person's changes, newest first, with agency and staff",
        params: IdParams,
        response: { 200: PersonHistory, ...errors },
      },
    },
    async (request) => service.getHistory(db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/persons/:id/identifiers',
    {
      schema: {
        tags,
        summary: "Add an agency's identifier (AZR-Nummer, Kundennummer, BG-Nummer, Aktenzeichen)",
        params: IdParams,
        body: IdentifierInput,
        response: { 201: Person, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.addIdentifier(db, requireActor(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/persons/:id/identifiers/:identifierId',
    {
      schema: {
        tags,
        summary: 'Remove an identifier',
        params: z.object({ id: uuid, identifierId: uuid }),
        response: { 200: Person, ...errors },
      },
    },
    async (request) =>
      service.removeIdentifier(db, requireActor(request), request.params.id, request.params.identifierId),
  );

  app.post(
    '/api/persons/:id/notes',
    {
      schema: {
        tags,
        summary:
          'Add a record entry (employment, education, health, case notes), owned by your agency and shared only on consent or legal basis',
        params: IdParams,
        body: PersonNoteInput,
        response: { 201: Person, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addNote(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/api/persons/:id/residence',
    {
      schema: {
        tags,
        summary: 'Record a residence title or permission with its validity',
        params: IdParams,
        body: ResidenceInput,
        response: { 201: Person, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.addResidence(db, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/api/residence/expiring',
    {
      schema: {
        tags,
        summary: 'Residence titles ending within the next N weeks, soonest first',
        querystring: z.object({
          weeks: z.coerce
            .number()
            .int('must be a whole number')
            .min(1, 'must be at least 1')
            .max(104, 'must be at most 104')
            .default(6),
        }),
        response: { 200: ExpiringResidence, ...errors },
      },
    },
    async (request) => service.listExpiringResidence(db, requireActor(request), request.query.weeks),
  );

  app.post(
    '/api/persons/:id/benefits',
    {
      schema: {
        tags,
        summary: 'Record a period of benefit-system membership (periods of the same system may not overlap)',
        params: IdParams,
        body: BenefitInput,
        response: { 201: Person, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.addBenefit(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/api/persons/:id/relations',
    {
      schema: {
        tags,
        summary: 'Link two persons; the inverse link is stored on the other person',
        params: IdParams,
        body: RelationInput,
        response: { 201: Person, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.addRelation(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/api/households',
    {
      schema: {
        tags,
        summary: 'Create a household (Bedarfsgemeinschaft or family) with its members',
        body: HouseholdInput,
        response: { 201: Household, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createHousehold(db, requireActor(request), request.body)),
  );

  app.post(
    '/api/households/:id/members',
    {
      schema: {
        tags,
        summary: 'Add a person to a household, or change their role in it',
        params: IdParams,
        body: HouseholdMemberInput,
        response: { 200: Household, ...errors },
      },
    },
    async (request) => service.addHouseholdMember(db, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    '/api/households/:id/members/:personId',
    {
      schema: {
        tags,
        summary: 'Remove a person from a household',
        params: z.object({ id: uuid, personId: uuid }),
        response: { 200: Household, ...errors },
      },
    },
    async (request) =>
      service.removeHouseholdMember(db, requireActor(request), request.params.id, request.params.personId),
  );
}
