import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, givenMunicipality, signIn, testApp, uniq } from '../../test/harness';

type Given = Awaited<ReturnType<typeof givenMunicipality>>;

describe('tenancy: municipalities never see each other', () => {
  let t: TestApp;
  let a: Given;
  let b: Given;
  let adminA: string;

  beforeAll(async () => {
    t = await testApp();
    [a, b] = await Promise.all([givenMunicipality(t.db), givenMunicipality(t.db)]);
    adminA = await signIn(t.app, a.users.municipal_admin);
  });
  afterAll(() => t.app.close());

  const idOf = (g: Given) => g.municipality.id;
  const staffIdOf = (g: Given, username: string) => g.staff.get(username)!.id;
  const siteIdOf = (g: Given) => g.agencies.get('abh')!.siteId!;

  describe('row-level security in the database', () => {
    it.each(['staff', 'agency', 'site', 'audit_log'])(
      "shows only the own municipality's rows of %s to raw SQL in a tenant transaction",
      async (table) => {
        const rows = await t.db.tenant(
          idOf(a),
          async (tx) => (await tx.query(`SELECT * FROM ${table}`)).rows,
        );
        expect(rows.length).toBeGreaterThan(0);
        expect(new Set(rows.map((r) => r.municipality_id))).toEqual(new Set([idOf(a)]));
        const all = await t.db.system(
          async (tx) =>
            (await tx.query(`SELECT count(*)::int AS n FROM ${table} WHERE municipality_id = $1`, [idOf(b)]))
              .rows[0]!.n,
        );
        expect(all).toBeGreaterThan(0);
      },
    );

    it('shows a tenant its own municipality and no other', async () => {
      const rows = await t.db.tenant(
        idOf(a),
        async (tx) => (await tx.query(`SELECT id FROM municipality`)).rows,
      );
      expect(rows).toEqual([{ id: idOf(a) }]);
    });

    it("shows exactly the own municipality's seven staff members", async () => {
      const usernames = await t.db.tenant(idOf(a), async (tx) =>
        (await tx.query<{ username: string }>(`SELECT username FROM staff ORDER BY username`)).rows.map(
          (r) => r.username,
        ),
      );
      expect(usernames).toEqual(Object.values(a.users).sort());
    });

    it('shows nothing to a tenant transaction for a municipality that does not exist', async () => {
      const counts = await t.db.tenant('00000000-0000-4000-8000-000000000000', async (tx) => {
        const { rows } = await tx.query<{ s: number; m: number; l: number }>(
          `SELECT (SELECT count(*)::int FROM staff) AS s, (SELECT count(*)::int FROM municipality) AS m,
                  (SELECT count(*)::int FROM audit_log) AS l`,
        );
        return rows[0];
      });
      expect(counts).toEqual({ s: 0, m: 0, l: 0 });
    });

    it("refuses to find another municipality's staff member by id", async () => {
      const rows = await t.db.tenant(
        idOf(a),
        async (tx) =>
          (await tx.query(`SELECT id FROM staff WHERE id = $1`, [staffIdOf(b, b.users.front_desk)])).rows,
      );
      expect(rows).toEqual([]);
    });

    it("refuses to insert a site with another municipality's id", async () => {
      await expect(
        t.db.tenant(idOf(a), (tx) =>
          tx.query(`INSERT INTO site (municipality_id, name) VALUES ($1, $2)`, [idOf(b), `Fremd ${uniq()}`]),
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it("refuses to insert an agency with another municipality's id", async () => {
      await expect(
        t.db.tenant(idOf(a), (tx) =>
          tx.query(
            `INSERT INTO agency (municipality_id, kind, code, name, legal_domains) VALUES ($1, 'agency', $2, 'Fremd', '{none}')`,
            [idOf(b), `x-${uniq()}`],
          ),
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it("refuses to insert a staff member with another municipality's id", async () => {
      await expect(
        t.db.tenant(idOf(a), (tx) =>
          tx.query(
            `INSERT INTO staff (municipality_id, agency_id, username, display_name, roles)
             VALUES ($1, $2, $3, 'Eingeschleust', '{municipal_admin}')`,
            [idOf(b), b.agencies.get('verwaltung')!.id, `intruder-${uniq()}`],
          ),
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it("refuses to insert an audit entry into another municipality's chain", async () => {
      await expect(
        t.db.tenant(idOf(a), (tx) =>
          tx.query(
            `INSERT INTO audit_log (municipality_id, at, action, prev_hash, hash) VALUES ($1, now(), 'forged', 'x', 'y')`,
            [idOf(b)],
          ),
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('refuses to move the own staff member into another municipality', async () => {
      await expect(
        t.db.tenant(idOf(a), (tx) =>
          tx.query(`UPDATE staff SET municipality_id = $1 WHERE id = $2`, [
            idOf(b),
            staffIdOf(a, a.users.front_desk),
          ]),
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it("changes nothing when a tenant updates another municipality's staff member", async () => {
      const target = staffIdOf(b, b.users.caseworker);
      const { rowCount } = await t.db.tenant(idOf(a), (tx) =>
        tx.query(`UPDATE staff SET display_name = 'Übernommen', active = false WHERE id = $1`, [target]),
      );
      expect(rowCount).toBe(0);
      const row = await t.db.system(
        async (tx) =>
          (await tx.query(`SELECT display_name, active FROM staff WHERE id = $1`, [target])).rows[0],
      );
      expect(row).toEqual({ display_name: 'Test caseworker', active: true });
    });

    it('refuses the restricted role any access to the session table', async () => {
      await expect(t.db.tenant(idOf(a), (tx) => tx.query(`SELECT * FROM session`))).rejects.toThrow(
        /permission denied/,
      );
      await expect(t.db.tenant(idOf(a), (tx) => tx.query(`DELETE FROM session`))).rejects.toThrow(
        /permission denied/,
      );
    });

    it('refuses the restricted role any change to municipalities', async () => {
      await expect(
        t.db.tenant(idOf(a), (tx) =>
          tx.query(`UPDATE municipality SET name = 'Umbenannt' WHERE id = $1`, [idOf(a)]),
        ),
      ).rejects.toThrow(/permission denied/);
    });
  });

  describe('over HTTP', () => {
    it("lists only the own municipality's staff to an administrator", async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/admin/staff', headers: { cookie: adminA } });
      expect(res.statusCode).toBe(200);
      const usernames = (res.json() as { username: string }[]).map((s) => s.username).sort();
      expect(usernames).toEqual(Object.values(a.users).sort());
    });

    it("shows only the own municipality's sites and agencies in the organisation", async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/organisation',
        headers: { cookie: adminA },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json() as {
        municipality: { id: string };
        sites: { id: string }[];
        agencies: { id: string }[];
      };
      expect(body.municipality.id).toBe(idOf(a));
      expect(body.sites.map((s) => s.id)).toEqual([siteIdOf(a)]);
      expect(body.agencies.map((x) => x.id).sort()).toEqual([...a.agencies.values()].map((x) => x.id).sort());
    });

    it("answers 404 when an administrator changes another municipality's staff member", async () => {
      const target = staffIdOf(b, b.users.front_desk);
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/admin/staff/${target}`,
        headers: { cookie: adminA },
        payload: { displayName: 'Übernommen', active: false },
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      const row = await t.db.system(
        async (tx) =>
          (await tx.query(`SELECT display_name, active FROM staff WHERE id = $1`, [target])).rows[0],
      );
      expect(row).toEqual({ display_name: 'Test front_desk', active: true });
    });

    it("answers 404 when an administrator changes another municipality's site", async () => {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/admin/sites/${siteIdOf(b)}`,
        headers: { cookie: adminA },
        payload: { name: 'Übernommen', address: '', active: false },
      });
      expect(res.statusCode).toBe(404);
    });

    it("answers 404 when an administrator changes another municipality's agency", async () => {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/admin/agencies/${b.agencies.get('abh')!.id}`,
        headers: { cookie: adminA },
        payload: {
          kind: 'agency',
          code: 'abh',
          name: 'Übernommen',
          legalDomains: ['AufenthG'],
          siteId: null,
        },
      });
      expect(res.statusCode).toBe(404);
    });

    it("refuses with 400 naming agencyId to create a staff member in another municipality's agency", async () => {
      const username = `fremd-${uniq()}`;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/admin/staff',
        headers: { cookie: adminA },
        payload: {
          username,
          displayName: 'Fremd',
          agencyId: b.agencies.get('abh')!.id,
          roles: ['caseworker'],
          password: 'a-long-enough-password',
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields).toHaveProperty('agencyId');
      const n = await t.db.system(
        async (tx) =>
          (await tx.query(`SELECT count(*)::int AS n FROM staff WHERE username = $1`, [username])).rows[0]!.n,
      );
      expect(n).toBe(0);
    });

    it("refuses with 400 naming agencyId to move a staff member into another municipality's agency", async () => {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/admin/staff/${staffIdOf(a, a.users.caseworker)}`,
        headers: { cookie: adminA },
        payload: { agencyId: b.agencies.get('abh')!.id },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty('agencyId');
    });

    it("refuses with 400 naming siteId to create an agency on another municipality's site", async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/admin/agencies',
        headers: { cookie: adminA },
        payload: {
          kind: 'agency',
          code: `x-${uniq()}`,
          name: 'Fremd',
          legalDomains: ['none'],
          siteId: siteIdOf(b),
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields).toHaveProperty('siteId');
    });

    it("refuses with 400 naming siteId to move an agency onto another municipality's site", async () => {
      const own = a.agencies.get('jobcenter')!;
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/admin/agencies/${own.id}`,
        headers: { cookie: adminA },
        payload: {
          kind: own.kind,
          code: own.code,
          name: own.name,
          legalDomains: own.legalDomains,
          siteId: siteIdOf(b),
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty('siteId');
    });

    it("shows an administrator only the own municipality's audit entries", async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/audit?limit=200',
        headers: { cookie: adminA },
      });
      expect(res.statusCode).toBe(200);
      const bStaff = new Set<string>([...b.staff.values()].map((s) => s.id));
      const entries = res.json().entries as { actorStaffId: string | null; subjectId: string | null }[];
      expect(entries.length).toBeGreaterThan(0);
      for (const e of entries) {
        expect(bStaff.has(e.actorStaffId ?? '')).toBe(false);
        expect(e.subjectId).not.toBe(idOf(b));
      }
    });
  });
});
