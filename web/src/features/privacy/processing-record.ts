import { ProcessingRecordQuery } from '@lotse/common';
import type { RecordLanguage } from './privacy.api';

/** The languages the server writes the record of processing activities in (JSON texts and PDF). */
export const recordLanguages: readonly RecordLanguage[] = ProcessingRecordQuery.shape.lang.unwrap().options;

/**
 * The language of the record's own texts (technical measures) for a reader: theirs where the server has it, else
 * German, the language the municipality keeps the record in for the supervisory authority.
 */
export function recordLanguageFor(language: string): RecordLanguage {
  return recordLanguages.find((l) => l === language) ?? 'de';
}
