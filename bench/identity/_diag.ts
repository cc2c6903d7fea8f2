import { prepare } from '../../server/src/features/identity/engine/index.ts';
import { compareRecords } from '../../server/src/features/identity/engine/model.ts';
import { emptyModel } from '../../server/src/features/identity/engine/train.ts';
import { generatePopulation } from './population.ts';
const pop = generatePopulation({ seed: 7, persons: 20000, duplicateRate: 0.25 });
const byId = new Map(pop.records.map(r=>[r.id,prepare(r)]));
const m = emptyModel();
const counts = m.fields.map(f=>new Array(f.levels.length+1).fill(0));
for (const [a,b] of pop.truePairs) { const c = compareRecords(m, byId.get(a)!, byId.get(b)!); c.levels.forEach((l,i)=>counts[i]![l<0?counts[i]!.length-1:l]++); }
m.fields.forEach((f,i)=>{ const row = counts[i]!; const obs = row.slice(0,-1).reduce((s:number,x:number)=>s+x,0); console.log(f.name, f.levels.map((l,j)=>l+'='+(row[j]/obs).toFixed(3)).join(' '), 'missing', row[row.length-1]); });
