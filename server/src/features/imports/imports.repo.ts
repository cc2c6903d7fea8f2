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

/** Imports whose report names one of the persons (a matched or created line). */
export async function importsNaming(
  tx: Tx,
  personIds: string[],
): Promise<Pick<StoredImport, 'id' | 'report'>[]> {
  if (personIds.length === 0) return [];
  const { rows } = await tx.query<Pick<StoredImport, 'id' | 'report'>>(
    `SELECT id, report FROM person_import
      WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(report->'lines') l WHERE l->>'personId' = ANY($1::text[]))
      FOR UPDATE`,
    [personIds],
  );
  return rows;
}

export async function replaceReport(tx: Tx, id: string, report: object): Promise<void> {
  await tx.query(`UPDATE person_import SET report = $2 WHERE id = $1`, [id, JSON.stringify(report)]);
}

/** Dry runs never applied, older than the cutoff: their parsed lines hold whole person records. */
export async function deleteDryRunsBefore(tx: Tx, cutoff: Date): Promise<number> {
  const { rowCount } = await tx.query(
    `DELETE FROM person_import WHERE status = 'dry_run' AND created_at < $1`,
    [cutoff.toISOString()],
  );
  return rowCount ?? 0;
}
