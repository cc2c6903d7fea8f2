import type { DuplicateCandidate, Person } from '@lotse/common';
import type { Database } from '../../db/database';
import { requirePersonAccess } from '../access/access.service';
import type { Actor } from '../auth/actor';
import { getPerson } from '../persons/persons.service';
import { getDuplicate } from './duplicates.service';
import * as duplicatesRepo from './duplicates.repo';
import { deduplicate } from './engine';
import * as repo from './identity.repo';
import { toIdentityRecord } from './records';

/**
 * Scans all of the municipality's records for duplicates with the identity engine (weights learned from this
 * municipality's data when there is enough of it) and queues the new suspected pairs for review. Pairs already
 * reviewed, merged or rejected are not suggested again.
 */
export async function scanDuplicates(db: Database, actor: Actor) {
  const started = Date.now();
  return db.tenant(actor.municipalityId, async (tx) => {
    await requirePersonAccess(tx, {
      actor,
      action: 'review',
      personIds: [],
      purpose: 'duplicate_review',
      details: { scan: true },
    });
    const rows = await repo.loadAllIdentityRows(tx);
    const rootOf = new Map(rows.map((r) => [r.id, r.rootId]));
    const result = deduplicate(rows.map(toIdentityRecord));
    const known = await duplicatesRepo.knownPairs(tx);
    // One candidate per pair of (root) persons: the best-scoring pair of their source records.
    const byRoots = new Map<
      string,
      { a: string; b: string; score: number; reasons: (typeof result.pairs)[number]['reasons'] }
    >();
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
    const inserted = await duplicatesRepo.insertCandidates(tx, actor.municipalityId, [...byRoots.values()]);
    return {
      persons: rows.length,
      pairsCompared: result.candidatePairs,
      candidatesFound: result.pairs.length,
      newCandidates: inserted,
      durationMs: Date.now() - started,
    };
  });
}

/** A suspected pair with both persons in full, for the side-by-side review (both reads are audited). */
export async function compareDuplicate(
  db: Database,
  actor: Actor,
  id: string,
): Promise<{ candidate: DuplicateCandidate; a: Person; b: Person }> {
  const { row, candidate } = await getDuplicate(db, actor, id);
  const a = await getPerson(db, actor, row.personA);
  const b = await getPerson(db, actor, row.personB);
  return { candidate, a, b };
}
