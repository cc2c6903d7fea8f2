import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CallNumber,
  CounterState,
  DisplaySnapshot,
  ErrorBody,
  FiguresQuery,
  KioskParams,
  KioskView,
  PublicTicket,
  PublicTicketCreate,
  QueueCounter,
  QueueCounterInput,
  QueueFigures,
  QueueService,
  QueueServiceInput,
  QueueServiceStop,
  QueueSetup,
  QueueSiteQuery,
  ShortQuestion,
  ShortQuestionInput,
  Ticket,
  TicketCreate,
  TicketForward,
  TicketLanguage,
  TicketListQuery,
  TicketStatusView,
} from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { requireActor } from '../../http/session';
import { QueueEvents } from './queue.events';
import * as service from './queue.service';

const tags = ['queue'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const publicErrors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const IdParams = z.object({ id: z.uuid('must be a UUID') });
const SiteParams = z.object({ siteId: z.uuid('must be a UUID') });
const TokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'must be the token of a ticket (32 characters)'),
});
const EventStream = z.string().meta({ description: 'text/event-stream' });
const ticketActions = {
  recall: 'recall',
  start: 'start',
  done: 'done',
  'no-show': 'no_show',
  park: 'park',
} as const;

// Public (no account) endpoints are rate limited per client address.
const PUBLIC_READS = { rateLimit: { max: 120, timeWindow: '1 minute' } };
const PUBLIC_ISSUES = { rateLimit: { max: 20, timeWindow: '1 minute' } };
const PUBLIC_STREAMS = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const HEARTBEAT_MS = 20_000;
const RETRY_MS = 2000;

// The same display snapshot goes to every display of a site: written as JSON once, not once per display.
const texts = new WeakMap<object, string>();
const serialized = (data: object) => {
  let text = texts.get(data);
  if (text === undefined) texts.set(data, (text = JSON.stringify(data)));
  return text;
};

/**
 * The walk-in queue: configuration, desk and counter work, figures and short questions (staff), the kiosk, the
 * lobby display and the person's phone view (public, no account, never person data). Live views are server-sent
 * events derived from the database state (ADR 0007).
 */
export async function queueRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  const { db, config } = deps;
  const events = new QueueEvents(db, (msg, err) => fastify.log.warn({ err }, msg));
  const streams = new Set<FastifyReply['raw']>();
  // A stream never ends by itself: end them all when the app closes, so that clients reconnect to the next one.
  fastify.addHook('preClose', async () => {
    for (const res of streams) res.end();
    streams.clear();
    await events.close();
  });
  const absolute = (t: Ticket): Ticket => ({ ...t, statusUrl: new URL(t.statusUrl, config.publicUrl).href });

  /** Opens a server-sent event stream; `send` writes one event; the returned promise settles when it closes. */
  function openStream(request: FastifyRequest, reply: FastifyReply) {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: ${RETRY_MS}\n\n`);
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    let last = '';
    const cleanups: (() => void)[] = [];
    const close = () => {
      clearInterval(heartbeat);
      streams.delete(res);
      for (const c of cleanups) c();
    };
    request.raw.on('close', close);
    return {
      /** Sends an event unless it repeats the last one. */
      send(event: string, data: object, id?: number) {
        const body = serialized(data);
        if (body === last || res.writableEnded) return;
        last = body;
        res.write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${body}\n\n`);
      },
      onClose(fn: () => void) {
        if (res.writableEnded || request.raw.destroyed) fn();
        else cleanups.push(fn);
      },
      fail(err: unknown) {
        fastify.log.warn({ err }, 'queue event stream failed');
        res.end();
      },
    };
  }

  // ---- configuration ----

  app.get(
    '/api/queue/setup',
    {
      schema: {
        tags,
        summary: 'Sites, agencies, queue services (with whether they issue now) and counters (staff)',
        querystring: QueueSiteQuery,
        response: { 200: QueueSetup, ...errors },
      },
    },
    async (request) => service.getSetup(db, requireActor(request), request.query.siteId ?? null),
  );
  app.post(
    '/api/queue/services',
    {
      schema: {
        tags,
        summary: 'Create a queue service of an agency at a site (front-desk lead, administrator)',
        body: QueueServiceInput,
        response: { 201: QueueService, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createService(db, requireActor(request), request.body)),
  );
  app.put(
    '/api/queue/services/:id',
    {
      schema: {
        tags,
        summary:
          'Change a queue service: prefix, opening hours, daily cap, no-show rule (front-desk lead, administrator)',
        params: IdParams,
        body: QueueServiceInput,
        response: { 200: QueueService, ...errors },
      },
    },
    async (request) => service.updateService(db, requireActor(request), request.params.id, request.body),
  );
  app.post(
    '/api/queue/services/:id/stop',
    {
      schema: {
        tags,
        summary: 'Stop issuing walk-in tickets of a service for today (peak times), or resume',
        params: IdParams,
        body: QueueServiceStop,
        response: { 200: QueueService, ...errors },
      },
    },
    async (request) =>
      service.stopService(db, requireActor(request), request.params.id, request.body.stopped),
  );
  app.post(
    '/api/queue/counters',
    {
      schema: {
        tags,
        summary: 'Create a counter or room and the services it serves (front-desk lead, administrator)',
        body: QueueCounterInput,
        response: { 201: QueueCounter, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createCounter(db, requireActor(request), request.body)),
  );
  app.put(
    '/api/queue/counters/:id',
    {
      schema: {
        tags,
        summary: 'Change a counter or room (front-desk lead, administrator)',
        params: IdParams,
        body: QueueCounterInput,
        response: { 200: QueueCounter, ...errors },
      },
    },
    async (request) => service.updateCounter(db, requireActor(request), request.params.id, request.body),
  );

  // ---- desk and counters ----

  app.post(
    '/api/queue/tickets',
    {
      schema: {
        tags,
        summary:
          'Issue a ticket at the desk (service, optional person, priority); answers its number and phone URL',
        description:
          'Refused with 409 CONFLICT (`fields.serviceId`: closed, stopped, cap_reached, inactive) when the service issues no tickets now.',
        body: TicketCreate,
        response: { 201: Ticket, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(absolute(await service.issueTicket(db, requireActor(request), request.body))),
  );
  app.get(
    '/api/queue/tickets',
    {
      schema: {
        tags,
        summary: "Today's tickets, waiting ones first in the order call-next takes them",
        querystring: TicketListQuery,
        response: { 200: z.array(Ticket), ...errors },
      },
    },
    async (request) =>
      (
        await service.listTickets(db, requireActor(request), {
          siteId: request.query.siteId ?? null,
          status: request.query.status ?? null,
        })
      ).map(absolute),
  );
  app.get(
    '/api/queue/counters/:id',
    {
      schema: {
        tags,
        summary: 'A counter now: its current ticket, how many wait for it, its parked tickets',
        params: IdParams,
        response: { 200: CounterState, ...errors },
      },
    },
    async (request) => service.counterState(db, requireActor(request), request.params.id),
  );
  for (const [path, occupy] of [
    ['occupy', true],
    ['leave', false],
  ] as const)
    app.post(
      `/api/queue/counters/:id/${path}`,
      {
        schema: {
          tags,
          summary: occupy ? 'Serve at a counter from now on (takes it over)' : 'Leave a counter',
          params: IdParams,
          response: { 200: CounterState, ...errors },
        },
      },
      async (request) => service.occupyCounter(db, requireActor(request), request.params.id, occupy),
    );
  app.post(
    '/api/queue/counters/:id/call-next',
    {
      schema: {
        tags,
        summary:
          'Call the next ticket to the counter by the call-next policy (priority, then longest waiting)',
        description: '404 when nobody waits; 409 while a ticket is still at the counter.',
        params: IdParams,
        response: { 200: Ticket, ...errors },
      },
    },
    async (request) => absolute(await service.callNext(db, requireActor(request), request.params.id)),
  );
  app.post(
    '/api/queue/counters/:id/call',
    {
      schema: {
        tags,
        summary: 'Call a specific waiting or parked ticket by its number to the counter',
        params: IdParams,
        body: CallNumber,
        response: { 200: Ticket, ...errors },
      },
    },
    async (request) =>
      absolute(await service.callNumber(db, requireActor(request), request.params.id, request.body.number)),
  );
  for (const [path, action] of Object.entries(ticketActions))
    app.post(
      `/api/queue/tickets/:id/${path}`,
      {
        schema: {
          tags,
          summary: {
            recall: 'Call the ticket again (up to the number of calls of its service)',
            start: 'The person has come: start serving the ticket',
            done: 'The ticket has been served',
            no_show: 'The person did not come after the calls of the service: no-show',
            park: 'Set the ticket aside; call it again later by its number',
          }[action],
          params: IdParams,
          response: { 200: Ticket, ...errors },
        },
      },
      async (request) =>
        absolute(await service.actOnTicket(db, requireActor(request), request.params.id, action)),
    );
  app.post(
    '/api/queue/tickets/:id/forward',
    {
      schema: {
        tags,
        summary:
          'Forward the ticket to another service or agency at the site; it keeps its original arrival time',
        params: IdParams,
        body: TicketForward,
        response: { 200: Ticket, ...errors },
      },
    },
    async (request) =>
      absolute(
        await service.forwardTicket(db, requireActor(request), request.params.id, request.body.serviceId),
      ),
  );

  // ---- short questions and figures ----

  app.post(
    '/api/queue/short-questions',
    {
      schema: {
        tags,
        summary: 'Log a short question answered at the desk (topic, agency, duration; anonymous allowed)',
        body: ShortQuestionInput,
        response: { 201: ShortQuestion, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.recordShortQuestion(db, requireActor(request), request.body)),
  );
  app.get(
    '/api/queue/short-questions',
    {
      schema: {
        tags,
        summary: "Today's short questions, newest first",
        response: { 200: z.array(ShortQuestion), ...errors },
      },
    },
    async (request) => service.listShortQuestions(db, requireActor(request)),
  );
  app.get(
    '/api/queue/figures',
    {
      schema: {
        tags,
        summary:
          'Daily figures per service: tickets, waiting time (median, p90), service time, no-shows; short questions',
        querystring: FiguresQuery,
        response: { 200: QueueFigures, ...errors },
      },
    },
    async (request) =>
      service.figures(db, requireActor(request), {
        date: request.query.date ?? null,
        siteId: request.query.siteId ?? null,
      }),
  );

  // ---- public: kiosk, display, phone (no account, no person data) ----

  app.get(
    '/api/queue/kiosk/:municipality/:siteId',
    {
      config: PUBLIC_READS,
      schema: {
        tags,
        security: [],
        summary: 'The kiosk of a site: its services and whether they issue tickets now (public)',
        params: KioskParams,
        response: { 200: KioskView, ...publicErrors },
      },
    },
    async (request) => service.kioskView(db, request.params.municipality, request.params.siteId),
  );
  app.post(
    '/api/queue/kiosk/:municipality/:siteId/tickets',
    {
      config: PUBLIC_ISSUES,
      schema: {
        tags,
        security: [],
        summary:
          'Take a ticket at the kiosk or on the phone from the QR code at the entrance (public, rate limited)',
        params: KioskParams,
        body: PublicTicketCreate,
        response: { 201: PublicTicket, ...publicErrors },
      },
    },
    async (request, reply) => {
      const t = await service.issuePublicTicket(
        db,
        request.params.municipality,
        request.params.siteId,
        request.body,
      );
      return reply.code(201).send({ ...t, statusUrl: new URL(t.statusUrl, config.publicUrl).href });
    },
  );
  app.get(
    '/api/queue/display/:siteId',
    {
      config: PUBLIC_READS,
      schema: {
        tags,
        security: [],
        summary:
          'The lobby display of a site now: the last calls (number, counter, room), newest first (public)',
        params: SiteParams,
        response: { 200: DisplaySnapshot, ...publicErrors },
      },
    },
    async (request) => service.displaySnapshot(db, request.params.siteId),
  );
  app.get(
    '/api/queue/display/:siteId/events',
    {
      config: PUBLIC_STREAMS,
      schema: {
        tags,
        security: [],
        summary:
          'Server-sent events for the lobby display: a `snapshot` (DisplaySnapshot) at once and after every change',
        description:
          'Each event carries the whole display (the last calls, newest first) and the id of the newest call as its event id; a display chimes for calls newer than the last it showed. Reconnect at will: the first event is always the full state.',
        params: SiteParams,
        response: { 200: EventStream, ...publicErrors },
      },
    },
    async (request, reply) => {
      const siteId = request.params.siteId;
      const first = await events.display(siteId);
      const stream = openStream(request, reply);
      const send = (d: DisplaySnapshot) => stream.send('snapshot', d, d.calls[0]?.id ?? 0);
      try {
        stream.onClose(await events.subscribeDisplay(siteId, send));
        send(first);
        // A change between the first read and the subscription: the state again (cached when nothing changed).
        send(await events.display(siteId));
      } catch (err) {
        stream.fail(err);
      }
    },
  );
  app.get(
    '/api/queue/phone/:token',
    {
      config: PUBLIC_READS,
      schema: {
        tags,
        security: [],
        summary:
          "The person's phone view of a ticket: number, position, estimated wait, room when called (public)",
        params: TokenParams,
        response: { 200: TicketStatusView, ...publicErrors },
      },
    },
    async (request) => service.ticketStatus(db, request.params.token),
  );
  app.put(
    '/api/queue/phone/:token/language',
    {
      config: PUBLIC_READS,
      schema: {
        tags,
        security: [],
        summary: 'The person chooses the language of their phone view (public)',
        params: TokenParams,
        body: TicketLanguage,
        response: { 200: TicketStatusView, ...publicErrors },
      },
    },
    async (request) => service.setTicketLanguage(db, request.params.token, request.body.language),
  );
  app.get(
    '/api/queue/phone/:token/events',
    {
      config: PUBLIC_STREAMS,
      schema: {
        tags,
        security: [],
        summary:
          'Server-sent events for the phone view: `status` (TicketStatusView) at once, on a call at once, a new position at most every 5 s',
        params: TokenParams,
        response: { 200: EventStream, ...publicErrors },
      },
    },
    async (request, reply) => {
      const token = request.params.token;
      const heard = await events.ready();
      const { siteId, view: first } = await service.phoneTicket(db, token);
      const stream = openStream(request, reply);
      try {
        // A finished ticket changes no more: the stream sends it and keeps only its heartbeat.
        if (first.status === 'done' || first.status === 'no_show') return stream.send('status', first);
        // The site's phone reads reach this phone through the subscription (queue.events.ts throttles moves); a
        // change heard since the read above makes the site's phones read again, so none is missed.
        const phone = await events.subscribePhone(siteId, token, heard, (view) =>
          stream.send('status', view),
        );
        stream.onClose(phone.unsubscribe);
        phone.offer(first);
      } catch (err) {
        stream.fail(err);
      }
    },
  );
}
