import { createHash, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { LoginBody, PasswordChangeBody, TotpSetup } from '@lotse/common';
import type { Config } from '../../config';
import type { Database, Tx } from '../../db/database';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import type { Actor } from './actor';
import * as repo from './auth.repo';
import * as oidcRepo from './oidc.repo';
import { hashPassword, verifyPassword } from './password';

export const SESSION_COOKIE = 'lotse_session';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type AuthContext = { config: Config; db: Database };

/** Starts a new session (always a new id) and returns its token for the cookie. */
export async function createSession(
  tx: Tx,
  config: Config,
  staff: { id: string; municipalityId: string },
  authMethod: 'password' | 'oidc',
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await repo.insertSession(tx, {
    idHash: hashToken(token),
    staffId: staff.id,
    municipalityId: staff.municipalityId,
    authMethod,
    absoluteExpiresAt: new Date(Date.now() + config.session.absoluteHours * 3600_000),
  });
  return token;
}

function totpFor(secret: string, label: string) {
  return new OTPAuth.TOTP({
    issuer: 'Lotse',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

const totpValid = (secret: string, code: string) =>
  totpFor(secret, 'x').validate({ token: code, window: 1 }) !== null;

/**
 * Checks user name, password and (when enabled) the TOTP code; counts failures and locks the account after
 * too many. Every attempt is audited. Returns a new session token.
 */
export async function login(
  { config, db }: AuthContext,
  body: LoginBody,
  meta: { requestId: string; previousToken?: string | undefined },
): Promise<{ token: string; actor: Actor }> {
  const username = body.username.trim().toLowerCase();
  const outcome = await db.system(async (tx) => {
    const staff = await repo.findCredentialsByUsername(tx, username);
    const fail = async (
      code: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED' | 'ACCOUNT_DISABLED' | 'TOTP_REQUIRED' | 'TOTP_INVALID',
      count: boolean,
    ) => {
      let lockUntil: Date | null = null;
      if (staff && count) {
        if (staff.failedLogins + 1 >= config.login.maxFailures)
          lockUntil = new Date(Date.now() + config.login.lockMinutes * 60_000);
        await repo.recordFailure(tx, staff.id, lockUntil);
      }
      await recordAudit(tx, {
        municipalityId: staff?.municipalityId ?? null,
        actor: staff ? { staffId: staff.id, agencyId: staff.agencyId } : null,
        action: 'auth.login.failed',
        subjectType: 'staff',
        subjectId: staff?.id ?? null,
        requestId: meta.requestId,
        details: { reason: code, ...(staff ? {} : { username }), ...(lockUntil ? { locked: true } : {}) },
      });
      return { error: lockUntil ? ('ACCOUNT_LOCKED' as const) : code };
    };
    if (!staff) {
      await verifyPassword(null, body.password);
      return fail('INVALID_CREDENTIALS', false);
    }
    if (staff.lockedUntil && staff.lockedUntil > new Date()) return fail('ACCOUNT_LOCKED', false);
    if (!(await verifyPassword(staff.passwordHash, body.password))) return fail('INVALID_CREDENTIALS', true);
    if (!staff.active) return fail('ACCOUNT_DISABLED', false);
    if (staff.totpEnabled && staff.totpSecret) {
      if (!body.totp) return { error: 'TOTP_REQUIRED' as const };
      if (!totpValid(staff.totpSecret, body.totp)) return fail('TOTP_INVALID', true);
    }
    await repo.resetFailures(tx, staff.id);
    if (meta.previousToken) await repo.deleteSession(tx, hashToken(meta.previousToken));
    const token = await createSession(tx, config, staff, 'password');
    await recordAudit(tx, {
      municipalityId: staff.municipalityId,
      actor: { staffId: staff.id, agencyId: staff.agencyId },
      action: 'auth.login',
      subjectType: 'staff',
      subjectId: staff.id,
      requestId: meta.requestId,
      details: { method: 'password', totp: staff.totpEnabled },
    });
    const actor: Actor = {
      staffId: staff.id,
      municipalityId: staff.municipalityId,
      agencyId: staff.agencyId,
      roles: staff.roles,
      authMethod: 'password',
      sessionIdHash: hashToken(token),
      requestId: meta.requestId,
    };
    return { token, actor };
  });
  // The failure was recorded and committed above; only now is it answered.
  if ('error' in outcome) throw new AppError(outcome.error);
  return outcome;
}

/** Resolves a session token to the acting staff member, enforcing idle and absolute timeouts. */
export async function authenticate(
  { config, db }: AuthContext,
  token: string,
  requestId: string,
): Promise<Actor | null> {
  const idHash = hashToken(token);
  return db.system(async (tx) => {
    const s = await repo.findSession(tx, idHash);
    if (!s) return null;
    const now = Date.now();
    const idleLimit = s.lastSeenAt.getTime() + config.session.idleMinutes * 60_000;
    if (now > idleLimit || now > s.absoluteExpiresAt.getTime() || !s.active) {
      await repo.deleteSession(tx, idHash);
      return null;
    }
    // Touch at most once a minute: enough for the idle timeout, and no write on every request.
    if (now - s.lastSeenAt.getTime() > 60_000) await repo.touchSession(tx, idHash);
    return {
      staffId: s.staffId,
      municipalityId: s.municipalityId,
      agencyId: s.agencyId,
      roles: s.roles,
      authMethod: s.authMethod,
      sessionIdHash: idHash,
      requestId,
    };
  });
}

/** Audits something the actor did to their own account. */
function auditOwnAccount(tx: Tx, actor: Actor, action: string) {
  return recordAudit(tx, {
    municipalityId: actor.municipalityId,
    actor: { staffId: actor.staffId, agencyId: actor.agencyId },
    action,
    subjectType: 'staff',
    subjectId: actor.staffId,
    requestId: actor.requestId,
  });
}

/** Ends the session and audits the sign-out. */
export async function logout({ db }: AuthContext, actor: Actor): Promise<void> {
  await db.system(async (tx) => {
    await repo.deleteSession(tx, actor.sessionIdHash);
    await auditOwnAccount(tx, actor, 'auth.logout');
  });
}

/** Changes the actor's own password after checking the current one; ends their other sessions. */
export async function changePassword(
  { db }: AuthContext,
  actor: Actor,
  body: PasswordChangeBody,
): Promise<void> {
  const newHash = await hashPassword(body.newPassword);
  const ok = await db.system(async (tx) => {
    const staff = await repo.findCredentialsById(tx, actor.staffId);
    if (!staff || !(await verifyPassword(staff.passwordHash, body.currentPassword))) return false;
    await repo.setPasswordHash(tx, staff.id, newHash);
    await repo.deleteSessionsOfStaff(tx, staff.id, actor.sessionIdHash);
    await auditOwnAccount(tx, actor, 'auth.password.change');
    return true;
  });
  if (!ok)
    throw new AppError('VALIDATION_FAILED', 'The current password is wrong.', {
      currentPassword: 'is wrong',
    });
}

/** Creates a new TOTP secret for the actor (not yet active until confirmed with a code). */
export async function setupTotp({ db }: AuthContext, actor: Actor): Promise<TotpSetup> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const username = await db.system(async (tx) => {
    const staff = await repo.findCredentialsById(tx, actor.staffId);
    if (!staff) throw new AppError('UNAUTHENTICATED');
    if (staff.totpEnabled)
      throw new AppError('CONFLICT', 'The second factor is already on; turn it off first.');
    await repo.setTotp(tx, staff.id, secret, false);
    return staff.username;
  });
  const otpauthUri = totpFor(secret, username).toString();
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 1 });
  return { secret, otpauthUri, qrSvg };
}

/** Turns the second factor on once the person proves their app shows the right code. */
export async function enableTotp({ db }: AuthContext, actor: Actor, code: string): Promise<void> {
  const ok = await db.system(async (tx) => {
    const staff = await repo.findCredentialsById(tx, actor.staffId);
    if (!staff?.totpSecret || staff.totpEnabled) return false;
    if (!totpValid(staff.totpSecret, code)) return false;
    await repo.setTotp(tx, staff.id, staff.totpSecret, true);
    await auditOwnAccount(tx, actor, 'auth.totp.enable');
    return true;
  });
  if (!ok) throw new AppError('TOTP_INVALID');
}

/** Turns the second factor off; needs the current password. */
export async function disableTotp({ db }: AuthContext, actor: Actor, password: string): Promise<void> {
  const ok = await db.system(async (tx) => {
    const staff = await repo.findCredentialsById(tx, actor.staffId);
    if (!staff || !(await verifyPassword(staff.passwordHash, password))) return false;
    await repo.setTotp(tx, staff.id, null, false);
    await auditOwnAccount(tx, actor, 'auth.totp.disable');
    return true;
  });
  if (!ok) throw new AppError('VALIDATION_FAILED', 'The password is wrong.', { password: 'is wrong' });
}

/** Ends every session of a staff member (after an administrator set a new password or disabled the account). */
export async function endSessionsOfStaff(db: Database, staffId: string): Promise<void> {
  await db.system((tx) => repo.deleteSessionsOfStaff(tx, staffId, null));
}

/** Removes expired sessions and unfinished OpenID sign-ins (run by the scheduled job); returns the sessions removed. */
export async function purgeExpiredSessions({ config, db }: AuthContext): Promise<number> {
  return db.system(async (tx) => {
    await oidcRepo.deleteExpiredLoginStates(tx);
    return repo.deleteExpiredSessions(tx, config.session.idleMinutes);
  });
}
