/** Precision, recall and F1 of found pairs against the true pairs (unordered unless `ordered`). */
export function evaluate(
  found: { a: string; b: string }[],
  truth: [string, string][],
  ordered = false,
): { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number } {
  const key = (a: string, b: string) => (ordered || a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const truthSet = new Set(truth.map(([a, b]) => key(a, b)));
  const seen = new Set<string>();
  let tp = 0;
  for (const p of found) {
    const k = key(p.a, p.b);
    if (seen.has(k)) continue;
    seen.add(k);
    if (truthSet.has(k)) tp++;
  }
  const fp = seen.size - tp;
  const fn = truthSet.size - tp;
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, truthSet.size);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

export function fmt(r: ReturnType<typeof evaluate>): string {
  return `precision ${r.precision.toFixed(4)}  recall ${r.recall.toFixed(4)}  F1 ${r.f1.toFixed(4)}  (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})`;
}
