import type { MatchReason, PersonInput } from '@lotse/common';
import type { Tx } from '../../db/database';
import * as repo from './identity.repo';

/** A likely match for a person or a query: the surviving (root) person, with a score 0..1 and reasons. */
export type Candidate = { personId: string; score: number; reasons: MatchReason[] };

/** Identifiers are compared upper-case without spaces, dots, slashes and dashes. */
export function normaliseIdentifier(value: string): string {
  return value.toUpperCase().replace(/[\s./\-_]/g, '');
}

function plainName(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Recomputes a person's search name and search keys after it was created or changed. */
export async function indexPerson(tx: Tx, municipalityId: string, personId: string): Promise<void> {
  const [row] = await repo.loadIdentityRows(tx, [personId]);
  if (!row) return;
  const names = [
    row.givenNames,
    row.familyName,
    row.givenNamesOriginal,
    row.familyNameOriginal,
    row.birthName?.familyName,
    ...row.formerNames.map((n) => n.familyName),
  ];
  const searchName = plainName(names.filter(Boolean).join(' '));
  const keys = row.identifiers.map((i) => `id:${i}`);
  await repo.replaceSearchKeys(tx, municipalityId, personId, searchName, keys);
}

/** Persons that are likely the same as the one about to be entered, best first. */
export async function findLikelyDuplicates(
  tx: Tx,
  _municipalityId: string,
  input: Pick<PersonInput, 'name' | 'dateOfBirth' | 'identifiers'>,
  opts: { limit?: number; excludePersonId?: string } = {},
): Promise<Candidate[]> {
  const limit = opts.limit ?? 10;
  const byIdentifier = await repo.findByIdentifiers(
    tx,
    input.identifiers.map((i) => normaliseIdentifier(i.value)),
  );
  const searchName = plainName(`${input.name.givenNames} ${input.name.familyName}`);
  const byName = await repo.findByTrigram(tx, searchName, limit);
  const rows = await repo.loadIdentityRows(tx, [...new Set([...byIdentifier, ...byName])]);
  const out = new Map<string, Candidate>();
  for (const row of rows) {
    if (row.rootId === opts.excludePersonId || row.id === opts.excludePersonId) continue;
    const reasons: MatchReason[] = [];
    let score = 0;
    if (byIdentifier.includes(row.id)) {
      score = 0.99;
      reasons.push({ field: 'identifiers', code: 'identifier', text: 'an identifier is equal' });
    }
    if (byName.includes(row.id)) {
      score = Math.max(score, 0.6);
      reasons.push({ field: 'name', code: 'typo', text: 'the name is similar' });
    }
    const prev = out.get(row.rootId);
    if (!prev || prev.score < score) out.set(row.rootId, { personId: row.rootId, score, reasons });
  }
  return [...out.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}
