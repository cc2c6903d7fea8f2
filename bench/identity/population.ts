// A seeded synthetic population of the people a Haus der Integration serves, with known duplicates: the same
// person recorded by several agencies, each with its own spelling. Deterministic for a seed; 1,000,000 persons
// take a few seconds.
import type { IdentityRecord } from '../../server/src/features/identity/engine/index.ts';
import { ORIGINS, type Name, type Origin } from './names.ts';

export type PopulationOptions = {
  seed: number;
  persons: number;
  /** Share of persons recorded more than once (each duplicate with 1-3 further records). */
  duplicateRate: number;
  /** Share of persons who are namesakes of an earlier person with a common given name. Default 0.1. */
  namesakeRate?: number;
};

export type Population = {
  records: IdentityRecord[];
  /** Every pair of record ids that belong to one person. */
  truePairs: [string, string][];
  /** Person number of each record id. */
  personOf: Map<string, number>;
};

type Person = {
  origin: Origin;
  sex: 'f' | 'm';
  given: Name[];
  family: Name;
  year: number;
  month: number;
  day: number;
  dateKnown: boolean;
  place: Name;
  nationality: string;
};

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Zipf-like choice: the k-th entry with weight 1 / (k + 1). */
function zipfPicker<T>(xs: T[]): (r: Rand) => T {
  const cum: number[] = [];
  let s = 0;
  xs.forEach((_, k) => cum.push((s += 1 / (k + 1))));
  return (r) => {
    const x = r() * s;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return xs[lo]!;
  };
}

/** Family names made from given names, as the communities form them: Al-Hassan, Ahmadi, Petrenko, the father's name. */
function derivedFamilies(o: Origin): Name[] {
  const male = o.male.filter((m) => !m.latin[0]!.includes(' '));
  switch (o.code) {
    case 'arabic':
      return male.map((m) => ({
        orig: m.orig ? `ال${m.orig}` : undefined,
        latin: m.latin.flatMap((l) => [`Al-${l}`, `Al${l.toLowerCase()}`, `El ${l}`]),
      }));
    case 'persian':
      return male.map((m) => ({
        orig: m.orig ? `${m.orig}ی` : undefined,
        latin: m.latin.map((l) => `${l}${l.endsWith('i') ? '' : 'i'}`),
      }));
    case 'cyrillic':
      return male.map((m) => ({
        orig: m.orig ? `${m.orig.replace(/[ійоа]$/, '')}енко` : undefined,
        latin: m.latin.map((l) => `${l.replace(/(iy|ii|ij|y|i|o|a)$/, '')}enko`),
      }));
    case 'turkish':
      return male.map((m) => ({
        latin: m.latin.map((l) => `${l}oğlu`).concat(m.latin.map((l) => `${l}oglu`)),
      }));
    case 'tigrinya':
      return male;
    default:
      return [];
  }
}

/**
 * Spellings of one name as different offices write it, by the rules that separate German, English and French
 * romanisation: vowels (e/a, u/o/ou, i/ee/y), doubled consonants, kh/ch, sh/sch, j/dj, v/w, y/j.
 */
export function romanisationVariants(latin: string, r: Rand, count = 3): string[] {
  const rules: [RegExp, string[]][] = [
    [/ou/g, ['u', 'o']],
    [/u/g, ['ou', 'o']],
    [/e/g, ['a', 'i']],
    [/a(?!l-)/g, ['e']],
    [/ee|i/g, ['i', 'y', 'ee']],
    [/kh/g, ['ch', 'h']],
    [/sch|sh/g, ['sh', 'sch', 'ch']],
    [/dj|j/g, ['j', 'dj', 'dsch']],
    [/w/g, ['v']],
    [/v/g, ['w']],
    [/([bdfklmnrst])\1/g, ['$1']],
    [/([bdfklmnrst])(?=[aeiou])/g, ['$1$1']],
    [/y/g, ['j', 'i']],
  ];
  const out = new Set<string>([latin]);
  for (let tries = 0; out.size < count + 1 && tries < 20; tries++) {
    const [re, subs] = rules[Math.floor(r() * rules.length)]!;
    const lower = latin.toLowerCase();
    const matches = [...lower.matchAll(re)];
    if (matches.length === 0) continue;
    const m = matches[Math.floor(r() * matches.length)]!;
    const sub = pick(r, subs).replaceAll('$1', m[1] ?? '');
    const changed = lower.slice(0, m.index) + sub + lower.slice(m.index! + m[0].length);
    out.add(changed.replace(/(^|[\s-])([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase()));
  }
  return [...out];
}

const SYLLABLES: Record<string, { on: string[]; nu: string[]; ends: string[]; pre?: string[] }> = {
  arabic: {
    on: ['b', 'd', 'f', 'h', 'j', 'k', 'kh', 'l', 'm', 'n', 'q', 'r', 's', 'sh', 't', 'w', 'z'],
    nu: ['a', 'a', 'i', 'u', 'ou', 'ee'],
    ends: ['', 'i', 'an', 'a', 'ani', 'awi'],
    pre: ['Al-', 'Al-', 'Abu ', ''],
  },
  persian: {
    on: ['b', 'd', 'f', 'gh', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 'sh', 't', 'v', 'z'],
    nu: ['a', 'e', 'i', 'o', 'ou'],
    ends: ['i', 'zada', 'yar', 'khel', 'zai', 'i'],
  },
  cyrillic: {
    on: ['b', 'd', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'zh', 'ch', 'sh'],
    nu: ['a', 'e', 'i', 'o', 'u', 'y'],
    ends: ['enko', 'chuk', 'ov', 'yk', 'ak', 'ets', 'ska'],
  },
  turkish: {
    on: ['b', 'c', 'd', 'g', 'h', 'k', 'l', 'm', 'n', 'r', 's', 't', 'y', 'z'],
    nu: ['a', 'e', 'i', 'o', 'u', 'ü', 'ö'],
    ends: ['oglu', 'er', 'can', 'li', 'ci', 'tas'],
  },
  tigrinya: {
    on: ['b', 'd', 'f', 'g', 'gh', 'h', 'k', 'l', 'm', 'n', 'r', 's', 't', 'w', 'y', 'z'],
    nu: ['a', 'e', 'i', 'o', 'u'],
    ends: ['', 'e', 'om', 'ay', 'mariam', 'selassie', 'kidan'],
  },
  german: {
    on: ['b', 'br', 'd', 'f', 'g', 'h', 'k', 'kr', 'l', 'm', 'n', 'p', 'r', 's', 'sch', 'st', 't', 'w'],
    nu: ['a', 'e', 'i', 'o', 'u', 'ei', 'au'],
    ends: ['er', 'mann', 'el', 'ke', 'ing', 'berg', 'hoff'],
  },
};

/** Rare family names of a community: the long tail that real registers have (one family, a few persons). */
function tailFamilies(o: Origin, r: Rand, count: number): Name[] {
  const syl = SYLLABLES[o.code]!;
  const out: Name[] = [];
  for (let k = 0; k < count; k++) {
    let stem = '';
    const parts = 2 + Math.floor(r() * 2);
    for (let p = 0; p < parts; p++) stem += pick(r, syl.on) + pick(r, syl.nu);
    stem = stem.replace(/[aeiouüö]+$/, '') + pick(r, syl.ends);
    const base = (syl.pre ? pick(r, syl.pre) : '') + stem[0]!.toUpperCase() + stem.slice(1);
    out.push({ latin: romanisationVariants(base, r, 1 + Math.floor(r() * 3)) });
  }
  return out;
}

type Bank = {
  origin: Origin;
  male: (r: Rand) => Name;
  female: (r: Rand) => Name;
  family: (r: Rand) => Name;
  derived: Name[];
};

/** Share of persons with a family name from the long tail (not among the well-known names of the banks). */
const TAIL_SHARE = 0.6;
const TAIL_NAMES = 4000;

function banks(seed: number): Bank[] {
  const r = mulberry32(seed ^ 0x5bd1e995);
  return ORIGINS.map((o) => {
    const derived = derivedFamilies(o);
    const listed = zipfPicker(o.family);
    const tail = zipfPicker(tailFamilies(o, r, TAIL_NAMES));
    return {
      origin: o,
      male: zipfPicker(o.male),
      female: zipfPicker(o.female),
      family: (x: Rand) => {
        const y = x();
        if (y < TAIL_SHARE) return tail(x);
        return derived.length > 0 && y < TAIL_SHARE + (1 - TAIL_SHARE) / 2 ? pick(x, derived) : listed(x);
      },
      derived,
    };
  });
}

function makePerson(r: Rand, bs: Bank[]): Person {
  let x = r();
  let b = bs[0]!;
  for (const candidate of bs) {
    b = candidate;
    if ((x -= candidate.origin.share) < 0) break;
  }
  const o = b.origin;
  const sex = r() < 0.5 ? 'f' : 'm';
  const first = sex === 'f' ? b.female : b.male;
  const given = [first(r)];
  if (r() < o.twoGiven) given.push(b.male(r)); // the father's name as a second given name
  const year = 1945 + Math.floor(r() * 78);
  return {
    origin: o,
    sex,
    given,
    family: b.family(r),
    year,
    month: 1 + Math.floor(r() * 12),
    day: 1 + Math.floor(r() * 28),
    dateKnown: r() >= o.unknownDate,
    place: pick(r, o.places),
    nationality: pick(r, o.nationality),
  };
}

const pad = (x: number) => String(x).padStart(2, '0');
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One keyboard or hearing mistake: a letter replaced, left out, doubled or two letters swapped. */
function typo(r: Rand, s: string): string {
  if (s.length < 3) return s;
  const i = 1 + Math.floor(r() * (s.length - 2));
  switch (Math.floor(r() * 4)) {
    case 0:
      return s.slice(0, i) + pick(r, [...LETTERS]) + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + s.slice(i + 1);
    case 2:
      return s.slice(0, i) + s[i] + s.slice(i);
    default:
      return s.slice(0, i - 1) + s[i] + s[i - 1] + s.slice(i + 1);
  }
}

function spelling(r: Rand, name: Name, preferFirst: boolean): string {
  if (preferFirst && r() < 0.5) return name.latin[0]!;
  return pick(r, name.latin);
}

const hasOriginalScript = (n: Name) => n.orig !== undefined && /[^\p{Script=Latin}]/u.test(n.orig);

function dateOf(r: Rand, p: Person, duplicate: boolean): string | null {
  if (!p.dateKnown) {
    const x = r();
    return x < 0.6 ? `01.01.${p.year}` : x < 0.85 ? `00.00.${p.year}` : String(p.year);
  }
  const x = r();
  if (duplicate && x < 0.08) return `01.01.${p.year}`; // an office that did not have the papers
  if (duplicate && x < 0.16) {
    // A typo in the date: day and month swapped, or one digit wrong.
    if (p.day <= 12 && r() < 0.5) return `${p.year}-${pad(p.day)}-${pad(p.month)}`;
    const d = Math.min(28, Math.max(1, p.day + (r() < 0.5 ? 1 : -1) * (1 + Math.floor(r() * 2))));
    return `${pad(d)}.${pad(p.month)}.${p.year}`;
  }
  const form = r();
  if (form < 0.5) return `${pad(p.day)}.${pad(p.month)}.${p.year}`;
  if (form < 0.9) return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  return `${p.year}${pad(p.month)}${pad(p.day)}`;
}

function recordOf(r: Rand, p: Person, id: string, duplicate: boolean): IdentityRecord {
  let given = p.given.map((g) => spelling(r, g, !duplicate)).join(' ');
  let family = spelling(r, p.family, !duplicate);
  const orig = p.given.every(hasOriginalScript) && hasOriginalScript(p.family);
  if (duplicate && r() < 0.15) {
    if (r() < 0.5) given = typo(r, given);
    else family = typo(r, family);
  }
  const rec: IdentityRecord = { id };
  const form = r();
  if (duplicate && orig && form < 0.08) {
    // Only the original script, as on a passport page or an Arabic form.
    rec.givenNamesOriginal = p.given.map((g) => g.orig).join(' ');
    rec.familyNameOriginal = p.family.orig!;
  } else if (form < 0.2) {
    const f = r();
    rec.fullName = f < 0.4 ? `${family}, ${given}` : f < 0.75 ? `${given} ${family}` : `${family} ${given}`;
  } else if (duplicate && form < 0.3) {
    rec.givenNames = family; // given and family name swapped by the office
    rec.familyName = given;
  } else {
    rec.givenNames = given;
    rec.familyName = family;
  }
  if (orig && !rec.givenNamesOriginal && r() < 0.3) {
    rec.givenNamesOriginal = p.given.map((g) => g.orig).join(' ');
    rec.familyNameOriginal = p.family.orig!;
  }
  rec.dateOfBirth = duplicate && r() < 0.04 ? null : dateOf(r, p, duplicate);
  rec.sex = r() < 0.9 ? p.sex : null;
  rec.placeOfBirth = r() < 0.7 ? spelling(r, p.place, !duplicate) : null;
  rec.nationality = r() < 0.85 ? p.nationality : null;
  return rec;
}

/**
 * Generates `persons` persons and their records. A share `duplicateRate` of persons has 2-4 records (one per
 * agency); `namesakeRate` of persons take the given and family name of an earlier person with a common given
 * name; their own date of birth is drawn like anyone's, so some share the year by chance, as namesakes do.
 */
export function generatePopulation(opts: PopulationOptions): Population {
  const r = mulberry32(opts.seed);
  const bs = banks(opts.seed);
  const namesakeRate = opts.namesakeRate ?? 0.1;
  const records: IdentityRecord[] = [];
  const truePairs: [string, string][] = [];
  const personOf = new Map<string, number>();
  // Namesakes take the names of an earlier person whose given name is among the five most frequent of its
  // community: the many Mohammed Al-Hassans, not two rare names that meet by chance.
  const common: Person[] = [];
  const isCommon = (p: Person) => {
    const list = p.sex === 'f' ? p.origin.female : p.origin.male;
    return list.indexOf(p.given[0]!) < 5;
  };
  for (let k = 0; k < opts.persons; k++) {
    let p = makePerson(r, bs);
    if (common.length > 0 && r() < namesakeRate) {
      const other = common[Math.floor(r() * common.length)]!;
      p = {
        ...p,
        origin: other.origin,
        sex: other.sex,
        given: [other.given[0]!, ...p.given.slice(1)],
        family: other.family,
        place: pick(r, other.origin.places),
        nationality: pick(r, other.origin.nationality),
      };
    }
    if (isCommon(p)) common.push(p);
    const count = r() < opts.duplicateRate ? 2 + Math.floor(r() * r() * 3) : 1;
    const ids: string[] = [];
    for (let c = 0; c < count; c++) {
      const id = `p${k}-${c}`;
      records.push(recordOf(r, p, id, c > 0));
      personOf.set(id, k);
      for (const other of ids) truePairs.push([other, id]);
      ids.push(id);
    }
  }
  // Agencies' files are not sorted by person.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [records[i], records[j]] = [records[j]!, records[i]!];
  }
  return { records, truePairs, personOf };
}

let reverse: Map<string, Name> | null = null;

/** Finds the bank entry of a written name (any spelling or the original script). */
function entryOf(written: string): Name | undefined {
  if (!reverse) {
    reverse = new Map();
    for (const o of ORIGINS) {
      for (const name of [...o.male, ...o.female, ...o.family, ...derivedFamilies(o)]) {
        for (const l of name.latin) if (!reverse.has(l.toLowerCase())) reverse.set(l.toLowerCase(), name);
        if (name.orig && !reverse.has(name.orig)) reverse.set(name.orig, name);
      }
    }
  }
  return reverse.get(written.toLowerCase()) ?? reverse.get(written);
}

function respell(r: Rand, written: string): string {
  const e = entryOf(written);
  if (!e) return written;
  const other = e.latin.filter((l) => l.toLowerCase() !== written.toLowerCase());
  return other.length > 0 ? pick(r, other) : written;
}

export type SearchVariant = {
  query: string;
  kind: 'variant' | 'swapped' | 'original_script' | 'family_year' | 'variant_year' | 'placeholder';
};

/**
 * Queries staff might type for a record: other spellings of its names, the names in the other order, the
 * original script, the family name with the year of birth, with a date or a placeholder date.
 */
export function spellingVariants(record: IdentityRecord, seed: number, count = 4): SearchVariant[] {
  const r = mulberry32(seed);
  let given = record.givenNames ?? '';
  let family = record.familyName ?? '';
  if (!given && !family && record.fullName) {
    const [f, g] = record.fullName.includes(',') ? record.fullName.split(',') : ['', record.fullName];
    family = f!.trim();
    given = g!.trim();
  }
  if (!given && !family) {
    given = record.givenNamesOriginal ?? '';
    family = record.familyNameOriginal ?? '';
  }
  const g = given.split(' ').filter(Boolean);
  const newGiven = () => g.map((x) => respell(r, x)).join(' ');
  const newFamily = () => respell(r, family);
  const date = record.dateOfBirth ?? '';
  const year = /(\d{4})/.exec(date)?.[1] ?? '';
  const out: SearchVariant[] = [];
  const kinds: SearchVariant['kind'][] = [
    'variant',
    'swapped',
    'family_year',
    'variant_year',
    'placeholder',
    'original_script',
  ];
  for (let k = 0; out.length < count && k < count * 3; k++) {
    const kind = kinds[k % kinds.length]!;
    let query: string;
    switch (kind) {
      case 'variant':
        query = `${newGiven()} ${newFamily()}`;
        break;
      case 'swapped':
        query = `${newFamily()} ${newGiven()}`;
        break;
      case 'family_year':
        if (!year) continue;
        query = `${newFamily()} ${year}`;
        break;
      case 'variant_year':
        if (!year) continue;
        query = `${newGiven()} ${newFamily()} ${year}`;
        break;
      case 'placeholder':
        if (!year) continue;
        query = `01.01.${year} ${newFamily()} ${newGiven()}`;
        break;
      default: {
        const orig = [...g, family]
          .map((x) => entryOf(x)?.orig)
          .filter((x) => x && /[^\p{Script=Latin}]/u.test(x));
        if (orig.length !== g.length + 1) continue;
        query = `${orig.slice(0, -1).join(' ')} ${orig[orig.length - 1]}`;
      }
    }
    out.push({ query: query.trim(), kind });
  }
  return out;
}
