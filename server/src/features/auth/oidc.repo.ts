import type { Role } from '@lotse/common';
import type { Tx } from '../../db/database';

/** A municipality's identity provider as stored, secret included: never leaves the server. */
export type ProviderRow = {
  id: string;
  municipalityId: string;
  municipalitySlug: string;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  agencyClaim: string;
  rolesClaim: string;
  roleMap: Record<string, Role>;
  agencyMap: Record<string, string>;
  active: boolean;
};

const PROVIDER = `p.id, p.municipality_id AS "municipalityId", m.slug AS "municipalitySlug", p.label, p.issuer,
  p.client_id AS "clientId", p.client_secret AS "clientSecret", p.scopes, p.agency_claim AS "agencyClaim",
  p.roles_claim AS "rolesClaim", p.role_map AS "roleMap", p.agency_map AS "agencyMap", p.active`;

export async function findProviderBySlug(tx: Tx, slug: string): Promise<ProviderRow | null> {
  const { rows } = await tx.query<ProviderRow>(
    `SELECT ${PROVIDER} FROM oidc_provider p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = $1`,
    [slug],
  );
  return rows[0] ?? null;
}

export async function findProviderOfMunicipality(
  tx: Tx,
  municipalityId: string,
): Promise<ProviderRow | null> {
  const { rows } = await tx.query<ProviderRow>(
    `SELECT ${PROVIDER} FROM oidc_provider p JOIN municipality m ON m.id = p.municipality_id
      WHERE p.municipality_id = $1`,
    [municipalityId],
  );
  return rows[0] ?? null;
}

export async function listActiveProviders(tx: Tx): Promise<{ municipalitySlug: string; label: string }[]> {
  const { rows } = await tx.query<{ municipalitySlug: string; label: string }>(
    `SELECT m.slug AS "municipalitySlug", p.label
       FROM oidc_provider p JOIN municipality m ON m.id = p.municipality_id
      WHERE p.active ORDER BY m.name`,
  );
  return rows;
}

type ProviderFields = Omit<ProviderRow, 'id' | 'municipalityId' | 'municipalitySlug'>;

const fieldParams = (p: Omit<ProviderFields, 'clientSecret'>) => [
  p.label,
  p.issuer,
  p.clientId,
  p.scopes,
  p.agencyClaim,
  p.rolesClaim,
  JSON.stringify(p.roleMap),
  JSON.stringify(p.agencyMap),
  p.active,
];

export async function insertProvider(tx: Tx, municipalityId: string, p: ProviderFields): Promise<void> {
  await tx.query(
    `INSERT INTO oidc_provider (municipality_id, client_secret, label, issuer, client_id, scopes, agency_claim,
                                roles_claim, role_map, agency_map, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [municipalityId, p.clientSecret, ...fieldParams(p)],
  );
}

/** Replaces the municipality's provider settings; a null secret keeps the stored one. */
export async function updateProvider(
  tx: Tx,
  municipalityId: string,
  p: Omit<ProviderFields, 'clientSecret'> & { clientSecret: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE oidc_provider SET client_secret = coalesce($2, client_secret), label = $3, issuer = $4, client_id = $5,
        scopes = $6, agency_claim = $7, roles_claim = $8, role_map = $9, agency_map = $10, active = $11,
        updated_at = now()
      WHERE municipality_id = $1`,
    [municipalityId, p.clientSecret, ...fieldParams(p)],
  );
}

export type LoginState = {
  municipalityId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: Date;
};

export async function insertLoginState(tx: Tx, idHash: string, s: LoginState): Promise<void> {
  await tx.query(
    `INSERT INTO oidc_login_state (id_hash, municipality_id, state, nonce, code_verifier, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [idHash, s.municipalityId, s.state, s.nonce, s.codeVerifier, s.expiresAt.toISOString()],
  );
}

/** Removes and returns the state: each one can be used once. */
export async function takeLoginState(tx: Tx, idHash: string): Promise<LoginState | null> {
  const { rows } = await tx.query<LoginState>(
    `DELETE FROM oidc_login_state WHERE id_hash = $1
     RETURNING municipality_id AS "municipalityId", state, nonce, code_verifier AS "codeVerifier",
               expires_at AS "expiresAt"`,
    [idHash],
  );
  return rows[0] ?? null;
}

export async function deleteExpiredLoginStates(tx: Tx): Promise<number> {
  const { rowCount } = await tx.query(`DELETE FROM oidc_login_state WHERE expires_at < now()`);
  return rowCount;
}
