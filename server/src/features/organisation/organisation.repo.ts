import type { Agency, AgencyInput, Municipality, Site, SiteInput, Staff } from '@lotse/common';
import type { Tx } from '../../db/database';

const MUNICIPALITY = `id, slug, name, is_demo AS "isDemo"`;
const SITE = `id, name, address, active`;
const AGENCY = `id, kind, code, name, legal_domains AS "legalDomains", site_id AS "siteId", active`;
const STAFF = `id, username, display_name AS "displayName", email, agency_id AS "agencyId", roles, active,
  totp_enabled AS "totpEnabled", locked_until AS "lockedUntil"`;

type StaffRow = Omit<Staff, 'lockedUntil'> & { lockedUntil: Date | null };
const toStaff = (r: StaffRow): Staff => ({
  ...r,
  lockedUntil: r.lockedUntil && r.lockedUntil > new Date() ? r.lockedUntil.toISOString() : null,
});

export async function insertMunicipality(
  tx: Tx,
  m: { slug: string; name: string; isDemo: boolean },
): Promise<Municipality> {
  const { rows } = await tx.query<Municipality>(
    `INSERT INTO municipality (slug, name, is_demo) VALUES ($1, $2, $3) RETURNING ${MUNICIPALITY}`,
    [m.slug, m.name, m.isDemo],
  );
  return rows[0]!;
}

export async function getMunicipality(tx: Tx, id: string): Promise<Municipality | null> {
  const { rows } = await tx.query<Municipality>(`SELECT ${MUNICIPALITY} FROM municipality WHERE id = $1`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function findMunicipalityBySlug(tx: Tx, slug: string): Promise<Municipality | null> {
  const { rows } = await tx.query<Municipality>(`SELECT ${MUNICIPALITY} FROM municipality WHERE slug = $1`, [
    slug,
  ]);
  return rows[0] ?? null;
}

export async function countMunicipalities(tx: Tx): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM municipality`);
  return rows[0]!.n;
}

export async function listSites(tx: Tx): Promise<Site[]> {
  return (await tx.query<Site>(`SELECT ${SITE} FROM site ORDER BY name`)).rows;
}

export async function insertSite(tx: Tx, municipalityId: string, s: SiteInput): Promise<Site> {
  const { rows } = await tx.query<Site>(
    `INSERT INTO site (municipality_id, name, address, active) VALUES ($1, $2, $3, $4) RETURNING ${SITE}`,
    [municipalityId, s.name, s.address, s.active],
  );
  return rows[0]!;
}

export async function updateSite(tx: Tx, id: string, s: SiteInput): Promise<Site | null> {
  const { rows } = await tx.query<Site>(
    `UPDATE site SET name = $2, address = $3, active = $4, updated_at = now() WHERE id = $1 RETURNING ${SITE}`,
    [id, s.name, s.address, s.active],
  );
  return rows[0] ?? null;
}

export async function listAgencies(tx: Tx): Promise<Agency[]> {
  return (await tx.query<Agency>(`SELECT ${AGENCY} FROM agency ORDER BY kind, name`)).rows;
}

export async function getAgency(tx: Tx, id: string): Promise<Agency | null> {
  const { rows } = await tx.query<Agency>(`SELECT ${AGENCY} FROM agency WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function findAgencyByCode(tx: Tx, code: string): Promise<Agency | null> {
  const { rows } = await tx.query<Agency>(`SELECT ${AGENCY} FROM agency WHERE code = $1`, [code]);
  return rows[0] ?? null;
}

export async function insertAgency(tx: Tx, municipalityId: string, a: AgencyInput): Promise<Agency> {
  const { rows } = await tx.query<Agency>(
    `INSERT INTO agency (municipality_id, kind, code, name, legal_domains, site_id, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${AGENCY}`,
    [municipalityId, a.kind, a.code, a.name, a.legalDomains, a.siteId, a.active],
  );
  return rows[0]!;
}

export async function updateAgency(tx: Tx, id: string, a: AgencyInput): Promise<Agency | null> {
  const { rows } = await tx.query<Agency>(
    `UPDATE agency SET kind = $2, code = $3, name = $4, legal_domains = $5, site_id = $6, active = $7,
            updated_at = now()
      WHERE id = $1 RETURNING ${AGENCY}`,
    [id, a.kind, a.code, a.name, a.legalDomains, a.siteId, a.active],
  );
  return rows[0] ?? null;
}

export async function listStaff(tx: Tx): Promise<Staff[]> {
  return (await tx.query<StaffRow>(`SELECT ${STAFF} FROM staff ORDER BY display_name`)).rows.map(toStaff);
}

export async function getStaff(tx: Tx, id: string): Promise<Staff | null> {
  const { rows } = await tx.query<StaffRow>(`SELECT ${STAFF} FROM staff WHERE id = $1`, [id]);
  return rows[0] ? toStaff(rows[0]) : null;
}

export async function insertStaff(
  tx: Tx,
  municipalityId: string,
  s: {
    username: string;
    displayName: string;
    email: string | null;
    agencyId: string;
    roles: string[];
    passwordHash: string | null;
    oidcIssuer?: string | null;
    oidcSubject?: string | null;
  },
): Promise<Staff> {
  const { rows } = await tx.query<StaffRow>(
    `INSERT INTO staff (municipality_id, username, display_name, email, agency_id, roles, password_hash,
                        oidc_issuer, oidc_subject)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${STAFF}`,
    [
      municipalityId,
      s.username,
      s.displayName,
      s.email,
      s.agencyId,
      s.roles,
      s.passwordHash,
      s.oidcIssuer ?? null,
      s.oidcSubject ?? null,
    ],
  );
  return toStaff(rows[0]!);
}

export async function updateStaff(
  tx: Tx,
  id: string,
  s: {
    displayName?: string | undefined;
    email?: string | null | undefined;
    agencyId?: string | undefined;
    roles?: string[] | undefined;
    active?: boolean | undefined;
    passwordHash?: string | undefined;
    unlock?: boolean | undefined;
  },
): Promise<Staff | null> {
  const { rows } = await tx.query<StaffRow>(
    `UPDATE staff SET
        display_name = coalesce($2, display_name),
        email = CASE WHEN $3::boolean THEN $4 ELSE email END,
        agency_id = coalesce($5, agency_id),
        roles = coalesce($6, roles),
        active = coalesce($7, active),
        password_hash = coalesce($8, password_hash),
        failed_logins = CASE WHEN $9::boolean THEN 0 ELSE failed_logins END,
        locked_until = CASE WHEN $9::boolean THEN NULL ELSE locked_until END,
        updated_at = now()
      WHERE id = $1 RETURNING ${STAFF}`,
    [
      id,
      s.displayName ?? null,
      s.email !== undefined,
      s.email ?? null,
      s.agencyId ?? null,
      s.roles ?? null,
      s.active ?? null,
      s.passwordHash ?? null,
      Boolean(s.unlock || s.passwordHash),
    ],
  );
  return rows[0] ? toStaff(rows[0]) : null;
}

export async function findStaffByOidc(
  tx: Tx,
  issuer: string,
  subject: string,
): Promise<{ id: string; municipalityId: string } | null> {
  const { rows } = await tx.query<{ id: string; municipalityId: string }>(
    `SELECT id, municipality_id AS "municipalityId" FROM staff WHERE oidc_issuer = $1 AND oidc_subject = $2`,
    [issuer, subject],
  );
  return rows[0] ?? null;
}

/** An agency by code within one municipality (for work outside row-level security, such as sign-in). */
export async function findAgencyOfMunicipality(
  tx: Tx,
  municipalityId: string,
  code: string,
): Promise<Agency | null> {
  const { rows } = await tx.query<Agency>(
    `SELECT ${AGENCY} FROM agency WHERE municipality_id = $1 AND code = $2`,
    [municipalityId, code],
  );
  return rows[0] ?? null;
}

/** Whether any staff member (in any municipality: user names are unique across Lotse) has this user name. */
export async function isUsernameTaken(tx: Tx, username: string): Promise<boolean> {
  const { rows } = await tx.query(`SELECT 1 FROM staff WHERE username = $1`, [username]);
  return rows.length > 0;
}
