import type { MatchReason } from '@lotse/common';
import type { Tx } from '../../db/database';

export type CandidateRow = {
  id: string;
  personA: string;
  personB: string;
  score: number;
  reasons: MatchReason[];
  status: 'open' | 'merged' | 'rejected';
  detectedAt: Date;
  reviewedAt: Date | null;
  mergeId: string | null;
};

const CANDIDATE = `c.id, c.person_a AS "personA", c.person_b AS "personB", c.score, c.reasons, c.status,
  c.detected_at AS "detectedAt", c.reviewed_at AS "reviewedAt", c.merge_id AS "mergeId"`;

/** Candidates by status, best first; open ones only while their persons still have different roots. */
export async function listCandidates(
  tx: Tx,
  status: CandidateRow['status'],
  limit: number,
): Promise<{ rows: CandidateRow[]; total: number }> {
  const where = `c.status = $1 AND ($1 <> 'open' OR pa.root_id <> pb.root_id)`;
  const from = `duplicate_candidate c JOIN person pa ON pa.id = c.person_a JOIN person pb ON pb.id = c.person_b`;
  const { rows } = await tx.query<CandidateRow>(
    `SELECT ${CANDIDATE} FROM ${from} WHERE ${where} ORDER BY c.score DESC, c.detected_at LIMIT $2`,
    [status, limit],
  );
  const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`, [
    status,
  ]);
  return { rows, total: total.rows[0]!.n };
}

export async function getCandidate(tx: Tx, id: string): Promise<CandidateRow | null> {
  const { rows } = await tx.query<CandidateRow>(
    `SELECT ${CANDIDATE} FROM duplicate_candidate c WHERE c.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Pairs already known (in any status), so a scan neither repeats nor revives a rejected pair. */
export async function knownPairs(tx: Tx): Promise<Set<string>> {
  const { rows } = await tx.query<{ a: string; b: string }>(
    `SELECT person_a AS a, person_b AS b FROM duplicate_candidate`,
  );
  return new Set(rows.map((r) => `${r.a}|${r.b}`));
}

export async function insertCandidates(
  tx: Tx,
  municipalityId: string,
  pairs: { a: string; b: string; score: number; reasons: MatchReason[] }[],
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < pairs.length; i += 500) {
    const chunk = pairs.slice(i, i + 500);
    const { rowCount } = await tx.query(
      `INSERT INTO duplicate_candidate (municipality_id, person_a, person_b, score, reasons)
       SELECT $1, x.a, x.b, x.score, x.reasons
         FROM jsonb_to_recordset($2::jsonb) AS x(a uuid, b uuid, score real, reasons jsonb)
       ON CONFLICT (municipality_id, person_a, person_b) DO NOTHING`,
      [municipalityId, JSON.stringify(chunk)],
    );
    inserted += rowCount;
  }
  return inserted;
}

export async function setCandidateStatus(
  tx: Tx,
  id: string,
  status: CandidateRow['status'],
  staffId: string | null,
  mergeId: string | null,
): Promise<void> {
  await tx.query(
    `UPDATE duplicate_candidate SET status = $2, reviewed_by = $3, reviewed_at = CASE WHEN $2 = 'open' THEN NULL ELSE now() END,
            merge_id = $4 WHERE id = $1`,
    [id, status, staffId, mergeId],
  );
}

export async function reopenCandidatesOfMerge(tx: Tx, mergeId: string): Promise<void> {
  await tx.query(
    `UPDATE duplicate_candidate SET status = 'open', reviewed_by = NULL, reviewed_at = NULL, merge_id = NULL
      WHERE merge_id = $1`,
    [mergeId],
  );
}

export type PersonRoot = { id: string; rootId: string; mergedInto: string | null };

export async function lockPersons(tx: Tx, ids: string[]): Promise<PersonRoot[]> {
  const { rows } = await tx.query<PersonRoot>(
    `SELECT id, root_id AS "rootId", merged_into AS "mergedInto" FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  return rows;
}

/** Points `mergedId` at `survivorId` and moves its whole tree (earlier merges into it) to the survivor's root. */
export async function mergeInto(
  tx: Tx,
  municipalityId: string,
  survivorId: string,
  mergedId: string,
  staffId: string,
): Promise<{ mergeId: string; at: Date }> {
  const { rows } = await tx.query<{ id: string; at: Date }>(
    `INSERT INTO person_merge (municipality_id, survivor_id, merged_id, merged_by) VALUES ($1, $2, $3, $4)
     RETURNING id, merged_at AS at`,
    [municipalityId, survivorId, mergedId, staffId],
  );
  await tx.query(`UPDATE person SET merged_into = $2, updated_at = now() WHERE id = $1`, [
    mergedId,
    survivorId,
  ]);
  await tx.query(`UPDATE person SET root_id = $2 WHERE root_id = $1`, [mergedId, survivorId]);
  return { mergeId: rows[0]!.id, at: rows[0]!.at };
}

export type MergeRow = {
  id: string;
  survivorId: string;
  mergedId: string;
  mergedAt: Date;
  undoneAt: Date | null;
};

export async function getMerge(tx: Tx, id: string): Promise<MergeRow | null> {
  const { rows } = await tx.query<MergeRow>(
    `SELECT id, survivor_id AS "survivorId", merged_id AS "mergedId", merged_at AS "mergedAt", undone_at AS "undoneAt"
       FROM person_merge WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

/** Detaches the merged record again: it and every record merged into it become their own tree. */
export async function undoMerge(tx: Tx, merge: MergeRow, staffId: string): Promise<void> {
  await tx.query(`UPDATE person_merge SET undone_at = now(), undone_by = $2 WHERE id = $1`, [
    merge.id,
    staffId,
  ]);
  await tx.query(`UPDATE person SET merged_into = NULL, updated_at = now() WHERE id = $1`, [merge.mergedId]);
  await tx.query(
    `WITH RECURSIVE subtree AS (
       SELECT id FROM person WHERE id = $1
       UNION ALL
       SELECT p.id FROM person p JOIN subtree s ON p.merged_into = s.id
     )
     UPDATE person SET root_id = $1 WHERE id IN (SELECT id FROM subtree)`,
    [merge.mergedId],
  );
}
