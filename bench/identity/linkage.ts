// Linkage quality and speed of the identity engine: FEBRL (public benchmark) and the synthetic cross-script
// population. Prints its figures; not a test. Run: npm run bench:identity
import { deduplicate, link } from '../../server/src/features/identity/engine/index.ts';
import { loadFebrl, loadPairs } from './febrl.ts';
import { evaluate, fmt } from './metrics.ts';
import { generatePopulation } from './population.ts';

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

console.log('Identity engine: linkage quality (threshold: posterior match probability 0.5)\n');

{
  const a = loadFebrl('dataset4a.csv');
  const b = loadFebrl('dataset4b.csv');
  const truth = loadPairs('dataset4_true_pairs.csv');
  const t0 = performance.now();
  const r = link(a, b, { oneToOne: true });
  const time = seconds(t0);
  console.log(`FEBRL4 link 4a-4b one-to-one (${a.length} + ${b.length} records, ${truth.length} true links)`);
  console.log(`  ${fmt(evaluate(r.pairs, truth, true))}`);
  console.log(`  ${r.candidatePairs} candidate pairs, EM-trained, ${time}`);
  const all = link(a, b, { model: r.model, train: false });
  console.log(`  without one-to-one: ${fmt(evaluate(all.pairs, truth, true))}\n`);
}
{
  const records = loadFebrl('dataset3.csv');
  const truth = loadPairs('dataset3_true_pairs.csv');
  const t0 = performance.now();
  const r = deduplicate(records);
  console.log(`FEBRL3 deduplicate (${records.length} records, ${truth.length} true pairs)`);
  console.log(`  ${fmt(evaluate(r.pairs, truth))}`);
  console.log(`  ${r.candidatePairs} candidate pairs, EM-trained, ${seconds(t0)}\n`);
}
for (const persons of [20_000, 140_000]) {
  const pop = generatePopulation({ seed: 2024, persons, duplicateRate: 0.25 });
  const t0 = performance.now();
  const r = deduplicate(pop.records);
  const time = seconds(t0);
  console.log(
    `Synthetic cross-script population, ${persons} persons (${pop.records.length} records, ${pop.truePairs.length} true pairs; seed 2024)`,
  );
  console.log(`  ${fmt(evaluate(r.pairs, pop.truePairs))}`);
  console.log(`  ${r.candidatePairs} candidate pairs, full scan with EM training: ${time}\n`);
}
