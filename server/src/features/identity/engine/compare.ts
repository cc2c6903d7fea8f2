import type { ParsedDate } from './dates';
import { wholeJoined, type NameField, type PreparedRecord } from './record';
import { damerauLevenshtein, jaroWinkler } from './strings';

// Comparison levels of each field, best first. A level is a category, not a score: Fellegi-Sunter learns how
// much each one says (its m and u probability). -1 stands for "cannot compare" (a value is missing).
export const NAME_LEVELS = ['exact', 'transliteration', 'typo', 'partial', 'similar', 'different'] as const;
/**
 * Date levels: equal, a typo, the same year where neither side knows the day (both a placeholder or a bare year),
 * the same year where one side knows the day and the other not, the same year and month with another day,
 * different. The two year levels are kept apart because they say different things: a person without papers is
 * recorded with a placeholder by every office, so two placeholders of one year are common among records of one
 * person, while a known date on one side and a placeholder on the other is rarer among them.
 */
export const DATE_LEVELS = ['exact', 'typo', 'year', 'year_one_day', 'same_month', 'different'] as const;
export const EQUAL_LEVELS = ['equal', 'different'] as const;
export const TEXT_LEVELS = ['exact', 'similar', 'different'] as const;
export const IDENTIFIER_LEVELS = ['shared'] as const;

/** Jaro-Winkler at or above this is a typo (Winkler's own agreement threshold for names). */
export const JW_TYPO = 0.92;
/** Jaro-Winkler at or above this counts as similar. */
export const JW_SIMILAR = 0.8;

export type NameCode =
  'exact' | 'original_script' | 'transliteration' | 'typo' | 'partial' | 'similar' | 'different';
export type NameComparison = { level: number; code: NameCode };

function shareToken(a: string[], b: string[]): boolean {
  for (const s of a) if (s.length > 1 && b.includes(s)) return true;
  return false;
}

// The outcomes of a name comparison, shared (compared millions of times in a scan; never changed).
const NAME: Record<NameCode, NameComparison[]> = {
  exact: [{ level: 0, code: 'exact' }],
  original_script: [
    { level: 0, code: 'original_script' },
    { level: 1, code: 'original_script' },
  ],
  transliteration: [{ level: 1, code: 'transliteration' }],
  typo: [{ level: 2, code: 'typo' }],
  partial: [{ level: 3, code: 'partial' }],
  similar: [{ level: 4, code: 'similar' }],
  different: [{ level: 5, code: 'different' }],
};

/** Compares two name fields: exact, transliteration (equal skeletons), typo, a shared name, similar, different. */
export function compareName(a: NameField | null, b: NameField | null): NameComparison | null {
  if (!a || !b) return null;
  if (a.latin === b.latin)
    return a.fromOriginal && b.fromOriginal ? NAME.original_script[0]! : NAME.exact[0]!;
  if (a.original !== null && a.original === b.original) return NAME.original_script[0]!;
  if (
    a.joined === b.joined ||
    (a.sorted !== null && a.sorted === b.sorted) ||
    b.variants.includes(a.joined) ||
    a.variants.includes(b.joined)
  )
    return a.fromOriginal || b.fromOriginal ? NAME.original_script[1]! : NAME.transliteration[0]!;
  const jw = jaroWinkler(a.latin, b.latin);
  if (jw >= JW_TYPO) return NAME.typo[0]!;
  const la = a.joined.length;
  const lb = b.joined.length;
  if (Math.min(la, lb) >= 5 && Math.abs(la - lb) <= 1 && damerauLevenshtein(a.joined, b.joined) <= 1)
    return NAME.typo[0]!;
  if ((a.tokens.length > 1 || b.tokens.length > 1) && shareToken(a.skels, b.skels)) return NAME.partial[0]!;
  return jw >= JW_SIMILAR ? NAME.similar[0]! : NAME.different[0]!;
}

export type NamesComparison = {
  given: NameComparison | null;
  family: NameComparison | null;
  swapped: boolean;
  /** The whole names agree, but they were divided differently into given and family names. */
  split: boolean;
};

const cost = (c: NameComparison | null) => (c ? c.level : 4);

/** The same tokens (as skeletons), or the same letters written together in either order. */
function sameWhole(a: PreparedRecord, b: PreparedRecord): boolean {
  const x = a.whole;
  const y = b.whole;
  if (!x || !y) return false;
  if (x.sorted === y.sorted) return true;
  const a1 = wholeJoined(x);
  const b1 = wholeJoined(y);
  return a1.joined === b1.joined || a1.joined === b1.reversed || a1.reversed === b1.joined;
}

/**
 * Compares given and family names as recorded and crosswise; the crosswise reading wins when it fits better.
 * When neither reading agrees on both names, the whole names are compared: the same names divided differently
 * (Ahmad / Abu Biz and "Ahmad Abo Biz"; Bodschzada / Fatemah Mohammed and "Bojzade Fatima Mohammad") count as
 * transliterated on both fields, with `split` set.
 */
export function compareNames(a: PreparedRecord, b: PreparedRecord): NamesComparison {
  const given = compareName(a.given, b.given);
  const family = compareName(a.family, b.family);
  const straight = cost(given) + cost(family);
  if (straight <= 2 && given && family) return { given, family, swapped: false, split: false };
  const g2 = compareName(a.given, b.family);
  const f2 = compareName(a.family, b.given);
  const cross = g2 || f2 ? cost(g2) + cost(f2) : Infinity;
  if (Math.min(straight, cross) > 2 && sameWhole(a, b)) {
    const original = Boolean(
      a.given?.fromOriginal || a.family?.fromOriginal || b.given?.fromOriginal || b.family?.fromOriginal,
    );
    const c: NameComparison = { level: 1, code: original ? 'original_script' : 'transliteration' };
    return { given: c, family: c, swapped: false, split: true };
  }
  if (cross < straight) return { given: g2, family: f2, swapped: true, split: false };
  return { given, family, swapped: false, split: false };
}

export type DateCode = 'date_equal' | 'date_typo' | 'year_equal' | 'placeholder_ignored' | 'different';
export type DateComparison = { level: number; code: DateCode };

/** One edit between two digit strings of equal length: one digit replaced, or two neighbours swapped. */
function oneEdit(a: string, b: string): boolean {
  let first = -1;
  let count = 0;
  for (let k = 0; k < a.length; k++) {
    if (a.charCodeAt(k) === b.charCodeAt(k)) continue;
    if (++count > 2) return false;
    if (first < 0) first = k;
  }
  if (count < 2) return true;
  return a[first] === b[first + 1] && a[first + 1] === b[first];
}

function digitsTypo(a: string, b: string): boolean {
  if (a.length === b.length ? oneEdit(a, b) : damerauLevenshtein(a, b) <= 1) return true;
  // Day and month swapped.
  return (
    a.slice(0, 4) === b.slice(0, 4) && a.slice(4, 6) === b.slice(6, 8) && a.slice(6, 8) === b.slice(4, 6)
  );
}

/**
 * Compares dates of birth: equal, a typo, only the year known and equal (placeholders) on both sides or on one,
 * the same year and month with another day, different.
 */
export function compareDate(a: ParsedDate, b: ParsedDate): DateComparison | null {
  if (a.certainty === 'exact' && b.certainty === 'exact') {
    if (a.value === b.value) return { level: 0, code: 'date_equal' };
    if (digitsTypo(a.digits!, b.digits!)) return { level: 1, code: 'date_typo' };
    return { level: a.year === b.year && a.month === b.month ? 4 : 5, code: 'different' };
  }
  // A date that does not exist is still compared digit by digit with a real one (1974-01-32 vs 1974-01-23).
  const aDigits = a.certainty === 'exact' || a.certainty === 'unknown' ? a.digits : null;
  const bDigits = b.certainty === 'exact' || b.certainty === 'unknown' ? b.digits : null;
  if (aDigits && bDigits && digitsTypo(aDigits, bDigits)) return { level: 1, code: 'date_typo' };
  if (a.year === null || b.year === null) return null;
  if (a.year !== b.year) return { level: 5, code: 'different' };
  const placeholder = a.certainty === 'placeholder' || b.certainty === 'placeholder';
  const oneDay = a.certainty === 'exact' || b.certainty === 'exact';
  return { level: oneDay ? 3 : 2, code: placeholder ? 'placeholder_ignored' : 'year_equal' };
}

/** Compares two generic values: numbers as strings (one edit is similar), text by Jaro-Winkler. */
export function compareText(a: string | null | undefined, b: string | null | undefined): number {
  if (!a || !b) return -1;
  if (a === b) return 0;
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return damerauLevenshtein(a, b) <= 1 ? 1 : 2;
  return jaroWinkler(a, b) >= 0.9 ? 1 : 2;
}

/**
 * Compares places of birth: exact, similar (equal skeletons, Jaro-Winkler at least 0.9, or names of one place
 * learned from the data: `aliases` maps a spelling to its place), different.
 */
export function comparePlace(a: PreparedRecord, b: PreparedRecord, aliases?: Record<string, string>): number {
  if (!a.place || !b.place) return -1;
  if (a.place === b.place) return 0;
  if (a.placeSkel === b.placeSkel || jaroWinkler(a.place, b.place) >= 0.9) return 1;
  if (aliases) {
    const x = aliases[a.place];
    if (x !== undefined && x === aliases[b.place]) return 1;
  }
  return 2;
}

export function compareEqual(a: string | null, b: string | null): number {
  if (!a || !b) return -1;
  return a === b ? 0 : 1;
}

export function sharesIdentifier(a: PreparedRecord, b: PreparedRecord): boolean {
  if (a.identifiers.length === 0 || b.identifiers.length === 0) return false;
  return a.identifiers.some((x) => b.identifiers.includes(x));
}
