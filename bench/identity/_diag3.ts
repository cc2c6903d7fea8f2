import { generatePopulation } from './population.ts';
const pop = generatePopulation({ seed: 7, persons: 20000, duplicateRate: 0.25 });
const key = (r: any) => `${r.dateOfBirth}`;
const m = new Map<string, string[]>();
for (const r of pop.records) { const d = r.dateOfBirth ?? ''; const iso = /^(\d{4})-(\d\d)-(\d\d)$/.exec(d) ? d : /^(\d\d)\.(\d\d)\.(\d{4})$/.test(d) && !d.startsWith('01.01') && !d.startsWith('00.00') ? d.slice(6)+'-'+d.slice(3,5)+'-'+d.slice(0,2) : /^\d{8}$/.test(d) ? d.slice(0,4)+'-'+d.slice(4,6)+'-'+d.slice(6) : null; if (!iso) continue; const k = iso + '|' + pop.personOf.get(r.id); m.set(iso, [...(m.get(iso) ?? []), String(pop.personOf.get(r.id))]); }
let multi = 0; for (const [k, v] of m) if (new Set(v).size > 1) multi++;
console.log('dates', m.size, 'dates shared by different persons', multi);
console.log(pop.records.filter(r => ['p6256-0','p6256-1','p8916-0'].includes(r.id)));
