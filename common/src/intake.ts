import { z } from 'zod';
import { type DataCategory, DocumentLanguage } from './consent';
import { AgencyId, PersonId } from './ids';
import type { LegalDomain } from './roles';

/** What staff classify a handed-in document as. */
export const documentClasses = [
  'passport',
  'residence_permit',
  'notice',
  'pay_slip',
  'certificate',
  'other',
] as const;
export const DocumentClass = z.enum(documentClasses);
export type DocumentClass = z.infer<typeof DocumentClass>;

/** The category of person data a document of a class is (the access function decides on it). */
export const documentCategory: Record<DocumentClass, DataCategory> = {
  passport: 'identity_contact',
  residence_permit: 'residence',
  notice: 'case_notes',
  pay_slip: 'benefits',
  certificate: 'education',
  other: 'case_notes',
};

/**
 * Where a document of a class goes unless staff choose otherwise: the first active agency with one of these legal
 * domains, in this order (passports and titles to the Ausländerbehörde, pay slips and notices to the Jobcenter or
 * the Wirtschaftliche Hilfe, certificates to the Integration Point). `other` has no default: staff choose.
 */
export const defaultRouting: Record<DocumentClass, LegalDomain[]> = {
  passport: ['AufenthG'],
  residence_permit: ['AufenthG'],
  notice: ['SGB_II', 'AsylbLG', 'SGB_XII'],
  pay_slip: ['SGB_II', 'AsylbLG', 'SGB_XII'],
  certificate: ['SGB_III', 'SGB_II', 'TIntG'],
  other: [],
};

/** The files the desk accepts, recognised by their content (first bytes), not by their name. */
export const intakeMediaTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const IntakeMediaType = z.enum(intakeMediaTypes);
export const INTAKE_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const INTAKE_MAX_DOCUMENTS = 10;
export const INTAKE_MAX_TOTAL_BYTES = 25 * 1024 * 1024;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const IntakeDocumentInput = z.object({
  fileName: text(200)
    .min(1, 'must not be empty')
    .meta({ description: 'As shown on the receipt; the type is recognised from the content' }),
  documentClass: DocumentClass,
  agencyId: AgencyId.nullable()
    .default(null)
    .meta({ description: "The receiving agency; null: the class's default (GET /api/intake/routing)" }),
  note: text(500).default(''),
  contentBase64: z
    .base64('must be base64')
    .max(14_000_000, 'must be at most 10 MB')
    .meta({ description: 'PDF, JPEG or PNG, at most 10 MB' }),
});
export type IntakeDocumentInput = z.infer<typeof IntakeDocumentInput>;

export const IntakeInput = z
  .object({
    personId: PersonId,
    language: DocumentLanguage.nullable().default(null).meta({
      description: "The receipt's second language; null: the person's language where known, else German only",
    }),
    documents: z
      .array(IntakeDocumentInput)
      .min(1, 'add at least one document')
      .max(INTAKE_MAX_DOCUMENTS, `must be at most ${INTAKE_MAX_DOCUMENTS} documents`),
  })
  .meta({ id: 'IntakeFields' });
export type IntakeInput = z.infer<typeof IntakeInput>;

export const documentStatuses = ['new', 'processed'] as const;
export const DocumentStatus = z.enum(documentStatuses);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const IntakeDocument = z
  .object({
    id: z.uuid(),
    intakeId: z.uuid(),
    reference: z.string().meta({ description: 'The reference number of the intake, e.g. E-2026-000123' }),
    position: z.number().int(),
    fileName: z.string(),
    mediaType: IntakeMediaType,
    size: z.number().int(),
    sha256: z.string(),
    documentClass: DocumentClass,
    note: z.string(),
    agencyId: AgencyId,
    agencyName: z.string(),
    personId: PersonId,
    personName: z
      .string()
      .nullable()
      .meta({ description: 'null where the caller may not see the name (the access function decides)' }),
    receivedAt: z.iso.datetime(),
    status: DocumentStatus,
    processedAt: z.iso.datetime().nullable(),
    processedByName: z.string().nullable(),
    processedNote: z.string(),
  })
  .meta({ id: 'IntakeDocument' });
export type IntakeDocument = z.infer<typeof IntakeDocument>;

export const Intake = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    personId: PersonId,
    personName: z.string().nullable(),
    language: DocumentLanguage,
    receivedAt: z.iso.datetime(),
    receivedByName: z.string(),
    documents: z.array(IntakeDocument),
  })
  .meta({ id: 'Intake' });
export type Intake = z.infer<typeof Intake>;

export const InboxQuery = z.object({
  status: z.enum(['new', 'processed', 'all']).default('new'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const IntakeListQuery = z.object({
  personId: PersonId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ProcessDocumentInput = z
  .object({ note: text(500).default('') })
  .meta({ id: 'ProcessDocumentFields' });
export type ProcessDocumentInput = z.infer<typeof ProcessDocumentInput>;

export const IntakeRouting = z
  .object({
    classes: z.array(
      z.object({
        documentClass: DocumentClass,
        defaultAgencyId: AgencyId.nullable(),
      }),
    ),
    agencies: z
      .array(z.object({ id: AgencyId, name: z.string() }))
      .meta({ description: 'Agencies whose inbox can receive documents' }),
  })
  .meta({ id: 'IntakeRouting' });
export type IntakeRouting = z.infer<typeof IntakeRouting>;
