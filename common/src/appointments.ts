import { z } from 'zod';
import { DocumentLanguage } from './consent';
import { AgencyId, StaffId } from './ids';
import { PersonSummary } from './person';

/**
 * Appointments (issue 5): services with a duration offered by an agency's staff, staff working hours and
 * absences, slots computed from them, bookings at the desk and on the public page (confirmed through an emailed
 * link), assignment across eligible staff, reminders, and check-in into the walk-in queue.
 */

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const isoDate = z.iso.date('must be a date YYYY-MM-DD');
const instant = z.iso.datetime({
  offset: true,
  message: 'must be a date and time, e.g. 2026-03-02T09:00:00Z',
});
const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM')
  .meta({ description: 'Local time in Europe/Berlin, HH:MM' });

/** The person's language: mails, the public pages and the interpreter need are decided by it. */
export const AppointmentLanguage = DocumentLanguage;
export type AppointmentLanguage = z.infer<typeof AppointmentLanguage>;

/** pending: booked on the public page, waiting for the emailed link to be opened (holds the slot for a while). */
export const appointmentStatuses = [
  'pending',
  'booked',
  'checked_in',
  'cancelled',
  'rebooked',
  'expired',
] as const;
export const AppointmentStatus = z.enum(appointmentStatuses);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const AppointmentChannel = z.enum(['desk', 'public']);
export type AppointmentChannel = z.infer<typeof AppointmentChannel>;

// ---------------------------------------------------------------------------------------------------------------
// Configuration: services, staff schedules, absences.

export const AppointmentServiceInput = z
  .object({
    agencyId: AgencyId.meta({ description: 'The agency that offers the service' }),
    name: text(200).min(1, 'must not be empty').meta({ description: 'German name' }),
    names: z
      .partialRecord(AppointmentLanguage, text(200))
      .default({})
      .meta({ description: 'The name in other languages, for the public page and mails' }),
    durationMinutes: z.number().int('must be whole minutes').min(5, 'must be at least 5').max(480),
    bufferMinutes: z
      .number()
      .int('must be whole minutes')
      .min(0, 'must be at least 0')
      .max(120)
      .default(0)
      .meta({ description: 'Time kept free after each appointment' }),
    urgentQuotaPercent: z
      .number()
      .int()
      .min(0, 'must be at least 0')
      .max(100, 'must be at most 100')
      .default(0)
      .meta({ description: 'Share of each staff member’s day kept free for urgent bookings by staff' }),
    publicBooking: z.boolean().default(true).meta({ description: 'Bookable on the public page' }),
    checkInQueueServiceId: z
      .uuid('must be a UUID')
      .nullable()
      .default(null)
      .meta({ description: 'The queue service a checked-in appointment joins (walk-in queue)' }),
    staffIds: z.array(StaffId).default([]).meta({ description: 'Staff of the agency who offer the service' }),
    active: z.boolean().default(true),
  })
  .meta({ id: 'AppointmentServiceFields' });
export type AppointmentServiceInput = z.input<typeof AppointmentServiceInput>;

export const AppointmentService = z
  .object({
    id: z.uuid(),
    agencyId: AgencyId,
    agencyName: z.string(),
    name: z.string(),
    names: z.partialRecord(AppointmentLanguage, z.string()),
    durationMinutes: z.number().int(),
    bufferMinutes: z.number().int(),
    urgentQuotaPercent: z.number().int(),
    publicBooking: z.boolean(),
    checkInQueueServiceId: z.uuid().nullable(),
    staff: z.array(z.object({ id: StaffId, displayName: z.string() })),
    active: z.boolean(),
  })
  .meta({ id: 'AppointmentService' });
export type AppointmentService = z.infer<typeof AppointmentService>;

/** What the public page shows of a service: its name in the asked language, no staff. */
export const PublicAppointmentService = z
  .object({
    id: z.uuid(),
    name: z.string(),
    agencyName: z.string(),
    durationMinutes: z.number().int(),
  })
  .meta({ id: 'PublicAppointmentService' });
export type PublicAppointmentService = z.infer<typeof PublicAppointmentService>;

export const PublicServicesQuery = z.object({ lang: AppointmentLanguage.default('de') });

export const WorkingHours = z
  .object({
    weekday: z
      .number()
      .int()
      .min(1, 'must be 1 (Monday) to 7 (Sunday)')
      .max(7, 'must be 1 (Monday) to 7 (Sunday)'),
    starts: clock,
    ends: clock,
  })
  .refine((h) => h.starts < h.ends, { message: 'must end after it starts', path: ['ends'] });

export const StaffScheduleInput = z
  .object({
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/, 'must be a language code like "ar"'))
      .default(['de'])
      .meta({ description: 'Languages the staff member serves in (ISO 639-1), for assignment' }),
    hours: z.array(WorkingHours).max(50).meta({ description: 'Weekly working hours for appointments' }),
  })
  .meta({ id: 'StaffScheduleFields' });
export type StaffScheduleInput = z.input<typeof StaffScheduleInput>;

export const StaffSchedule = z
  .object({
    staffId: StaffId,
    displayName: z.string(),
    agencyId: AgencyId,
    languages: z.array(z.string()),
    hours: z.array(z.object({ weekday: z.number().int(), starts: z.string(), ends: z.string() })),
    absences: z.array(
      z.object({ id: z.uuid(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), reason: z.string() }),
    ),
  })
  .meta({ id: 'StaffSchedule' });
export type StaffSchedule = z.infer<typeof StaffSchedule>;

export const AbsenceInput = z
  .object({
    startsAt: instant,
    endsAt: instant,
    reason: text(200).default(''),
  })
  .refine((a) => Date.parse(a.startsAt) < Date.parse(a.endsAt), {
    message: 'must end after it starts',
    path: ['endsAt'],
  })
  .meta({ id: 'AbsenceFields' });
export type AbsenceInput = z.input<typeof AbsenceInput>;

// ---------------------------------------------------------------------------------------------------------------
// Slots

export const SlotsQuery = z
  .object({
    serviceId: z.uuid('must be a UUID'),
    from: isoDate,
    to: isoDate,
  })
  .refine((q) => q.from <= q.to, { message: 'must not be before from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 31 * 86_400_000, {
    message: 'must be at most 31 days after from',
    path: ['to'],
  });

export const Slot = z
  .object({
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    free: z
      .number()
      .int()
      .meta({ description: 'How many staff members are free then (staff only; public: 1)' }),
    urgentOnly: z.boolean().meta({
      description: 'Only the urgent quota is left: staff may book it as urgent, the public page may not',
    }),
  })
  .meta({ id: 'AppointmentSlot' });
export type Slot = z.infer<typeof Slot>;

export const SlotList = z
  .object({ serviceId: z.uuid(), timeZone: z.literal('Europe/Berlin'), slots: z.array(Slot) })
  .meta({ id: 'AppointmentSlots' });
export type SlotList = z.infer<typeof SlotList>;

// ---------------------------------------------------------------------------------------------------------------
// Booking

const contact = {
  email: z.email('must be an email address').max(200).nullable().default(null),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()/-]{6,30}$/, 'must be a phone number, e.g. +49 202 123456')
    .nullable()
    .default(null),
  language: AppointmentLanguage.default('de'),
  needsInterpreter: z
    .boolean()
    .default(false)
    .meta({ description: 'The person needs an interpreter for the language (assign staff who speak it)' }),
};

export const DeskBooking = z
  .object({
    serviceId: z.uuid('must be a UUID'),
    startsAt: instant,
    personId: z
      .uuid('must be a UUID')
      .nullable()
      .default(null)
      .meta({ description: 'The registered person, if known (checked by the access function)' }),
    name: text(200)
      .default('')
      .meta({ description: 'Name to call the person by; required without personId' }),
    ...contact,
    urgent: z.boolean().default(false).meta({ description: 'Book into the urgent quota' }),
    staffId: StaffId.nullable()
      .default(null)
      .meta({ description: 'A staff member to prefer (else assigned round-robin by load)' }),
  })
  .meta({ id: 'DeskBookingFields' });
export type DeskBooking = z.input<typeof DeskBooking>;

/** An ALTCHA proof of work: the challenge as the server issued it, and the solution found. */
export const ProofOfWork = z
  .object({
    challenge: z.object({
      parameters: z.record(z.string(), z.unknown()),
      signature: z.string().optional(),
    }),
    solution: z.object({ counter: z.number().int().min(0), derivedKey: z.string() }).loose(),
  })
  .meta({ id: 'ProofOfWork' });
export type ProofOfWork = z.infer<typeof ProofOfWork>;

export const PowChallenge = z
  .object({
    parameters: z.record(z.string(), z.unknown()),
    signature: z.string().optional(),
  })
  .meta({
    id: 'PowChallenge',
    description: 'An ALTCHA (v2) challenge: solve it and send it back with the booking',
  });
export type PowChallenge = z.infer<typeof PowChallenge>;

export const PublicBooking = z
  .object({
    serviceId: z.uuid('must be a UUID'),
    startsAt: instant,
    name: text(200).min(1, 'must not be empty'),
    email: z.email('must be an email address').max(200),
    phone: contact.phone,
    language: contact.language,
    needsInterpreter: contact.needsInterpreter,
    proof: ProofOfWork,
  })
  .meta({ id: 'PublicBookingFields' });
export type PublicBooking = z.input<typeof PublicBooking>;

export const PublicBookingResult = z
  .object({
    status: AppointmentStatus,
    startsAt: z.iso.datetime(),
    confirmBy: z.iso
      .datetime()
      .meta({ description: 'Open the emailed link before this time, or the slot is freed' }),
  })
  .meta({ id: 'PublicBookingResult' });
export type PublicBookingResult = z.infer<typeof PublicBookingResult>;

export const Appointment = z
  .object({
    id: z.uuid(),
    serviceId: z.uuid(),
    serviceName: z.string(),
    agencyName: z.string(),
    staffId: StaffId,
    staffName: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    status: AppointmentStatus,
    channel: AppointmentChannel,
    person: PersonSummary.nullable().meta({
      description: 'The registered person, as far as the caller may see it',
    }),
    personLinked: z.boolean().meta({ description: 'A registered person is linked (even if not shown)' }),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    language: AppointmentLanguage,
    needsInterpreter: z.boolean(),
    interpreterMissing: z.boolean().meta({
      description: 'An interpreter is needed and the assigned staff member does not speak the language',
    }),
    urgent: z.boolean(),
    rebookedFrom: z.uuid().nullable(),
    queueTicket: z
      .object({ id: z.uuid(), number: z.string() })
      .nullable()
      .meta({ description: 'The queue ticket of the check-in' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof Appointment>;

export const AppointmentDayQuery = z.object({
  date: isoDate,
  staffId: z.uuid('must be a UUID').optional(),
  serviceId: z.uuid('must be a UUID').optional(),
});

export const Rebooking = z
  .object({
    startsAt: instant,
  })
  .meta({ id: 'RebookingFields' });
export type Rebooking = z.infer<typeof Rebooking>;

export const Cancellation = z.object({ reason: text(500).default('') }).meta({ id: 'CancellationFields' });
export type Cancellation = z.input<typeof Cancellation>;

/** What the person sees through the emailed link: the service and time, never a name or contact. */
export const PublicAppointment = z
  .object({
    serviceId: z.uuid(),
    serviceName: z.string(),
    agencyName: z.string(),
    address: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    status: AppointmentStatus,
    language: AppointmentLanguage,
  })
  .meta({ id: 'PublicAppointment' });
export type PublicAppointment = z.infer<typeof PublicAppointment>;

export const TokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'must be the code from the link'),
});

/** A check-in: the appointment joins the walk-in queue as a ticket with priority. */
export const CheckInResult = z
  .object({
    appointment: Appointment,
    ticket: z.object({ id: z.uuid(), number: z.string() }),
  })
  .meta({ id: 'CheckInResult' });
export type CheckInResult = z.infer<typeof CheckInResult>;

export const PriorityQuery = z.object({
  weeks: z.coerce
    .number()
    .int('must be whole weeks')
    .min(1, 'must be at least 1')
    .max(52, 'must be at most 52')
    .optional()
    .meta({ description: 'Titles ending within this many weeks (default: the configured priority span)' }),
});

/** Registered persons whose residence title ends soonest, with their next appointment if any (priority list). */
export const ExpiringWithoutAppointment = z
  .object({
    weeks: z.number().int(),
    items: z.array(
      z.object({
        person: PersonSummary,
        validUntil: isoDate,
        daysLeft: z.number().int(),
        nextAppointment: z
          .object({ id: z.uuid(), startsAt: z.iso.datetime(), serviceName: z.string() })
          .nullable(),
      }),
    ),
  })
  .meta({ id: 'AppointmentPriorityList' });
export type ExpiringWithoutAppointment = z.infer<typeof ExpiringWithoutAppointment>;

/** A mail of the outbox (demo mode and the staff's view of what was sent). */
export const OutboxMail = z
  .object({
    id: z.uuid(),
    appointmentId: z.uuid().nullable(),
    kind: z.enum(['confirm_request', 'confirmation', 'reminder', 'cancellation']),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    status: z.enum(['queued', 'sent', 'failed']),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'OutboxMail' });
export type OutboxMail = z.infer<typeof OutboxMail>;
