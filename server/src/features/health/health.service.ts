import type { Database } from '../../db/database';
import { listMigrations } from '../../db/migrate';
import { latestMigration } from './health.repo';

const expected = listMigrations().length;

/** True when the database answers and every migration is applied. */
export async function checkDatabase(db: Database): Promise<boolean> {
  try {
    return (await db.system((tx) => latestMigration(tx))) >= expected;
  } catch {
    return false;
  }
}
