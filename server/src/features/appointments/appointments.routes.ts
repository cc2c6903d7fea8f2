import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AbsenceInput,
  Appointment,
  AppointmentDayQuery,
  AppointmentService,
  AppointmentServiceInput,
  Cancellation,
  CheckInResult,
  DeskBooking,
  ErrorBody,
  ExpiringWithoutAppointment,
  OutboxMail,
  PowChallenge,
  PriorityQuery,
  PublicAppointment,
  PublicAppointmentService,
  PublicBooking,
  PublicBookingResult,
  PublicServicesQuery,
  Rebooking,
  SlotList,
  SlotsQuery,
  StaffSchedule,
  StaffScheduleInput,
  TokenParams,
} from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { requireActor } from '../../http/session';
import * as service from './appointments.service';

const tags = ['appointments'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const publicErrors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const IdParams = z.object({ id: z.uuid('must be a UUID') });
const StaffParams = z.object({ staffId: z.uuid('must be a UUID') });
const noContent = { 204: z.null().meta({ description: 'Deleted' }) };

/** Appointments: configuration, slots, desk and public booking, the emailed links, check-in. */
export async function appointmentsRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  const { db } = deps;
  const limited = {
    rateLimit: { max: deps.config.appointments.publicRatePerMinute, timeWindow: '1 minute' },
  };

  // ---- configuration ----

  app.get(
    '/api/appointments/services',
    {
      schema: {
        tags,
        summary: 'Appointment services with duration, buffer, urgent quota and the staff who offer them',
        response: { 200: z.array(AppointmentService), ...errors },
      },
    },
    async (request) => service.listServices(db, requireActor(request)),
  );
  app.post(
    '/api/appointments/services',
    {
      schema: {
        tags,
        summary: 'Create an appointment service (agency lead of its agency, administrator)',
        body: AppointmentServiceInput,
        response: { 201: AppointmentService, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createService(db, requireActor(request), request.body)),
  );
  app.put(
    '/api/appointments/services/:id',
    {
      schema: {
        tags,
        summary: 'Replace the settings and staff of an appointment service (agency lead, administrator)',
        params: IdParams,
        body: AppointmentServiceInput,
        response: { 200: AppointmentService, ...errors },
      },
    },
    async (request) => service.updateService(db, requireActor(request), request.params.id, request.body),
  );
  app.get(
    '/api/appointments/schedules',
    {
      schema: {
        tags,
        summary: 'Working hours, languages and coming absences of the staff who take appointments',
        response: { 200: z.array(StaffSchedule), ...errors },
      },
    },
    async (request) => service.listSchedules(db, requireActor(request)),
  );
  app.put(
    '/api/appointments/schedules/:staffId',
    {
      schema: {
        tags,
        summary: "Set a staff member's weekly working hours and languages (agency lead, administrator)",
        params: StaffParams,
        body: StaffScheduleInput,
        response: { 200: StaffSchedule, ...errors },
      },
    },
    async (request) => service.saveSchedule(db, requireActor(request), request.params.staffId, request.body),
  );
  app.post(
    '/api/appointments/schedules/:staffId/absences',
    {
      schema: {
        tags,
        summary: 'Record an absence of a staff member: no slots then (agency lead, administrator)',
        params: StaffParams,
        body: AbsenceInput,
        response: { 201: StaffSchedule, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.addAbsence(db, requireActor(request), request.params.staffId, request.body)),
  );
  app.delete(
    '/api/appointments/absences/:id',
    {
      schema: {
        tags,
        summary: 'Delete an absence (agency lead, administrator)',
        params: IdParams,
        response: { ...noContent, ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteAbsence(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // ---- slots (staff and public) ----

  app.get(
    '/api/appointments/slots',
    {
      // The public page's limit; staff (signed in, often many desks behind one address) are not limited here.
      config: { rateLimit: { ...limited.rateLimit, allowList: (request) => Boolean(request.actor) } },
      schema: {
        tags,
        summary: 'Free slots of a service between two days (Europe/Berlin)',
        description:
          'Signed in (staff): every free start with the number of free staff, and starts only the urgent quota is left for (`urgentOnly`). Without a session (public page): bookable starts of services bookable online.',
        security: [],
        querystring: SlotsQuery,
        response: { 200: SlotList, ...errors, 429: ErrorBody },
      },
    },
    async (request) => service.listSlots(db, request.actor, request.query),
  );

  // ---- staff: booking and the day ----

  app.get(
    '/api/appointments',
    {
      schema: {
        tags,
        summary: 'The appointments of a day, optionally of one staff member or service',
        querystring: AppointmentDayQuery,
        response: { 200: z.array(Appointment), ...errors },
      },
    },
    async (request) => service.listDay(db, requireActor(request), request.query),
  );
  app.post(
    '/api/appointments',
    {
      schema: {
        tags,
        summary: 'Book an appointment at the desk (staff), optionally for a registered person or as urgent',
        description:
          'Assigned to a free staff member who speaks the language where possible, then round-robin by the load of the day. 409 CONFLICT names the field: `startsAt` (not free, urgent quota) or `personId`/`email`/`phone` (a booking for the same service exists).',
        body: DeskBooking,
        response: { 201: Appointment, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.bookAtDesk(deps, requireActor(request), request.body)),
  );
  app.get(
    '/api/appointments/priority',
    {
      schema: {
        tags,
        summary:
          'Registered persons whose residence title ends within N weeks, soonest first, with their next appointment',
        description:
          'Without `weeks`, the configured `APPOINTMENTS_PRIORITY_WEEKS`: the same span in which desk bookings for the person may use the urgent quota.',
        querystring: PriorityQuery,
        response: { 200: ExpiringWithoutAppointment, ...errors },
      },
    },
    async (request) =>
      service.priorityList(
        db,
        requireActor(request),
        request.query.weeks ?? deps.config.appointments.priorityWeeks,
      ),
  );
  app.get(
    '/api/appointments/outbox',
    {
      schema: {
        tags,
        summary: 'Mails written for appointments, newest first (front desk, leads, administrator)',
        querystring: z.object({
          appointmentId: z.uuid('must be a UUID').optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: { 200: z.array(OutboxMail), ...errors },
      },
    },
    async (request) =>
      service.listOutbox(db, requireActor(request), request.query.appointmentId ?? null, request.query.limit),
  );

  // ---- public: no account ----

  app.get(
    '/api/appointments/public/services',
    {
      config: limited,
      schema: {
        tags,
        summary: 'Services bookable online in a municipality, named in the language asked for (no account)',
        security: [],
        querystring: PublicServicesQuery.extend({ municipality: z.string().min(1).max(63) }),
        response: { 200: z.array(PublicAppointmentService), ...publicErrors },
      },
    },
    async (request) => service.listPublicServices(db, request.query.municipality, request.query.lang),
  );
  app.get(
    '/api/appointments/public/challenge',
    {
      config: limited,
      schema: {
        tags,
        summary: 'A proof-of-work challenge (ALTCHA v2) to solve before booking online',
        security: [],
        response: { 200: PowChallenge, ...publicErrors },
      },
    },
    async () => service.newChallenge(deps.config),
  );
  app.post(
    '/api/appointments/public',
    {
      config: limited,
      schema: {
        tags,
        summary: 'Book online (no account): holds the slot and mails a link that confirms it',
        description:
          'Needs a solved challenge of GET /api/appointments/public/challenge (`proof`, usable once). The booking is `pending` until the emailed link is opened, at the latest by `confirmBy`.',
        security: [],
        body: PublicBooking,
        response: { 201: PublicBookingResult, ...publicErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.bookPublic(deps, request.body)),
  );
  app.get(
    '/api/appointments/public/:token',
    {
      config: limited,
      schema: {
        tags,
        summary: 'The appointment of an emailed link: service, time, place and state (never a name)',
        security: [],
        params: TokenParams,
        response: { 200: PublicAppointment, ...publicErrors },
      },
    },
    async (request) => service.showByToken(deps, request.params.token),
  );
  app.post(
    '/api/appointments/public/:token/confirm',
    {
      config: limited,
      schema: {
        tags,
        summary: 'Confirm an online booking through the emailed link (idempotent)',
        security: [],
        params: TokenParams,
        response: { 200: PublicAppointment, ...publicErrors },
      },
    },
    async (request) => service.confirmByToken(deps, request.params.token),
  );
  app.post(
    '/api/appointments/public/:token/cancel',
    {
      config: limited,
      schema: {
        tags,
        summary: 'Cancel through the emailed link',
        security: [],
        params: TokenParams,
        response: { 200: PublicAppointment, ...publicErrors },
      },
    },
    async (request) => service.cancelByToken(deps, request.params.token),
  );
  app.post(
    '/api/appointments/public/:token/rebook',
    {
      config: limited,
      schema: {
        tags,
        summary: 'Rebook through the emailed link: a new time, with the same staff member where free',
        security: [],
        params: TokenParams,
        body: Rebooking,
        response: { 200: PublicAppointment, ...publicErrors },
      },
    },
    async (request) => service.rebookByToken(deps, request.params.token, request.body.startsAt),
  );

  // ---- staff: one appointment ----

  app.get(
    '/api/appointments/:id',
    {
      schema: {
        tags,
        summary: 'One appointment',
        params: IdParams,
        response: { 200: Appointment, ...errors },
      },
    },
    async (request) => service.getAppointment(db, requireActor(request), request.params.id),
  );
  app.post(
    '/api/appointments/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an appointment at the desk; the person is told by mail',
        params: IdParams,
        body: Cancellation,
        response: { 200: Appointment, ...errors },
      },
    },
    async (request) =>
      service.cancelAppointment(deps, requireActor(request), request.params.id, request.body),
  );
  app.post(
    '/api/appointments/:id/rebook',
    {
      schema: {
        tags,
        summary: 'Rebook at the desk: a new appointment, with the same staff member where free',
        params: IdParams,
        body: Rebooking,
        response: { 201: Appointment, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.rebookAppointment(
            deps,
            requireActor(request),
            request.params.id,
            request.body.startsAt,
          ),
        ),
  );
  app.post(
    '/api/appointments/:id/check-in',
    {
      schema: {
        tags,
        summary: "Check in on arrival: the appointment joins its service's walk-in queue as a ticket",
        params: IdParams,
        response: { 201: CheckInResult, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.checkIn(deps, requireActor(request), request.params.id)),
  );
}
