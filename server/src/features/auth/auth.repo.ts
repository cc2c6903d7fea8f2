import type { Role } from '@lotse/common';
import type { Tx } from '../../db/database';

export type StaffCredentials = {
  id: string;
  municipalityId: string;
  agencyId: string;
  username: string;
  passwordHash: string | null;
  roles: Role[];
  active: boolean;
  totpSecret: string | null;
  totpEnabled: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
};

const CREDENTIAL_COLUMNS = `id, municipality_id AS "municipalityId", agency_id AS "agencyId", username,
  password_hash AS "passwordHash", roles, active, totp_secret AS "totpSecret", totp_enabled AS "totpEnabled",
  failed_logins AS "failedLogins", locked_until AS "lockedUntil"`;

export async function findCredentialsByUsername(tx: Tx, username: string): Promise<StaffCredentials | null> {
  const { rows } = await tx.query<StaffCredentials>(
    `SELECT ${CREDENTIAL_COLUMNS} FROM staff WHERE username = $1 FOR UPDATE`,
    [username],
  );
  return rows[0] ?? null;
}

export async function findCredentialsById(tx: Tx, id: string): Promise<StaffCredentials | null> {
  const { rows } = await tx.query<StaffCredentials>(
    `SELECT ${CREDENTIAL_COLUMNS} FROM staff WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

export async function recordFailure(tx: Tx, id: string, lockUntil: Date | null): Promise<void> {
  await tx.query(
    `UPDATE staff SET failed_logins = failed_logins + 1, locked_until = coalesce($2, locked_until) WHERE id = $1`,
    [id, lockUntil?.toISOString() ?? null],
  );
}

export async function resetFailures(tx: Tx, id: string): Promise<void> {
  await tx.query(`UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [id]);
}

export async function setPasswordHash(tx: Tx, id: string, hash: string): Promise<void> {
  await tx.query(`UPDATE staff SET password_hash = $2, updated_at = now() WHERE id = $1`, [id, hash]);
}

export async function setTotp(tx: Tx, id: string, secret: string | null, enabled: boolean): Promise<void> {
  await tx.query(`UPDATE staff SET totp_secret = $2, totp_enabled = $3, updated_at = now() WHERE id = $1`, [
    id,
    secret,
    enabled,
  ]);
}

export type SessionRow = {
  staffId: string;
  municipalityId: string;
  agencyId: string;
  roles: Role[];
  active: boolean;
  authMethod: 'password' | 'oidc';
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
};

export async function insertSession(
  tx: Tx,
  s: { idHash: string; staffId: string; municipalityId: string; authMethod: string; absoluteExpiresAt: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO session (id_hash, staff_id, municipality_id, auth_method, absolute_expires_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [s.idHash, s.staffId, s.municipalityId, s.authMethod, s.absoluteExpiresAt.toISOString()],
  );
}

export async function findSession(tx: Tx, idHash: string): Promise<SessionRow | null> {
  const { rows } = await tx.query<SessionRow>(
    `SELECT s.staff_id AS "staffId", s.municipality_id AS "municipalityId", st.agency_id AS "agencyId",
            st.roles, st.active, s.auth_method AS "authMethod", s.last_seen_at AS "lastSeenAt",
            s.absolute_expires_at AS "absoluteExpiresAt"
       FROM session s JOIN staff st ON st.id = s.staff_id
      WHERE s.id_hash = $1`,
    [idHash],
  );
  return rows[0] ?? null;
}

export async function touchSession(tx: Tx, idHash: string): Promise<void> {
  await tx.query(`UPDATE session SET last_seen_at = now() WHERE id_hash = $1`, [idHash]);
}

export async function deleteSession(tx: Tx, idHash: string): Promise<void> {
  await tx.query(`DELETE FROM session WHERE id_hash = $1`, [idHash]);
}

export async function deleteSessionsOfStaff(
  tx: Tx,
  staffId: string,
  exceptIdHash: string | null,
): Promise<void> {
  await tx.query(`DELETE FROM session WHERE staff_id = $1 AND id_hash IS DISTINCT FROM $2`, [
    staffId,
    exceptIdHash,
  ]);
}

/** Removes sessions past their idle or absolute limit; returns how many. */
export async function deleteExpiredSessions(tx: Tx, idleMinutes: number): Promise<number> {
  const { rowCount } = await tx.query(
    `DELETE FROM session WHERE absolute_expires_at < now() OR last_seen_at < now() - make_interval(mins => $1)`,
    [idleMinutes],
  );
  return rowCount;
}
