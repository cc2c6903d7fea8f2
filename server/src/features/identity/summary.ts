import type { PersonSummary } from '@lotse/common';
import type { SummaryRow } from './identity.repo';

/**
 * The Latin name in the order the person uses, and the original-script name where known; with the provenance
 * the access function needs to decide what of it the caller sees (`showSummaries`).
 */
export function toSummary(r: SummaryRow): PersonSummary & Pick<SummaryRow, 'provenance'> {
  const latin = r.nameOrder === 'family_first' ? [r.familyName, r.givenNames] : [r.givenNames, r.familyName];
  const original =
    r.nameOrder === 'family_first'
      ? [r.familyNameOriginal, r.givenNamesOriginal]
      : [r.givenNamesOriginal, r.familyNameOriginal];
  const originalName = original.filter(Boolean).join(' ');
  return {
    id: r.id as PersonSummary['id'],
    displayName: latin.filter(Boolean).join(' '),
    originalName: originalName || null,
    dateOfBirth: {
      value: r.birthDateCertainty === 'exact' ? r.birthDate : null,
      year: r.birthYear,
      certainty: r.birthDateCertainty,
      asRecorded: r.birthDateRecorded,
    },
    sex: r.sex,
    nationalities: r.nationalities,
    placeOfBirth: r.placeOfBirth,
    provenance: r.provenance,
  };
}
