import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Agency,
  AgencyInput,
  ErrorBody,
  Organisation,
  Site,
  SiteInput,
  Staff,
  StaffCreate,
  StaffUpdate,
} from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { requireActor } from '../../http/session';
import * as service from './organisation.service';

const tags = ['organisation'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const IdParams = z.object({ id: z.uuid('must be a UUID') });

export async function organisationRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  const { db } = deps;

  app.get(
    '/api/organisation',
    {
      schema: {
        tags,
        summary: "The municipality's sites, agencies and partners",
        response: { 200: Organisation, ...errors },
      },
    },
    async (request) => service.getOrganisation(db, requireActor(request)),
  );

  app.post(
    '/api/admin/sites',
    {
      schema: {
        tags,
        summary: 'Add a site (administrators)',
        body: SiteInput,
        response: { 201: Site, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createSite(db, requireActor(request), request.body)),
  );
  app.put(
    '/api/admin/sites/:id',
    {
      schema: {
        tags,
        summary: 'Change a site (administrators)',
        params: IdParams,
        body: SiteInput,
        response: { 200: Site, ...errors },
      },
    },
    async (request) => service.updateSite(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/agencies',
    {
      schema: {
        tags,
        summary: 'Add an agency or partner (administrators)',
        body: AgencyInput,
        response: { 201: Agency, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createAgency(db, requireActor(request), request.body)),
  );
  app.put(
    '/api/admin/agencies/:id',
    {
      schema: {
        tags,
        summary: 'Change an agency or partner (administrators)',
        params: IdParams,
        body: AgencyInput,
        response: { 200: Agency, ...errors },
      },
    },
    async (request) => service.updateAgency(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/api/admin/staff',
    {
      schema: {
        tags,
        summary: 'List staff accounts (administrators; agency leads see their agency)',
        response: { 200: z.array(Staff), ...errors },
      },
    },
    async (request) => service.listStaff(db, requireActor(request)),
  );
  app.post(
    '/api/admin/staff',
    {
      schema: {
        tags,
        summary: 'Create a staff account (administrators)',
        body: StaffCreate,
        response: { 201: Staff, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createStaff(db, requireActor(request), request.body)),
  );
  app.patch(
    '/api/admin/staff/:id',
    {
      schema: {
        tags,
        summary: 'Change a staff account: roles, agency, active, password, unlock (administrators)',
        params: IdParams,
        body: StaffUpdate,
        response: { 200: Staff, ...errors },
      },
    },
    async (request) => service.updateStaff(db, requireActor(request), request.params.id, request.body),
  );
}
