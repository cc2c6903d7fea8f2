import type { DuplicateCandidate } from '@lotse/common';
import type { Database, Tx } from '../../db/database';
import { AppError } from '../../errors';
import { requirePersonAccess, showSummaries } from '../access/access.service';
import type { Actor } from '../auth/actor';
import * as repo from './duplicates.repo';
import { loadSummaries } from './identity.repo';
import { toSummary } from './summary';

/**
 * The pairs as the caller may see them, through the access function: a pair is listed only when the caller may
 * see both persons by name (for identification), and each person shows only what the caller may see.
 */
async function toCandidates(
  tx: Tx,
  actor: Actor,
  rows: repo.CandidateRow[],
  details?: Record<string, unknown>,
): Promise<DuplicateCandidate[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.personA, r.personB]))];
  const shown = new Map(
    (
      await showSummaries(
        tx,
        { actor, action: 'review', purpose: 'duplicate_review', details },
        (await loadSummaries(tx, ids)).map(toSummary),
      )
    ).map((s) => [s.id as string, s]),
  );
  return rows
    .filter((r) => shown.has(r.personA) && shown.has(r.personB))
    .map((r) => ({
      id: r.id,
      status: r.status,
      score: r.score,
      reasons: r.reasons,
      a: shown.get(r.personA)!,
      b: shown.get(r.personB)!,
      detectedAt: r.detectedAt.toISOString(),
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      mergeId: r.mergeId,
    }));
}

/** The review queue: suspected duplicates by status, best first, the pairs the caller may see. Audited. */
export async function listDuplicates(
  db: Database,
  actor: Actor,
  status: repo.CandidateRow['status'],
  limit = 100,
): Promise<{ candidates: DuplicateCandidate[]; total: number }> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const { rows, total } = await repo.listCandidates(tx, status, limit);
    const candidates = await toCandidates(tx, actor, rows);
    return { candidates, total: total - (rows.length - candidates.length) };
  });
}

/** One candidate pair, audited as a read of both persons; refused when the caller may not see both. */
export async function getDuplicate(db: Database, actor: Actor, id: string, tx?: Tx) {
  const run = async (t: Tx) => {
    const row = await repo.getCandidate(t, id);
    if (!row) throw new AppError('NOT_FOUND', 'No such duplicate candidate.');
    const [candidate] = await toCandidates(t, actor, [row], { candidateId: id });
    if (!candidate)
      throw new AppError(
        'CONSENT_REQUIRED',
        'You may not see both persons of this pair for identification; ask the agency that registered them.',
      );
    return { row, candidate };
  };
  return tx ? run(tx) : db.tenant(actor.municipalityId, run);
}

/**
 * Merges the pair: the other person is pointed at the survivor, nothing is copied or deleted, every source
 * record and identifier stays, and the merge can be undone.
 */
export async function mergeDuplicate(db: Database, actor: Actor, id: string, survivorId: string) {
  return db.tenant(actor.municipalityId, async (tx) => {
    const row = await repo.getCandidate(tx, id);
    if (!row) throw new AppError('NOT_FOUND', 'No such duplicate candidate.');
    if (row.status !== 'open') throw new AppError('CONFLICT', `This pair was already ${row.status}.`);
    if (survivorId !== row.personA && survivorId !== row.personB)
      throw new AppError('VALIDATION_FAILED', 'The survivor must be one of the two persons.', {
        survivorId: 'must be one of the two persons of the pair',
      });
    const mergedId = survivorId === row.personA ? row.personB : row.personA;
    const persons = await repo.lockPersons(tx, [survivorId, mergedId]);
    const survivor = persons.find((p) => p.id === survivorId)!;
    const merged = persons.find((p) => p.id === mergedId)!;
    if (survivor.rootId === merged.rootId)
      throw new AppError('CONFLICT', 'These records are already one person.');
    // Merge the trees the two records belong to: the survivor's root keeps, the other root joins it.
    const keep = survivor.rootId;
    const join = merged.rootId;
    await requirePersonAccess(tx, {
      actor,
      action: 'merge',
      personIds: [keep, join],
      purpose: 'duplicate_review',
      details: { candidateId: id },
    });
    const { mergeId } = await repo.mergeInto(tx, actor.municipalityId, keep, join, actor.staffId);
    await repo.setCandidateStatus(tx, id, 'merged', actor.staffId, mergeId);
    return { mergeId, survivorId: keep, mergedId: join };
  });
}

/** Marks the pair as two different people; a later scan will not suggest it again. */
export async function rejectDuplicate(db: Database, actor: Actor, id: string): Promise<void> {
  await db.tenant(actor.municipalityId, async (tx) => {
    const row = await repo.getCandidate(tx, id);
    if (!row) throw new AppError('NOT_FOUND', 'No such duplicate candidate.');
    if (row.status !== 'open') throw new AppError('CONFLICT', `This pair was already ${row.status}.`);
    await requirePersonAccess(tx, {
      actor,
      action: 'merge',
      personIds: [row.personA, row.personB],
      purpose: 'duplicate_review',
      details: { candidateId: id, decision: 'not_a_duplicate' },
    });
    await repo.setCandidateStatus(tx, id, 'rejected', actor.staffId, null);
  });
}

/** Undoes a merge: the merged record (with whatever was merged into it before) is its own person again. */
export async function undoMerge(db: Database, actor: Actor, mergeId: string): Promise<void> {
  await db.tenant(actor.municipalityId, async (tx) => {
    const merge = await repo.getMerge(tx, mergeId);
    if (!merge) throw new AppError('NOT_FOUND', 'No such merge.');
    if (merge.undoneAt) throw new AppError('CONFLICT', 'This merge was already undone.');
    await repo.lockPersons(tx, [merge.survivorId, merge.mergedId]);
    await requirePersonAccess(tx, {
      actor,
      action: 'merge',
      personIds: [merge.survivorId, merge.mergedId],
      purpose: 'duplicate_review',
      details: { mergeId, undo: true },
    });
    await repo.undoMerge(tx, merge, actor.staffId);
    await repo.reopenCandidatesOfMerge(tx, mergeId);
  });
}
