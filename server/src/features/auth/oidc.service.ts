import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import {
  type OidcProviderConfig,
  type OidcProviderInput,
  type OidcProviderSummary,
  type Role,
  roles as lotseRoles,
} from '@lotse/common';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { AppError, type ErrorCode } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { findOrProvisionOidcStaff, getOrganisation } from '../organisation/organisation.service';
import { type Actor, auditActor, requireRole } from './actor';
import * as authRepo from './auth.repo';
import { createSession, hashToken } from './auth.service';
import * as repo from './oidc.repo';

/** The cookie that ties the browser returning from the provider to the sign-in it started. */
export const OIDC_STATE_COOKIE = 'lotse_oidc';
export const OIDC_STATE_MINUTES = 10;
export const OIDC_COOKIE_PATH = '/api/auth/oidc';

const DISCOVERY_TTL_MS = 60 * 60_000;
const HTTP_TIMEOUT_SECONDS = 10;

type OidcContext = { config: Config; db: Database };
/** Where reasons for failures go: never personal data, never tokens. */
export type OidcLog = { warn(details: Record<string, unknown>, message: string): void };

/** A refusal the browser is sent back to the sign-in page with (`/login?error=<code>`). */
export type OidcRefusal = {
  ok: false;
  code: Extract<ErrorCode, 'OIDC_FAILED' | 'OIDC_NOT_CONFIGURED' | 'OIDC_NO_MAPPING' | 'ACCOUNT_DISABLED'>;
};

export const redirectUriOf = (config: Config) =>
  `${config.publicUrl.replace(/\/+$/, '')}/api/auth/oidc/callback`;

// Discovery documents change rarely; one fetch per issuer and hour. A failed fetch is forgotten at once.
const discoveries = new Map<string, { at: number; metadata: Promise<client.ServerMetadata> }>();

function serverMetadata(issuer: string): Promise<client.ServerMetadata> {
  const cached = discoveries.get(issuer);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.metadata;
  const metadata = client
    .discovery(new URL(issuer), 'lotse-discovery', undefined, undefined, {
      timeout: HTTP_TIMEOUT_SECONDS,
      // The admin schema allows plain http only for localhost and 127.0.0.1.
      ...(issuer.startsWith('http://') ? { execute: [client.allowInsecureRequests] } : {}),
    })
    .then((c) => ({ ...c.serverMetadata() }));
  discoveries.set(issuer, { at: Date.now(), metadata });
  metadata.catch(() => {
    if (discoveries.get(issuer)?.metadata === metadata) discoveries.delete(issuer);
  });
  return metadata;
}

async function clientFor(provider: repo.ProviderRow): Promise<client.Configuration> {
  const metadata = await serverMetadata(provider.issuer);
  // client_secret_basic is the OpenID Connect default; fall back to _post where only that is offered.
  const methods = metadata.token_endpoint_auth_methods_supported;
  const auth =
    !methods || methods.includes('client_secret_basic')
      ? client.ClientSecretBasic(provider.clientSecret)
      : client.ClientSecretPost(provider.clientSecret);
  const configuration = new client.Configuration(metadata, provider.clientId, provider.clientSecret, auth);
  configuration.timeout = HTTP_TIMEOUT_SECONDS;
  if (provider.issuer.startsWith('http://')) client.allowInsecureRequests(configuration);
  return configuration;
}

// What went wrong at the provider, without personal data: error names, codes and the protocol's messages.
function reasonOf(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: String(err) };
  const e = err as Error & { code?: unknown; error?: unknown; status?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.error === 'string' ? { oauthError: e.error } : {}),
    ...(typeof e.status === 'number' ? { status: e.status } : {}),
  };
}

/** The active providers, for the sign-in page's buttons. Public. */
export async function listProviders({ db }: OidcContext): Promise<OidcProviderSummary[]> {
  const rows = await db.system((tx) => repo.listActiveProviders(tx));
  return rows.map((r) => ({
    municipalitySlug: r.municipalitySlug,
    label: r.label,
    startUrl: `/api/auth/oidc/${encodeURIComponent(r.municipalitySlug)}/start`,
  }));
}

/**
 * Starts a sign-in at the municipality's provider: remembers state, nonce and PKCE verifier for ten minutes
 * under a fresh browser-bound id, and returns the provider's authorization URL with that id.
 */
export async function startOidcLogin(
  { config, db }: OidcContext,
  slug: string,
  log: OidcLog,
): Promise<{ ok: true; redirectTo: string; stateToken: string } | OidcRefusal> {
  const provider = await db.system((tx) => repo.findProviderBySlug(tx, slug));
  if (!provider?.active) return { ok: false, code: 'OIDC_NOT_CONFIGURED' };
  let configuration: client.Configuration;
  try {
    configuration = await clientFor(provider);
  } catch (err) {
    log.warn({ issuer: provider.issuer, ...reasonOf(err) }, 'OIDC discovery failed');
    return { ok: false, code: 'OIDC_FAILED' };
  }
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const stateToken = randomBytes(32).toString('base64url');
  await db.system(async (tx) => {
    await repo.deleteExpiredLoginStates(tx);
    await repo.insertLoginState(tx, hashToken(stateToken), {
      municipalityId: provider.municipalityId,
      state,
      nonce,
      codeVerifier,
      expiresAt: new Date(Date.now() + OIDC_STATE_MINUTES * 60_000),
    });
  });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUriOf(config),
    scope: provider.scopes,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { ok: true, redirectTo: url.href, stateToken };
}

type Claims = Record<string, unknown>;

// A claim by name, or by a dotted path into nested objects (Keycloak: realm_access.roles). ADFS names claims
// with URLs that contain dots, so the exact name is tried first.
function claimAt(claims: Claims, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let value: unknown = claims;
  for (const key of name.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key))
      return undefined;
    value = (value as Claims)[key];
  }
  return value;
}

const valuesOf = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

const stringClaim = (claims: Claims, name: string, max: number): string | null => {
  const v = claims[name];
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null;
};

/** Maps the provider's claims to Lotse's agency codes and roles through the configured maps. */
export function mapClaims(
  provider: Pick<repo.ProviderRow, 'agencyClaim' | 'rolesClaim' | 'agencyMap' | 'roleMap'>,
  claims: Claims,
): { agencyCodes: string[]; roles: Role[] } {
  const agencyCodes = valuesOf(claimAt(claims, provider.agencyClaim)).map((v) =>
    Object.hasOwn(provider.agencyMap, v) ? provider.agencyMap[v]! : v,
  );
  const mapped = new Set<Role>();
  for (const v of valuesOf(claimAt(claims, provider.rolesClaim))) {
    const role = Object.hasOwn(provider.roleMap, v) ? provider.roleMap[v] : undefined;
    if (role && (lotseRoles as readonly string[]).includes(role)) mapped.add(role);
  }
  return { agencyCodes: [...new Set(agencyCodes)], roles: lotseRoles.filter((r) => mapped.has(r)) };
}

const needsUserinfo = (provider: repo.ProviderRow, claims: Claims) =>
  claimAt(claims, provider.agencyClaim) === undefined ||
  claimAt(claims, provider.rolesClaim) === undefined ||
  (claims.preferred_username === undefined && claims.email === undefined) ||
  claims.name === undefined;

/**
 * Completes a sign-in when the provider sends the browser back: consumes the remembered state, exchanges the code
 * (openid-client checks state, PKCE, nonce, issuer, audience and signature), maps the claims, finds or provisions
 * the staff member and starts a session in the same transaction. Every outcome after the state is known is audited.
 */
export async function completeOidcLogin(
  { config, db }: OidcContext,
  input: {
    stateToken: string | undefined;
    query: string;
    previousToken: string | undefined;
    requestId: string;
  },
  log: OidcLog,
): Promise<{ ok: true; token: string } | OidcRefusal> {
  // Without a remembered state nothing ties this request to a municipality or a sign-in: refuse, log only.
  const remembered = input.stateToken
    ? await db.system((tx) => repo.takeLoginState(tx, hashToken(input.stateToken!)))
    : null;
  if (!remembered) {
    log.warn({ reason: input.stateToken ? 'unknown_state' : 'no_state_cookie' }, 'OIDC callback refused');
    return { ok: false, code: 'OIDC_FAILED' };
  }
  const provider = await db.system((tx) => repo.findProviderOfMunicipality(tx, remembered.municipalityId));

  const refuse = async (
    code: OidcRefusal['code'],
    reason: string,
    staff: { id: string; agencyId: string } | null = null,
  ): Promise<OidcRefusal> => {
    await db.system((tx) =>
      recordAudit(tx, {
        municipalityId: remembered.municipalityId,
        actor: staff ? { staffId: staff.id, agencyId: staff.agencyId } : null,
        action: 'auth.login.failed',
        subjectType: 'staff',
        subjectId: staff?.id ?? null,
        requestId: input.requestId,
        details: { method: 'oidc', issuer: provider?.issuer ?? null, reason },
      }),
    );
    return { ok: false, code };
  };

  if (remembered.expiresAt.getTime() < Date.now()) return refuse('OIDC_FAILED', 'state_expired');
  if (!provider?.active) return refuse('OIDC_FAILED', 'provider_inactive');

  let claims: Claims;
  try {
    const configuration = await clientFor(provider);
    const currentUrl = new URL(redirectUriOf(config));
    currentUrl.search = input.query;
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: remembered.codeVerifier,
      expectedState: remembered.state,
      expectedNonce: remembered.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    claims = { ...idClaims };
    if (needsUserinfo(provider, claims) && configuration.serverMetadata().userinfo_endpoint) {
      try {
        claims = {
          ...(await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)),
          ...idClaims,
        };
      } catch (err) {
        // Some providers (ADFS) answer userinfo with the subject only or not at all: go on with the ID token.
        log.warn({ issuer: provider.issuer, ...reasonOf(err) }, 'OIDC userinfo failed');
      }
    }
  } catch (err) {
    log.warn({ issuer: provider.issuer, ...reasonOf(err) }, 'OIDC code exchange failed');
    return refuse('OIDC_FAILED', 'provider_error');
  }

  const { agencyCodes, roles } = mapClaims(provider, claims);
  const outcome = await db.system(async (tx) => {
    const found = await findOrProvisionOidcStaff(tx, {
      municipalityId: provider.municipalityId,
      municipalitySlug: provider.municipalitySlug,
      issuer: String(claims.iss),
      subject: String(claims.sub),
      usernameHint: stringClaim(claims, 'preferred_username', 200) ?? stringClaim(claims, 'email', 200),
      displayName:
        stringClaim(claims, 'name', 200) ??
        ([stringClaim(claims, 'given_name', 100), stringClaim(claims, 'family_name', 100)]
          .filter(Boolean)
          .join(' ') ||
          null),
      email: stringClaim(claims, 'email', 320),
      agencyCodes,
      roles,
    });
    if (found.kind !== 'ok') return found;
    const { staff } = found;
    if (input.previousToken) await authRepo.deleteSession(tx, hashToken(input.previousToken));
    const token = await createSession(
      tx,
      config,
      { id: staff.id, municipalityId: provider.municipalityId },
      'oidc',
    );
    await recordAudit(tx, {
      municipalityId: provider.municipalityId,
      actor: { staffId: staff.id, agencyId: staff.agencyId },
      action: 'auth.login',
      subjectType: 'staff',
      subjectId: staff.id,
      requestId: input.requestId,
      details: { method: 'oidc', issuer: provider.issuer, ...(found.created ? { provisioned: true } : {}) },
    });
    return { kind: 'signed_in' as const, token };
  });

  switch (outcome.kind) {
    case 'signed_in':
      return { ok: true, token: outcome.token };
    case 'no_mapping':
      log.warn(
        { issuer: provider.issuer, missing: outcome.missing },
        'OIDC claims name no known agency or role',
      );
      return refuse('OIDC_NO_MAPPING', `no_${outcome.missing}`, outcome.staff);
    case 'disabled':
      return refuse('ACCOUNT_DISABLED', 'account_disabled', outcome.staff);
    case 'other_municipality':
      log.warn({ issuer: provider.issuer }, 'OIDC subject belongs to another municipality');
      return refuse('OIDC_FAILED', 'other_municipality');
  }
}

function toConfig(config: Config, p: repo.ProviderRow): OidcProviderConfig {
  return {
    label: p.label,
    issuer: p.issuer,
    clientId: p.clientId,
    clientSecretSet: p.clientSecret.length > 0,
    scopes: p.scopes,
    agencyClaim: p.agencyClaim,
    rolesClaim: p.rolesClaim,
    roleMap: p.roleMap,
    agencyMap: p.agencyMap,
    active: p.active,
    redirectUri: redirectUriOf(config),
  };
}

/** The municipality's provider settings, without the client secret. Administrators only. */
export async function getProviderConfig(
  { config, db }: OidcContext,
  actor: Actor,
): Promise<OidcProviderConfig> {
  requireRole(actor, 'municipal_admin');
  const provider = await db.tenant(actor.municipalityId, (tx) =>
    repo.findProviderOfMunicipality(tx, actor.municipalityId),
  );
  if (!provider) throw new AppError('OIDC_NOT_CONFIGURED');
  return toConfig(config, provider);
}

/** Sets up or changes the municipality's provider; the secret is kept when left out. Administrators only. */
export async function saveProviderConfig(
  { config, db }: OidcContext,
  actor: Actor,
  input: OidcProviderInput,
): Promise<OidcProviderConfig> {
  requireRole(actor, 'municipal_admin');
  const codes = new Set((await getOrganisation(db, actor)).agencies.map((a) => a.code));
  const unknown = Object.entries(input.agencyMap).filter(([, code]) => !codes.has(code));
  if (unknown.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `The agency map names agency codes this municipality does not have: ${[...new Set(unknown.map(([, c]) => c))].join(', ')}.`,
      Object.fromEntries(unknown.map(([key]) => [`agencyMap.${key}`, 'no such agency in this municipality'])),
    );
  return db.tenant(actor.municipalityId, async (tx) => {
    const existing = await repo.findProviderOfMunicipality(tx, actor.municipalityId);
    const fields = {
      label: input.label,
      issuer: input.issuer,
      clientId: input.clientId,
      scopes: input.scopes.split(/\s+/).filter(Boolean).join(' '),
      agencyClaim: input.agencyClaim,
      rolesClaim: input.rolesClaim,
      roleMap: input.roleMap,
      agencyMap: input.agencyMap,
      active: input.active,
    };
    if (existing)
      await repo.updateProvider(tx, actor.municipalityId, {
        ...fields,
        clientSecret: input.clientSecret ?? null,
      });
    else if (input.clientSecret)
      await repo.insertProvider(tx, actor.municipalityId, { ...fields, clientSecret: input.clientSecret });
    else
      throw new AppError('VALIDATION_FAILED', 'Give the client secret when setting up the provider.', {
        clientSecret: 'is required',
      });
    const saved = (await repo.findProviderOfMunicipality(tx, actor.municipalityId))!;
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: auditActor(actor),
      action: existing ? 'oidc_provider.update' : 'oidc_provider.create',
      subjectType: 'oidc_provider',
      subjectId: saved.id,
      purpose: 'administration',
      requestId: actor.requestId,
      details: {
        issuer: saved.issuer,
        active: saved.active,
        clientSecretChanged: Boolean(input.clientSecret),
      },
    });
    return toConfig(config, saved);
  });
}
