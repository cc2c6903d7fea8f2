import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IdentityRecord } from '../../server/src/features/identity/engine/index.ts';

// The FEBRL files with their README and licence notes; BENCH_FEBRL_DIR points elsewhere (a checkout without them).
const DIR = process.env.BENCH_FEBRL_DIR ?? path.resolve(import.meta.dirname, '../data/febrl');

/**
 * Reads a FEBRL file (", "-separated, no quoting). Names and the date go to the engine's own fields; every other
 * column goes to `extra`, compared generically with weights learned by EM.
 */
export function loadFebrl(file: string): IdentityRecord[] {
  const lines = readFileSync(path.join(DIR, file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',').map((h) => h.trim());
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((c) => c.trim());
    const row = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    const extra: Record<string, string | null> = {};
    for (const h of ['street_number', 'address_1', 'address_2', 'suburb', 'postcode', 'state', 'soc_sec_id'])
      extra[h] = row[h] || null;
    return {
      id: row.rec_id!,
      givenNames: row.given_name || null,
      familyName: row.surname || null,
      dateOfBirth: row.date_of_birth || null,
      extra,
    };
  });
}

export function loadPairs(file: string): [string, string][] {
  const lines = readFileSync(path.join(DIR, file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  return lines.slice(1).map((l) => {
    const [a, b] = l.split(',');
    return [a!.trim(), b!.trim()];
  });
}
