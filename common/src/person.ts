import { z } from 'zod';
import { AgencyId, PersonId } from './ids';
import { PersonVisibility } from './consent';

export const HouseholdId = z.uuid().brand<'HouseholdId'>();
export type HouseholdId = z.infer<typeof HouseholdId>;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const nameText = text(200);
const optionalText = (max: number) => text(max).nullable().default(null);

export const sexes = ['female', 'male', 'diverse', 'unspecified'] as const;
export const Sex = z.enum(sexes);
export type Sex = z.infer<typeof Sex>;

/**
 * How sure a date of birth is. `placeholder` covers 01.01.YYYY and 00.00.YYYY as recorded by authorities:
 * only the year is a fact. `unknown`: no date at all.
 */
export const dateCertainties = ['exact', 'year_only', 'placeholder', 'unknown'] as const;
export const DateCertainty = z.enum(dateCertainties);
export type DateCertainty = z.infer<typeof DateCertainty>;

export const nameOrders = ['given_first', 'family_first'] as const;
export const NameOrder = z.enum(nameOrders);

/** A name in Latin letters and, where known, in the original script. */
export const NameInput = z
  .object({
    givenNames: nameText.default(''),
    familyName: nameText.default(''),
    givenNamesOriginal: nameText.nullable().default(null),
    familyNameOriginal: nameText.nullable().default(null),
  })
  .meta({ id: 'NameFields' });
export type NameInput = z.infer<typeof NameInput>;

export const identifierKinds = ['azr', 'kundennummer', 'bg_nummer', 'aktenzeichen', 'other'] as const;
export const IdentifierKind = z.enum(identifierKinds);
export type IdentifierKind = z.infer<typeof IdentifierKind>;
/**
 * Identifiers several persons carry at once: the BG-Nummer names a Bedarfsgemeinschaft, shared by its members.
 * They find persons in a search but say nothing about two records being the same person.
 */
export const sharedIdentifierKinds: readonly IdentifierKind[] = ['bg_nummer'];

export const IdentifierInput = z
  .object({
    kind: IdentifierKind,
    value: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    agencyId: AgencyId.optional().meta({
      description: "The issuing agency; defaults to the caller's agency",
    }),
  })
  .meta({ id: 'IdentifierFields' });
export type IdentifierInput = z.infer<typeof IdentifierInput>;

export const contactChannels = ['letter', 'email', 'sms', 'phone', 'in_person'] as const;

export const LanguageSkill = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code such as ar, fa, ti'),
  interpreterNeeded: z.boolean().default(false),
});

export const Address = z.object({
  street: optionalText(200),
  postcode: optionalText(20),
  city: optionalText(100),
  careOf: optionalText(200),
});

export const Contact = z.object({
  phone: optionalText(50),
  email: z.email('must be an e-mail address').nullable().default(null),
  preferredChannel: z.enum(contactChannels).nullable().default(null),
  preferredLanguage: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code')
    .nullable()
    .default(null),
});

const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^[A-Z]{2,3}$/,
    'must be an ISO 3166 country code such as SY, AF, UA (XX for stateless, XU unknown)',
  );

/** What staff enter for a person. Dates: YYYY-MM-DD, DD.MM.YYYY, YYYYMMDD, a bare year, 00.00.YYYY. */
export const PersonInput = z
  .object({
    name: NameInput,
    nameOrder: NameOrder.default('given_first'),
    birthName: NameInput.nullable().default(null),
    formerNames: z.array(NameInput).max(20).default([]),
    sex: Sex.default('unspecified'),
    dateOfBirth: text(20).nullable().default(null),
    placeOfBirth: optionalText(200),
    countryOfBirth: country.nullable().default(null),
    nationalities: z.array(country).max(5).default([]),
    languages: z.array(LanguageSkill).max(20).default([]),
    address: Address.nullable().default(null),
    contact: Contact.nullable().default(null),
    identifiers: z.array(IdentifierInput).max(20).default([]),
  })
  .meta({ id: 'PersonFields' });
export type PersonInput = z.infer<typeof PersonInput>;

export const PersonCreate = PersonInput.extend({
  confirmNew: z
    .boolean()
    .default(false)
    .meta({ description: 'Create even though likely duplicates exist (after the caller has seen them)' }),
}).meta({ id: 'PersonCreate' });
export type PersonCreate = z.infer<typeof PersonCreate>;

/**
 * A change: only the fields present are changed (no defaults fill absent ones, which `PersonInput.partial()` would
 * do in zod 4 and so blank every field not sent). `name` may name only the parts that change.
 */
export const NameUpdate = z
  .object({
    givenNames: nameText.optional(),
    familyName: nameText.optional(),
    givenNamesOriginal: nameText.nullable().optional(),
    familyNameOriginal: nameText.nullable().optional(),
  })
  .meta({ id: 'NameUpdateFields' });
export const PersonUpdate = z
  .object({
    name: NameUpdate.optional(),
    nameOrder: NameOrder.optional(),
    birthName: NameInput.nullable().optional(),
    formerNames: z.array(NameInput).max(20).optional(),
    sex: Sex.optional(),
    dateOfBirth: text(20).nullable().optional(),
    placeOfBirth: text(200).nullable().optional(),
    countryOfBirth: country.nullable().optional(),
    nationalities: z.array(country).max(5).optional(),
    languages: z.array(LanguageSkill).max(20).optional(),
    address: Address.nullable().optional(),
    contact: Contact.nullable().optional(),
    identifiers: z
      .array(IdentifierInput)
      .max(20)
      .optional()
      .meta({ description: 'Identifiers to add (those already carried are kept; remove one with DELETE)' }),
  })
  .meta({ id: 'PersonUpdate' });
export type PersonUpdate = z.infer<typeof PersonUpdate>;

export const Provenance = z.object({
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  recordedAt: z.iso.datetime(),
});

export const DateOfBirth = z.object({
  value: z.string().nullable().meta({ description: 'YYYY-MM-DD when exact, else null' }),
  year: z.number().int().nullable(),
  certainty: DateCertainty,
  asRecorded: z.string().nullable().meta({ description: 'The date as it was entered (e.g. 01.01.1990)' }),
});

export const Identifier = z.object({
  id: z.uuid().meta({ description: 'To remove it: DELETE /api/persons/{id}/identifiers/{identifierId}' }),
  kind: IdentifierKind,
  value: z.string(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  recordedAt: z.iso.datetime(),
  personId: PersonId.meta({ description: 'The source record that carries it (differs after a merge)' }),
});

export const residenceKinds = [
  'visum',
  'aufenthaltserlaubnis',
  'blaue_karte_eu',
  'ict_karte',
  'niederlassungserlaubnis',
  'daueraufenthalt_eu',
  'aufenthaltsgestattung',
  'duldung',
  'fiktionsbescheinigung',
  'eu_freizuegigkeit',
  'other',
] as const;
export const ResidenceKind = z.enum(residenceKinds);

export const ResidenceInput = z
  .object({
    kind: ResidenceKind,
    paragraph: optionalText(50).meta({ description: 'The legal basis, e.g. "§ 24 AufenthG"' }),
    validFrom: z.iso.date('must be a date YYYY-MM-DD').nullable().default(null),
    validUntil: z.iso.date('must be a date YYYY-MM-DD').nullable().default(null),
    note: optionalText(500),
  })
  .meta({ id: 'ResidenceFields' });
export type ResidenceInput = z.infer<typeof ResidenceInput>;

export const Residence = ResidenceInput.extend({
  id: z.uuid(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  recordedAt: z.iso.datetime(),
}).meta({ id: 'Residence' });

export const benefitSystems = [
  'SGB_II',
  'SGB_III',
  'SGB_XII',
  'AsylbLG',
  'SGB_VIII',
  'BAfoeG',
  'other',
] as const;
export const BenefitInput = z
  .object({
    system: z.enum(benefitSystems),
    validFrom: z.iso.date('must be a date YYYY-MM-DD'),
    validUntil: z.iso.date('must be a date YYYY-MM-DD').nullable().default(null),
    reference: optionalText(100),
  })
  .meta({ id: 'BenefitFields' });
export type BenefitInput = z.infer<typeof BenefitInput>;

export const Benefit = BenefitInput.extend({
  id: z.uuid(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  recordedAt: z.iso.datetime(),
}).meta({ id: 'Benefit' });

export const relationKinds = [
  'parent_of',
  'child_of',
  'spouse_of',
  'guardian_of',
  'ward_of',
  'sibling_of',
] as const;
export const RelationInput = z
  .object({ relatedPersonId: PersonId, relation: z.enum(relationKinds) })
  .meta({ id: 'RelationFields' });

export const householdKinds = ['bedarfsgemeinschaft', 'family'] as const;
export const HouseholdInput = z
  .object({
    kind: z.enum(householdKinds),
    bgNumber: optionalText(50).meta({ description: 'BG-Nummer of a Bedarfsgemeinschaft (opaque)' }),
    members: z
      .array(z.object({ personId: PersonId, role: z.enum(['head', 'partner', 'child', 'other']) }))
      .min(1, 'name at least one member'),
  })
  .meta({ id: 'HouseholdFields' });

export const PersonSummary = z
  .object({
    id: PersonId,
    displayName: z.string().meta({ description: 'Latin name in the order the person uses' }),
    originalName: z.string().nullable(),
    dateOfBirth: DateOfBirth,
    sex: Sex,
    nationalities: z.array(z.string()),
    placeOfBirth: z.string().nullable(),
  })
  .meta({ id: 'PersonSummary' });
export type PersonSummary = z.infer<typeof PersonSummary>;

export const Household = z
  .object({
    id: HouseholdId,
    kind: z.enum(householdKinds),
    bgNumber: z.string().nullable(),
    members: z.array(
      z.object({
        personId: PersonId,
        role: z.enum(['head', 'partner', 'child', 'other']),
        displayName: z.string(),
      }),
    ),
    agencyId: z.string().nullable(),
    agencyName: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Household' });
export type Household = z.infer<typeof Household>;

export const noteCategories = ['employment', 'education', 'health', 'case_notes'] as const;
export const NoteCategory = z.enum(noteCategories);

/** A record entry of a category the registry has no fields for (employment, education, health, case notes). */
export const PersonNoteInput = z
  .object({
    category: NoteCategory,
    title: text(200).min(1, 'must not be empty'),
    body: text(10000).default(''),
    occurredOn: z.iso.date('must be a date YYYY-MM-DD').nullable().default(null),
  })
  .meta({ id: 'PersonNoteFields' });
export type PersonNoteInput = z.infer<typeof PersonNoteInput>;

export const PersonNote = PersonNoteInput.extend({
  id: z.uuid(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  recordedAt: z.iso.datetime(),
}).meta({ id: 'PersonNote' });
export type PersonNote = z.infer<typeof PersonNote>;

export const Person = z
  .object({
    id: PersonId,
    name: NameInput,
    nameOrder: NameOrder,
    birthName: NameInput.nullable(),
    formerNames: z.array(NameInput),
    displayName: z.string(),
    sex: Sex,
    dateOfBirth: DateOfBirth,
    placeOfBirth: z.string().nullable(),
    countryOfBirth: z.string().nullable(),
    nationalities: z.array(z.string()),
    languages: z.array(LanguageSkill),
    address: Address.nullable(),
    contact: Contact.nullable(),
    identifiers: z.array(Identifier),
    residence: z.array(Residence),
    benefits: z.array(Benefit),
    relations: z.array(
      z.object({
        relatedPersonId: PersonId,
        relation: z.enum(relationKinds),
        relatedDisplayName: z
          .string()
          .meta({ description: "Empty when the caller may not see the related person's name" }),
        agencyId: z.string().nullable(),
      }),
    ),
    households: z.array(Household),
    notes: z.array(PersonNote),
    visibility: PersonVisibility.meta({
      description: 'The categories the caller sees and on which basis; everything else is withheld',
    }),
    provenance: z
      .record(z.string(), Provenance)
      .meta({ description: 'For each field: which agency recorded its current value, and when' }),
    mergedRecords: z
      .array(z.object({ personId: PersonId, mergeId: z.uuid(), mergedAt: z.iso.datetime() }))
      .meta({ description: 'Source records merged into this person; each merge can be undone' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

export const PersonChange = z
  .object({
    field: z.string(),
    oldValue: z.unknown(),
    newValue: z.unknown(),
    agencyId: z.string().nullable(),
    agencyName: z.string().nullable(),
    staffName: z.string().nullable(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'PersonChange' });

export const MatchReason = z
  .object({
    field: z.string(),
    code: z.string().meta({
      description:
        'e.g. exact, transliteration, typo, swapped_order, year_equal, placeholder_ignored, identifier',
    }),
    text: z.string().meta({ description: 'An English sentence; the web app translates by code' }),
  })
  .meta({ id: 'MatchReason' });
export type MatchReason = z.infer<typeof MatchReason>;

export const SearchHit = z
  .object({ person: PersonSummary, score: z.number().min(0).max(1), reasons: z.array(MatchReason) })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z
  .object({ query: z.string(), hits: z.array(SearchHit) })
  .meta({ id: 'SearchResult' });

export const DuplicatesFound = z
  .object({
    error: z.object({ code: z.literal('LIKELY_DUPLICATE'), message: z.string() }),
    candidates: z.array(SearchHit),
  })
  .meta({ id: 'DuplicatesFound' });

export const duplicateStatuses = ['open', 'merged', 'rejected'] as const;
export const DuplicateCandidate = z
  .object({
    id: z.uuid(),
    status: z.enum(duplicateStatuses),
    score: z.number(),
    reasons: z.array(MatchReason),
    a: PersonSummary,
    b: PersonSummary,
    detectedAt: z.iso.datetime(),
    reviewedAt: z.iso.datetime().nullable(),
    mergeId: z.uuid().nullable(),
  })
  .meta({ id: 'DuplicateCandidate' });
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

// ---- Person registry read models (issue 3) ----

export type HouseholdInput = z.infer<typeof HouseholdInput>;

export const HouseholdMemberInput = z
  .object({ personId: PersonId, role: z.enum(['head', 'partner', 'child', 'other']) })
  .meta({ id: 'HouseholdMemberFields' });
export type HouseholdMemberInput = z.infer<typeof HouseholdMemberInput>;

export type RelationInput = z.infer<typeof RelationInput>;
export type RelationKind = (typeof relationKinds)[number];
export type Residence = z.infer<typeof Residence>;
export type Benefit = z.infer<typeof Benefit>;
export type PersonChange = z.infer<typeof PersonChange>;

/** A person's changes, newest first; after a merge it includes the changes of every record merged into it. */
export const PersonHistory = z
  .array(
    PersonChange.extend({
      recordId: PersonId.meta({ description: 'The source record that was changed (differs after a merge)' }),
    }),
  )
  .meta({ id: 'PersonHistory' });
export type PersonHistory = z.infer<typeof PersonHistory>;

export const ExpiringResidence = z
  .object({
    weeks: z.number().int(),
    items: z.array(
      z.object({
        person: PersonSummary,
        residence: Residence,
        daysLeft: z.number().int().meta({ description: 'Days from today until validUntil' }),
      }),
    ),
  })
  .meta({ id: 'ExpiringResidence' });
export type ExpiringResidence = z.infer<typeof ExpiringResidence>;
