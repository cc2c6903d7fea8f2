// String similarity written out here rather than taken from talisman: these run millions of times in a
// duplicate scan, and a version without allocations per call is several times faster.

const MAX = 64;
const flagsA = new Uint8Array(MAX);
const flagsB = new Uint8Array(MAX);

/** Jaro-Winkler similarity 0..1 (prefix scale 0.1, up to 4 characters); strings are cut to 64 characters. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const s1 = a.length > MAX ? a.slice(0, MAX) : a;
  const s2 = b.length > MAX ? b.slice(0, MAX) : b;
  const l1 = s1.length;
  const l2 = s2.length;
  if (l1 === 0 || l2 === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(l1, l2) / 2) - 1);
  flagsA.fill(0, 0, l1);
  flagsB.fill(0, 0, l2);
  let matches = 0;
  for (let i = 0; i < l1; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(i + range + 1, l2);
    const c = s1.charCodeAt(i);
    for (let j = lo; j < hi; j++) {
      if (!flagsB[j] && s2.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < l1; i++) {
    if (!flagsA[i]) continue;
    while (!flagsB[k]) k++;
    if (s1.charCodeAt(i) !== s2.charCodeAt(k)) t++;
    k++;
  }
  const jaro = (matches / l1 + matches / l2 + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, l1, l2);
  while (prefix < maxPrefix && s1.charCodeAt(prefix) === s2.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

let rowA = new Int32Array(MAX + 1);
let rowB = new Int32Array(MAX + 1);
let rowC = new Int32Array(MAX + 1);

/** Optimal-string-alignment (Damerau-Levenshtein) distance: insertions, deletions, substitutions, transpositions. */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const s1 = a.length > MAX ? a.slice(0, MAX) : a;
  const s2 = b.length > MAX ? b.slice(0, MAX) : b;
  const n = s1.length;
  const m = s2.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = rowA; // row i-2
  let prev = rowB; // row i-1
  let cur = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    const ci = s1.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cj = s2.charCodeAt(j - 1);
      const cost = ci === cj ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ci === s2.charCodeAt(j - 2) && s1.charCodeAt(i - 2) === cj)
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[m]!;
  rowA = prev2;
  rowB = prev;
  rowC = cur;
  return d;
}
