import { scanKeys, type PreparedRecord } from './record';

/**
 * Keys shared by more records than this (on one side, when linking) form no pairs: such a key is not selective
 * (a state, a very common name with no year), and the pairs it would add are formed through a more selective key
 * when they have one. 1,000 records make half a million pairs, the most one key may cost.
 */
export const MAX_BLOCK = 1000;

/**
 * Candidate pairs by blocking: records that share at least one scan key. Deduplication when `leftCount` is
 * undefined; otherwise records [0, leftCount) are linked with [leftCount, n) only. Returns pair codes i * n + j
 * (i < j), sorted and unique. `keep` limits the kinds of key (for training sessions).
 */
export function candidatePairs(
  records: PreparedRecord[],
  leftCount?: number,
  maxBlock = MAX_BLOCK,
  keep: (key: string) => boolean = () => true,
): Float64Array {
  const n = records.length;
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    for (const k of scanKeys(records[i]!)) {
      if (!keep(k)) continue;
      const b = blocks.get(k);
      if (b) {
        if (b.length <= maxBlock * 2) b.push(i);
      } else blocks.set(k, [i]);
    }
  }
  let codes = new Float64Array(1 << 16);
  let len = 0;
  const push = (c: number) => {
    if (len === codes.length) {
      const bigger = new Float64Array(codes.length * 2);
      bigger.set(codes);
      codes = bigger;
    }
    codes[len++] = c;
  };
  for (const members of blocks.values()) {
    if (members.length < 2) continue;
    if (leftCount === undefined) {
      if (members.length > maxBlock) continue;
      for (let x = 0; x < members.length; x++)
        for (let y = x + 1; y < members.length; y++) push(members[x]! * n + members[y]!);
    } else {
      const left = members.filter((i) => i < leftCount);
      const right = members.filter((i) => i >= leftCount);
      if (left.length === 0 || right.length === 0 || left.length > maxBlock || right.length > maxBlock)
        continue;
      for (const i of left) for (const j of right) push(i * n + j);
    }
  }
  const sorted = codes.subarray(0, len).sort();
  let u = 0;
  for (let k = 0; k < sorted.length; k++)
    if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[u++] = sorted[k]!;
  return sorted.slice(0, u);
}

/** A small seeded generator (mulberry32) so that training samples are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
