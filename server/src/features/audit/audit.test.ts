import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type TestApp,
  TEST_PASSWORD,
  givenMunicipality,
  signIn,
  testApp,
  testConfig,
  uniq,
  usingPostgres,
} from '../../../test/harness';
import { buildApp } from '../../app';
import { runCli } from '../../cli';
import { type Database, openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';
import type { Actor } from '../auth/actor';
import { GENESIS_HASH, entryHash, recordAudit, verifyAll, verifyMunicipality } from './audit.service';

type Given = Awaited<ReturnType<typeof givenMunicipality>>;
type RawEntry = {
  seq: number;
  municipality_id: string | null;
  at: Date;
  actor_staff_id: string | null;
  actor_agency_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  purpose: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

/** The municipality's chain as stored, oldest first, read with the owner's privileges. */
const chainOf = (db: Database, municipalityId: string) =>
  db.system(
    async (tx) =>
      (
        await tx.query<RawEntry>(`SELECT * FROM audit_log WHERE municipality_id = $1 ORDER BY seq`, [
          municipalityId,
        ])
      ).rows,
  );

const entryWithRequestId = async (db: Database, requestId: string) => {
  const rows = await db.system(
    async (tx) =>
      (await tx.query<RawEntry>(`SELECT * FROM audit_log WHERE request_id = $1`, [requestId])).rows,
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
};

/** Changes the log behind the trigger's back, as someone with the owner's rights could. */
const tamper = (db: Database, sql: string, params: unknown[]) =>
  db.system(async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });

/** Puts a removed entry back exactly as it was (same seq), so the chain is whole again. */
const restore = (db: Database, e: RawEntry) =>
  db.system((tx) =>
    tx.query(
      `INSERT INTO audit_log (seq, municipality_id, at, actor_staff_id, actor_agency_id, action, subject_type,
         subject_id, purpose, request_id, details, prev_hash, hash)
       OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        e.seq,
        e.municipality_id,
        e.at.toISOString(),
        e.actor_staff_id,
        e.actor_agency_id,
        e.action,
        e.subject_type,
        e.subject_id,
        e.purpose,
        e.request_id,
        JSON.stringify(e.details),
        e.prev_hash,
        e.hash,
      ],
    ),
  );

const adminActor = (g: Given): Actor => {
  const admin = g.staff.get(g.users.municipal_admin)!;
  return {
    staffId: admin.id,
    municipalityId: g.municipality.id,
    agencyId: admin.agencyId,
    roles: ['municipal_admin'],
    authMethod: 'password',
    sessionIdHash: 'not-a-session',
    requestId: `test-${uniq()}`,
  };
};

describe('audit log', () => {
  let t: TestApp;
  let m: Given;
  let admin: string;
  const ownMunicipalities = new Set<string>();

  /** A municipality of this file, with a few audited events: sign-in, two sites, a staff change. */
  async function givenAuditedMunicipality(): Promise<{ g: Given; cookie: string; chain: RawEntry[] }> {
    const g = await givenMunicipality(t.db);
    ownMunicipalities.add(g.municipality.id);
    const cookie = await signIn(t.app, g.users.municipal_admin);
    for (const name of ['Nebenstelle Nord', 'Nebenstelle Süd']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/admin/sites',
        headers: { cookie },
        payload: { name, address: '' },
      });
      expect(res.statusCode).toBe(201);
    }
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/staff/${g.staff.get(g.users.caseworker)!.id}`,
      headers: { cookie },
      payload: { displayName: 'Umbenannt' },
    });
    expect(res.statusCode).toBe(200);
    return { g, cookie, chain: await chainOf(t.db, g.municipality.id) };
  }

  beforeAll(async () => {
    t = await testApp();
    m = await givenMunicipality(t.db);
    ownMunicipalities.add(m.municipality.id);
    admin = await signIn(t.app, m.users.municipal_admin);
  });
  afterAll(() => t.app.close());

  describe('what is recorded', () => {
    it('records a sign-in with actor, agency, subject and the request id of the response', async () => {
      const staff = m.staff.get(m.users.caseworker)!;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: m.users.caseworker, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const e = await entryWithRequestId(t.db, String(res.headers['x-request-id']));
      expect(e).toMatchObject({
        municipality_id: m.municipality.id,
        actor_staff_id: staff.id,
        actor_agency_id: staff.agencyId,
        action: 'auth.login',
        subject_type: 'staff',
        subject_id: staff.id,
      });
    });

    it('records a failed sign-in with its reason, and no session is created', async () => {
      const staff = m.staff.get(m.users.front_desk)!;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: m.users.front_desk, password: 'wrong-password-here' },
      });
      expect(res.statusCode).toBe(401);
      const e = await entryWithRequestId(t.db, String(res.headers['x-request-id']));
      expect(e).toMatchObject({
        municipality_id: m.municipality.id,
        actor_staff_id: staff.id,
        action: 'auth.login.failed',
        subject_id: staff.id,
        details: { reason: 'INVALID_CREDENTIALS' },
      });
    });

    it('records a sign-in attempt with an unknown user name in the system chain', async () => {
      const username = `nobody-${uniq()}`;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'whatever-password' },
      });
      expect(res.statusCode).toBe(401);
      const e = await entryWithRequestId(t.db, String(res.headers['x-request-id']));
      expect(e).toMatchObject({
        municipality_id: null,
        actor_staff_id: null,
        action: 'auth.login.failed',
        details: { reason: 'INVALID_CREDENTIALS', username },
      });
    });

    it('records a sign-out with the request id of the response', async () => {
      const staff = m.staff.get(m.users.case_manager)!;
      const cookie = await signIn(t.app, m.users.case_manager);
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
      expect(res.statusCode).toBe(204);
      const e = await entryWithRequestId(t.db, String(res.headers['x-request-id']));
      expect(e).toMatchObject({
        municipality_id: m.municipality.id,
        actor_staff_id: staff.id,
        actor_agency_id: staff.agencyId,
        action: 'auth.logout',
        subject_type: 'staff',
        subject_id: staff.id,
      });
    });

    it('records an administrator creating a site with actor, agency, subject and purpose', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/admin/sites',
        headers: { cookie: admin },
        payload: { name: `Außenstelle ${uniq()}`, address: 'Teststraße 2' },
      });
      expect(res.statusCode).toBe(201);
      const adminStaff = m.staff.get(m.users.municipal_admin)!;
      const e = await entryWithRequestId(t.db, String(res.headers['x-request-id']));
      expect(e).toMatchObject({
        municipality_id: m.municipality.id,
        actor_staff_id: adminStaff.id,
        actor_agency_id: adminStaff.agencyId,
        action: 'site.create',
        subject_type: 'site',
        subject_id: res.json().id,
        purpose: 'administration',
      });
    });

    it('records which fields an administrator changed on a staff member, without the password', async () => {
      const target = m.staff.get(m.users.state_reporter)!;
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/admin/staff/${target.id}`,
        headers: { cookie: admin },
        payload: { roles: ['state_reporter', 'caseworker'], password: 'a-new-long-password' },
      });
      expect(res.statusCode).toBe(200);
      const e = await entryWithRequestId(t.db, String(res.headers['x-request-id']));
      expect(e).toMatchObject({ action: 'staff.update', subject_type: 'staff', subject_id: target.id });
      expect(e.details).toEqual({ changed: ['roles', 'password'] });
      expect(JSON.stringify(e)).not.toContain('a-new-long-password');
    });

    it('records nothing for a change that was refused', async () => {
      const before = (await chainOf(t.db, m.municipality.id)).length;
      const lead = await signIn(t.app, m.users.agency_lead);
      const afterSignIn = (await chainOf(t.db, m.municipality.id)).length;
      expect(afterSignIn).toBe(before + 1);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/admin/sites',
        headers: { cookie: lead },
        payload: { name: `Verboten ${uniq()}`, address: '' },
      });
      expect(res.statusCode).toBe(403);
      expect(await chainOf(t.db, m.municipality.id)).toHaveLength(afterSignIn);
    });

    it("links every entry of a municipality's chain to the one before it, starting from the genesis hash", async () => {
      const chain = await chainOf(t.db, m.municipality.id);
      expect(chain.length).toBeGreaterThan(5);
      expect(chain[0]!.action).toBe('municipality.provision');
      let prev = GENESIS_HASH;
      for (const e of chain) {
        expect(e.prev_hash).toBe(prev);
        expect(
          entryHash({
            municipalityId: e.municipality_id,
            at: e.at,
            actorStaffId: e.actor_staff_id,
            actorAgencyId: e.actor_agency_id,
            action: e.action,
            subjectType: e.subject_type,
            subjectId: e.subject_id,
            purpose: e.purpose,
            requestId: e.request_id,
            details: e.details,
            prevHash: e.prev_hash,
          }),
        ).toBe(e.hash);
        prev = e.hash;
      }
    });

    it('keeps one unbroken chain when many events of a municipality are recorded at once', async () => {
      const g = await givenMunicipality(t.db);
      ownMunicipalities.add(g.municipality.id);
      const cookie = await signIn(t.app, g.users.municipal_admin);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          t.app.inject({
            method: 'POST',
            url: '/api/admin/sites',
            headers: { cookie },
            payload: { name: `Parallel ${i}`, address: '' },
          }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
      expect(await chainOf(t.db, g.municipality.id)).toHaveLength(10);
      expect(await verifyMunicipality(t.db, adminActor(g))).toEqual({
        ok: true,
        checked: 10,
        firstBroken: null,
      });
    });
    it('keeps details with quotes, backslashes and other scripts exactly, and the chain intact', async () => {
      const g = await givenMunicipality(t.db);
      ownMunicipalities.add(g.municipality.id);
      const cookie = await signIn(t.app, g.users.municipal_admin);
      const name = `O'Brien \\ "Zitat" \\n ${'\u0639\u0644\u064a'} ${uniq()}`;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/admin/sites',
        headers: { cookie },
        payload: { name, address: "Hof 'A' \\ 2" },
      });
      expect(res.statusCode).toBe(201);
      const entries = await chainOf(t.db, g.municipality.id);
      expect(entries.at(-1)).toMatchObject({ action: 'site.create', subject_id: res.json().id });
      await t.db.system((tx) =>
        recordAudit(tx, {
          municipalityId: g.municipality.id,
          actor: null,
          action: 'test.literal',
          details: { name, list: ["a'b", 'c\\d'], nested: { quote: "'" } },
        }),
      );
      const last = (await chainOf(t.db, g.municipality.id)).at(-1)!;
      expect(last.details).toEqual({ name, list: ["a'b", 'c\\d'], nested: { quote: "'" } });
      expect(await verifyMunicipality(t.db, adminActor(g))).toMatchObject({ ok: true, firstBroken: null });
    });
  });

  describe('verification', () => {
    it("reports a municipality's untouched chain as intact", async () => {
      const chain = await chainOf(t.db, m.municipality.id);
      expect(await verifyMunicipality(t.db, adminActor(m))).toEqual({
        ok: true,
        checked: chain.length,
        firstBroken: null,
      });
    });

    it('reports every chain of the database as intact', async () => {
      const r = await verifyAll(t.db);
      const total = await t.db.system(
        async (tx) => (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`)).rows[0]!.n,
      );
      if (!usingPostgres()) {
        expect(r).toEqual({ ok: true, checked: total, firstBroken: null });
        return;
      }
      // Other test files share this server database and may be tampering with their own chains right now.
      expect(r.checked).toBeGreaterThanOrEqual((await chainOf(t.db, m.municipality.id)).length);
      if (r.firstBroken) {
        const owner = await t.db.system(
          async (tx) =>
            (
              await tx.query<{ m: string | null }>(
                `SELECT municipality_id AS m FROM audit_log WHERE seq = $1`,
                [r.firstBroken!.seq],
              )
            ).rows[0]?.m,
        );
        expect(ownMunicipalities.has(owner ?? '')).toBe(false);
      }
    });

    it('answers POST /api/audit/verify with ok for an administrator', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/audit/verify',
        headers: { cookie: admin },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ok: true, firstBroken: null });
      expect(res.json().checked).toBeGreaterThan(0);
    });

    it("names exactly the changed entry when one entry's action was altered", async () => {
      const { g, cookie, chain } = await givenAuditedMunicipality();
      const victim = chain.find((e) => e.action === 'site.create')!;
      await tamper(t.db, `UPDATE audit_log SET action = 'site.delete' WHERE seq = $1`, [victim.seq]);
      try {
        const r = await verifyMunicipality(t.db, adminActor(g));
        expect(r.ok).toBe(false);
        expect(r.firstBroken).toEqual({
          seq: victim.seq,
          reason: expect.stringMatching(/does not match its hash/),
        });

        const res = await t.app.inject({ method: 'POST', url: '/api/audit/verify', headers: { cookie } });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ ok: false, firstBroken: { seq: victim.seq } });

        const all = await verifyAll(t.db);
        expect(all.ok).toBe(false);
        expect(all.firstBroken!.seq).toBeLessThanOrEqual(victim.seq);
        if (!usingPostgres()) expect(all.firstBroken!.seq).toBe(victim.seq);
      } finally {
        await tamper(t.db, `UPDATE audit_log SET action = $2 WHERE seq = $1`, [victim.seq, victim.action]);
      }
      expect((await verifyMunicipality(t.db, adminActor(g))).ok).toBe(true);
    });

    it('names the changed entry when its details were altered', async () => {
      const { g, chain } = await givenAuditedMunicipality();
      const victim = chain.find((e) => e.action === 'staff.update')!;
      await tamper(t.db, `UPDATE audit_log SET details = '{"changed":[]}'::jsonb WHERE seq = $1`, [
        victim.seq,
      ]);
      const r = await verifyMunicipality(t.db, adminActor(g));
      expect(r.firstBroken?.seq).toBe(victim.seq);
      await tamper(t.db, `UPDATE audit_log SET details = $2::jsonb WHERE seq = $1`, [
        victim.seq,
        JSON.stringify(victim.details),
      ]);
      expect((await verifyMunicipality(t.db, adminActor(g))).ok).toBe(true);
    });

    it('names the entry after a removed one in the middle of the chain', async () => {
      const { g, cookie, chain } = await givenAuditedMunicipality();
      expect(chain.length).toBeGreaterThanOrEqual(4);
      const before = chain[1]!;
      const removed = chain[2]!;
      const after = chain[3]!;
      await tamper(t.db, `DELETE FROM audit_log WHERE seq = $1`, [removed.seq]);
      try {
        const r = await verifyMunicipality(t.db, adminActor(g));
        expect(r.ok).toBe(false);
        expect(r.firstBroken!.seq).toBe(after.seq);
        expect(r.firstBroken!.reason).toContain(`does not link to entry ${before.seq}`);

        const res = await t.app.inject({ method: 'POST', url: '/api/audit/verify', headers: { cookie } });
        expect(res.json()).toMatchObject({ ok: false, firstBroken: { seq: after.seq } });
      } finally {
        await restore(t.db, removed);
      }
      expect((await verifyMunicipality(t.db, adminActor(g))).ok).toBe(true);
    });

    it('names the new first entry when the start of the chain was removed', async () => {
      const { g, chain } = await givenAuditedMunicipality();
      await tamper(t.db, `DELETE FROM audit_log WHERE seq = $1`, [chain[0]!.seq]);
      try {
        const r = await verifyMunicipality(t.db, adminActor(g));
        expect(r.firstBroken).toEqual({ seq: chain[1]!.seq, reason: expect.stringMatching(/genesis/) });
      } finally {
        await restore(t.db, chain[0]!);
      }
      expect((await verifyMunicipality(t.db, adminActor(g))).ok).toBe(true);
    });

    it("does not report another municipality's tampering as a break in the own chain", async () => {
      const { chain } = await givenAuditedMunicipality();
      const victim = chain[1]!;
      await tamper(t.db, `UPDATE audit_log SET action = 'forged' WHERE seq = $1`, [victim.seq]);
      try {
        expect((await verifyMunicipality(t.db, adminActor(m))).ok).toBe(true);
      } finally {
        await tamper(t.db, `UPDATE audit_log SET action = $2 WHERE seq = $1`, [victim.seq, victim.action]);
      }
    });
  });

  describe('append-only storage', () => {
    it('refuses the owner to change an audit entry', async () => {
      const [first] = await chainOf(t.db, m.municipality.id);
      await expect(
        t.db.system((tx) => tx.query(`UPDATE audit_log SET action = 'x' WHERE seq = $1`, [first!.seq])),
      ).rejects.toThrow(/append-only/);
    });

    it('refuses the owner to delete an audit entry', async () => {
      const [first] = await chainOf(t.db, m.municipality.id);
      await expect(
        t.db.system((tx) => tx.query(`DELETE FROM audit_log WHERE seq = $1`, [first!.seq])),
      ).rejects.toThrow(/append-only/);
    });

    it('refuses the owner to truncate the audit log', async () => {
      await expect(t.db.system((tx) => tx.query(`TRUNCATE audit_log`))).rejects.toThrow(/append-only/);
    });

    it('refuses the restricted role to change or delete audit entries', async () => {
      await expect(
        t.db.tenant(m.municipality.id, (tx) => tx.query(`UPDATE audit_log SET action = 'x'`)),
      ).rejects.toThrow(/permission denied/);
      await expect(t.db.tenant(m.municipality.id, (tx) => tx.query(`DELETE FROM audit_log`))).rejects.toThrow(
        /permission denied/,
      );
    });

    it('keeps the chain whole after the refused attempts', async () => {
      expect((await verifyMunicipality(t.db, adminActor(m))).ok).toBe(true);
    });
  });

  describe('GET /api/audit', () => {
    it('pages through the whole chain newest first, following nextBefore', async () => {
      const { cookie, chain } = await givenAuditedMunicipality();
      const seen: { seq: number; action: string; requestId: string | null }[] = [];
      let before: number | null = null;
      for (let page = 0; page < 10; page++) {
        const url: string = `/api/audit?limit=2${before ? `&before=${before}` : ''}`;
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
        expect(res.statusCode).toBe(200);
        const body = res.json() as { entries: typeof seen; nextBefore: number | null };
        expect(body.entries.length).toBeLessThanOrEqual(2);
        seen.push(...body.entries);
        if (body.nextBefore === null) break;
        expect(body.nextBefore).toBe(body.entries[body.entries.length - 1]!.seq);
        before = body.nextBefore;
      }
      // The sign-in above happened before the chain was read; GET /api/audit itself is not audited.
      expect(seen.map((e) => e.seq)).toEqual(chain.map((e) => e.seq).reverse());
      expect(seen.map((e) => e.action)).toEqual(chain.map((e) => e.action).reverse());
      expect(seen[seen.length - 1]!.action).toBe('municipality.provision');
    });

    it('names the acting staff member and carries the request id', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/audit?limit=200',
        headers: { cookie: admin },
      });
      const site = (res.json().entries as { action: string; actorName: string; requestId: string }[]).find(
        (e) => e.action === 'site.create',
      );
      expect(site).toMatchObject({ actorName: 'Test municipal_admin', requestId: expect.any(String) });
    });

    it('answers an empty last page with no nextBefore', async () => {
      const chain = await chainOf(t.db, m.municipality.id);
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/audit?before=${chain[0]!.seq}`,
        headers: { cookie: admin },
      });
      expect(res.json()).toEqual({ entries: [], nextBefore: null });
    });

    it.each(['limit=0', 'limit=201', 'before=-1', 'before=abc'])(
      'refuses the query %s with 400',
      async (q) => {
        const res = await t.app.inject({ method: 'GET', url: `/api/audit?${q}`, headers: { cookie: admin } });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      },
    );
  });

  describe('who may read and verify the log', () => {
    const routes = [
      ['GET', '/api/audit'],
      ['POST', '/api/audit/verify'],
    ] as const;

    it.each(routes)('answers %s %s with 403 for a front-desk user', async (method, url) => {
      const cookie = await signIn(t.app, m.users.front_desk);
      const res = await t.app.inject({ method, url, headers: { cookie } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    });

    it.each(routes)('answers %s %s with 403 for an agency lead', async (method, url) => {
      const cookie = await signIn(t.app, m.users.agency_lead);
      const res = await t.app.inject({ method, url, headers: { cookie } });
      expect(res.statusCode).toBe(403);
    });

    it.each(routes)('answers %s %s with 401 without a session', async (method, url) => {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    });

    it.each(routes)('answers %s %s with 401 after sign-out', async (method, url) => {
      const cookie = await signIn(t.app, m.users.municipal_admin);
      await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
      const res = await t.app.inject({ method, url, headers: { cookie } });
      expect(res.statusCode).toBe(401);
    });
  });
});

describe('npm run lotse -- audit verify and bootstrap', () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let tampered: number;

  const openCliDb = () =>
    openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? 'memory://' });
  const runWith = async (e: Record<string, string>, argv: string[]) => {
    const lines: string[] = [];
    const code = await runCli(argv, (l) => lines.push(l), e as NodeJS.ProcessEnv);
    return { code, out: lines.join('\n') };
  };
  const run = (...argv: string[]) => runWith(env, argv);
  // A database that cannot be reached: a command that opened it would fail instead of answering.
  const unreachable = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', LOG_LEVEL: 'silent' };
  const runOffline = (...argv: string[]) => runWith(unreachable, argv);

  beforeAll(async () => {
    // A database of its own: verify checks every chain, and other test files break theirs on purpose.
    if (usingPostgres()) {
      const base = inject('testDatabaseUrl');
      const name = `lotse_cli_${uniq()}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(base);
      url.pathname = `/${name}`;
      env = { DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' };
      cleanup = async () => {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-cli-'));
      env = { DATA_DIR: dir, LOG_LEVEL: 'silent' };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    const db = await openCliDb();
    try {
      await migrate(db);
      const g = await givenMunicipality(db);
      const app = await buildApp({ config: testConfig(), db });
      const cookie = await signIn(app, g.users.municipal_admin);
      await app.inject({
        method: 'POST',
        url: '/api/admin/sites',
        headers: { cookie },
        payload: { name: 'Nord' },
      });
      await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
      await app.close();
      tampered = (await chainOf(db, g.municipality.id))[1]!.seq;
    } finally {
      await db.close();
    }
  });
  afterAll(() => cleanup?.());

  it('reports an untouched log as intact with exit code 0', async () => {
    const { code, out } = await run('audit', 'verify');
    expect(out).toMatch(/intact: 4 entries checked/);
    expect(code).toBe(0);
  });

  it('names the broken entry with exit code 1 after an entry was changed', async () => {
    const db = await openCliDb();
    try {
      await tamper(db, `UPDATE audit_log SET action = 'forged' WHERE seq = $1`, [tampered]);
    } finally {
      await db.close();
    }
    const { code, out } = await run('audit', 'verify');
    expect(out).toContain(`BROKEN at entry ${tampered}`);
    expect(out).toMatch(/changed/);
    expect(code).toBe(1);
  });

  it('creates a municipality whose administrator can sign in', async () => {
    const slug = `boot-${uniq()}`;
    const { code, out } = await run(
      'bootstrap',
      '--municipality',
      'Stadt Musterhausen',
      '--slug',
      slug,
      '--username',
      `Chef-${slug}`,
      '--password',
      'bootstrap-password-1',
    );
    expect(out).toContain(`administrator chef-${slug}`);
    expect(out).not.toContain('Generated password');
    expect(code).toBe(0);

    const db = await openCliDb();
    try {
      const app = await buildApp({ config: testConfig(), db });
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `chef-${slug}`, password: 'bootstrap-password-1' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        roles: ['municipal_admin'],
        municipality: { slug, name: 'Stadt Musterhausen', isDemo: false },
        agency: { code: 'verwaltung' },
      });
      await app.close();
    } finally {
      await db.close();
    }
  });

  it('prints a generated password that signs in when none is given', async () => {
    const slug = `boot-${uniq()}`;
    const { code, out } = await run(
      'bootstrap',
      '--municipality',
      'Generiert',
      '--slug',
      slug,
      '--username',
      `gen-${slug}`,
    );
    expect(code).toBe(0);
    const password = /Generated password: (\S+)/.exec(out)?.[1];
    expect(password).toBeDefined();
    const db = await openCliDb();
    try {
      const app = await buildApp({ config: testConfig(), db });
      await signIn(app, `gen-${slug}`, password);
      await app.close();
    } finally {
      await db.close();
    }
  });

  it.each([
    ['--slug', 'x-slug', '--username', 'someone'],
    ['--municipality', 'Ohne Slug', '--username', 'someone'],
    ['--municipality', 'Ohne Benutzer', '--slug', 'x-slug'],
  ])('refuses bootstrap with a missing argument (%s %s %s %s) with exit code 2', async (...args) => {
    const { code, out } = await runOffline('bootstrap', ...args);
    expect(code).toBe(2);
    expect(out).toContain('bootstrap needs --municipality, --slug and --username');
  });

  it.each([
    ['--slug', 'Keine Leerzeichen', 'The slug must'],
    ['--username', 'x', 'The user name must'],
    ['--username', 'chef admin', 'The user name must'],
    ['--password', 'short', 'The password must be at least 10 characters'],
    ['--password', 'x'.repeat(201), 'The password must be at most 200 characters'],
    ['--pasword', 'typo-in-the-flag', "Unknown option '--pasword'"],
  ])(
    'refuses bootstrap with %s %s with exit code 2, before opening the database',
    async (flag, value, message) => {
      const args: Record<string, string> = {
        '--municipality': 'Ungültig',
        '--slug': 'ungueltig',
        '--username': 'ungueltig',
        '--password': 'long-enough-password',
        [flag]: value,
      };
      const { code, out } = await runOffline('bootstrap', ...Object.entries(args).flat());
      expect(out).toContain(message);
      expect(code).toBe(2);
    },
  );

  it('refuses bootstrap of a slug that is already taken with exit code 1', async () => {
    const slug = `boot-${uniq()}`;
    const first = await run(
      'bootstrap',
      '--municipality',
      'Erste',
      '--slug',
      slug,
      '--username',
      `a-${slug}`,
    );
    expect(first.code).toBe(0);
    const { code, out } = await run(
      'bootstrap',
      '--municipality',
      'Zweite',
      '--slug',
      slug,
      '--username',
      `b-${slug}`,
    );
    expect(out).toContain(`slug ${slug} is already taken`);
    expect(code).toBe(1);
  });

  it('refuses bootstrap of a user name that is already taken with exit code 1', async () => {
    const slug = `boot-${uniq()}`;
    const first = await run(
      'bootstrap',
      '--municipality',
      'Erste',
      '--slug',
      slug,
      '--username',
      `a-${slug}`,
    );
    expect(first.code).toBe(0);
    const { code, out } = await run(
      'bootstrap',
      '--municipality',
      'Zweite',
      '--slug',
      `${slug}-2`,
      '--username',
      `a-${slug}`,
    );
    expect(out).toContain(`user name a-${slug} is already taken`);
    expect(code).toBe(1);
  });

  it('answers an unknown command with the usage and exit code 2', async () => {
    const { code, out } = await runOffline('audit', 'repair');
    expect(code).toBe(2);
    expect(out).toContain('Usage: npm run lotse');
  });

  it('applies the migrations with exit code 0', async () => {
    expect(await run('migrate')).toEqual({ code: 0, out: 'Migrations applied.' });
  });

  it('fails audit verify when the database cannot be reached', async () => {
    await expect(runOffline('audit', 'verify')).rejects.toThrow();
  });

  it('answers no command with the usage and exit code 2', async () => {
    const { code, out } = await runOffline();
    expect(code).toBe(2);
    expect(out).toContain('audit verify');
  });
});
