import type { ImportReport, PersonInput } from '@lotse/common';
import type { Tx } from '../../db/database';

export type StoredImport = {
  id: string;
  agencyId: string;
  status: 'dry_run' | 'applied';
  fileName: string;
  mapping: Record<string, string>;
  report: Omit<ImportReport, 'id' | 'status'> & { inputs?: { line: number; input: PersonInput }[] };
};

export async function insertImport(
  tx: Tx,
  i: {
    municipalityId: string;
    agencyId: string;
    createdBy: string;
    fileName: string;
    mapping: object;
    report: object;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO person_import (municipality_id, agency_id, created_by, file_name, mapping, status, report)
     VALUES ($1, $2, $3, $4, $5, 'dry_run', $6) RETURNING id`,
    [
      i.municipalityId,
      i.agencyId,
      i.createdBy,
      i.fileName,
      JSON.stringify(i.mapping),
      JSON.stringify(i.report),
    ],
  );
  return rows[0]!.id;
}

export async function getImport(tx: Tx, id: string): Promise<StoredImport | null> {
  const { rows } = await tx.query<StoredImport>(
    `SELECT id, agency_id AS "agencyId", status, file_name AS "fileName", mapping, report
       FROM person_import WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

export async function markApplied(tx: Tx, id: string, report: object): Promise<void> {
  await tx.query(
    `UPDATE person_import SET status = 'applied', applied_at = now(), report = $2 WHERE id = $1`,
    [id, JSON.stringify(report)],
  );
}
