import { z } from 'zod';
import { PersonId } from './ids';
import { DuplicateCandidate, Person } from './person';

// Querystring schemas carry no component id: @fastify/swagger cannot resolve a $ref there.
export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'type a name, a date of birth or an identifier').max(300),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const DuplicateList = z
  .object({ candidates: z.array(DuplicateCandidate), total: z.number().int() })
  .meta({ id: 'DuplicateList' });

export const DuplicateComparison = z
  .object({ candidate: DuplicateCandidate, a: Person, b: Person })
  .meta({ id: 'DuplicateComparison', description: 'Both persons side by side for a reviewer' });

export const MergeRequest = z
  .object({
    survivorId: PersonId.meta({ description: 'Which of the two persons stays; the other is merged into it' }),
  })
  .meta({ id: 'MergeRequest' });

export const MergeResult = z
  .object({ mergeId: z.uuid(), survivorId: PersonId, mergedId: PersonId })
  .meta({ id: 'MergeResult' });

export const ScanResult = z
  .object({
    persons: z.number().int(),
    pairsCompared: z.number().int(),
    candidatesFound: z.number().int(),
    newCandidates: z.number().int(),
    durationMs: z.number().int(),
  })
  .meta({ id: 'ScanResult' });

/** The person fields an import column can map to. */
export const importFields = [
  'ignore',
  'givenNames',
  'familyName',
  'fullName',
  'givenNamesOriginal',
  'familyNameOriginal',
  'birthName',
  'dateOfBirth',
  'sex',
  'placeOfBirth',
  'countryOfBirth',
  'nationality',
  'street',
  'postcode',
  'city',
  'phone',
  'email',
  'identifier:azr',
  'identifier:kundennummer',
  'identifier:bg_nummer',
  'identifier:aktenzeichen',
  'identifier:other',
] as const;
export const ImportField = z.enum(importFields);
export type ImportField = z.infer<typeof ImportField>;

export const ImportRequest = z
  .object({
    fileName: z.string().trim().max(200).default('import.csv'),
    content: z.string().min(1, 'the file is empty').meta({
      description: 'The CSV file, base64-encoded (any encoding: UTF-8, UTF-16, Windows-1252 are detected)',
    }),
    mapping: z
      .record(z.string(), ImportField)
      .meta({ description: 'CSV column header -> person field; unmapped columns are ignored' }),
    delimiter: z.enum([',', ';', '\t']).optional().meta({ description: 'Detected when left out' }),
  })
  .meta({ id: 'ImportRequest' });
export type ImportRequest = z.infer<typeof ImportRequest>;

export const ImportLine = z
  .object({
    line: z.number().int().meta({ description: 'Line number in the file (the header is line 1)' }),
    outcome: z.enum(['create', 'match', 'reject', 'skip']),
    displayName: z.string().nullable(),
    personId: PersonId.nullable().meta({
      description: 'The matched person (match) or the created one (after apply)',
    }),
    score: z.number().nullable(),
    problems: z.array(z.object({ field: z.string(), message: z.string() })),
  })
  .meta({ id: 'ImportLine' });

export const ImportReport = z
  .object({
    id: z.uuid(),
    status: z.enum(['dry_run', 'applied']),
    fileName: z.string(),
    encoding: z.string(),
    columns: z.array(z.string()),
    summary: z.object({
      lines: z.number().int(),
      create: z.number().int(),
      match: z.number().int(),
      reject: z.number().int(),
      skip: z.number().int(),
    }),
    lines: z.array(ImportLine),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportPreview = z
  .object({
    columns: z.array(z.string()),
    sample: z.array(z.array(z.string())),
    encoding: z.string(),
    delimiter: z.string(),
    suggestedMapping: z.record(z.string(), ImportField),
  })
  .meta({ id: 'ImportPreview' });
