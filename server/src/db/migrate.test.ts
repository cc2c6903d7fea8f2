import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../test/harness';
import { type Database, openDatabase } from './database';
import { MIGRATIONS_DIR, listMigrations, migrate } from './migrate';

const dirs: string[] = [];

/** A temporary migrations folder holding the given files. */
function givenMigrations(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-migrations-'));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the real migrations', () => {
  it('are numbered 0001 upwards without gaps', () => {
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    files.forEach((file, i) => expect(file.slice(0, 5)).toBe(`${String(i + 1).padStart(4, '0')}_`));
    expect(listMigrations().map((m) => m.version)).toEqual(files.map((_, i) => i + 1));
  });

  it('hold nothing but numbered .sql files', () => {
    for (const file of fs.readdirSync(MIGRATIONS_DIR)) expect(file).toMatch(/^\d{4}_[a-z0-9_]+\.sql$/);
  });
});

describe('listMigrations', () => {
  it('lists migrations in order with their number, name and file', () => {
    const dir = givenMigrations({
      '0002_second.sql': 'SELECT 2;',
      '0001_first.sql': 'SELECT 1;',
      'README.md': '# notes',
    });
    expect(listMigrations(dir)).toEqual([
      { version: 1, name: 'first', file: path.join(dir, '0001_first.sql') },
      { version: 2, name: 'second', file: path.join(dir, '0002_second.sql') },
    ]);
  });

  it('refuses a gap in the numbering', () => {
    const dir = givenMigrations({ '0001_first.sql': '', '0003_third.sql': '' });
    expect(() => listMigrations(dir)).toThrow('Migration 0003_third.sql should be number 2');
  });

  it('refuses numbering that does not start at 0001', () => {
    const dir = givenMigrations({ '0002_second.sql': '' });
    expect(() => listMigrations(dir)).toThrow('should be number 1');
  });

  it('refuses two migrations with the same number', () => {
    const dir = givenMigrations({ '0001_first.sql': '', '0002_second.sql': '', '0002_other.sql': '' });
    expect(() => listMigrations(dir)).toThrow(
      'Migrations 0002_other.sql and 0002_second.sql share the number 2',
    );
  });

  it.each([
    '1_short.sql',
    '0001-dash.sql',
    '0001_CamelCase.sql',
    '0001_.sql',
    'foundation.sql',
    '00001_five_digits.sql',
  ])('refuses the badly named file %s', (name) => {
    const dir = givenMigrations({ [name]: '' });
    expect(() => listMigrations(dir)).toThrow(
      `Migration file ${name} must be named NNNN_lower_snake_name.sql`,
    );
  });
});

describe('migrate on the database under test', () => {
  it('has recorded every real migration once, and a second run applies nothing', async () => {
    const db = await testDb();
    expect(await Promise.all([migrate(db), migrate(db)])).toEqual([[], []]);
    const rows = await db.system(
      async (tx) =>
        (
          await tx.query<{ version: number; name: string }>(
            'SELECT version, name FROM schema_migration ORDER BY version',
          )
        ).rows,
    );
    expect(rows).toEqual(listMigrations().map(({ version, name }) => ({ version, name })));
  });
});

describe('migrate', () => {
  let db: Database;
  beforeAll(async () => {
    // Always a fresh embedded database: these tests create and drop their own tables.
    db = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(() => db.close());
  afterEach(() =>
    db.system((tx) => tx.exec('DROP TABLE IF EXISTS schema_migration, m_one, m_two, m_three, m_broken')),
  );

  const recorded = () =>
    db.system(
      async (tx) =>
        (
          await tx.query<{ version: number; name: string }>(
            'SELECT version, name FROM schema_migration ORDER BY version',
          )
        ).rows,
    );

  it('applies each migration once and records it in schema_migration', async () => {
    const dir = givenMigrations({
      '0001_one.sql': 'CREATE TABLE m_one (id int); INSERT INTO m_one VALUES (1);',
      '0002_two.sql': 'CREATE TABLE m_two (id int);',
    });
    expect(await migrate(db, dir)).toEqual([1, 2]);
    expect(await recorded()).toEqual([
      { version: 1, name: 'one' },
      { version: 2, name: 'two' },
    ]);
    expect(await migrate(db, dir)).toEqual([]);
    const rows = await db.system(async (tx) => (await tx.query('SELECT id FROM m_one')).rows);
    expect(rows).toEqual([{ id: 1 }]);
  });

  it('applies only the migrations added since the last run', async () => {
    const first = givenMigrations({ '0001_one.sql': 'CREATE TABLE m_one (id int);' });
    expect(await migrate(db, first)).toEqual([1]);
    const later = givenMigrations({
      '0001_one.sql': 'CREATE TABLE m_one (id int);',
      '0002_two.sql': 'CREATE TABLE m_two (id int);',
      '0003_three.sql': 'CREATE TABLE m_three (id int);',
    });
    expect(await migrate(db, later)).toEqual([2, 3]);
    expect((await recorded()).map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it('applies nothing and records nothing when a migration fails', async () => {
    const dir = givenMigrations({
      '0001_one.sql': 'CREATE TABLE m_one (id int);',
      '0002_broken.sql': 'CREATE TABLE m_broken (id int); SELECT * FROM no_such_table;',
    });
    await expect(migrate(db, dir)).rejects.toThrow(/no_such_table/);
    const tables = await db.system(
      async (tx) =>
        (
          await tx.query<{ t: string }>(
            `SELECT table_name AS t FROM information_schema.tables WHERE table_name IN ('m_one', 'm_broken', 'schema_migration')`,
          )
        ).rows,
    );
    expect(tables).toEqual([]);
  });

  it('refuses to run when the migrations folder has a gap, before touching the database', async () => {
    const dir = givenMigrations({ '0001_one.sql': 'CREATE TABLE m_one (id int);', '0003_three.sql': '' });
    await expect(migrate(db, dir)).rejects.toThrow('should be number 2');
    const n = await db.system(
      async (tx) =>
        (await tx.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_migration'`)).rows
          .length,
    );
    expect(n).toBe(0);
  });

  it('brings an empty database to the real schema and then has nothing left to apply', async () => {
    const fresh = await openDatabase({ dataDir: 'memory://' });
    try {
      const versions = listMigrations().map((m) => m.version);
      expect(await migrate(fresh)).toEqual(versions);
      expect(await migrate(fresh)).toEqual([]);
      const tables = await fresh.system(async (tx) =>
        (
          await tx.query<{ t: string }>(
            `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
          )
        ).rows.map((r) => r.t),
      );
      expect(tables).toEqual(
        expect.arrayContaining(['audit_log', 'municipality', 'schema_migration', 'session', 'staff']),
      );
    } finally {
      await fresh.close();
    }
  }, 120_000); // every migration on a fresh embedded database: slow when the machine is busy
});
