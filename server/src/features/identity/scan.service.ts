import type { DuplicateCandidate, Person } from '@lotse/common';
import type { Database, Tx } from '../../db/database';
import { requirePersonAccess } from '../access/access.service';
import type { Actor } from '../auth/actor';
import { getPerson } from '../persons/persons.service';
import { getDuplicate } from './duplicates.service';
import * as duplicatesRepo from './duplicates.repo';
import { deduplicate, type MatchPair } from './engine';
import * as repo from './identity.repo';
import { toIdentityRecord } from './records';

/**
 * Scans all of a municipality's records for duplicates with the identity engine (weights learned from its own
 * data when there is enough of it) and queues the new suspected pairs, in the caller's transaction. Pairs already
 * reviewed, merged or rejected are not suggested again. Used by the review page and the demo seed.
 */
export async function queueDuplicates(tx: Tx, municipalityId: string) {
  const started = Date.now();
  const rows = await repo.loadAllIdentityRows(tx, municipalityId);
  const rootOf = new Map(rows.map((r) => [r.id, r.rootId]));
  const result = deduplicate(rows.map((row) => toIdentityRecord(row)));
  const known = await duplicatesRepo.knownPairs(tx);
  // One candidate per pair of (root) persons: the best-scoring pair of their source records.
  const byRoots = new Map<string, { a: string; b: string; score: number; reasons: MatchPair['reasons'] }>();
  for (const p of result.pairs) {
    const ra = rootOf.get(p.a)!;
    const rb = rootOf.get(p.b)!;
    if (ra === rb) continue;
    const [a, b] = ra < rb ? [ra, rb] : [rb, ra];
    const key = `${a}|${b}`;
    if (known.has(key)) continue;
    const prev = byRoots.get(key);
    if (!prev || prev.score < p.score) byRoots.set(key, { a, b, score: p.score, reasons: p.reasons });
  }
  const inserted = await duplicatesRepo.insertCandidates(tx, municipalityId, [...byRoots.values()]);
  return {
    persons: rows.length,
    pairsCompared: result.candidatePairs,
    candidatesFound: result.pairs.length,
    newCandidates: inserted,
    durationMs: Date.now() - started,
  };
}

/** The review page's "scan now": the same scan, for a reviewer, audited. */
export async function scanDuplicates(db: Database, actor: Actor) {
  return db.tenant(actor.municipalityId, async (tx) => {
    await requirePersonAccess(tx, {
      actor,
      action: 'review',
      personIds: [],
      purpose: 'duplicate_review',
      details: { scan: true },
    });
    return queueDuplicates(tx, actor.municipalityId);
  });
}

/** A suspected pair with both persons in full, for the side-by-side review (both reads are audited). */
export async function compareDuplicate(
  db: Database,
  actor: Actor,
  id: string,
): Promise<{ candidate: DuplicateCandidate; a: Person; b: Person }> {
  const { row, candidate } = await getDuplicate(db, actor, id);
  // Compared for identification: what the reviewer may see of each for duplicate review.
  const a = await getPerson(db, actor, row.personA, 'duplicate_review');
  const b = await getPerson(db, actor, row.personB, 'duplicate_review');
  return { candidate, a, b };
}
