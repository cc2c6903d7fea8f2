import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export type Migration = { version: number; name: string; file: string };

/** Lists the numbered migrations and refuses gaps, duplicates and badly named files. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const migrations = files.map((file) => {
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new Error(`Migration file ${file} must be named NNNN_lower_snake_name.sql`);
    return { version: Number(m[1]), name: m[2]!, file: path.join(dir, file) };
  });
  migrations.forEach((m, i) => {
    const prev = migrations[i - 1];
    if (prev && prev.version === m.version)
      throw new Error(
        `Migrations ${path.basename(prev.file)} and ${path.basename(m.file)} share the number ${m.version}`,
      );
    if (m.version !== i + 1) throw new Error(`Migration ${path.basename(m.file)} should be number ${i + 1}`);
  });
  return migrations;
}

// One lock id for "migrating": concurrent starts on one PostgreSQL server wait for each other.
const MIGRATION_LOCK = 727_001;

/** Applies every migration not yet applied, each in its own transaction, in order. */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<number[]> {
  const migrations = listMigrations(dir);
  const applied: number[] = [];
  await db.system(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migration')).rows.map(
        (r) => r.version,
      ),
    );
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      const sql = fs.readFileSync(m.file, 'utf8');
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migration (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
  });
  return applied;
}
