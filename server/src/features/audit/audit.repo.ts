import { sqlLiteral, type Tx } from '../../db/database';

export type AuditRow = {
  seq: number;
  municipalityId: string | null;
  at: Date;
  actorStaffId: string | null;
  actorAgencyId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  purpose: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
};

const columns = (t: string) =>
  `${t}.seq, ${t}.municipality_id AS "municipalityId", ${t}.at, ${t}.actor_staff_id AS "actorStaffId",
   ${t}.actor_agency_id AS "actorAgencyId", ${t}.action, ${t}.subject_type AS "subjectType",
   ${t}.subject_id AS "subjectId", ${t}.purpose, ${t}.request_id AS "requestId", ${t}.details,
   ${t}.prev_hash AS "prevHash", ${t}.hash`;

export type ChainEntry = Omit<AuditRow, 'seq' | 'prevHash' | 'hash'> & {
  /** The entry's canonical text before the previous hash (see audit.service `hashPrefix`). */
  prefix: string;
};

/**
 * The statement that appends entries to a municipality's chain (null: the system chain) in the order given: the
 * database function locks the chain until the transaction ends, links each entry to the newest one and inserts
 * it (migration 0015). A text with literals, for `Tx.commitWith`.
 */
export function appendToChainStatement(municipalityId: string | null, entries: ChainEntry[]): string {
  const json = JSON.stringify(entries.map((e) => ({ ...e, at: e.at.toISOString() })));
  const chain = municipalityId === null ? 'NULL' : sqlLiteral(municipalityId);
  return `SELECT audit_append(${chain}::uuid, ${sqlLiteral(json)}::jsonb)`;
}

/** The distinct chains present (one per municipality, plus the system chain for events before sign-in). */
export async function listChains(tx: Tx): Promise<(string | null)[]> {
  const { rows } = await tx.query<{ m: string | null }>(
    `SELECT DISTINCT municipality_id AS m FROM audit_log`,
  );
  return rows.map((r) => r.m);
}

export async function chainBatch(
  tx: Tx,
  municipalityId: string | null,
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> {
  const { rows } = await tx.query<AuditRow>(
    `SELECT ${columns('a')} FROM audit_log a
      WHERE municipality_id IS NOT DISTINCT FROM $1::uuid AND seq > $2 ORDER BY seq LIMIT $3`,
    [municipalityId, afterSeq, limit],
  );
  return rows;
}

export type AuditListRow = AuditRow & { actorName: string | null };

export async function listPage(
  tx: Tx,
  filter: { before: number | null; limit: number; subjectType?: string; subjectId?: string },
): Promise<AuditListRow[]> {
  const { rows } = await tx.query<AuditListRow>(
    `SELECT ${columns('a')}, s.display_name AS "actorName"
       FROM audit_log a LEFT JOIN staff s ON s.id = a.actor_staff_id
      WHERE ($1::bigint IS NULL OR a.seq < $1)
        AND ($3::text IS NULL OR a.subject_type = $3) AND ($4::text IS NULL OR a.subject_id = $4)
      ORDER BY a.seq DESC LIMIT $2`,
    [filter.before, filter.limit, filter.subjectType ?? null, filter.subjectId ?? null],
  );
  return rows;
}
