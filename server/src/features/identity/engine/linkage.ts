import type { MatchReason } from '@lotse/common';
import { candidatePairs } from './candidates';
import { defaultModel } from './default-model';
import {
  compareRecords,
  explain,
  fieldWeights,
  posterior,
  canReach,
  namesCeiling,
  withPopulation,
  type Model,
} from './model';
import { prepare, type IdentityRecord, type PreparedRecord } from './record';
import { trainModel } from './train';

export type PairScore = {
  /** Posterior probability 0..1 that both records are the same person. */
  score: number;
  /** The match weight: log2 of the Bayes factor, summed over the fields. */
  weight: number;
  reasons: MatchReason[];
};

/** Scores one pair of records with reasons. */
export function scorePair(model: Model, a: PreparedRecord, b: PreparedRecord): PairScore {
  const c = compareRecords(model, a, b);
  const weights = fieldWeights(model, a, b, c);
  const weight = weights.reduce((s, w) => s + w, 0);
  return { score: posterior(weight, model.prior), weight, reasons: explain(model, a, b, c, weights) };
}

/** The posterior only, without reasons: the inner loop of a scan. */
export function pairProbability(model: Model, a: PreparedRecord, b: PreparedRecord): number {
  const c = compareRecords(model, a, b);
  let weight = 0;
  for (const w of fieldWeights(model, a, b, c)) weight += w;
  return posterior(weight, model.prior);
}

export type MatchPair = { a: string; b: string; score: number; reasons: MatchReason[] };
export type LinkageResult = {
  pairs: MatchPair[];
  problems: { id: string; field: string; message: string }[];
  /** The model used (trained on this data when training was on). */
  model: Model;
  candidatePairs: number;
};

/** Training needs enough pairs to tell matches from non-matches; below this the shipped model is used. */
export const MIN_RECORDS_TO_TRAIN = 1000;

type Options = { model?: Model; train?: boolean; threshold?: number };

function problemsOf(records: PreparedRecord[]) {
  return records.flatMap((r) => r.problems.map((p) => ({ id: r.id, ...p })));
}

type Found = { i: number; j: number; score: number };
/** A pair linked through record `via`, with the scores of its links i-via (p) and j-via (q). */
type Through = Found & { via: number; p: number; q: number };

function run(all: PreparedRecord[], leftCount: number | undefined, model: Model, threshold: number) {
  const codes = candidatePairs(all, leftCount);
  const n = all.length;
  const found: Found[] = [];
  // Pairs whose other fields leave the names too little to reach the threshold are not compared further.
  const least =
    threshold > 0 && threshold < 1
      ? Math.log2(threshold / (1 - threshold)) - Math.log2(model.prior / (1 - model.prior)) - 1e-9
      : -Infinity;
  const names = all.map((r) => namesCeiling(model, r));
  for (const code of codes) {
    const i = Math.floor(code / n);
    const j = code - i * n;
    if (!canReach(model, all[i]!, all[j]!, least, names[i])) continue;
    const score = pairProbability(model, all[i]!, all[j]!);
    if (score >= threshold) found.push({ i, j, score });
  }
  return { found, candidates: codes.length };
}

/**
 * Pairs linked through a third record. If A is the same person as C with probability p and B with probability q,
 * A and B are the same person with probability at least p + q - 1, whatever the dependence between the two
 * judgements (the Fréchet bound: both links can fail together at most as often as one of them fails). A pair
 * whose bound reaches the threshold is linked, with that bound as its score when its own comparison scored
 * lower. Found by a record's linked neighbours, so it costs little; a bound of 0.5 needs links of 0.75 or more.
 */
function linkedThrough(found: Found[], threshold: number): Through[] {
  const neighbours = new Map<number, Found[]>();
  const linked = new Set<string>();
  for (const f of found) {
    for (const x of [f.i, f.j]) {
      const list = neighbours.get(x);
      if (list) list.push(f);
      else neighbours.set(x, [f]);
    }
    linked.add(`${f.i},${f.j}`);
  }
  const best = new Map<string, Through>();
  for (const [c, list] of neighbours) {
    if (list.length < 2) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const bound = list[x]!.score + list[y]!.score - 1;
        if (bound < threshold) continue;
        const a = list[x]!.i === c ? list[x]!.j : list[x]!.i;
        const b = list[y]!.i === c ? list[y]!.j : list[y]!.i;
        const [i, j] = a < b ? [a, b] : [b, a];
        const key = `${i},${j}`;
        if (linked.has(key)) continue;
        const prev = best.get(key);
        const [p, q] = a === i ? [list[x]!.score, list[y]!.score] : [list[y]!.score, list[x]!.score];
        if (!prev || prev.score < bound) best.set(key, { i, j, score: bound, via: c, p, q });
      }
    }
  }
  return [...best.values()];
}

/**
 * Finds the pairs of records that are the same person. Trains on the records (EM) when `train` is true, or by
 * default when there are at least {@link MIN_RECORDS_TO_TRAIN}; otherwise uses the given or shipped model with its
 * prior moved to this number of records.
 */
export function deduplicate(records: IdentityRecord[], opts: Options = {}): LinkageResult {
  const prepared = records.map(prepare);
  const base = opts.model ?? defaultModel;
  const train = opts.train ?? records.length >= MIN_RECORDS_TO_TRAIN;
  const model = train ? trainModel(prepared, { base }) : withPopulation(base, prepared.length);
  const threshold = opts.threshold ?? model.threshold;
  const { found, candidates } = run(prepared, undefined, model, threshold);
  const pairs: MatchPair[] = found.map(({ i, j, score }) => {
    const a = prepared[i]!;
    const b = prepared[j]!;
    return { a: a.id, b: b.id, score, reasons: scorePair(model, a, b).reasons };
  });
  for (const { i, j, score: bound, via, p, q } of linkedThrough(found, threshold)) {
    const a = prepared[i]!;
    const b = prepared[j]!;
    const own = scorePair(model, a, b);
    // The bound rests on the two links and the fields they compared. What it cannot see is evidence against that
    // only A and B hold (both dates exact and different, while the third record has only the year): the fields
    // on which A and B disagree (negative weights) discount its odds. Their agreeing fields are not counted
    // again; the links through the third record already rest on them.
    let against = 0;
    for (const w of fieldWeights(model, a, b, compareRecords(model, a, b))) against += Math.min(0, w);
    const odds = Math.log2(bound / (1 - bound)) + against;
    const discounted = 1 / (1 + 2 ** -odds);
    if (discounted < threshold) continue;
    const through: MatchReason = {
      field: 'record',
      code: 'linked_through',
      text: `both are the same person as record ${prepared[via]!.id} (scores ${p.toFixed(2)} and ${q.toFixed(2)})`,
    };
    pairs.push({
      a: a.id,
      b: b.id,
      score: Math.max(discounted, own.score),
      reasons: [through, ...own.reasons],
    });
  }
  return {
    pairs: pairs.sort((x, y) => y.score - x.score),
    problems: problemsOf(prepared),
    model,
    candidatePairs: candidates,
  };
}

/**
 * Links two sets of records: pairs (a from left, b from right) judged the same person. With `oneToOne`, each
 * record is linked at most once, best scores first (for two files that each hold a person once).
 */
export function link(
  left: IdentityRecord[],
  right: IdentityRecord[],
  opts: Options & { oneToOne?: boolean } = {},
): LinkageResult {
  const l = left.map(prepare);
  const r = right.map(prepare);
  const base = opts.model ?? defaultModel;
  const train = opts.train ?? left.length + right.length >= MIN_RECORDS_TO_TRAIN;
  const model = train
    ? trainModel(l, { base, right: r })
    : { ...base, prior: Math.min(0.5, base.matchesPerRecord / Math.max(1, r.length)) };
  const threshold = opts.threshold ?? model.threshold;
  const all = [...l, ...r];
  const { found, candidates } = run(all, l.length, model, threshold);
  found.sort((x, y) => y.score - x.score);
  const usedL = new Set<number>();
  const usedR = new Set<number>();
  const pairs: MatchPair[] = [];
  for (const { i, j, score } of found) {
    if (opts.oneToOne) {
      if (usedL.has(i) || usedR.has(j)) continue;
      usedL.add(i);
      usedR.add(j);
    }
    pairs.push({ a: all[i]!.id, b: all[j]!.id, score, reasons: scorePair(model, all[i]!, all[j]!).reasons });
  }
  return { pairs, problems: problemsOf(all), model, candidatePairs: candidates };
}
