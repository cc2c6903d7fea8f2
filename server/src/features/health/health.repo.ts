import type { Tx } from '../../db/database';

export async function latestMigration(tx: Tx): Promise<number> {
  const { rows } = await tx.query<{ v: number | null }>(`SELECT max(version) AS v FROM schema_migration`);
  return rows[0]?.v ?? 0;
}
