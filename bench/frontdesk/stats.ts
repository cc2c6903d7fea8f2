/** Latencies in milliseconds with nearest-rank percentiles. */
export class Latencies {
  private readonly values: number[] = [];
  add(ms: number) {
    this.values.push(ms);
  }
  get count() {
    return this.values.length;
  }
  /** The q-th percentile (0..100), nearest rank; NaN when empty. */
  p(q: number): number {
    if (this.values.length === 0) return NaN;
    const sorted = [...this.values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))]!;
  }
  /** "p50 12.3 ms  p99 45.6 ms  (n 1234)" */
  line(): string {
    if (this.values.length === 0) return 'no samples';
    const f = (v: number) => `${v.toFixed(1)} ms`;
    return `p50 ${f(this.p(50)).padStart(10)}   p99 ${f(this.p(99)).padStart(10)}   (n ${this.values.length})`;
  }
}

/** Counts by kind (errors, drops). */
export class Counts {
  readonly byKind = new Map<string, number>();
  add(kind: string, n = 1) {
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + n);
  }
  get total() {
    let n = 0;
    for (const v of this.byKind.values()) n += v;
    return n;
  }
  lines(indent = '    '): string[] {
    return [...this.byKind.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${indent}${v}  ${k}`);
  }
}
