import { z } from 'zod';
import { DocumentLanguage } from './consent';
import { AgencyId, PersonId, SiteId, StaffId } from './ids';

/**
 * The walk-in queue of the front desk (issue 5): services per agency and site, counters and rooms, tickets and
 * their states, the lobby display, the person's phone view, daily figures and the short-question log.
 * The states and the call-next policy: server/src/features/queue/README.md.
 */

export const ticketStatuses = ['waiting', 'called', 'in_service', 'done', 'no_show', 'parked'] as const;
export const TicketStatus = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** Walk-in priority: urgent cases and accessibility needs go first (an appointment check-in ranks between). */
export const ticketPriorities = ['normal', 'accessibility', 'urgent'] as const;
export const TicketPriority = z.enum(ticketPriorities);
export type TicketPriority = z.infer<typeof TicketPriority>;

export const ticketSources = ['desk', 'kiosk', 'phone', 'appointment'] as const;
export const TicketSource = z.enum(ticketSources);
export type TicketSource = z.infer<typeof TicketSource>;

/** Pictograms of the kiosk's big buttons (the web app maps each to an icon). */
export const queuePictograms = [
  'documents',
  'question',
  'permit',
  'calendar',
  'money',
  'family',
  'work',
] as const;
export const QueuePictogram = z.enum(queuePictograms);
export type QueuePictogram = z.infer<typeof QueuePictogram>;

export const shortQuestionTopics = [
  'directions',
  'documents',
  'appointment',
  'forms',
  'status',
  'other',
] as const;
export const ShortQuestionTopic = z.enum(shortQuestionTopics);
export type ShortQuestionTopic = z.infer<typeof ShortQuestionTopic>;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const clock = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time HH:MM')
  .meta({ description: 'Europe/Berlin, HH:MM' });

// ---------------------------------------------------------------------------------------------------------------
// Services and counters

export const QueueServiceInput = z
  .object({
    agencyId: AgencyId.meta({ description: 'The agency that offers the service' }),
    siteId: SiteId,
    name: text(120).min(1, 'is required'),
    prefix: z
      .string()
      .trim()
      .regex(/^[A-Z]{1,3}$/, 'must be one to three capital letters')
      .meta({ description: 'Printed before the number, e.g. "A" for A017' }),
    pictogram: QueuePictogram.default('question'),
    weekdays: z
      .array(z.number().int().min(1, 'must be 1 (Monday) to 7').max(7, 'must be 1 (Monday) to 7'))
      .max(7)
      .default([1, 2, 3, 4, 5])
      .meta({ description: 'ISO weekdays the service is open (1 = Monday)' }),
    opensAt: clock.default('08:00'),
    closesAt: clock.default('16:00'),
    dailyCap: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(10000)
      .nullable()
      .default(null)
      .meta({ description: 'At most this many walk-in tickets a day; null: no cap' }),
    noShowAfterCalls: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(10, 'must be at most 10')
      .default(3)
      .meta({ description: 'A ticket may be marked as no-show once it was called this often' }),
    defaultServiceMinutes: z.number().int().min(1).max(240).default(5),
    position: z.number().int().min(0).max(1000).default(0),
    active: z.boolean().default(true),
  })
  .refine((s) => s.opensAt < s.closesAt, { path: ['closesAt'], message: 'must be after the opening time' })
  .meta({ id: 'QueueServiceFields' });
export type QueueServiceInput = z.infer<typeof QueueServiceInput>;

export const QueueService = z
  .object({
    id: z.uuid(),
    agencyId: AgencyId,
    agencyName: z.string(),
    siteId: SiteId,
    name: z.string(),
    prefix: z.string(),
    pictogram: QueuePictogram,
    weekdays: z.array(z.number().int()),
    opensAt: z.string(),
    closesAt: z.string(),
    dailyCap: z.number().int().nullable(),
    noShowAfterCalls: z.number().int(),
    defaultServiceMinutes: z.number().int(),
    position: z.number().int(),
    active: z.boolean(),
    stoppedToday: z.boolean().meta({ description: 'Issuing was stopped for today' }),
    issuedToday: z.number().int().meta({ description: 'Walk-in tickets issued today' }),
    waiting: z.number().int().meta({ description: 'Tickets waiting now' }),
    issuing: z
      .enum(['open', 'closed', 'stopped', 'cap_reached', 'inactive'])
      .meta({ description: 'Whether walk-in tickets can be issued now, and if not, why' }),
  })
  .meta({ id: 'QueueService' });
export type QueueService = z.infer<typeof QueueService>;

export const QueueServiceStop = z
  .object({ stopped: z.boolean().meta({ description: 'true: stop issuing for today; false: resume' }) })
  .meta({ id: 'QueueServiceStop' });

export const QueueCounterInput = z
  .object({
    siteId: SiteId,
    name: text(80).min(1, 'is required').meta({ description: 'e.g. "Schalter 3"' }),
    room: text(80).default('').meta({ description: 'e.g. "Raum E.03"; shown on the display' }),
    serviceIds: z.array(z.uuid('must be a UUID')).min(1, 'must name at least one service'),
    active: z.boolean().default(true),
  })
  .meta({ id: 'QueueCounterFields' });
export type QueueCounterInput = z.infer<typeof QueueCounterInput>;

export const QueueCounter = QueueCounterInput.extend({
  id: z.uuid(),
  staffId: StaffId.nullable().meta({ description: 'Who serves at the counter now' }),
  staffName: z.string().nullable(),
}).meta({ id: 'QueueCounter' });
export type QueueCounter = z.infer<typeof QueueCounter>;

export const QueueSite = z
  .object({ id: SiteId, name: z.string() })
  .meta({ id: 'QueueSite', description: 'A site of the municipality' });

export const QueueSetup = z
  .object({
    sites: z.array(QueueSite),
    agencies: z.array(z.object({ id: AgencyId, name: z.string() })),
    services: z.array(QueueService),
    counters: z.array(QueueCounter),
  })
  .meta({ id: 'QueueSetup' });
export type QueueSetup = z.infer<typeof QueueSetup>;

export const QueueSiteQuery = z.object({ siteId: SiteId.optional() });

// ---------------------------------------------------------------------------------------------------------------
// Tickets

export const TicketCreate = z
  .object({
    serviceId: z.uuid('must be a UUID'),
    personId: PersonId.nullable()
      .default(null)
      .meta({ description: 'Optional link to the registry; never shown on public pages' }),
    priority: TicketPriority.default('normal'),
    language: DocumentLanguage.default('de').meta({ description: 'The language of the phone view' }),
  })
  .meta({ id: 'TicketFields' });
export type TicketCreate = z.infer<typeof TicketCreate>;

export const Ticket = z
  .object({
    id: z.uuid(),
    siteId: SiteId,
    serviceId: z.uuid(),
    serviceName: z.string(),
    number: z.string().meta({ description: 'e.g. "A017": prefix and number of the day' }),
    day: z.iso.date(),
    source: TicketSource,
    priority: TicketPriority,
    appointmentId: z.uuid().nullable(),
    personId: PersonId.nullable(),
    language: DocumentLanguage,
    status: TicketStatus,
    arrivedAt: z.iso.datetime(),
    calledAt: z.iso.datetime().nullable(),
    callCount: z.number().int(),
    counterId: z.uuid().nullable(),
    counterName: z.string().nullable(),
    room: z.string().nullable(),
    forwardedFrom: z.uuid().nullable(),
    statusUrl: z.string().meta({
      description: "The person's phone view (from the QR code), no account; absolute in API answers",
    }),
    publicToken: z.string(),
  })
  .meta({ id: 'Ticket' });
export type Ticket = z.infer<typeof Ticket>;

export const TicketListQuery = z.object({
  siteId: SiteId.optional(),
  status: TicketStatus.optional(),
});

/** The public answer of a kiosk or phone issue: no person data, the number and where to follow it. */
export const PublicTicketCreate = z
  .object({
    serviceId: z.uuid('must be a UUID'),
    language: DocumentLanguage.default('de'),
    source: z.enum(['kiosk', 'phone']).default('kiosk'),
  })
  .meta({ id: 'PublicTicketFields' });
export type PublicTicketCreate = z.infer<typeof PublicTicketCreate>;

export const PublicTicket = z
  .object({
    number: z.string(),
    serviceName: z.string(),
    statusUrl: z.string(),
    token: z.string(),
  })
  .meta({ id: 'PublicTicket' });
export type PublicTicket = z.infer<typeof PublicTicket>;

/** The phone view: number, position, estimated wait, the counter or room when called. Never a name. */
export const TicketStatusView = z
  .object({
    number: z.string(),
    serviceName: z.string(),
    siteName: z.string(),
    status: TicketStatus,
    position: z.number().int().nullable().meta({ description: '1: next; null unless waiting' }),
    estimatedWaitMinutes: z.number().int().nullable(),
    counterName: z.string().nullable(),
    room: z.string().nullable(),
    language: DocumentLanguage,
  })
  .meta({ id: 'TicketStatusView' });
export type TicketStatusView = z.infer<typeof TicketStatusView>;

export const TicketLanguage = z.object({ language: DocumentLanguage }).meta({ id: 'TicketLanguage' });

// ---------------------------------------------------------------------------------------------------------------
// Counters at work

export const CallNumber = z
  .object({
    number: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{1,3}\d{1,4}$/, 'must be a number like A017'),
  })
  .meta({ id: 'CallNumber' });

export const TicketForward = z
  .object({
    serviceId: z
      .uuid('must be a UUID')
      .meta({ description: 'The service (of any agency at the site) to queue for' }),
  })
  .meta({ id: 'TicketForward' });

export const CounterState = z
  .object({
    counter: QueueCounter,
    current: Ticket.nullable().meta({ description: 'The ticket called to or served at the counter' }),
    waiting: z.number().int().meta({ description: 'Tickets waiting for the services of the counter' }),
    parked: z.array(Ticket),
  })
  .meta({ id: 'CounterState' });
export type CounterState = z.infer<typeof CounterState>;

// ---------------------------------------------------------------------------------------------------------------
// Display, public kiosk

export const DisplayCall = z
  .object({
    id: z.number().int().meta({ description: 'The event id (increasing)' }),
    number: z.string(),
    counterName: z.string(),
    room: z.string(),
    calledAt: z.iso.datetime(),
  })
  .meta({ id: 'DisplayCall' });
export type DisplayCall = z.infer<typeof DisplayCall>;

export const DisplaySnapshot = z
  .object({
    siteName: z.string(),
    calls: z.array(DisplayCall).meta({ description: 'The last calls, newest first' }),
    waiting: z.number().int(),
  })
  .meta({ id: 'DisplaySnapshot' });
export type DisplaySnapshot = z.infer<typeof DisplaySnapshot>;

export const KioskService = z
  .object({
    id: z.uuid(),
    name: z.string(),
    agencyName: z.string(),
    pictogram: QueuePictogram,
    issuing: QueueService.shape.issuing,
    waiting: z.number().int(),
  })
  .meta({ id: 'KioskService' });

export const KioskView = z
  .object({ municipalityName: z.string(), siteName: z.string(), services: z.array(KioskService) })
  .meta({ id: 'KioskView' });
export type KioskView = z.infer<typeof KioskView>;

export const KioskParams = z.object({
  municipality: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a municipality slug'),
  siteId: z.uuid('must be a UUID'),
});

// ---------------------------------------------------------------------------------------------------------------
// Figures and short questions

export const ShortQuestionInput = z
  .object({
    agencyId: AgencyId.meta({ description: 'The agency the question was about' }),
    topic: ShortQuestionTopic,
    durationMinutes: z.number().int().min(1, 'must be at least 1').max(120, 'must be at most 120').default(2),
    siteId: SiteId.nullable().default(null),
    personId: PersonId.nullable().default(null).meta({ description: 'null: anonymous' }),
  })
  .meta({ id: 'ShortQuestionFields' });
export type ShortQuestionInput = z.infer<typeof ShortQuestionInput>;

export const ShortQuestion = z
  .object({
    id: z.uuid(),
    agencyId: AgencyId,
    agencyName: z.string(),
    topic: ShortQuestionTopic,
    durationMinutes: z.number().int(),
    anonymous: z.boolean(),
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: 'ShortQuestion' });
export type ShortQuestion = z.infer<typeof ShortQuestion>;

export const FiguresQuery = z.object({
  date: z.iso
    .date('must be a date YYYY-MM-DD')
    .optional()
    .meta({ description: 'Default: today (Europe/Berlin)' }),
  siteId: SiteId.optional(),
});

const seconds = z.number().nullable().meta({ description: 'seconds; null without data' });
export const QueueFigures = z
  .object({
    date: z.iso.date(),
    services: z.array(
      z.object({
        serviceId: z.uuid(),
        serviceName: z.string(),
        agencyName: z.string(),
        tickets: z.number().int(),
        served: z.number().int(),
        noShows: z.number().int(),
        waiting: z.number().int().meta({ description: 'Still waiting or parked' }),
        waitMedian: seconds,
        waitP90: seconds,
        serviceMedian: seconds,
      }),
    ),
    shortQuestions: z.array(
      z.object({
        agencyName: z.string(),
        topic: ShortQuestionTopic,
        count: z.number().int(),
        minutes: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'QueueFigures' });
export type QueueFigures = z.infer<typeof QueueFigures>;
