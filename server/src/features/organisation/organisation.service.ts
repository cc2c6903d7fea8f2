import type {
  Agency,
  AgencyInput,
  LegalBasisInput,
  Me,
  Municipality,
  Organisation,
  Role,
  Site,
  SiteInput,
  Staff,
  StaffCreate,
  StaffUpdate,
} from '@lotse/common';
import type { Database, Tx } from '../../db/database';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { type Actor, auditActor, requireRole } from '../auth/actor';
import { endSessionsOfStaff } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import { seedLegalBasis, seedTemplates } from '../privacy/privacy.service';
import { DEFAULT_CONSENT_TEMPLATES } from '../privacy/privacy.texts';
import * as repo from './organisation.repo';

/** The signed-in staff member with municipality and agency. */
export async function getMe(db: Database, actor: Actor): Promise<Me> {
  return db.tenant(actor.municipalityId, async (tx) => {
    // One transaction is one connection: its queries run one after another.
    const staff = await repo.getStaff(tx, actor.staffId);
    const municipality = await repo.getMunicipality(tx, actor.municipalityId);
    const agency = await repo.getAgency(tx, actor.agencyId);
    if (!staff || !municipality || !agency) throw new AppError('UNAUTHENTICATED');
    return {
      id: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      roles: staff.roles,
      municipality,
      agency,
      totpEnabled: staff.totpEnabled,
      authMethod: actor.authMethod,
    };
  });
}

/** The municipality's sites, agencies and partners: visible to every staff member. */
export async function getOrganisation(db: Database, actor: Actor): Promise<Organisation> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const municipality = await repo.getMunicipality(tx, actor.municipalityId);
    if (!municipality) throw new AppError('NOT_FOUND');
    return { municipality, sites: await repo.listSites(tx), agencies: await repo.listAgencies(tx) };
  });
}

// Foreign keys ignore row-level security, so a reference must be proven to be the caller's own municipality's.
async function assertSite(tx: Tx, siteId: string | null) {
  if (siteId === null) return;
  if (!(await repo.listSites(tx)).some((s) => s.id === siteId))
    throw new AppError('VALIDATION_FAILED', undefined, { siteId: 'no such site in this municipality' });
}
async function assertAgency(tx: Tx, agencyId: string) {
  if (!(await repo.getAgency(tx, agencyId)))
    throw new AppError('VALIDATION_FAILED', undefined, { agencyId: 'no such agency in this municipality' });
}

function audit(tx: Tx, actor: Actor, action: string, subjectType: string, subjectId: string, details = {}) {
  return recordAudit(tx, {
    municipalityId: actor.municipalityId,
    actor: auditActor(actor),
    action,
    subjectType,
    subjectId,
    purpose: 'administration',
    requestId: actor.requestId,
    details,
  });
}

/** Adds a site (building) to the municipality. Administrators only. */
export async function createSite(db: Database, actor: Actor, input: SiteInput): Promise<Site> {
  requireRole(actor, 'municipal_admin');
  return db.tenant(actor.municipalityId, async (tx) => {
    const site = await repo.insertSite(tx, actor.municipalityId, input);
    await audit(tx, actor, 'site.create', 'site', site.id);
    return site;
  });
}

/** Changes a site. Administrators only. */
export async function updateSite(db: Database, actor: Actor, id: string, input: SiteInput): Promise<Site> {
  requireRole(actor, 'municipal_admin');
  return db.tenant(actor.municipalityId, async (tx) => {
    const site = await repo.updateSite(tx, id, input);
    if (!site) throw new AppError('NOT_FOUND', 'No such site.');
    await audit(tx, actor, 'site.update', 'site', id);
    return site;
  });
}

/** Adds an agency or partner. Administrators only. */
export async function createAgency(db: Database, actor: Actor, input: AgencyInput): Promise<Agency> {
  requireRole(actor, 'municipal_admin');
  return db.tenant(actor.municipalityId, async (tx) => {
    await assertSite(tx, input.siteId);
    const agency = await repo.insertAgency(tx, actor.municipalityId, input);
    await audit(tx, actor, 'agency.create', 'agency', agency.id);
    return agency;
  });
}

/** Changes an agency or partner. Administrators only. */
export async function updateAgency(
  db: Database,
  actor: Actor,
  id: string,
  input: AgencyInput,
): Promise<Agency> {
  requireRole(actor, 'municipal_admin');
  return db.tenant(actor.municipalityId, async (tx) => {
    await assertSite(tx, input.siteId);
    const agency = await repo.updateAgency(tx, id, input);
    if (!agency) throw new AppError('NOT_FOUND', 'No such agency.');
    await audit(tx, actor, 'agency.update', 'agency', id);
    return agency;
  });
}

/** Lists staff accounts. Administrators and agency leads. */
export async function listStaff(db: Database, actor: Actor): Promise<Staff[]> {
  requireRole(actor, 'municipal_admin', 'agency_lead');
  return db.tenant(actor.municipalityId, async (tx) => {
    const all = await repo.listStaff(tx);
    await audit(tx, actor, 'staff.list', 'staff', '*');
    return actor.roles.includes('municipal_admin') ? all : all.filter((s) => s.agencyId === actor.agencyId);
  });
}

/** Creates a staff account with a first password. Administrators only. */
export async function createStaff(db: Database, actor: Actor, input: StaffCreate): Promise<Staff> {
  requireRole(actor, 'municipal_admin');
  const passwordHash = await hashPassword(input.password);
  return db.tenant(actor.municipalityId, async (tx) => {
    await assertAgency(tx, input.agencyId);
    const staff = await repo.insertStaff(tx, actor.municipalityId, { ...input, passwordHash });
    await audit(tx, actor, 'staff.create', 'staff', staff.id, { roles: staff.roles });
    return staff;
  });
}

/** Changes a staff account: roles, agency, active, a new password or an unlock. Administrators only. */
export async function updateStaff(
  db: Database,
  actor: Actor,
  id: string,
  input: StaffUpdate,
): Promise<Staff> {
  requireRole(actor, 'municipal_admin');
  if (
    id === actor.staffId &&
    (input.active === false || (input.roles && !input.roles.includes('municipal_admin')))
  )
    throw new AppError(
      'CONFLICT',
      'You cannot disable your own account or remove your own administrator role.',
    );
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const staff = await db.tenant(actor.municipalityId, async (tx) => {
    if (input.agencyId) await assertAgency(tx, input.agencyId);
    const staff = await repo.updateStaff(tx, id, { ...input, passwordHash });
    if (!staff) throw new AppError('NOT_FOUND', 'No such staff member.');
    const changed = Object.keys(input).filter((k) => k !== 'password');
    await audit(tx, actor, 'staff.update', 'staff', id, {
      changed: input.password ? [...changed, 'password'] : changed,
    });
    return staff;
  });
  // A new password set by someone else, or a disabled account, must not leave old sessions running.
  if (input.password || input.active === false) await endSessionsOfStaff(db, id);
  return staff;
}

export type MunicipalitySpec = {
  municipality: { slug: string; name: string; isDemo: boolean };
  sites: { key: string; name: string; address: string }[];
  agencies: (Omit<AgencyInput, 'siteId' | 'active'> & { site: string | null })[];
  staff: {
    username: string;
    displayName: string;
    agency: string;
    roles: Role[];
    password: string;
    email?: string;
  }[];
  /** Legal bases for sharing between agencies, naming agencies by code (empty lists: every agency). */
  legalBases?: (Omit<LegalBasisInput, 'fromAgencyIds' | 'toAgencyIds'> & { from: string[]; to: string[] })[];
};

/**
 * Creates a municipality with its sites, agencies and staff in one transaction (demo seed, the production
 * bootstrap of the first administrator, and test factories). Passwords are hashed; equal ones share a hash.
 */
export async function provisionMunicipality(
  db: Database,
  spec: MunicipalitySpec,
): Promise<{ municipality: Municipality; agencies: Map<string, Agency>; staff: Map<string, Staff> }> {
  const hashes = new Map<string, string>();
  for (const s of spec.staff)
    if (!hashes.has(s.password)) hashes.set(s.password, await hashPassword(s.password));
  return db.system(async (tx) => {
    const municipality = await repo.insertMunicipality(tx, spec.municipality);
    const sites = new Map<string, Site>();
    for (const s of spec.sites)
      sites.set(s.key, await repo.insertSite(tx, municipality.id, { ...s, active: true }));
    const agencies = new Map<string, Agency>();
    for (const a of spec.agencies) {
      const siteId = a.site ? (sites.get(a.site)?.id ?? null) : null;
      agencies.set(a.code, await repo.insertAgency(tx, municipality.id, { ...a, siteId, active: true }));
    }
    const staff = new Map<string, Staff>();
    for (const s of spec.staff) {
      const agency = agencies.get(s.agency);
      if (!agency) throw new Error(`Staff ${s.username} names unknown agency ${s.agency}`);
      const created = await repo.insertStaff(tx, municipality.id, {
        username: s.username,
        displayName: s.displayName,
        email: s.email ?? null,
        agencyId: agency.id,
        roles: s.roles,
        passwordHash: hashes.get(s.password)!,
      });
      staff.set(s.username, created);
    }
    // Every municipality starts with the standard consent texts in all document languages (version 1).
    await seedTemplates(tx, municipality.id, DEFAULT_CONSENT_TEMPLATES);
    const agencyIds = (codes: string[]) =>
      codes.map((c) => {
        const a = agencies.get(c);
        if (!a) throw new Error(`A legal basis names unknown agency ${c}`);
        return a.id;
      });
    for (const b of spec.legalBases ?? [])
      await seedLegalBasis(tx, municipality.id, {
        ...b,
        fromAgencyIds: agencyIds(b.from),
        toAgencyIds: agencyIds(b.to),
      });
    await recordAudit(tx, {
      municipalityId: municipality.id,
      actor: null,
      action: 'municipality.provision',
      subjectType: 'municipality',
      subjectId: municipality.id,
      purpose: 'administration',
      details: {
        sites: sites.size,
        agencies: agencies.size,
        staff: staff.size,
        demo: spec.municipality.isDemo,
      },
    });
    return { municipality, agencies, staff };
  });
}

/** How many municipalities the database holds (across tenants; for start-up decisions). */
export async function countMunicipalities(db: Database): Promise<number> {
  return db.system((tx) => repo.countMunicipalities(tx));
}

/** What an identity provider says about a person, already mapped to Lotse's words by the auth feature. */
export type OidcIdentity = {
  municipalityId: string;
  municipalitySlug: string;
  issuer: string;
  subject: string;
  /** preferred_username, else the e-mail address: the seed of a new account's user name. */
  usernameHint: string | null;
  displayName: string | null;
  email: string | null;
  /** Agency codes the claims point to, in the order given; the first active one wins. */
  agencyCodes: string[];
  roles: Role[];
};

export type OidcStaffOutcome =
  | { kind: 'ok'; staff: Staff; created: boolean }
  | { kind: 'no_mapping'; missing: 'agency' | 'role'; staff: Staff | null }
  | { kind: 'disabled'; staff: Staff }
  | { kind: 'other_municipality' };

const USERNAME_MAX = 64;

// A user name that passes the Username schema: `<name>@<slug>`, ASCII, at most 64 characters.
function usernameBase(hint: string | null, slug: string): { name: string; domain: string } {
  const local = (hint ?? '').split('@')[0]!;
  const name =
    local
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .replace(/-+$/, '') || 'staff';
  const domain = `@${slug}`.length + 6 <= USERNAME_MAX ? `@${slug}` : '';
  return { name: name.slice(0, Math.max(2, USERNAME_MAX - domain.length - 4)).padEnd(2, '0'), domain };
}

async function uniqueUsername(tx: Tx, hint: string | null, slug: string): Promise<string> {
  const { name, domain } = usernameBase(hint, slug);
  for (let n = 1; n <= 20; n++) {
    const candidate = `${name}${n === 1 ? '' : `-${n}`}${domain}`;
    if (!(await repo.isUsernameTaken(tx, candidate))) return candidate;
  }
  return `${name.slice(0, 8)}-${crypto.randomUUID().slice(0, 8)}${domain}`;
}

/**
 * Finds the staff member an identity provider vouches for (by issuer and subject) and brings their agency, roles,
 * name and e-mail in line with the claims, or creates the account on first sign-in (no password). The provider is
 * the source of truth; a disabled account stays disabled. Runs in the caller's (system) transaction.
 */
export async function findOrProvisionOidcStaff(tx: Tx, identity: OidcIdentity): Promise<OidcStaffOutcome> {
  const known = await repo.findStaffByOidc(tx, identity.issuer, identity.subject);
  if (known && known.municipalityId !== identity.municipalityId) return { kind: 'other_municipality' };
  const existing = known ? await repo.getStaff(tx, known.id) : null;
  if (existing && !existing.active) return { kind: 'disabled', staff: existing };

  let agency: Agency | null = null;
  for (const code of identity.agencyCodes) {
    const found = await repo.findAgencyOfMunicipality(tx, identity.municipalityId, code);
    if (found?.active) {
      agency = found;
      break;
    }
  }
  if (!agency) return { kind: 'no_mapping', missing: 'agency', staff: existing };
  if (identity.roles.length === 0) return { kind: 'no_mapping', missing: 'role', staff: existing };

  const systemAudit = (action: string, subjectId: string, details: Record<string, unknown>) =>
    recordAudit(tx, {
      municipalityId: identity.municipalityId,
      actor: null,
      action,
      subjectType: 'staff',
      subjectId,
      purpose: 'administration',
      details: { source: 'oidc', ...details },
    });

  if (existing) {
    const sameRoles =
      existing.roles.length === identity.roles.length &&
      existing.roles.every((r) => identity.roles.includes(r));
    const staff = await repo.updateStaff(tx, existing.id, {
      agencyId: agency.id,
      roles: identity.roles,
      displayName: identity.displayName ?? undefined,
      email: identity.email ?? undefined,
    });
    const changed = [
      ...(existing.agencyId === agency.id ? [] : ['agencyId']),
      ...(sameRoles ? [] : ['roles']),
    ];
    if (changed.length) await systemAudit('staff.update', existing.id, { changed, roles: identity.roles });
    return { kind: 'ok', staff: staff!, created: false };
  }

  const username = await uniqueUsername(tx, identity.usernameHint, identity.municipalitySlug);
  const staff = await repo.insertStaff(tx, identity.municipalityId, {
    username,
    displayName: identity.displayName ?? username,
    email: identity.email,
    agencyId: agency.id,
    roles: identity.roles,
    passwordHash: null,
    oidcIssuer: identity.issuer,
    oidcSubject: identity.subject,
  });
  await systemAudit('staff.create', staff.id, { roles: staff.roles });
  return { kind: 'ok', staff, created: true };
}
