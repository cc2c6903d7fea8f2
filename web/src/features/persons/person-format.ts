import { useMemo } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { z } from 'zod';
import type { DateOfBirth, MatchReason, Provenance } from '@lotse/common';
import { isMessageId } from '../../i18n/catalogues';

type Dob = z.infer<typeof DateOfBirth>;
type Source = z.infer<typeof Provenance>;

const REASON_CODES = new Set([
  'exact',
  'transliteration',
  'typo',
  'swapped_order',
  'split_differently',
  'linked_through',
  'original_script',
  'year_equal',
  'date_equal',
  'date_typo',
  'placeholder_ignored',
  'identifier',
  'different',
]);

/** Days from today until an ISO date (negative when it lies in the past). */
export function daysUntil(isoDate: string, now = new Date()): number {
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) - today) / 86_400_000);
}

/** A residence title that ends within this many weeks is shown as expiring (DOMAIN.md: extensions by expiry). */
export const EXPIRY_WEEKS = 8;

export function expiryState(validUntil: string | null): 'expired' | 'expiring' | 'valid' | null {
  if (!validUntil) return null;
  const days = daysUntil(validUntil);
  if (days < 0) return 'expired';
  return days <= EXPIRY_WEEKS * 7 ? 'expiring' : 'valid';
}

function fieldLabel(intl: IntlShape, field: string): string {
  const id = `reasonField.${field}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : field;
}

function dateOnly(intl: IntlShape, iso: string): string {
  return intl.formatDate(`${iso.slice(0, 10)}T00:00:00Z`, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** How the registry's values read in the reader's language: dates with certainty, countries, reasons, sources. */
export function usePersonFormat() {
  const intl = useIntl();
  return useMemo(() => {
    const regions = new Intl.DisplayNames([intl.locale], { type: 'region', fallback: 'code' });
    const languageNames = new Intl.DisplayNames([intl.locale], { type: 'language', fallback: 'code' });
    const country = (code: string): string => {
      // XX (stateless) and XU (unknown) are no ISO regions; Intl would echo the code.
      if (code === 'XX') return intl.formatMessage({ id: 'country.stateless' });
      if (code === 'XU') return intl.formatMessage({ id: 'country.unknown' });
      try {
        return regions.of(code) ?? code;
      } catch {
        return code;
      }
    };
    const language = (code: string): string => {
      try {
        return languageNames.of(code) ?? code;
      } catch {
        return code;
      }
    };
    const date = (iso: string | null | undefined) => (iso ? dateOnly(intl, iso) : '—');
    const dateTime = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
    const dateOfBirth = (dob: Dob): string => {
      switch (dob.certainty) {
        case 'exact':
          return dob.value ? dateOnly(intl, dob.value) : (dob.asRecorded ?? '—');
        case 'placeholder':
          return intl.formatMessage(
            { id: 'person.dobPlaceholder' },
            { date: dob.asRecorded ?? `01.01.${dob.year ?? '????'}` },
          );
        case 'year_only':
          return intl.formatMessage({ id: 'person.dobYearOnly' }, { year: String(dob.year ?? '?') });
        default:
          return intl.formatMessage({ id: 'certainty.unknown' });
      }
    };
    /** One reason of a match: the field and the translated kind of agreement, else the server's English sentence. */
    const reason = (r: MatchReason): string => {
      if (!REASON_CODES.has(r.code)) return r.text;
      const id = `reason.${r.code}`;
      return isMessageId(id) ? intl.formatMessage({ id }, { field: fieldLabel(intl, r.field) }) : r.text;
    };
    const source = (p: Source | undefined): string | null =>
      p
        ? intl.formatMessage(
            { id: 'person.recordedBy' },
            {
              agency: p.agencyName ?? intl.formatMessage({ id: 'person.unknownAgency' }),
              date: date(p.recordedAt),
            },
          )
        : null;
    const percent = (score: number) =>
      intl.formatNumber(score, { style: 'percent', maximumFractionDigits: 0 });
    return {
      country,
      language,
      date,
      dateTime,
      dateOfBirth,
      reason,
      source,
      percent,
      field: (f: string) => fieldLabel(intl, f),
    };
  }, [intl]);
}
