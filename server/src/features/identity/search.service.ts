import type { SearchHit } from '@lotse/common';
import type { Database, Tx } from '../../db/database';
import { showSummaries } from '../access/access.service';
import type { Actor } from '../auth/actor';
import {
  defaultModel,
  normaliseIdentifier,
  parseQuery,
  type ParsedQuery,
  prepare,
  type PreparedRecord,
  queryKeys,
  scoreQuery,
  skeleton,
} from './engine';
import * as repo from './identity.repo';
import { recordsByKeys } from './identity.service';
import { toIdentityRecord } from './records';
import { toSummary } from './summary';

// How many source records one query may pull from the key index before ranking, those sharing the most keys
// first: the person sought shares most of them (name pair, name with year, date). At 1,000,000 persons 200 keep
// recall@10 for the benchmark's queries with a date at 0.998 on PostgreSQL (400: 1.000) at half the rows to load
// and score (bench/identity/search.ts, README).
const KEY_CANDIDATES = 200;

/** A token with a year may be a given name: the `g:` keys of searchKeys(). */
function withGivenYearKeys(query: ParsedQuery, keys: string[]): string[] {
  const years = new Set(query.dates.map((d) => d.year).filter((y): y is number => y !== null));
  for (const t of query.nameTokens.slice(0, 6)) for (const y of years) keys.push(`g:${skeleton(t)}|${y}`);
  return keys;
}

/** Up to `max` token lists taking each token as typed or as one of its nearest known tokens. */
function combinations(tokens: string[], alternatives: string[][], max: number): string[][] {
  let out: string[][] = [[]];
  tokens.forEach((token, i) => {
    const options = [...new Set([token, ...(alternatives[i] ?? [])])];
    out = out.flatMap((prefix) => options.map((o) => [...prefix, o])).slice(0, max);
  });
  return out;
}

/** Ranks the municipality's persons for a staff search (names in any spelling or script, dates, identifiers). */
export async function rankPersons(
  tx: Tx,
  q: string,
  limit: number,
  opts: { minScore?: number } = {},
): Promise<{ personId: string; score: number; reasons: SearchHit['reasons'] }[]> {
  const query = parseQuery(q);
  // Identifiers are typed with spaces in many notations ("962 D 123456"): the whole query may be one.
  const whole = normaliseIdentifier(q);
  if (/\d{3,}/.test(whole) && whole.length >= 5 && !query.identifiers.includes(whole))
    query.identifiers = [...query.identifiers, whole];
  const keys = withGivenYearKeys(query, queryKeys(query));
  const ids = new Set(await recordsByKeys(tx, keys, KEY_CANDIDATES));
  for (const id of await repo.findByIdentifiers(tx, query.identifiers)) ids.add(id);
  // Typos the keys cannot catch: replace each name token by its nearest known tokens and look the keys up again.
  if (ids.size === 0 && query.nameTokens.length > 0) {
    const alternatives: string[][] = [];
    for (const t of query.nameTokens.slice(0, 4)) alternatives.push(await repo.nearestNameTokens(tx, t, 3));
    const corrected: string[] = [];
    for (const variants of combinations(query.nameTokens.slice(0, 4), alternatives, 9))
      corrected.push(
        ...withGivenYearKeys(
          { ...query, nameTokens: variants },
          queryKeys({ ...query, nameTokens: variants }),
        ),
      );
    for (const id of await recordsByKeys(tx, [...new Set(corrected)], KEY_CANDIDATES)) ids.add(id);
  }
  const rows = await repo.loadIdentityRows(tx, [...ids]);
  // Every candidate is scored; the reasons are put into words only for the persons shown.
  const best = new Map<string, { personId: string; score: number; record: PreparedRecord }>();
  for (const row of rows) {
    const record = prepare(toIdentityRecord(row, { withShared: true }));
    const s = scoreQuery(defaultModel, query, record, { reasons: false });
    if (s.score < (opts.minScore ?? 0.05)) continue;
    const prev = best.get(row.rootId);
    if (!prev || prev.score < s.score) best.set(row.rootId, { personId: row.rootId, score: s.score, record });
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ personId, score, record }) => ({
      personId,
      score,
      reasons: scoreQuery(defaultModel, query, record).reasons,
    }));
}

/** The staff search box: ranked candidates with score and reasons; the persons shown are audited. */
export async function searchPersons(
  db: Database,
  actor: Actor,
  q: string,
  limit: number,
): Promise<{ query: string; hits: SearchHit[] }> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const ranked = await rankPersons(tx, q, limit);
    const summaries = new Map(
      (
        await repo.loadSummaries(
          tx,
          ranked.map((r) => r.personId),
        )
      ).map((s) => [s.id, s]),
    );
    const listed = ranked.filter((r) => summaries.has(r.personId));
    const shown = new Map(
      (
        await showSummaries(
          tx,
          // The purpose of the request: the front desk identifies, a caseworker finds the persons of their purpose.
          { actor, action: 'search', purpose: 'case_work' },
          listed.map((r) => toSummary(summaries.get(r.personId)!)),
        )
      ).map((s) => [s.id as string, s]),
    );
    const hits = listed
      .filter((r) => shown.has(r.personId))
      .map((r) => ({ person: shown.get(r.personId)!, score: r.score, reasons: r.reasons }));
    return { query: q, hits };
  });
}
