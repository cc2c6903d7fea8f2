import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Role } from '@lotse/common';
import { testConfig, uniq, usingPostgres } from '../../../test/harness';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { type Database, openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';
import { startLotse } from '../../lotse';
import { verifyAll } from '../audit/audit.service';
import { DEMO_PASSWORD } from './demo.data';
import { seedDemoIfEmpty } from './demo.service';

/** An empty database of its own (the shared test database is never empty): env for loadConfig, and a drop. */
async function givenEmptyDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (usingPostgres()) {
    const base = inject('testDatabaseUrl');
    const name = `lotse_demo_${uniq()}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      drop: async () => {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-demo-'));
  return { env: { DATA_DIR: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const count = (db: Database, table: string) =>
  db.system(
    async (tx) => (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n,
  );

describe('the demo municipality', () => {
  let db: Database;
  let app: FastifyInstance;
  let seeded: boolean;
  let documents: Parameters<typeof seedDemoIfEmpty>[1];
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    if (usingPostgres()) {
      const empty = await givenEmptyDatabase();
      drop = empty.drop;
      db = await openDatabase({ databaseUrl: empty.env.DATABASE_URL, dataDir: 'memory://' });
    } else {
      db = await openDatabase({ dataDir: 'memory://' });
    }
    await migrate(db);
    // The demo's documents go to a store of their own (encrypted with a key generated there).
    documents = {
      ...testConfig(),
      mode: 'demo',
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-demo-')),
    };
    seeded = await seedDemoIfEmpty(db, documents);
    app = await buildApp({ config: testConfig(), db });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await drop();
  });

  const organisation = () =>
    db.system(async (tx) => ({
      municipalities: (
        await tx.query<{ id: string; slug: string; is_demo: boolean }>(`SELECT * FROM municipality`)
      ).rows,
      sites: (await tx.query<{ name: string }>(`SELECT name FROM site`)).rows,
      agencies: (
        await tx.query<{ kind: string; name: string; code: string }>(`SELECT kind, name, code FROM agency`)
      ).rows,
      staff: (await tx.query<{ username: string; roles: Role[] }>(`SELECT username, roles FROM staff`)).rows,
    }));

  it('seeds an empty database with one municipality marked as demo', async () => {
    expect(seeded).toBe(true);
    const { municipalities } = await organisation();
    expect(municipalities).toHaveLength(1);
    expect(municipalities[0]).toMatchObject({ slug: 'wuppertal-demo', is_demo: true });
  });

  it('has two sites: the Haus der Integration and the former school', async () => {
    const { sites } = await organisation();
    expect(sites.map((s) => s.name).sort()).toEqual([
      'Ehemalige Schule Hufschmiedstraße',
      'Haus der Integration',
    ]);
  });

  it.each([
    'Ausländerbehörde',
    'Jobcenter',
    'Integration Point',
    'Wirtschaftliche Hilfe',
    'Kommunales Integrationszentrum',
    'Jugendamt',
    'Schulamt',
  ])('has the agency %s', async (name) => {
    const { agencies } = await organisation();
    expect(agencies.filter((a) => a.kind === 'agency' && a.name.includes(name))).toHaveLength(1);
  });

  it('has welfare associations, a refugee-aid association, chambers and a migrant association as partners', async () => {
    const { agencies } = await organisation();
    const partners = agencies.filter((a) => a.kind === 'partner').map((a) => a.name);
    for (const name of [
      'Caritas',
      'Diakonie',
      'Flüchtlingshilfe',
      'IHK',
      'Kreishandwerkerschaft',
      'Migrantenselbstorganisation',
    ])
      expect(partners.some((p) => p.includes(name))).toBe(true);
  });

  it('has at least 20 staff members covering all eight roles', async () => {
    const { staff } = await organisation();
    expect(staff.length).toBeGreaterThanOrEqual(20);
    expect(new Set(staff.flatMap((s) => s.roles))).toEqual(
      new Set([
        'municipal_admin',
        'front_desk',
        'caseworker',
        'case_manager',
        'agency_lead',
        'partner_staff',
        'state_reporter',
        'data_protection_officer',
      ]),
    );
  });

  it.each([
    ['admin', 'municipal_admin', 'verwaltung'],
    ['empfang', 'front_desk', 'empfang'],
    ['abh', 'caseworker', 'abh'],
    ['jobcenter', 'caseworker', 'jobcenter'],
    ['wh', 'caseworker', 'wh'],
    ['ki', 'case_manager', 'ki'],
    ['caritas', 'partner_staff', 'caritas'],
    ['land', 'state_reporter', 'land-nrw'],
  ])('lets %s sign in with the demo password as %s of agency %s', async (username, role, agency) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.roles).toContain(role);
    expect(me.agency.code).toBe(agency);
    expect(me.municipality).toMatchObject({ slug: 'wuppertal-demo', isDemo: true });
  });

  it('refuses a demo sign-in with a wrong password', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'not-the-demo-password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('records the seeding in an intact audit chain', async () => {
    const [m] = (await organisation()).municipalities;
    const rows = await db.system(
      async (tx) =>
        (
          await tx.query(
            `SELECT action, details FROM audit_log WHERE municipality_id = $1 ORDER BY seq LIMIT 1`,
            [m!.id],
          )
        ).rows,
    );
    expect(rows[0]).toMatchObject({ action: 'municipality.provision', details: { demo: true } });
    expect((await verifyAll(db)).ok).toBe(true);
  });

  it('seeds about forty persons with identifiers, residence, benefits, two households and duplicate pairs', async () => {
    const one = async (sql: string) =>
      db.system(async (tx) => (await tx.query<{ n: number }>(sql)).rows[0]!.n);
    expect(await count(db, 'person')).toBeGreaterThanOrEqual(40);
    expect(
      await one(`SELECT count(DISTINCT agency_id)::int AS n FROM person_identifier`),
    ).toBeGreaterThanOrEqual(3);
    expect(
      await one(`SELECT count(*)::int AS n FROM person WHERE family_name_original IS NOT NULL`),
    ).toBeGreaterThan(20);
    expect(
      await one(
        `SELECT count(*)::int AS n FROM person_residence WHERE valid_until BETWEEN current_date AND current_date + 42`,
      ),
    ).toBeGreaterThanOrEqual(3);
    expect(
      await one(`SELECT count(DISTINCT person_id)::int AS n FROM person_benefit b WHERE system = 'AsylbLG'
                 AND EXISTS (SELECT 1 FROM person_benefit s WHERE s.person_id = b.person_id AND s.system = 'SGB_II')`),
    ).toBeGreaterThanOrEqual(1);
    expect(
      await one(
        `SELECT count(*)::int AS n FROM household WHERE kind = 'bedarfsgemeinschaft' AND bg_number IS NOT NULL`,
      ),
    ).toBe(1);
    expect(
      await one(`SELECT count(*)::int AS n FROM person_relation WHERE relation = 'child_of'`),
    ).toBeGreaterThanOrEqual(4);
    expect(
      await one(
        `SELECT count(*)::int AS n FROM person WHERE given_names IN ('Mohammed', 'Muhammad') AND family_name IN ('Al-Hassan', 'Alhasan')`,
      ),
    ).toBe(2);
    expect(await one(`SELECT count(*)::int AS n FROM person WHERE search_name <> ''`)).toBe(
      await count(db, 'person'),
    );
  });

  it('seeds nothing on a second call', async () => {
    const before = await Promise.all(['municipality', 'site', 'agency', 'staff'].map((t) => count(db, t)));
    expect(await seedDemoIfEmpty(db, documents)).toBe(false);
    expect(await Promise.all(['municipality', 'site', 'agency', 'staff'].map((t) => count(db, t)))).toEqual(
      before,
    );
  });
});

describe('startLotse', () => {
  let env: Record<string, string>;
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const empty = await givenEmptyDatabase();
    env = { ...empty.env, JOBS: 'false', LOG_LEVEL: 'silent' };
    drop = empty.drop;
  });
  afterAll(() => drop());

  it('creates no municipality in production mode', async () => {
    const lotse = await startLotse(loadConfig({ ...env, LOTSE_MODE: 'production' } as NodeJS.ProcessEnv));
    try {
      expect(lotse.seeded).toBe(false);
      expect(lotse.jobs).toBeNull();
      expect(await count(lotse.db, 'municipality')).toBe(0);
      const res = await lotse.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
      });
      expect(res.statusCode).toBe(401);
    } finally {
      await lotse.close();
    }
  });

  it('seeds the demo once in demo mode, and not again on the next start', async () => {
    const config = loadConfig({ ...env, LOTSE_MODE: 'demo' } as NodeJS.ProcessEnv);
    const first = await startLotse(config);
    try {
      expect(first.seeded).toBe(true);
    } finally {
      await first.close();
    }
    const second = await startLotse(config);
    try {
      expect(second.seeded).toBe(false);
      expect(await count(second.db, 'municipality')).toBe(1);
    } finally {
      await second.close();
    }
  });
});

describe('the demo sign-in table printed at start', () => {
  it('names every demo sign-in the README promises, with the shared password', async () => {
    const { demoSignInTable } = await import('./demo.service');
    const table = demoSignInTable();
    expect(table).toContain('lotse-demo');
    for (const user of ['admin', 'empfang', 'abh', 'jobcenter', 'wh', 'ki', 'caritas', 'land'])
      expect(table).toMatch(new RegExp(`^\\s+${user}\\s`, 'm'));
  });
});
