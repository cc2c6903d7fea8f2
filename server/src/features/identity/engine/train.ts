import { candidatePairs, rng } from './candidates';
import {
  CORE_FIELDS,
  compareRecords,
  startingField,
  type FieldModel,
  type Model,
  type TermFrequencies,
} from './model';
import { compareNames, comparePlace, TEXT_LEVELS } from './compare';
import { fullNameKey, type PreparedRecord } from './record';

/** Random pairs drawn to estimate u. */
const RANDOM_PAIRS = 200_000;
/** Candidate pairs used for EM at most (a uniform sample when there are more). */
const EM_PAIRS = 400_000;
const EM_MAX_ITERATIONS = 2000;
const EM_TOLERANCE = 1e-6;
/** A field's parameters are re-estimated only when it can be compared in at least this many pairs. */
const MIN_OBSERVED = 50;
/** Term-frequency tables keep the most frequent skeletons; rarer ones share the frequency bound `floor`. */
const TF_KEEP = 5000;
/** Fields that follow a name's origin: among persons with the same name they agree more often than at random. */
const ORIGIN_FIELDS = new Set(['sex', 'nationality', 'placeOfBirth']);
/** Dirichlet pseudo-count per level: no level gets probability 0 from a finite sample. */
const PSEUDO = 0.5;
/** Two spellings of a place seen together fewer times than this are not taken as one place (too few to tell). */
const ALIAS_MIN_PAIRS = 3;

/**
 * How often a value occurs among the records other than the two compared: (count - 2 + PSEUDO) / n. A pair whose
 * names agree on v holds two of v's records itself; counting them would make every rare name look common (a name
 * seen on the two records of one person would count as carried by two persons), so they are left out, and the
 * pseudo-count keeps a name seen nowhere else above zero.
 */
const othersFrequency = (count: number, n: number) => (Math.max(0, count - 2) + PSEUDO) / n;

/**
 * Term frequencies of the joined name skeletons of a population, leaving out the two records compared
 * ({@link othersFrequency}). The most frequent {@link TF_KEEP} values are listed; rarer ones share `floor`.
 */
export function termFrequencies(records: PreparedRecord[]): Record<string, TermFrequencies> {
  const out: Record<string, TermFrequencies> = {};
  for (const field of ['givenName', 'familyName'] as const) {
    const counts = new Map<string, number>();
    let n = 0;
    for (const r of records) {
      const f = field === 'givenName' ? r.given : r.family;
      if (!f) continue;
      n++;
      counts.set(f.joined, (counts.get(f.joined) ?? 0) + 1);
    }
    if (n === 0) continue;
    const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const kept = sorted.slice(0, TF_KEEP);
    const values: Record<string, number> = {};
    for (const [v, c] of kept) values[v] = othersFrequency(c, n);
    const floor = othersFrequency(sorted.length > TF_KEEP ? kept[kept.length - 1]![1] : 2, n);
    out[field] = { values, floor };
  }
  // Whole names (given and family together): names that go together (Mohammed Al-Hassan) are more frequent
  // than the product of their parts. Only names carried by more than two records are listed.
  const pairs = new Map<string, number>();
  let n = 0;
  for (const r of records) {
    const key = fullNameKey(r);
    if (!key) continue;
    n++;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  if (n > 0) {
    const values: Record<string, number> = {};
    for (const [k, c] of pairs) if (c > 2) values[k] = othersFrequency(c, n);
    out.fullName = { values, floor: othersFrequency(2, n) };
  }
  return out;
}

/**
 * Names of one place that string similarity cannot see (Halab = Aleppo, Dimashq = Damaskus), learned from pairs
 * that are all but certainly one person: they share the exact date of birth and both names agree (equal or
 * transliterated, in either order). Among such pairs, two different spellings x and y denote one place when they
 * occur together more often than their frequencies among these pairs would let them meet by chance (lift above 1,
 * seen at least {@link ALIAS_MIN_PAIRS} times): a recording error pairs places at random, a second name of the
 * same place pairs them systematically. Returns each spelling mapped to the most frequent spelling of its place.
 */
export function learnPlaceAliases(
  records: PreparedRecord[],
  datePairs: Float64Array,
): Record<string, string> {
  const n = records.length;
  const together = new Map<string, number>();
  const single = new Map<string, number>();
  let pairs = 0;
  for (const code of datePairs) {
    const i = Math.floor(code / n);
    const a = records[i]!;
    const b = records[code - i * n]!;
    if (!a.place || !b.place) continue;
    const names = compareNames(a, b);
    if (!names.given || !names.family || names.given.level > 1 || names.family.level > 1) continue;
    pairs++;
    single.set(a.place, (single.get(a.place) ?? 0) + 1);
    single.set(b.place, (single.get(b.place) ?? 0) + 1);
    if (comparePlace(a, b) !== 2) continue;
    const key = a.place < b.place ? `${a.place}\u0000${b.place}` : `${b.place}\u0000${a.place}`;
    together.set(key, (together.get(key) ?? 0) + 1);
  }
  // Union-find over the spellings that are one place.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const [key, c] of together) {
    if (c < ALIAS_MIN_PAIRS) continue;
    const [x, y] = key.split('\u0000') as [string, string];
    // Expected meetings of x and y among `pairs` pairs if the two sides were independent: 2N·p(x)·p(y).
    const expected = (single.get(x)! * single.get(y)!) / (2 * pairs);
    if (c <= expected) continue;
    const rx = find(x);
    const ry = find(y);
    if (rx !== ry) parent.set(rx, ry);
  }
  const groups = new Map<string, string[]>();
  for (const x of parent.keys()) {
    const r = find(x);
    groups.set(r, [...(groups.get(r) ?? []), x]);
  }
  const out: Record<string, string> = {};
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const name = [...members].sort((p, q) => single.get(q)! - single.get(p)! || (p < q ? -1 : 1))[0]!;
    for (const x of members) out[x] = name;
  }
  return out;
}

/** The fields to model: the core fields and every extra field that at least 1 % of the records carry. */
function fieldsFor(base: Model, records: PreparedRecord[]): FieldModel[] {
  // A base field with other levels (a model saved before the levels changed) starts afresh.
  const fields = CORE_FIELDS.map((c) => {
    const f = base.fields.find((x) => x.name === c.name);
    return f && f.levels.join() === c.levels.join() ? f : startingField(c.name, c.levels);
  });
  const counts = new Map<string, number>();
  for (const r of records) for (const k of Object.keys(r.extra)) counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const [k, c] of [...counts.entries()].sort()) {
    if (c < records.length * 0.01) continue;
    const name = `extra:${k}`;
    fields.push(base.fields.find((f) => f.name === name) ?? startingField(name, TEXT_LEVELS));
  }
  return fields.map((f) => ({ ...f, m: [...f.m], u: [...f.u] }));
}

/** Compresses comparison vectors into distinct patterns with counts: EM then runs over a few thousand rows. */
function patterns(model: Model, records: PreparedRecord[], pairs: Float64Array, n: number) {
  const map = new Map<string, { levels: Int8Array; count: number }>();
  for (const code of pairs) {
    const i = Math.floor(code / n);
    const j = code - i * n;
    const { levels } = compareRecords(model, records[i]!, records[j]!);
    const key = levels.join(',');
    const p = map.get(key);
    if (p) p.count++;
    else map.set(key, { levels, count: 1 });
  }
  return [...map.values()];
}

function sample(pairs: Float64Array, max: number, random: () => number): Float64Array {
  if (pairs.length <= max) return pairs;
  const out = new Float64Array(max);
  for (let k = 0; k < max; k++) out[k] = pairs[Math.floor(random() * pairs.length)]!;
  return out;
}

/**
 * One EM session on the candidate pairs that share a key of one kind (prefix). m and the share of matches are
 * estimated; u is held at its random-pair value, except for fields where `blockU` says so: their u is the share
 * of each level among the session's pairs (nearly all non-matches), because there its non-matches are not like
 * random pairs (persons with the same name also share sex and origin more often).
 * Fields for which `use` is false take no part (they were blocked on and agree in every pair); `update` says
 * whose m the caller should take.
 */
function emSession(
  model: Model,
  all: PreparedRecord[],
  leftCount: number | undefined,
  prefix: string,
  random: () => number,
  free: (f: FieldModel) => boolean,
  blockU: (f: FieldModel) => boolean = () => false,
  fixedM: (f: FieldModel) => boolean = () => false,
): {
  m: number[][];
  u: number[][];
  update: boolean[];
  matches: number;
  iterations: number;
  pairs: number;
} | null {
  const pairs = candidatePairs(all, leftCount, undefined, (k) => k.startsWith(prefix));
  if (pairs.length < MIN_OBSERVED) return null;
  const rows = patterns(model, all, sample(pairs, EM_PAIRS, random), all.length);
  const F = model.fields.length;
  const use = model.fields.map((f) => free(f) && f.name !== 'identifier');
  const observed = model.fields.map((_, fi) =>
    rows.reduce((s, r) => s + (r.levels[fi]! >= 0 ? r.count : 0), 0),
  );
  const update = use.map((u, fi) => u && observed[fi]! >= MIN_OBSERVED && !fixedM(model.fields[fi]!));
  const m = model.fields.map((f) => [...f.m]);
  const u = model.fields.map((f, fi) => {
    if (!blockU(f)) return [...f.u];
    // Nearly all pairs of a session are non-matches: their level shares are the u of this session.
    const c = new Float64Array(f.levels.length);
    for (const r of rows) if (r.levels[fi]! >= 0) c[r.levels[fi]!]! += r.count;
    const total = c.reduce((s, x) => s + x, 0);
    return [...c].map((x) => (x + PSEUDO) / (total + PSEUDO * c.length));
  });
  let lambda = 0.5;
  let iterations = 0;
  for (; iterations < EM_MAX_ITERATIONS; iterations++) {
    const acc = model.fields.map((f) => new Float64Array(f.levels.length));
    let matchSum = 0;
    let total = 0;
    for (const r of rows) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (let f = 0; f < F; f++) {
        const l = r.levels[f]!;
        if (l < 0 || !use[f]) continue;
        pm *= m[f]![l]!;
        pu *= u[f]![l]!;
      }
      const g = pm / (pm + pu);
      matchSum += g * r.count;
      total += r.count;
      for (let f = 0; f < F; f++) {
        const l = r.levels[f]!;
        if (l < 0 || !use[f]) continue;
        acc[f]![l]! += g * r.count;
      }
    }
    let delta = 0;
    for (let f = 0; f < F; f++) {
      if (!update[f]) continue;
      const L = m[f]!.length;
      const sum = acc[f]!.reduce((s, x) => s + x, 0);
      for (let l = 0; l < L; l++) {
        const next = (acc[f]![l]! + PSEUDO) / (sum + PSEUDO * L);
        delta = Math.max(delta, Math.abs(next - m[f]![l]!));
        m[f]![l] = next;
      }
    }
    const next = matchSum / total;
    delta = Math.max(delta, Math.abs(next - lambda));
    lambda = next;
    if (delta < EM_TOLERANCE) break;
  }
  // The share of matches applies to all pairs of the session, also those not in the sample.
  return { m, u, update, matches: lambda * pairs.length, iterations, pairs: pairs.length };
}

/**
 * Learns a Fellegi-Sunter model from the data. u (how often a level occurs between different persons) is counted
 * on random pairs; m (how often it occurs between records of one person) and the share of matches are found by
 * expectation maximisation on the candidate pairs that blocking forms. The prior is the expected number of
 * matches over all pairs. With `right`, the model is trained for linking `records` with `right`.
 */
export function trainModel(
  records: PreparedRecord[],
  opts: { base?: Model; right?: PreparedRecord[] } = {},
): Model {
  const base = opts.base ?? emptyModel();
  const all = opts.right ? [...records, ...opts.right] : records;
  const n = all.length;
  const random = rng(20240601);
  const model: Model = {
    ...base,
    fields: fieldsFor(base, all),
    tf: termFrequencies(all),
  };
  const F = model.fields.length;
  // Names of one place, learned before any level is counted (they decide the place's level).
  const leftCount = opts.right ? records.length : undefined;
  const datePairs = candidatePairs(all, leftCount, undefined, (k) => k.startsWith('d:'));
  const aliases = learnPlaceAliases(all, datePairs);
  if (Object.keys(aliases).length > 0) model.placeAliases = aliases;
  else delete model.placeAliases;

  // u from random pairs.
  const totalPairs = opts.right ? records.length * opts.right.length : (n * (n - 1)) / 2;
  const randomCount = Math.min(RANDOM_PAIRS, totalPairs);
  const uCounts = model.fields.map((f) => new Float64Array(f.levels.length));
  for (let k = 0; k < randomCount; k++) {
    let i: number, j: number;
    if (opts.right) {
      i = Math.floor(random() * records.length);
      j = records.length + Math.floor(random() * opts.right.length);
    } else {
      i = Math.floor(random() * n);
      j = Math.floor(random() * (n - 1));
      if (j >= i) j++;
    }
    const { levels } = compareRecords(model, all[i]!, all[j]!);
    for (let f = 0; f < F; f++) if (levels[f]! >= 0) uCounts[f]![levels[f]!]!++;
  }
  model.fields.forEach((f, fi) => {
    const c = uCounts[fi]!;
    const total = c.reduce((s, x) => s + x, 0);
    if (total < MIN_OBSERVED || f.name === 'identifier') return;
    f.u = [...c].map((x) => (x + PSEUDO) / (total + PSEUDO * c.length));
  });

  // m by EM on blocked pairs, one session per kind of blocking key (as Splink does): within pairs that share a
  // date of birth, the date says nothing and the names are free to tell matches apart, and the other way round.
  // u stays at its random-pair value; a session re-estimates only the fields it was not blocked on.
  const isName = (f: FieldModel) => f.name === 'givenName' || f.name === 'familyName';
  const byDate = emSession(
    model,
    all,
    opts.right ? records.length : undefined,
    'd:',
    random,
    (f) => f.name !== 'dateOfBirth',
  );
  if (byDate) byDate.update.forEach((free, fi) => free && (model.fields[fi]!.m = byDate.m[fi]!));
  // Within pairs that share a name, sex and origin agree far more often than at random: u is estimated there.
  // The date of birth keeps its random-pair u (namesakes are not born on the same day more often than others).
  const byName = emSession(
    model,
    all,
    opts.right ? records.length : undefined,
    'n:',
    random,
    // Sex follows the given name and nationality the origin of the name: among persons who share a name they
    // tell little apart, while their correlation with place of birth would be counted twice.
    (f) => !isName(f) && f.name !== 'sex' && f.name !== 'nationality',
    (f) => ORIGIN_FIELDS.has(f.name),
    (f) => byDate !== null && f.name !== 'dateOfBirth',
  );
  if (byName)
    model.fields.forEach((f, fi) => {
      if (byName.update[fi]) f.m = byName.m[fi]!;
      // Scored pairs nearly always share a name; there sex and origin agree more often than at random, and
      // counting that agreement as evidence would count the name twice.
      if (ORIGIN_FIELDS.has(f.name) && byName.u[fi]) f.u = byName.u[fi]!;
    });
  // Expected matches: those that share a date of birth, divided by how often matches do.
  const dateIndex = model.fields.findIndex((f) => f.name === 'dateOfBirth');
  let expectedMatches = 1;
  if (byDate) expectedMatches = byDate.matches / model.fields[dateIndex]!.m[0]!;
  else if (byName) {
    const agree = (name: string) => {
      const f = model.fields.find((x) => x.name === name)!;
      return f.m[0]! + f.m[1]!;
    };
    expectedMatches = byName.matches / (agree('givenName') * agree('familyName'));
  }
  const iterations = (byDate?.iterations ?? 0) + (byName?.iterations ?? 0);
  const prior = Math.min(0.5, Math.max(1, expectedMatches) / totalPairs);
  const perRecord = opts.right ? prior * opts.right.length : prior * (n - 1);
  return {
    ...model,
    prior,
    matchesPerRecord: perRecord,
    trainedOn: {
      records: n,
      candidatePairs: (byDate?.pairs ?? 0) + (byName?.pairs ?? 0),
      randomPairs: randomCount,
      iterations,
      note: opts.right ? 'linking two files' : 'deduplication',
    },
  };
}

/** A model with starting values only; what training begins from when no base is given. */
export function emptyModel(): Model {
  return {
    version: 1,
    fields: CORE_FIELDS.map((c) => startingField(c.name, c.levels)),
    prior: 1e-4,
    matchesPerRecord: 0.3,
    threshold: 0.5,
    tf: {},
    trainedOn: null,
  };
}
