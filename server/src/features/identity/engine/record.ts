import { parseBirthDate, type ParsedDate } from './dates';
import { cleanText, hasNonLatin, MAX_FIELD_CHARS, nameTokens, skeleton, toLatin } from './normalise';

/** A person record as any source delivers it; every field but id may be missing. */
export type IdentityRecord = {
  id: string;
  givenNames?: string | null;
  familyName?: string | null;
  /** For sources that keep the name in one field: any order, "Family, Given" with a comma. */
  fullName?: string | null;
  givenNamesOriginal?: string | null;
  familyNameOriginal?: string | null;
  /** Birth and former names (family names, or "Family, Given"). */
  otherNames?: string[];
  dateOfBirth?: string | null;
  sex?: string | null;
  placeOfBirth?: string | null;
  nationality?: string | null;
  /** Opaque identifiers (AZR-Nummer, Kundennummer, Aktenzeichen…), compared after normaliseIdentifier(). */
  identifiers?: string[];
  /** Further fields compared generically (exact, similar, different) with weights learned from the data. */
  extra?: Record<string, string | null>;
};

/** One name field (given names or family name), ready for comparison. */
export type NameField = {
  /** Latin tokens joined by a space (from the original script when no Latin form was recorded). */
  latin: string;
  tokens: string[];
  /** Skeleton of each token. */
  skels: string[];
  /** The token skeletons sorted and joined by spaces when there are two or more (the same names in any order). */
  sorted: string | null;
  /** Skeleton of all tokens written together (Mohammad Reza = Mohammadreza); the value for term frequencies. */
  joined: string;
  /** Every skeleton this field can be known by: tokens, joined, the original script's, other names'. */
  variants: string[];
  /** The original script as recorded (cleaned, lower case), or null. */
  original: string | null;
  /** No Latin form was recorded; the Latin was made from the original script. */
  fromOriginal: boolean;
};

/** The whole name, whatever part of it was recorded as given or family name. */
export type WholeName = {
  /** The token skeletons, sorted and joined by spaces. */
  sorted: string;
  /** The tokens, given names first, and where the family name starts. */
  tokens: string[];
  familyAt: number;
  /** Skeleton of all tokens written together, given names first, and family name first: made when first needed. */
  joined?: string;
  reversed?: string;
};

/** The skeletons of a whole name written together in either order, made once when first asked for. */
export function wholeJoined(w: WholeName): { joined: string; reversed: string } {
  if (w.joined === undefined || w.reversed === undefined) {
    w.joined = skeleton(w.tokens.join(''));
    w.reversed = skeleton([...w.tokens.slice(w.familyAt), ...w.tokens.slice(0, w.familyAt)].join(''));
  }
  return { joined: w.joined, reversed: w.reversed };
}

export type PreparedRecord = {
  id: string;
  given: NameField | null;
  family: NameField | null;
  /** False when the name came from a full name without a comma: which part is the family name is a guess. */
  orderKnown: boolean;
  /** All name tokens together, for names divided differently into given and family names; null below 2 tokens. */
  whole: WholeName | null;
  date: ParsedDate;
  sex: string | null;
  place: string | null;
  placeSkel: string | null;
  nationality: string | null;
  identifiers: string[];
  extra: Record<string, string>;
  problems: { field: string; message: string }[];
};

/** Identifiers are compared upper-case without spaces, dots, slashes, dashes and underscores. */
export function normaliseIdentifier(value: string): string {
  return cleanText(value)
    .toUpperCase()
    .replace(/[\s./\-_]/g, '');
}

/**
 * Other readings of a token that offices produce and the skeleton does not merge, each as a skeleton (empty when
 * the token has no such letters):
 * - the French reading of "ch" (Chami = Shami, Aicha = Aisha, Chijoudkhel = Shijoudkhel): the skeleton reads ch as
 *   kh, as German offices write it; French offices write sh as ch;
 * - "kh" heard or written as a plain h (Khouwa = Houwa, Khadija = Hadija), as Turkish and many offices write خ;
 * - a Turkish c, which is dj (Hatice = Hatidsche, Cemal = Dschemal), or a ç that lost its cedilla (Celik = Çelik =
 *   Tschelik, Caglar = Çağlar): c not in ch or ck read both ways;
 * - q as gh, the Persian reading of ق (Qasemi = Ghasemi = قاسمی);
 * - a final h after a consonant as a vowel: the Persian final ه (معصومه Massoumeh, فاطمه Fatemeh).
 */
function otherReadings(token: string): string[] {
  const out: string[] = [];
  if (/(^|[^st])ch/.test(token)) out.push(skeleton(token.replace(/(^|[^st])ch/g, '$1sh')));
  if (token.includes('kh')) out.push(skeleton(token.replace(/kh/g, 'h')));
  if (/c(?![hk])/.test(token))
    out.push(skeleton(token.replace(/c(?![hk])/g, 'ch')), skeleton(token.replace(/c(?![hk])/g, 'dj')));
  if (token.includes('q')) out.push(skeleton(token.replace(/q/g, 'gh')));
  if (/[^aeiouy]h$/.test(token) && token.length > 3) out.push(skeleton(token.slice(0, -1)));
  return out;
}

const CEDILLAS = /[çşÇŞ]/;
/** A name written without the Turkish letters ç and ş, as offices without those keys write it (Celik, Sahin). */
const withoutCedillas = (s: string) => s.replace(/[çÇ]/g, 'c').replace(/[şŞ]/g, 's');

const uniq = (xs: string[]) => [...new Set(xs.filter((x) => x.length > 0))];

function nameField(
  latinText: string | null,
  originalText: string | null,
  others: string[] = [],
  plainText: string | null = null,
): NameField | null {
  const latinTokens = latinText ? nameTokens(latinText) : [];
  const plainTokens = plainText ? nameTokens(plainText) : [];
  const originalTokens = originalText ? nameTokens(originalText) : [];
  const tokens = latinTokens.length > 0 ? latinTokens : originalTokens;
  if (tokens.length === 0) return null;
  const skels = tokens.map(skeleton);
  const joined = tokens.length === 1 ? skels[0]! : skeleton(tokens.join(''));
  const variants = uniq([
    joined,
    ...skels,
    ...plainTokens.map(skeleton),
    plainTokens.length > 1 ? skeleton(plainTokens.join('')) : '',
    ...originalTokens.map(skeleton),
    originalTokens.length > 1 ? skeleton(originalTokens.join('')) : '',
    ...others.flatMap((o) => {
      const t = nameTokens(o);
      return [...t.map(skeleton), t.length > 1 ? skeleton(t.join('')) : ''];
    }),
    ...tokens.flatMap(otherReadings),
    ...(tokens.length > 1 ? otherReadings(tokens.join('')) : []),
    ...(latinTokens.length > 0 ? originalTokens.flatMap(otherReadings) : []),
  ]);
  return {
    latin: tokens.join(' '),
    tokens,
    skels,
    sorted: skels.length > 1 ? [...skels].sort().join(' ') : null,
    joined,
    variants,
    original: originalText ? cleanText(originalText).toLowerCase().slice(0, MAX_FIELD_CHARS) : null,
    fromOriginal: latinTokens.length === 0,
  };
}

const text = (s: string | null | undefined) =>
  s ? cleanText(s.slice(0, MAX_FIELD_CHARS * 2)).slice(0, MAX_FIELD_CHARS) : '';

function wholeName(given: NameField | null, family: NameField | null): WholeName | null {
  const g = given?.tokens ?? [];
  const f = family?.tokens ?? [];
  if (g.length + f.length < 2) return null;
  return {
    sorted: [...(given?.skels ?? []), ...(family?.skels ?? [])].sort().join(' '),
    tokens: [...g, ...f],
    familyAt: g.length,
  };
}

/** Splits a full name: "Family, Given" by the comma; without one, the last word is taken as the family name. */
export function splitFullName(full: string): { given: string; family: string; orderKnown: boolean } {
  const t = text(full);
  const comma = t.indexOf(',');
  if (comma >= 0)
    return { family: t.slice(0, comma).trim(), given: t.slice(comma + 1).trim(), orderKnown: true };
  const tokens = nameTokens(t);
  if (tokens.length <= 1) return { family: tokens[0] ?? '', given: '', orderKnown: false };
  return { family: tokens[tokens.length - 1]!, given: tokens.slice(0, -1).join(' '), orderKnown: false };
}

const SEX: Record<string, string> = {
  f: 'f',
  w: 'f',
  female: 'f',
  weiblich: 'f',
  frau: 'f',
  m: 'm',
  male: 'm',
  mannlich: 'm',
  maennlich: 'm',
  mann: 'm',
  d: 'd',
  diverse: 'd',
  divers: 'd',
  x: 'd',
};

/** Normalises a record once so that comparing it with many others is cheap. Never throws on bad input. */
export function prepare(r: IdentityRecord): PreparedRecord {
  const problems: PreparedRecord['problems'] = [];
  let given = text(r.givenNames);
  let family = text(r.familyName);
  let givenOriginal = text(r.givenNamesOriginal) || null;
  let familyOriginal = text(r.familyNameOriginal) || null;
  let orderKnown = true;
  let plainGiven = CEDILLAS.test(given) ? withoutCedillas(given) : null;
  let plainFamily = CEDILLAS.test(family) ? withoutCedillas(family) : null;
  if (!given && !family && r.fullName) {
    const split = splitFullName(r.fullName);
    given = split.given;
    family = split.family;
    orderKnown = split.orderKnown;
    if (CEDILLAS.test(r.fullName)) {
      const plain = splitFullName(withoutCedillas(r.fullName));
      plainGiven = plain.given;
      plainFamily = plain.family;
    }
  }
  // Original script typed into the Latin field: keep it as the original, transliterate for the Latin form.
  if (given && hasNonLatin(given) && !givenOriginal) [givenOriginal, given] = [given, ''];
  if (family && hasNonLatin(family) && !familyOriginal) [familyOriginal, family] = [family, ''];
  const date = parseBirthDate(r.dateOfBirth);
  if (date.problem) problems.push({ field: 'dateOfBirth', message: date.problem });
  const sexKey = r.sex ? toLatin(r.sex).replace(/[^a-z]/g, '') : '';
  const place = r.placeOfBirth ? toLatin(text(r.placeOfBirth)) || null : null;
  const nationality = r.nationality ? cleanText(r.nationality).toUpperCase().slice(0, 20) || null : null;
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.extra ?? {})) {
    const value = v ? cleanText(v.slice(0, 400)).toLowerCase().slice(0, 100) : '';
    if (value) extra[k] = value;
  }
  const givenField = nameField(given || null, givenOriginal, [], plainGiven);
  const familyField = nameField(
    family || null,
    familyOriginal,
    (r.otherNames ?? []).slice(0, 5),
    plainFamily,
  );
  return {
    id: r.id,
    given: givenField,
    family: familyField,
    orderKnown,
    whole: wholeName(givenField, familyField),
    date,
    sex: SEX[sexKey] ?? null,
    place,
    placeSkel: place ? skeleton(place) : null,
    nationality: nationality === 'XU' ? null : nationality,
    identifiers: uniq((r.identifiers ?? []).slice(0, 20).map(normaliseIdentifier)),
    extra,
    problems,
  };
}

function nameKeys(f: NameField | null): string[] {
  return f ? f.variants.filter((v) => v.length > 0).slice(0, 6) : [];
}

/**
 * Search keys of a record, looked up by equality (stored per person in the registry): name-skeleton pairs in
 * either order (n:), family name with year of birth (fy:), given name with year and the family name's first
 * letter (gy:), family name alone (f:),
 * the exact date (d:) and each identifier (id:). With the order of a full name unknown, both parts count as
 * family names.
 */
export function blockingKeys(p: PreparedRecord): string[] {
  const keys = new Set<string>();
  const g = nameKeys(p.given);
  const f = nameKeys(p.family);
  for (const a of g) for (const b of f) keys.add(a < b ? `n:${a}|${b}` : `n:${b}|${a}`);
  const families = p.orderKnown ? f : [...f, ...g];
  const year = p.date.year;
  for (const s of families) {
    keys.add(`f:${s}`);
    if (year) keys.add(`fy:${s}|${year}`);
  }
  // Given name and year, with the first sound of the family name: finds a typo in the rest of the family name.
  if (year)
    for (const s of g)
      for (const x of f.length > 0 ? f.slice(0, 2) : ['']) keys.add(`gy:${s}|${year}|${x[0] ?? ''}`);
  // The same with the names the other way round: an office that swapped them and a typo in one name.
  if (year)
    for (const s of f)
      for (const x of g.length > 0 ? g.slice(0, 2) : ['']) keys.add(`gy:${s}|${year}|${x[0] ?? ''}`);
  if (p.date.certainty === 'exact' && p.date.digits) keys.add(`d:${p.date.digits}`);
  for (const id of p.identifiers) keys.add(`id:${id}`);
  return [...keys];
}

/**
 * Keys that form candidate pairs in a duplicate scan: the search keys but family-name-alone, extra fields, and
 * each name with the year and the other name's last sound (gl:), in both orders: like gy:, for a typo at the start
 * of the other name (Barirak and eBrirak, Witak and iWtak), where the first sound differs.
 */
export function scanKeys(p: PreparedRecord): string[] {
  const keys = blockingKeys(p).filter((k) => !k.startsWith('f:'));
  const year = p.date.year;
  if (year) {
    const g = nameKeys(p.given);
    const f = nameKeys(p.family);
    const last = new Set<string>();
    for (const [xs, ys] of [
      [g, f],
      [f, g],
    ] as const)
      for (const s of xs) for (const y of ys.slice(0, 2)) last.add(`gl:${s}|${year}|${y[y.length - 1]}`);
    keys.push(...last);
  }
  if (p.date.certainty === 'unknown' && p.date.digits) keys.push(`d:${p.date.digits}`);
  for (const [k, v] of Object.entries(p.extra)) keys.push(`x:${k}=${v}`);
  return keys;
}

/** The whole name as one key, order-free: for the frequency of names that go together. */
export function fullNameKey(p: PreparedRecord): string | null {
  if (!p.given || !p.family) return null;
  const a = p.given.joined;
  const b = p.family.joined;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
