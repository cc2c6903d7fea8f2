import { deduplicate } from '../../server/src/features/identity/engine/index.ts';
import { evaluate, fmt } from './metrics.ts';
import { generatePopulation, spellingVariants } from './population.ts';
let t = performance.now();
const big = generatePopulation({ seed: 1, persons: 1_000_000, duplicateRate: 0.2 });
console.log('1M gen', big.records.length, ((performance.now()-t)/1000).toFixed(1)+'s');
console.log(big.records.slice(0,8), spellingVariants(big.records[0]!, 1, 6));
const n = Number(process.argv[2] ?? 20000);
const pop = generatePopulation({ seed: 7, persons: n, duplicateRate: 0.25 });
t = performance.now();
const d = deduplicate(pop.records);
const e = evaluate(d.pairs, pop.truePairs);
console.log(n, pop.records.length, fmt(e), 'cands', d.candidatePairs, ((performance.now()-t)/1000).toFixed(1)+'s');
console.log(JSON.stringify(d.model.fields.map(f=>[f.name, f.m.map(x=>+x.toFixed(3)), f.u.map(x=>+x.toExponential(1))])), d.model.prior, d.model.trainedOn);
const truth = new Set(pop.truePairs.map(([a,b])=> a<b?a+'|'+b:b+'|'+a));
const byId = new Map(pop.records.map(r=>[r.id,r]));
let shown=0;
for (const p of d.pairs) { const k = p.a<p.b?p.a+'|'+p.b:p.b+'|'+p.a; if (!truth.has(k) && shown++<6) console.log('FP', p.score.toFixed(3), JSON.stringify(byId.get(p.a)), JSON.stringify(byId.get(p.b)), p.reasons.map(r=>r.code).join(',')); }
const found = new Set(d.pairs.map(p=> p.a<p.b?p.a+'|'+p.b:p.b+'|'+p.a));
shown=0;
for (const [a,b] of pop.truePairs) { const k = a<b?a+'|'+b:b+'|'+a; if (!found.has(k) && shown++<8) console.log('FN', JSON.stringify(byId.get(a)), JSON.stringify(byId.get(b))); }
const hist = new Map<string, number>();
const histT = new Map<string, number>();
for (const p of d.pairs) { const k = p.a<p.b?p.a+'|'+p.b:p.b+'|'+p.a; const key = p.reasons.filter(r=>['givenName','familyName','dateOfBirth','name'].includes(r.field)).map(r=>r.field[0]+':'+r.code).sort().join(' '); const h = truth.has(k)?histT:hist; h.set(key,(h.get(key)??0)+1); }
console.log('FP patterns', [...hist.entries()].sort((a,b)=>b[1]-a[1]).slice(0,12));
console.log('TP patterns', [...histT.entries()].sort((a,b)=>b[1]-a[1]).slice(0,12));
import { prepare as prep } from '../../server/src/features/identity/engine/index.ts';
import { compareRecords as cr, fieldWeights as fw } from '../../server/src/features/identity/engine/model.ts';
let shown2 = 0;
for (const p of d.pairs) { const k = p.a<p.b?p.a+'|'+p.b:p.b+'|'+p.a; if (truth.has(k)) continue; if (!p.reasons.some(r=>r.field==='dateOfBirth'&&r.code==='different')) continue; if (shown2++>=4) break;
 const A = prep(byId.get(p.a)!), B = prep(byId.get(p.b)!); const c = cr(d.model, A, B); const w = fw(d.model, A, B, c);
 console.log(p.score.toFixed(3), A.given?.latin, A.family?.latin, A.date.asRecorded, '|', B.given?.latin, B.family?.latin, B.date.asRecorded, d.model.fields.map((f,i)=>f.name+':'+w[i]!.toFixed(1)).join(' '), 'prior', Math.log2(d.model.prior).toFixed(1), 'tf', d.model.tf.givenName!.values[A.given!.joined], d.model.tf.familyName!.values[A.family!.joined]); }
import { scorePair as sp } from '../../server/src/features/identity/engine/index.ts';
const fnh = new Map<string, number>();
for (const [a,b] of pop.truePairs) { const k = a<b?a+'|'+b:b+'|'+a; if (found.has(k)) continue; const s = sp(d.model, prep(byId.get(a)!), prep(byId.get(b)!)); const key = s.reasons.filter(r=>['givenName','familyName','dateOfBirth','name'].includes(r.field)).map(r=>r.field[0]+':'+r.code).sort().join(' ') + ' ~' + (s.score>0.1?'hi':'lo'); fnh.set(key,(fnh.get(key)??0)+1); }
console.log('FN patterns', [...fnh.entries()].sort((a,b)=>b[1]-a[1]).slice(0,14));
