import { prepare, candidatePairs } from '../../server/src/features/identity/engine/index.ts';
import { compareRecords } from '../../server/src/features/identity/engine/model.ts';
import { emptyModel } from '../../server/src/features/identity/engine/train.ts';
import { generatePopulation } from './population.ts';
const pop = generatePopulation({ seed: 7, persons: 20000, duplicateRate: 0.25 });
const recs = pop.records.map(prepare);
const m = emptyModel();
const pairs = candidatePairs(recs, undefined, undefined, (k) => k.startsWith('n:'));
const n = recs.length;
const cm = m.fields.map(f=>new Array(f.levels.length).fill(0)), cu = m.fields.map(f=>new Array(f.levels.length).fill(0));
let M=0,U=0;
for (const code of pairs) { const i = Math.floor(code/n), j = code - i*n; const a = recs[i]!, b = recs[j]!; const same = pop.personOf.get(a.id)===pop.personOf.get(b.id); same?M++:U++; const c = compareRecords(m,a,b); c.levels.forEach((l,f)=>{ if(l>=0) (same?cm:cu)[f]![l]++; }); }
console.log('pairs', pairs.length, 'M', M, 'U', U);
m.fields.forEach((f,i)=>{ const sm = cm[i]!.reduce((s,x)=>s+x,0), su = cu[i]!.reduce((s,x)=>s+x,0); console.log(f.name, 'm', cm[i]!.map(x=>(x/sm).toFixed(3)).join(' '), ' u', cu[i]!.map(x=>(x/su).toFixed(4)).join(' ')); });
