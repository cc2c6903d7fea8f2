import { deduplicate } from '../../server/src/features/identity/engine/index.ts';
import { evaluate, fmt } from './metrics.ts';
import { generatePopulation } from './population.ts';
const pop = generatePopulation({ seed: 11, persons: 140000, duplicateRate: 0.25 });
const t = performance.now();
const d = deduplicate(pop.records);
console.log(pop.records.length, fmt(evaluate(d.pairs, pop.truePairs)), d.candidatePairs, ((performance.now()-t)/1000).toFixed(1)+'s');
