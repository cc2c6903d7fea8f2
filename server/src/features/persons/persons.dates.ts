import type { DateCertainty } from '@lotse/common';

/** A date of birth as stored: the exact date only when it is a fact, the year whenever it is known. */
export type BirthDate = {
  birthDate: string | null;
  birthYear: number | null;
  certainty: DateCertainty;
  recorded: string | null;
};

export type BirthDateResult = { ok: true; value: BirthDate } | { ok: false; problem: string };

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const EARLIEST_YEAR = 1880;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Today in Germany as YYYY-MM-DD (the registry serves German offices; a server clock in UTC must not matter). */
export function todayInGermany(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * Reads a date of birth as staff enter it: YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY or D.M.YYYY, or a bare year.
 * 01.01.YYYY and 00.00.YYYY (in any of the forms) are placeholders authorities write when only the year is
 * known: only the year is kept. An impossible or future date is refused with a sentence saying what is wrong.
 * (A local copy until the identity engine exports the shared parser.)
 */
export function parseBirthDate(raw: string | null | undefined, today = todayInGermany()): BirthDateResult {
  const recorded = (raw ?? '').trim();
  if (recorded === '')
    return { ok: true, value: { birthDate: null, birthYear: null, certainty: 'unknown', recorded: null } };

  let year: number;
  let month = 0;
  let day = 0;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(recorded))) year = Number(m[1]);
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(recorded)) || (m = /^(\d{4})(\d{2})(\d{2})$/.exec(recorded)))
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(recorded)))
    [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else
    return {
      ok: false,
      problem: `"${recorded}" is not a date; enter it as 1990-05-17, 17.05.1990, 19900517 or a bare year such as 1990`,
    };

  const todayYear = Number(today.slice(0, 4));
  if (year < EARLIEST_YEAR) return { ok: false, problem: `the year ${year} is before ${EARLIEST_YEAR}` };
  if (year > todayYear) return { ok: false, problem: `${recorded} lies in the future` };

  const bareYear = month === 0 && day === 0 && /^\d{4}$/.test(recorded);
  if (bareYear)
    return { ok: true, value: { birthDate: null, birthYear: year, certainty: 'year_only', recorded } };
  if (month > 12) return { ok: false, problem: `${recorded} is not a date: there is no month ${month}` };
  if (month > 0 && day > daysIn(year, month))
    return {
      ok: false,
      problem: `${recorded} is not a date: ${MONTHS[month - 1]} ${year} has ${daysIn(year, month)} days, not ${day}`,
    };
  if (day > 31) return { ok: false, problem: `${recorded} is not a date: no month has ${day} days` };
  // 00.00.YYYY, 01.01.YYYY and half-unknown forms such as 00.05.1990: only the year is a fact.
  if (month === 0 || day === 0 || (month === 1 && day === 1))
    return { ok: true, value: { birthDate: null, birthYear: year, certainty: 'placeholder', recorded } };

  const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (iso > today) return { ok: false, problem: `${recorded} lies in the future` };
  return { ok: true, value: { birthDate: iso, birthYear: year, certainty: 'exact', recorded } };
}
