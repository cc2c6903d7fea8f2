import { type MatchReason, type PersonInput, sharedIdentifierKinds } from '@lotse/common';
import type { Tx } from '../../db/database';
import {
  blockingKeys,
  defaultModel,
  type IdentityRecord,
  type PreparedRecord,
  nameTokens,
  normaliseIdentifier,
  prepare,
  scorePair,
  toLatin,
} from './engine';
import * as repo from './identity.repo';
import { toIdentityRecord } from './records';

export { normaliseIdentifier };

// The least score of a record that carries the same identifier (a case for review even if the names differ).
const IDENTIFIER_FLOOR = 0.95;

/** A likely match for a person or a query: the surviving (root) person, with a score 0..1 and reasons. */
export type Candidate = { personId: string; score: number; reasons: MatchReason[] };

// Specific keys (name pairs, name with year, exact date, identifiers) before the broad family-name-only keys,
// so that a common family name cannot crowd the right person out of the candidate limit.
const isBroadKey = (k: string) => k.startsWith('f:');

/** Source records carrying the keys, specific keys first, at most `limit`. */
export async function recordsByKeys(tx: Tx, keys: string[], limit: number): Promise<string[]> {
  const specific = await repo.findByKeys(
    tx,
    keys.filter((k) => !isBroadKey(k)),
    limit,
  );
  if (specific.length >= limit) return specific;
  const broad = await repo.findByKeys(tx, keys.filter(isBroadKey), limit - specific.length);
  return [...new Set([...specific, ...broad])];
}

/**
 * The keys stored for the staff search: the engine's blocking keys, plus each given name with the year of birth
 * (`g:`), which a query like "Mohammed 1975" needs but a duplicate scan must not block on (too common).
 */
export function searchKeys(p: PreparedRecord): string[] {
  const keys = blockingKeys(p);
  if (p.date.year && p.given) for (const s of new Set(p.given.skels)) keys.push(`g:${s}|${p.date.year}`);
  return keys;
}

/** The search name (all names, transliterated), the search keys and the name tokens of a record. */
export function searchIndexOf(record: IdentityRecord): {
  searchName: string;
  keys: string[];
  tokens: string[];
} {
  const names = [
    record.givenNames,
    record.familyName,
    record.givenNamesOriginal,
    record.familyNameOriginal,
    ...(record.otherNames ?? []),
  ].filter((n): n is string => Boolean(n));
  return {
    searchName: toLatin(names.join(' ')).trim(),
    keys: searchKeys(prepare(record)),
    tokens: [...new Set(names.flatMap((n) => nameTokens(n)))].filter((t) => t.length >= 2),
  };
}

/** Recomputes a person's search name and search keys after it was created or changed. */
export async function indexPerson(tx: Tx, municipalityId: string, personId: string): Promise<void> {
  const [row] = await repo.loadIdentityRows(tx, [personId]);
  if (!row) return;
  const { searchName, keys, tokens } = searchIndexOf(toIdentityRecord(row));
  await repo.replaceSearchKeys(tx, municipalityId, personId, searchName, keys);
  await repo.addNameTokens(tx, municipalityId, tokens);
}

/** The name tokens the vocabulary holds for these records (read before an erasure replaces their names). */
export async function nameTokensOf(tx: Tx, recordIds: string[]): Promise<string[]> {
  const rows = await repo.loadIdentityRows(tx, recordIds);
  return [...new Set(rows.flatMap((row) => searchIndexOf(toIdentityRecord(row)).tokens))];
}

/** After an erasure: drops the erased names' tokens that no remaining person carries. */
export async function forgetNameTokens(tx: Tx, tokens: string[]): Promise<number> {
  return repo.deleteUnusedNameTokens(tx, tokens);
}

/** Persons that are likely the same as the one about to be entered, best first, with reasons. */
export async function findLikelyDuplicates(
  tx: Tx,
  _municipalityId: string,
  input: Pick<PersonInput, 'name' | 'dateOfBirth' | 'identifiers'> &
    Partial<Pick<PersonInput, 'sex' | 'placeOfBirth' | 'nationalities' | 'birthName' | 'formerNames'>>,
  opts: { limit?: number; excludePersonId?: string } = {},
): Promise<Candidate[]> {
  const limit = opts.limit ?? 10;
  const probe = prepare({
    id: 'new',
    givenNames: input.name.givenNames,
    familyName: input.name.familyName,
    givenNamesOriginal: input.name.givenNamesOriginal,
    familyNameOriginal: input.name.familyNameOriginal,
    otherNames: [input.birthName, ...(input.formerNames ?? [])]
      .filter((n): n is NonNullable<typeof n> => Boolean(n))
      .map((n) => `${n.givenNames} ${n.familyName}`.trim()),
    dateOfBirth: input.dateOfBirth,
    sex: input.sex && input.sex !== 'unspecified' ? input.sex : null,
    placeOfBirth: input.placeOfBirth ?? null,
    nationality: input.nationalities?.[0] ?? null,
    // A shared identifier (the household's BG-Nummer) does not make two records one person.
    identifiers: input.identifiers.filter((i) => !sharedIdentifierKinds.includes(i.kind)).map((i) => i.value),
  });
  const ids = await recordsByKeys(tx, blockingKeys(probe), 400);
  // An identifier is issued to one person: whoever already carries it is a candidate whatever the names say.
  const sameIdentifier = new Set(await repo.findByIdentifiers(tx, probe.identifiers, { personalOnly: true }));
  const rows = await repo.loadIdentityRows(tx, [...new Set([...ids, ...sameIdentifier])]);
  const best = new Map<string, Candidate>();
  for (const row of rows) {
    if (row.rootId === opts.excludePersonId || row.id === opts.excludePersonId) continue;
    const s = scorePair(defaultModel, probe, prepare(toIdentityRecord(row)));
    if (sameIdentifier.has(row.id)) {
      s.score = Math.max(s.score, IDENTIFIER_FLOOR);
      if (!s.reasons.some((r) => r.code === 'identifier'))
        s.reasons.unshift({ field: 'identifier', code: 'identifier', text: 'an identifier is equal' });
    }
    const prev = best.get(row.rootId);
    if (!prev || prev.score < s.score)
      best.set(row.rootId, { personId: row.rootId, score: s.score, reasons: s.reasons });
  }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}
