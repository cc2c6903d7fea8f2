import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { dataCategories, purposes, type Role } from '@lotse/common';
import { buildApp } from '../src/app';
import { type Config, loadConfig } from '../src/config';
import { type Database, openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { DEMO_LEGAL_BASES } from '../src/features/demo/demo.data';
import {
  type MunicipalitySpec,
  provisionMunicipality,
} from '../src/features/organisation/organisation.service';

/** The database under test: PostgreSQL when the run has TEST_DATABASE_URL, else an in-memory PGlite per test file. */
export const usingPostgres = () => inject('testDatabaseUrl') !== '';

let shared: Promise<Database> | null = null;

/** One migrated database per test file; tests stay apart by each creating its own municipality. */
export function testDb(): Promise<Database> {
  shared ??= (async () => {
    const url = inject('testDatabaseUrl');
    const db = await openDatabase({ databaseUrl: url || undefined, dataDir: 'memory://' });
    await migrate(db);
    return db;
  })();
  return shared;
}

export const testConfig = (overrides: Partial<Config> = {}): Config =>
  loadConfig({ LOG_LEVEL: 'silent', JOBS: 'false' } as NodeJS.ProcessEnv, overrides);

export type TestApp = { app: FastifyInstance; db: Database; config: Config; logs: string[] };

/** An app on the shared test database, with its logs captured. */
export async function testApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const db = await testDb();
  const config = testConfig(overrides);
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({ config, db, logStream });
  await app.ready();
  return { app, db, config, logs };
}

export const uniq = () => randomBytes(4).toString('hex');
export const TEST_PASSWORD = 'correct-horse-battery';

/**
 * Legal bases of a test municipality. `registry`: the demo's identification bases (core identity for
 * identification; core identity of persons an agency serves itself). `open`: every category between all agencies
 * for every purpose (for tests of the registry itself, not of sharing). `none`: consent only.
 */
export type Sharing = 'none' | 'registry' | 'open';
const SHARING: Record<Sharing, NonNullable<MunicipalitySpec['legalBases']>> = {
  none: [],
  registry: DEMO_LEGAL_BASES.slice(0, 2),
  open: [
    {
      paragraph: 'Test',
      title: 'Everything between all agencies (tests of the registry, not of sharing)',
      description: '',
      from: [],
      to: [],
      categories: [...dataCategories],
      fields: [],
      purposes: [...purposes],
      servedOnly: false,
      active: true,
    },
  ],
};

/**
 * A fresh municipality with a site, an agency (Ausländerbehörde), a Jobcenter, a partner, and one staff member
 * per role. Usernames are `<role>-<suffix>` and returned in `users`.
 */
export async function givenMunicipality(db: Database, opts: { isDemo?: boolean; sharing?: Sharing } = {}) {
  const s = uniq();
  const roles: Role[] = [
    'municipal_admin',
    'front_desk',
    'caseworker',
    'case_manager',
    'agency_lead',
    'partner_staff',
    'state_reporter',
    'data_protection_officer',
  ];
  const agencyOf = (r: Role) =>
    r === 'partner_staff' ? 'partner' : r === 'caseworker' || r === 'agency_lead' ? 'abh' : 'verwaltung';
  const { municipality, agencies, staff } = await provisionMunicipality(db, {
    municipality: { slug: `test-${s}`, name: `Testkommune ${s}`, isDemo: opts.isDemo ?? false },
    sites: [{ key: 'main', name: 'Haus der Integration', address: 'Teststraße 1' }],
    agencies: [
      { kind: 'agency', code: 'verwaltung', name: 'Verwaltung', legalDomains: ['none'], site: 'main' },
      { kind: 'agency', code: 'abh', name: 'Ausländerbehörde', legalDomains: ['AufenthG'], site: 'main' },
      { kind: 'agency', code: 'jobcenter', name: 'Jobcenter', legalDomains: ['SGB_II'], site: 'main' },
      { kind: 'partner', code: 'partner', name: 'Caritas', legalDomains: ['none'], site: null },
    ],
    staff: roles.map((r) => ({
      username: `${r.replace('_', '-')}-${s}`,
      displayName: `Test ${r}`,
      agency: agencyOf(r),
      roles: [r],
      password: TEST_PASSWORD,
    })),
    legalBases: SHARING[opts.sharing ?? 'registry'],
  });
  const users = Object.fromEntries(roles.map((r) => [r, `${r.replace('_', '-')}-${s}`])) as Record<
    Role,
    string
  >;
  return { municipality, agencies, staff, users, suffix: s };
}

/** Signs in over HTTP and returns the Cookie header for later requests. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lotse_session');
  if (!cookie) throw new Error('no session cookie');
  return `lotse_session=${cookie.value}`;
}
