import type { IdentityRecord } from './engine';
import type { IdentityRow } from './identity.repo';

/**
 * A stored person as the engine sees it: all its names, its date as recorded, its identifiers. Identifiers a
 * household shares (the BG-Nummer) count only where asked for: a search by that number should rank the members,
 * but two members sharing it are not the same person.
 */
export function toIdentityRecord(row: IdentityRow, opts: { withShared?: boolean } = {}): IdentityRecord {
  const otherNames = [row.birthName, ...row.formerNames]
    .filter((n): n is { givenNames: string; familyName: string } => Boolean(n))
    .map((n) => `${n.givenNames} ${n.familyName}`.trim())
    .filter(Boolean);
  return {
    id: row.id,
    givenNames: row.givenNames,
    familyName: row.familyName,
    givenNamesOriginal: row.givenNamesOriginal,
    familyNameOriginal: row.familyNameOriginal,
    otherNames,
    dateOfBirth: row.birthDateRecorded ?? row.birthDate,
    sex: row.sex === 'unspecified' ? null : row.sex,
    placeOfBirth: row.placeOfBirth,
    nationality: row.nationalities[0] ?? null,
    identifiers: opts.withShared ? [...row.identifiers, ...row.sharedIdentifiers] : row.identifiers,
  };
}
