import { z } from 'zod';
import { DataCategory, Purpose } from './consent';
import { AgencyId, PersonId } from './ids';
import { LegalDomain, OrganisationKind } from './roles';

/**
 * Record types a retention rule applies to, with the date its period runs from:
 * - `residence`: end of validity; a title without an end is valid and never due;
 * - `benefit`: end of the period (an open period is never due);
 * - `identifier`: when it was recorded;
 * - `note.<category>`: the day it happened, else when it was recorded;
 * - `person`: the whole person, due when every item of every agency is gone and the person was last changed more
 *   than the rule's years ago; the person is then anonymised.
 */
export const retentionRecordTypes = [
  'residence',
  'benefit',
  'identifier',
  'note.employment',
  'note.education',
  'note.health',
  'note.case_notes',
  'person',
] as const;
export const RetentionRecordType = z.enum(retentionRecordTypes);
export type RetentionRecordType = z.infer<typeof RetentionRecordType>;

/**
 * Kinds of removed records in the removal record: the record types, and what goes with a removal: relations and
 * household memberships of an erased or anonymised person, and history rows that carried removed values.
 */
export const removalKinds = [
  ...retentionRecordTypes,
  'relation',
  'household_member',
  'history',
  // A line of an import report that named the person: outcome kept, name and link emptied.
  'import_report_line',
  // A free text in a case of the person (assessment, plan, task, referral, conference, obstacle, event): emptied, the
  // case's skeleton and the obstacle tags kept.
  'case_text',
] as const;
export const RemovalKind = z.enum(removalKinds);
export type RemovalKind = z.infer<typeof RemovalKind>;

/** What the names of an anonymised person are replaced by. */
export const ANONYMISED_NAME = '[anonymisiert]';

const isoDate = z.iso.date('must be a date YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const RetentionRuleInput = z
  .object({
    agencyId: AgencyId.meta({ description: 'The agency (or partner) whose records the rule applies to' }),
    recordType: RetentionRecordType,
    years: z
      .number()
      .int('must be a whole number of years')
      .min(0, 'must be at least 0')
      .max(100, 'must be at most 100')
      .meta({ description: 'Keep for this many years after the reference date, then delete' }),
    paragraph: text(200)
      .min(1, 'must name the legal provision, e.g. "§ 68 AufenthV"')
      .meta({ description: 'e.g. "§ 68 AufenthV" or "§ 26 DeuFöV"' }),
    description: text(2000).default(''),
  })
  .meta({ id: 'RetentionRuleFields' });
export type RetentionRuleInput = z.infer<typeof RetentionRuleInput>;

export const RetentionRule = RetentionRuleInput.extend({
  id: z.uuid(),
  agencyName: z.string(),
  createdAt: z.iso.datetime(),
}).meta({ id: 'RetentionRule' });
export type RetentionRule = z.infer<typeof RetentionRule>;

/** What one rule removes (or would remove) on a day. */
export const RetentionRuleDue = z
  .object({
    ruleId: z.uuid(),
    agencyId: AgencyId,
    agencyName: z.string(),
    recordType: RetentionRecordType,
    years: z.number().int(),
    paragraph: z.string(),
    count: z.number().int(),
    recordIds: z
      .array(z.string())
      .meta({ description: 'The ids of the records; for the record type person, the persons anonymised' }),
  })
  .meta({ id: 'RetentionRuleDue' });
export type RetentionRuleDue = z.infer<typeof RetentionRuleDue>;

/** The dry run: what the rules would remove today. */
export const RetentionPlan = z
  .object({
    date: isoDate.meta({ description: 'The day (Europe/Berlin) the plan is for' }),
    rules: z.array(RetentionRuleDue).meta({ description: 'Rules with something due; others are left out' }),
    total: z.number().int(),
  })
  .meta({ id: 'RetentionPlan' });
export type RetentionPlan = z.infer<typeof RetentionPlan>;

export const RemovalCount = z.object({ recordType: RemovalKind, count: z.number().int() });

export const RetentionRun = RetentionPlan.extend({
  runId: z.uuid(),
  alsoRemoved: z
    .array(RemovalCount)
    .meta({ description: 'Relations and household memberships of anonymised persons, and history rows' }),
}).meta({ id: 'RetentionRun' });
export type RetentionRun = z.infer<typeof RetentionRun>;

/** One line of the record of what retention and erasure removed: ids and kinds, never the removed content. */
export const RetentionRemoval = z
  .object({
    id: z.number().int(),
    runId: z.uuid(),
    reason: z.enum(['retention', 'erasure_request']),
    ruleId: z.uuid().nullable(),
    paragraph: z.string().nullable().meta({ description: 'The paragraph of the rule applied' }),
    agencyId: AgencyId.nullable(),
    agencyName: z.string().nullable(),
    recordType: RemovalKind,
    recordId: z.string(),
    personId: PersonId.nullable(),
    action: z.enum(['deleted', 'anonymised']),
    removedAt: z.iso.datetime(),
  })
  .meta({ id: 'RetentionRemoval' });
export type RetentionRemoval = z.infer<typeof RetentionRemoval>;

export const RetentionRemovalQuery = z.object({
  runId: z.uuid('must be a UUID').optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

// ---------------------------------------------------------------------------------------------------------------
// Erasure on request (Art. 17 DSGVO, § 84 SGB X).

export const ErasureRequest = z
  .object({
    reason: text(2000)
      .min(10, 'must say in at least 10 characters why (e.g. the request of the person, its date)')
      .meta({ description: 'Why the data is erased; kept in the audit log' }),
  })
  .meta({ id: 'ErasureFields' });
export type ErasureRequest = z.infer<typeof ErasureRequest>;

export const ErasureResult = z
  .object({
    runId: z.uuid().meta({ description: 'Find the removed records with GET /api/retention/removals?runId=' }),
    erased: z.array(RemovalCount),
    kept: z
      .array(
        z.object({
          recordType: RetentionRecordType,
          agencyName: z.string(),
          paragraph: z.string(),
          keepUntil: isoDate.nullable().meta({
            description:
              'The last day the items must be kept (the latest of the group); null: the period has not ended yet (an open benefit period), kept until the years after its end',
          }),
          count: z.number().int(),
        }),
      )
      .meta({
        description:
          'Items whose retention period under a rule still runs: a retention duty stands against erasure',
      }),
    anonymised: z.boolean().meta({ description: 'Nothing was kept, so the person itself was anonymised' }),
    consents: z
      .object({ kept: z.number().int(), reason: z.string() })
      .meta({ description: 'Consents stay as proof that processing was lawful (Art. 7 Abs. 1 DSGVO)' }),
  })
  .meta({ id: 'ErasureResult' });
export type ErasureResult = z.infer<typeof ErasureResult>;

// ---------------------------------------------------------------------------------------------------------------
// Record of processing activities (Art. 30 DSGVO), generated from the configuration.

export const ProcessingRecordQuery = z.object({
  format: z.enum(['json', 'pdf']).default('json'),
  lang: z.enum(['de', 'en']).default('de'),
});

export const ProcessingRecord = z
  .object({
    controller: z.string().meta({ description: 'The municipality' }),
    generatedAt: z.iso.datetime(),
    agencies: z.array(
      z.object({
        id: AgencyId,
        name: z.string(),
        kind: OrganisationKind,
        legalDomains: z.array(LegalDomain),
        purposes: z.array(Purpose).meta({
          description:
            "The agency's default purpose, and purposes of legal bases and consents it receives data for",
        }),
        categories: z.array(
          z.object({
            category: DataCategory,
            specialCategory: z.boolean().meta({ description: 'Special category of Art. 9 DSGVO (health)' }),
          }),
        ),
        recipients: z.array(
          z.object({
            basis: z.enum(['legal_basis', 'consent']),
            legalBasisId: z.uuid().nullable(),
            paragraph: z.string(),
            title: z.string(),
            recipients: z
              .array(z.string())
              .meta({ description: 'Names of the receiving agencies or partners' }),
            allAgencies: z
              .boolean()
              .meta({ description: 'The legal basis names no recipient: every agency' }),
            categories: z
              .array(DataCategory)
              .meta({ description: 'Empty for consent: what each consent names' }),
            purposes: z.array(Purpose),
          }),
        ),
        retention: z.array(
          z.object({
            recordType: RetentionRecordType,
            years: z.number().int(),
            paragraph: z.string(),
            description: z.string(),
          }),
        ),
      }),
    ),
    technicalMeasures: z.array(z.string()),
  })
  .meta({ id: 'ProcessingRecord' });
export type ProcessingRecord = z.infer<typeof ProcessingRecord>;
