import type { DateCertainty } from '@lotse/common';
import { cleanText } from './normalise';

export type ParsedDate = {
  /** YYYY-MM-DD when the day is known and the date exists, else null. */
  value: string | null;
  year: number | null;
  month: number | null;
  day: number | null;
  certainty: DateCertainty;
  asRecorded: string | null;
  /** Why the date was not taken as recorded (a sentence), or null. */
  problem: string | null;
  /** The eight digits YYYYMMDD as written, also when the date does not exist: compared for typos. */
  digits: string | null;
};

const MIN_YEAR = 1880;

function unknown(asRecorded: string | null, problem: string | null = null): ParsedDate {
  return {
    value: null,
    year: null,
    month: null,
    day: null,
    certainty: 'unknown',
    asRecorded,
    problem,
    digits: null,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads a date of birth as authorities record it: YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY (also D.M.YYYY and with / or -),
 * or a bare year. 01.01.YYYY, 00.00.YYYY and YYYY-00-00 are placeholders for "born in YYYY" (certainty
 * `placeholder`, year only). YYYY-01-01 written in ISO form is taken as a real date: it is how systems store a
 * known 1 January, while offices write the placeholder in the German form. A date that does not exist
 * (1974-01-32, 31.02.2000) becomes `unknown`, keeps a plausible year and says why in `problem`; so does a date
 * in the future. `today` is for tests.
 */
export function parseBirthDate(input: string | null | undefined, today = new Date()): ParsedDate {
  if (input === null || input === undefined) return unknown(null);
  const raw = cleanText(String(input)).slice(0, 40);
  if (raw === '') return unknown(null);
  let y: number, m: number, d: number;
  let german = false;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(raw))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(raw))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(raw))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    german = true;
  } else if ((match = /^(\d{4})$/.exec(raw))) {
    y = Number(match[1]);
    if (y < MIN_YEAR || y > today.getFullYear())
      return unknown(raw, `the year of birth ${raw} is not plausible`);
    return {
      value: null,
      year: y,
      month: null,
      day: null,
      certainty: 'year_only',
      asRecorded: raw,
      problem: null,
      digits: null,
    };
  } else {
    return unknown(
      raw,
      `the date of birth "${raw}" is not in a known form (YYYY-MM-DD, DD.MM.YYYY, YYYYMMDD or YYYY)`,
    );
  }
  const digits = `${pad(y, 4)}${pad(m)}${pad(d)}`;
  const plausibleYear = y >= MIN_YEAR && y <= today.getFullYear() ? y : null;
  const placeholder = (m === 0 && d === 0) || (german && m === 1 && d === 1);
  if (placeholder) {
    if (plausibleYear === null) return { ...unknown(raw, `the year of birth ${y} is not plausible`), digits };
    return {
      value: null,
      year: y,
      month: null,
      day: null,
      certainty: 'placeholder',
      asRecorded: raw,
      problem: null,
      digits,
    };
  }
  const iso = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) {
    return { ...unknown(raw, `date ${iso} does not exist`), year: plausibleYear, digits };
  }
  const todayIso = today.toISOString().slice(0, 10);
  if (iso > todayIso) return { ...unknown(raw, `date ${iso} is in the future`), digits };
  if (plausibleYear === null) return { ...unknown(raw, `the year of birth ${y} is not plausible`), digits };
  return {
    value: iso,
    year: y,
    month: m,
    day: d,
    certainty: 'exact',
    asRecorded: raw,
    problem: null,
    digits,
  };
}
