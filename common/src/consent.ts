import { z } from 'zod';
import { AgencyId, PersonId, StaffId } from './ids';

/**
 * Categories of person data (DOMAIN.md, § 67 SGB X). Each data item belongs to one category and is owned by the
 * agency that recorded it. `health` is a special category (Art. 9 DSGVO).
 */
export const dataCategories = [
  'identity_contact',
  'residence',
  'benefits',
  'employment',
  'education',
  'family',
  'health',
  'case_notes',
] as const;
export const DataCategory = z.enum(dataCategories);
export type DataCategory = z.infer<typeof DataCategory>;

/** The fields of the category `identity_contact`, as the person API names them; legal bases may name a subset. */
export const identityFields = [
  'name',
  'birthName',
  'formerNames',
  'sex',
  'dateOfBirth',
  'placeOfBirth',
  'countryOfBirth',
  'nationalities',
  'languages',
  'address',
  'contact',
  'identifiers',
] as const;
export const IdentityField = z.enum(identityFields);
export type IdentityField = z.infer<typeof IdentityField>;

/**
 * Purposes staff work for. A request names its purpose (header `X-Lotse-Purpose` or query `purpose`); without one,
 * the purpose follows the agency's legal domain (see the access feature). Consents and legal bases name purposes.
 */
export const purposes = [
  'identification',
  'residence_procedure',
  'benefit_processing',
  'employment_placement',
  'integration_course',
  'counselling',
  'case_management',
  'youth_welfare',
  'schooling',
] as const;
export const Purpose = z.enum(purposes);
export type Purpose = z.infer<typeof Purpose>;

/** Languages consent texts and printed lists come in (the UI's languages). */
export const documentLanguages = ['de', 'en', 'ar', 'tr', 'uk', 'ru', 'fa'] as const;
export const DocumentLanguage = z.enum(documentLanguages);
export type DocumentLanguage = z.infer<typeof DocumentLanguage>;

const isoDate = z.iso.date('must be a date YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

// ---------------------------------------------------------------------------------------------------------------
// Legal bases: configuration per municipality.

export const LegalBasisInput = z
  .object({
    paragraph: text(100).min(1, 'must not be empty').meta({ description: 'e.g. "§ 87 Abs. 2 AufenthG"' }),
    title: text(200).min(1, 'must not be empty'),
    description: text(4000).default(''),
    fromAgencyIds: z
      .array(AgencyId)
      .default([])
      .meta({ description: 'Agencies whose data it discloses; empty: every agency (not partners)' }),
    toAgencyIds: z
      .array(AgencyId)
      .default([])
      .meta({ description: 'Agencies that may receive; empty: every agency (not partners)' }),
    categories: z.array(DataCategory).min(1, 'name at least one category'),
    fields: z
      .array(IdentityField)
      .default([])
      .meta({ description: 'Limits identity_contact to these fields; empty: all fields of the categories' }),
    purposes: z.array(Purpose).min(1, 'name at least one purpose'),
    servedOnly: z
      .boolean()
      .default(false)
      .meta({ description: 'Only for persons the receiving agency serves (holds data of its own about)' }),
    active: z.boolean().default(true),
  })
  .meta({ id: 'LegalBasisFields' });
export type LegalBasisInput = z.infer<typeof LegalBasisInput>;

export const LegalBasis = LegalBasisInput.extend({ id: z.uuid() }).meta({ id: 'LegalBasis' });
export type LegalBasis = z.infer<typeof LegalBasis>;

// ---------------------------------------------------------------------------------------------------------------
// Consent (§ 67b SGB X, Art. 7 DSGVO).

export const consentForms = ['signed_paper', 'electronic', 'oral'] as const;
export const ConsentForm = z.enum(consentForms);
export type ConsentForm = z.infer<typeof ConsentForm>;

export const scanMediaTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;

export const ConsentScan = z.object({
  fileName: text(200).min(1, 'must not be empty'),
  mediaType: z.enum(scanMediaTypes),
  contentBase64: z.base64('must be base64').max(14_000_000, 'must be at most 10 MB'),
});

export const ConsentInput = z
  .object({
    disclosingAgencyIds: z.array(AgencyId).min(1, 'name at least one agency or partner that may disclose'),
    receivingAgencyIds: z.array(AgencyId).min(1, 'name at least one agency or partner that may receive'),
    categories: z.array(DataCategory).min(1, 'name at least one category'),
    purpose: Purpose,
    purposeNote: text(500).default('').meta({ description: 'The purpose in the words of the form' }),
    validFrom: isoDate,
    validUntil: isoDate.nullable().default(null).meta({ description: 'Inclusive; null: until revoked' }),
    form: ConsentForm,
    note: text(2000).default('').meta({ description: 'Required for oral consent (§ 67b Abs. 2 SGB X)' }),
    scan: ConsentScan.nullable()
      .default(null)
      .meta({ description: 'Required for a signed paper consent: the signed form' }),
    templateKey: text(50).min(1).default('standard'),
    templateVersion: z.number().int().min(1),
    language: DocumentLanguage.meta({ description: 'The language of the text the person was shown' }),
    signedBy: z.enum(['person', 'guardian']).default('person'),
    guardianName: text(200).default(''),
    guardianPersonId: PersonId.nullable().default(null),
  })
  .meta({ id: 'ConsentFields' });
export type ConsentInput = z.infer<typeof ConsentInput>;

export const consentStatuses = ['valid', 'not_yet_valid', 'expired', 'revoked'] as const;

const AgencyRef = z.object({ id: AgencyId, name: z.string() });

export const Consent = z
  .object({
    id: z.uuid(),
    personId: PersonId,
    disclosing: z.array(AgencyRef),
    receiving: z.array(AgencyRef),
    categories: z.array(DataCategory),
    purpose: Purpose,
    purposeNote: z.string(),
    validFrom: z.string(),
    validUntil: z.string().nullable(),
    form: ConsentForm,
    note: z.string(),
    scan: z
      .object({ fileName: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string() })
      .nullable(),
    templateKey: z.string(),
    templateVersion: z.number().int(),
    language: DocumentLanguage,
    signedBy: z.enum(['person', 'guardian']),
    guardianName: z.string(),
    guardianPersonId: PersonId.nullable(),
    recordedBy: z.object({ staffId: StaffId, name: z.string(), agencyName: z.string() }),
    recordedAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    revokedByName: z.string().nullable(),
    revocationNote: z.string().nullable(),
    status: z.enum(consentStatuses),
  })
  .meta({ id: 'Consent' });
export type Consent = z.infer<typeof Consent>;

export const ConsentRevocation = z
  .object({ note: text(1000).default('') })
  .meta({ id: 'ConsentRevocationFields' });

export const ConsentTemplateInput = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,49}$/, 'must be 1-50 lower-case letters, digits or dashes'),
    language: DocumentLanguage,
    title: text(200).min(1, 'must not be empty'),
    body: text(20000).min(1, 'must not be empty').meta({
      description:
        'The consent text; placeholders {personName}, {dateOfBirth}, {disclosing}, {receiving}, {categories}, {purpose}, {validity} ("from … until …" or "from … until revoked"), {validFrom}, {validUntil}',
    }),
  })
  .meta({ id: 'ConsentTemplateFields' });
export type ConsentTemplateInput = z.infer<typeof ConsentTemplateInput>;

export const ConsentTemplate = ConsentTemplateInput.extend({
  id: z.uuid(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
}).meta({ id: 'ConsentTemplate' });
export type ConsentTemplate = z.infer<typeof ConsentTemplate>;

/** A draft consent printed for signature: the fields of a consent without how it was given. */
export const ConsentFormRequest = ConsentInput.pick({
  disclosingAgencyIds: true,
  receivingAgencyIds: true,
  categories: true,
  purpose: true,
  purposeNote: true,
  validFrom: true,
  validUntil: true,
  templateKey: true,
  language: true,
  signedBy: true,
  guardianName: true,
})
  .extend({ templateVersion: z.number().int().min(1).nullable().default(null) })
  .meta({ id: 'ConsentFormFields' });
export type ConsentFormRequest = z.infer<typeof ConsentFormRequest>;

// ---------------------------------------------------------------------------------------------------------------
// What the access function decided, as the API shows it.

export const accessBasisKinds = ['own_agency', 'consent', 'legal_basis', 'emergency'] as const;
export const AccessBasisKind = z.enum(accessBasisKinds);

export const AccessBasis = z
  .object({
    kind: AccessBasisKind,
    id: z.string().nullable().meta({ description: 'The consent, legal basis or emergency access' }),
    label: z.string().meta({ description: 'e.g. "§ 87 Abs. 2 AufenthG" or "Einwilligung vom 2026-11-21"' }),
  })
  .meta({ id: 'AccessBasis' });
export type AccessBasis = z.infer<typeof AccessBasis>;

/** Which categories of a person the caller sees, and on what basis; categories not listed are withheld. */
export const PersonVisibility = z
  .object({
    purpose: Purpose,
    categories: z.array(z.object({ category: DataCategory, bases: z.array(AccessBasis) })),
    emergency: z.boolean().meta({ description: 'An emergency access is active for the caller' }),
  })
  .meta({ id: 'PersonVisibility' });
export type PersonVisibility = z.infer<typeof PersonVisibility>;

/** The consent that would allow a refused read, named in a CONSENT_REQUIRED error. */
export const RequiredConsent = z
  .object({
    receivingAgencyId: AgencyId,
    categories: z.array(DataCategory),
    purpose: Purpose,
  })
  .meta({ id: 'RequiredConsent' });
export type RequiredConsent = z.infer<typeof RequiredConsent>;

// ---------------------------------------------------------------------------------------------------------------
// Emergency access ("break the glass").

export const EmergencyAccessInput = z
  .object({
    reason: text(2000).min(20, 'must say in at least 20 characters why this cannot wait'),
  })
  .meta({ id: 'EmergencyAccessFields' });

export const EmergencyAccess = z
  .object({
    id: z.uuid(),
    personId: PersonId,
    staffName: z.string(),
    agencyName: z.string(),
    reason: z.string(),
    startedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    reviewedAt: z.iso.datetime().nullable(),
    reviewedByName: z.string().nullable(),
    reviewNote: z.string().nullable(),
  })
  .meta({ id: 'EmergencyAccess' });
export type EmergencyAccess = z.infer<typeof EmergencyAccess>;

export const EmergencyReviewInput = z
  .object({ note: text(2000).min(1, 'must not be empty') })
  .meta({ id: 'EmergencyReviewFields' });

// ---------------------------------------------------------------------------------------------------------------
// Transparency: every access to a person's data.

export const AccessLogEntry = z
  .object({
    at: z.iso.datetime(),
    agencyName: z.string().nullable(),
    roles: z.array(z.string()),
    action: z.string().meta({ description: 'read, search, create, update, merge, export, …' }),
    categories: z.array(DataCategory),
    purpose: z.string().nullable(),
    bases: z.array(AccessBasis),
    emergency: z.boolean(),
  })
  .meta({ id: 'AccessLogEntry' });
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export const AccessLog = z
  .object({ personId: PersonId, displayName: z.string(), entries: z.array(AccessLogEntry) })
  .meta({ id: 'AccessLog' });
export type AccessLog = z.infer<typeof AccessLog>;

export const AccessLogQuery = z.object({
  format: z.enum(['json', 'pdf']).default('json'),
  lang: DocumentLanguage.default('de'),
});
