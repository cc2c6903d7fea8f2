import { prepare, scanKeys } from '../../server/src/features/identity/engine/index.ts';
import { generatePopulation } from './population.ts';
const pop = generatePopulation({ seed: 11, persons: 140000, duplicateRate: 0.25 });
const recs = pop.records.map(prepare);
const blocks = new Map<string, number>();
for (const r of recs) for (const k of scanKeys(r)) blocks.set(k, (blocks.get(k) ?? 0) + 1);
const byKind = new Map<string, [number, number, number]>();
for (const [k, c] of blocks) { const kind = k.split(':')[0]!; const e = byKind.get(kind) ?? [0,0,0]; if (c <= 1000) e[0] += c*(c-1)/2; else e[1]++; e[2] = Math.max(e[2], c); byKind.set(kind, e); }
console.log(byKind);
console.log([...blocks.entries()].sort((a,b)=>b[1]-a[1]).slice(0,15));
