import type { MatchReason } from '@lotse/common';
import {
  compareDate,
  compareEqual,
  compareNames,
  comparePlace,
  compareText,
  DATE_LEVELS,
  EQUAL_LEVELS,
  IDENTIFIER_LEVELS,
  NAME_LEVELS,
  sharesIdentifier,
  TEXT_LEVELS,
  type DateComparison,
  type NamesComparison,
} from './compare';
import { fullNameKey, type PreparedRecord } from './record';

/** One compared field: its levels with m = P(level | same person) and u = P(level | different persons). */
export type FieldModel = { name: string; levels: string[]; m: number[]; u: number[] };

/** How often each name skeleton occurs: a common name that agrees says less than a rare one. */
export type TermFrequencies = { values: Record<string, number>; floor: number };

/** A Fellegi-Sunter model; plain data, JSON-serialisable. */
export type Model = {
  version: 1;
  fields: FieldModel[];
  /** P(two records drawn at random are the same person) in the population the model is used on. */
  prior: number;
  /** Expected number of other records of the same person per record; moves the prior to another size. */
  matchesPerRecord: number;
  /** Posterior match probability at or above which a pair is judged the same person. */
  threshold: number;
  /** Term frequencies of name skeletons, by field (givenName, familyName). */
  tf: Record<string, TermFrequencies>;
  /**
   * Spellings of one place that string similarity cannot see (Halab and Aleppo), learned from the data: each
   * spelling maps to one name of its place.
   */
  placeAliases?: Record<string, string>;
  /** Where the parameters come from. */
  trainedOn: {
    records: number;
    candidatePairs: number;
    randomPairs: number;
    iterations: number;
    note: string;
  } | null;
};

export const NAME_FIELDS = ['givenName', 'familyName'] as const;

export const CORE_FIELDS: { name: string; levels: readonly string[] }[] = [
  { name: 'givenName', levels: NAME_LEVELS },
  { name: 'familyName', levels: NAME_LEVELS },
  { name: 'dateOfBirth', levels: DATE_LEVELS },
  { name: 'sex', levels: EQUAL_LEVELS },
  { name: 'placeOfBirth', levels: TEXT_LEVELS },
  { name: 'nationality', levels: EQUAL_LEVELS },
  { name: 'identifier', levels: IDENTIFIER_LEVELS },
];

/** Starting values for a field never seen in training data: agreement likely for matches, rare for others. */
export function startingField(name: string, levels: readonly string[]): FieldModel {
  const n = levels.length;
  if (name === 'identifier') return { name, levels: [...levels], m: [0.5], u: [1e-7] };
  const m = levels.map((_, i) => (i === 0 ? 0.8 : i === n - 1 ? 0.05 : 0.15 / Math.max(1, n - 2)));
  const u = levels.map((_, i) => (i === 0 ? 0.01 : i === n - 1 ? 0.95 : 0.04 / Math.max(1, n - 2)));
  return { name, levels: [...levels], m, u };
}

/** The details of one comparison, kept to explain a score. */
export type Comparison = {
  levels: Int8Array;
  names: NamesComparison;
  date: DateComparison | null;
};

/** The level of a field other than the names; -1 where it cannot be compared. */
function otherLevel(
  model: Model,
  f: FieldModel,
  a: PreparedRecord,
  b: PreparedRecord,
  date: DateComparison | null,
): number {
  switch (f.name) {
    case 'dateOfBirth':
      return date ? date.level : -1;
    case 'sex':
      return a.sex === 'd' || b.sex === 'd' ? -1 : compareEqual(a.sex, b.sex);
    case 'placeOfBirth':
      return comparePlace(a, b, model.placeAliases);
    case 'nationality':
      return compareEqual(a.nationality, b.nationality);
    case 'identifier':
      return sharesIdentifier(a, b) ? 0 : -1;
    default:
      return f.name.startsWith('extra:')
        ? compareText(a.extra[f.name.slice(6)], b.extra[f.name.slice(6)])
        : -1;
  }
}

/** Compares two prepared records on the model's fields; -1 where a field cannot be compared. */
export function compareRecords(model: Model, a: PreparedRecord, b: PreparedRecord): Comparison {
  const levels = new Int8Array(model.fields.length);
  const names = compareNames(a, b);
  const date = compareDate(a.date, b.date);
  for (let i = 0; i < model.fields.length; i++) {
    const f = model.fields[i]!;
    if (f.name === 'givenName') levels[i] = names.given ? names.given.level : -1;
    else if (f.name === 'familyName') levels[i] = names.family ? names.family.level : -1;
    else levels[i] = otherLevel(model, f, a, b, date);
  }
  return { levels, names, date };
}

const ceilings = new WeakMap<Model, { max: number[]; order: number[] }>();

/**
 * The most each field can weigh in this model: its best level, for names with the least u that term frequencies
 * can give (the smallest frequency of either table); and the order in which weightCeiling() looks at the fields
 * other than the names (the date first: it settles most pairs; the place, compared by string similarity, last).
 */
function fieldCeilings(model: Model): { max: number[]; order: number[] } {
  let out = ceilings.get(model);
  if (out) return out;
  let least = Infinity;
  for (const field of NAME_FIELDS) {
    const t = model.tf[field];
    if (!t) continue;
    least = Math.min(least, t.floor);
    for (const v of Object.values(t.values)) least = Math.min(least, v);
  }
  const max = model.fields.map((f) => {
    const isName = f.name === 'givenName' || f.name === 'familyName';
    let best = 0;
    f.m.forEach((m, l) => {
      let u = f.u[l]!;
      if (isName && l <= 1 && least < Infinity)
        u = Math.min(u, Math.max(least * (u / (f.u[0]! + f.u[1]!)), 1e-9));
      best = Math.max(best, Math.log2(m / u));
    });
    return best;
  });
  const rank = (name: string) => (name === 'dateOfBirth' ? 0 : name === 'placeOfBirth' ? 2 : 1);
  const order = model.fields
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.name !== 'givenName' && f.name !== 'familyName')
    .sort((x, y) => rank(x.f.name) - rank(y.f.name))
    .map(({ i }) => i);
  out = { max, order };
  ceilings.set(model, out);
  return out;
}

/**
 * Whether a pair can reach the match weight `least` at all, judged without comparing the names (the costly part
 * of a comparison): the other fields as they compare, each name field at the most it can weigh. A scan skips the
 * pairs that cannot; the result is the same.
 */
export function canReach(
  model: Model,
  a: PreparedRecord,
  b: PreparedRecord,
  least: number,
  names = namesCeiling(model, a),
): boolean {
  const { max, order } = fieldCeilings(model);
  let bound = names;
  for (const i of order) bound += max[i]!;
  if (bound < least) return false;
  let date: DateComparison | null | undefined;
  for (const i of order) {
    const f = model.fields[i]!;
    if (f.name === 'dateOfBirth') date = compareDate(a.date, b.date);
    const l = otherLevel(model, f, a, b, date ?? null);
    bound += (l >= 0 ? Math.log2(f.m[l]! / f.u[l]!) : 0) - max[i]!;
    if (bound < least) return false;
  }
  return true;
}

/** The most the name fields of `a` can weigh together against any record (see nameCeiling). */
export function namesCeiling(model: Model, a: PreparedRecord): number {
  const { max } = fieldCeilings(model);
  let w = 0;
  for (let i = 0; i < max.length; i++) {
    const f = model.fields[i]!;
    if (f.name === 'givenName' || f.name === 'familyName') w += nameCeiling(model, f, a, max[i]!);
  }
  return w;
}

/**
 * The most a name field of `a` can weigh against any record: agreeing on a common name says little whatever the
 * other record holds (u is at least the frequency of a's own name, see nameU). `ceiling` where a has no such field
 * (the field then weighs only when the whole names agree divided differently).
 */
function nameCeiling(model: Model, f: FieldModel, a: PreparedRecord, ceiling: number): number {
  const value = (f.name === 'givenName' ? a.given : a.family)?.joined;
  if (value === undefined) return ceiling;
  let tf = 0;
  for (const field of NAME_FIELDS) {
    const x = tfOf(model, field, value);
    if (x !== null) tf = Math.max(tf, x);
  }
  if (tf === 0) return ceiling;
  let best = 0;
  for (let l = 0; l < f.m.length; l++) {
    const u = l <= 1 ? Math.max(tf * (f.u[l]! / (f.u[0]! + f.u[1]!)), 1e-9) : f.u[l]!;
    best = Math.max(best, Math.log2(f.m[l]! / u));
  }
  return best;
}

function tfOf(model: Model, field: string, value: string): number | null {
  const t = model.tf[field];
  if (!t) return null;
  return t.values[value] ?? t.floor;
}

/** The u probability of an agreeing name level, adjusted to how common this very name is. */
function nameU(model: Model, f: FieldModel, level: number, values: string[]): number {
  const base = f.u[level]!;
  if (level > 1) return base;
  let tf = 0;
  for (const field of NAME_FIELDS) {
    for (const v of values) {
      const x = tfOf(model, field, v);
      if (x !== null) tf = Math.max(tf, x);
    }
  }
  if (tf === 0) return base;
  // Split the frequency of the skeleton between exact and transliterated agreement as random pairs do.
  const share = base / (f.u[0]! + f.u[1]!);
  return Math.max(tf * share, 1e-9);
}

function nameValues(
  a: PreparedRecord,
  b: PreparedRecord,
  field: 'givenName' | 'familyName',
  swapped: boolean,
) {
  const x = field === 'givenName' ? a.given : a.family;
  const y = field === 'givenName' ? (swapped ? b.family : b.given) : swapped ? b.given : b.family;
  return [x?.joined ?? '', y?.joined ?? ''];
}

/**
 * The Fellegi-Sunter match weight (log2 Bayes factor) of each field; 0 where not compared. When both names agree,
 * u of the whole name is at least the frequency of that name pair: the evidence of two names that usually come
 * together is not counted twice.
 */
export function fieldWeights(model: Model, a: PreparedRecord, b: PreparedRecord, c: Comparison): number[] {
  const n = model.fields.length;
  const us: number[] = new Array<number>(n);
  const weights: number[] = new Array<number>(n);
  let gi = -1;
  let fi = -1;
  for (let i = 0; i < n; i++) {
    const f = model.fields[i]!;
    const l = c.levels[i]!;
    const isName = f.name === 'givenName' || f.name === 'familyName';
    if (f.name === 'givenName') gi = i;
    else if (f.name === 'familyName') fi = i;
    if (l < 0) {
      weights[i] = 0;
      continue;
    }
    const u = isName
      ? nameU(model, f, l, nameValues(a, b, f.name as 'givenName' | 'familyName', c.names.swapped))
      : f.u[l]!;
    us[i] = u;
    weights[i] = Math.log2(f.m[l]! / u);
  }
  const joint = model.tf.fullName;
  if (
    joint &&
    gi >= 0 &&
    fi >= 0 &&
    c.levels[gi]! >= 0 &&
    c.levels[gi]! <= 1 &&
    c.levels[fi]! >= 0 &&
    c.levels[fi]! <= 1
  ) {
    const g = model.fields[gi]!;
    const f = model.fields[fi]!;
    const share = (x: FieldModel, l: number) => x.u[l]! / (x.u[0]! + x.u[1]!);
    const freq = Math.max(
      joint.values[fullNameKey(a) ?? ''] ?? joint.floor,
      joint.values[fullNameKey(b) ?? ''] ?? joint.floor,
    );
    const jointU = freq * share(g, c.levels[gi]!) * share(f, c.levels[fi]!);
    const product = us[gi]! * us[fi]!;
    if (jointU > product) weights[fi] = weights[fi]! - Math.log2(jointU / product);
  }
  return weights;
}

/** Posterior probability from a total match weight and a prior. */
export function posterior(weight: number, prior: number): number {
  const w = weight + Math.log2(prior / (1 - prior));
  return 1 / (1 + 2 ** -w);
}

/** The same model for a population of n records (the prior scales, the weights stay). */
export function withPopulation(model: Model, n: number): Model {
  const prior = Math.min(0.5, model.matchesPerRecord / Math.max(1, n - 1));
  return { ...model, prior };
}

const FIELD_WORDS: Record<string, string> = {
  givenName: 'given names',
  familyName: 'family name',
  placeOfBirth: 'place of birth',
  nationality: 'nationality',
  sex: 'sex',
};

function nameReason(field: string, code: string): MatchReason {
  const w = FIELD_WORDS[field]!;
  const verb = field === 'givenName' ? 'are' : 'is';
  const text: Record<string, string> = {
    exact: `${w} ${verb} equal`,
    original_script: `${w} ${verb} equal in the original script`,
    transliteration: `${w} ${verb} a transliteration variant`,
    typo: `${w} differ${verb === 'is' ? 's' : ''} by a typo`,
    partial: `${w} share a name`,
    similar: `${w} ${verb} similar`,
    different: `${w} differ${verb === 'is' ? 's' : ''}`,
  };
  return { field, code, text: text[code] ?? `${w}: ${code}` };
}

function placeholderText(a: PreparedRecord, b: PreparedRecord): string {
  const p = a.date.certainty === 'placeholder' ? a.date : b.date;
  const recorded = p.asRecorded ?? '';
  const dm = /^(\d{1,2})[./-](\d{1,2})[./-]/.exec(recorded);
  const shown = dm ? `${dm[1]!.padStart(2, '0')}.${dm[2]!.padStart(2, '0')}` : recorded;
  return `date ${shown} treated as unknown; year of birth equal`;
}

/** Reasons in words, strongest evidence first. */
export function explain(
  model: Model,
  a: PreparedRecord,
  b: PreparedRecord,
  c: Comparison,
  weights: number[],
): MatchReason[] {
  const out: { r: MatchReason; w: number }[] = [];
  if (c.names.swapped)
    out.push({
      r: { field: 'name', code: 'swapped_order', text: 'given and family names are swapped' },
      w: 1000,
    });
  if (c.names.split)
    out.push({
      r: {
        field: 'name',
        code: 'split_differently',
        text: 'the same names, divided differently into given and family names',
      },
      w: 1000,
    });
  model.fields.forEach((f, i) => {
    const l = c.levels[i]!;
    if (l < 0) return;
    const w = weights[i]!;
    const level = f.levels[l]!;
    let r: MatchReason;
    if (f.name === 'givenName' || f.name === 'familyName') {
      const nc = f.name === 'givenName' ? c.names.given : c.names.family;
      r = nameReason(f.name, nc?.code ?? level);
    } else if (f.name === 'dateOfBirth') {
      const code = c.date?.code ?? 'different';
      const text: Record<string, string> = {
        date_equal: 'date of birth equal',
        date_typo: 'date of birth differs by a typo',
        year_equal: 'year of birth equal',
        placeholder_ignored: code === 'placeholder_ignored' ? placeholderText(a, b) : '',
        different: 'date of birth differs',
      };
      r = { field: 'dateOfBirth', code, text: text[code]! };
    } else if (f.name === 'identifier') {
      r = { field: 'identifiers', code: 'identifier', text: 'an identifier is equal' };
    } else {
      const word = FIELD_WORDS[f.name] ?? f.name.replace(/^extra:/, '').replace(/_/g, ' ');
      const code = level === 'equal' ? 'exact' : level;
      r = {
        field: f.name,
        code,
        text: code === 'exact' ? `${word} equal` : code === 'similar' ? `${word} similar` : `${word} differs`,
      };
    }
    out.push({ r, w });
  });
  return out.sort((x, y) => y.w - x.w).map((x) => x.r);
}
