import type {
  AccessBasis,
  DataCategory,
  IdentityField,
  LegalDomain,
  PersonSummary,
  PersonVisibility,
  Purpose,
  RequiredConsent,
  Role,
} from '@lotse/common';
import type { Tx } from '../../db/database';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { todayInGermany } from '../persons/persons.dates';
import * as repo from './access.repo';
import { redactSummary, summaryHoldings } from './redact';

/**
 * What a staff member wants to do with person data. `search` and `read` show data, `create`, `update` and
 * `merge` change it, `import` brings in an agency's export, `review` opens the duplicate queue, `consent`
 * records or revokes a consent, `emergency` opens an emergency access, `export` and `erase` serve the person's
 * rights (Art. 15 and 17 DSGVO).
 */
export type PersonAction =
  | 'search'
  | 'read'
  | 'create'
  | 'update'
  | 'merge'
  | 'import'
  | 'review'
  | 'consent'
  | 'emergency'
  | 'export'
  | 'erase';

/**
 * The activity a call serves. Registry activities (registration, duplicate review, import) are identification;
 * `case_work` is whatever the staff member works on: the purpose of the request (X-Lotse-Purpose), else the
 * agency's default. A purpose of the list can be named directly.
 */
export type Activity = 'registration' | 'duplicate_review' | 'data_import' | 'case_work' | Purpose;

/** One item of person data: its category, the agency that recorded (owns) it, and for identity its field. */
export type Holding = { category: DataCategory; agencyId: string | null; field?: IdentityField };

export type AccessRequest = {
  actor: Actor;
  action: PersonAction;
  /** The persons concerned (surviving records); empty for a search before results exist or a create. */
  personIds: string[];
  purpose: Activity;
  /** For reads: what each person's record holds, so that the decision and the audit name real categories. */
  holdings?: Map<string, Holding[]>;
  /**
   * For changes: the items the request overwrites, per person. One cannot change what one may not see: an item
   * the caller does not see refuses the request with CONSENT_REQUIRED naming the field.
   */
  overwrites?: Map<string, Holding[]>;
  /** A list (search results, related persons): persons the caller sees nothing of are left out, not refused. */
  list?: boolean;
  details?: Record<string, unknown>;
};

/** The decision of the access function for the persons of one request. */
export type PersonGrant = {
  purpose: Purpose;
  /** Whether the caller may see this item of the person. */
  sees(personId: string, holding: Holding): boolean;
  /** The categories the caller sees of the person, with their bases (for the API and the audit). */
  visibility(personId: string): PersonVisibility;
  /** The persons of the request of whom the caller sees anything at all. */
  visiblePersons(): string[];
};

const STAFF: readonly Role[] = ['front_desk', 'caseworker', 'case_manager', 'agency_lead'];
const CHANGERS: readonly Role[] = ['caseworker', 'case_manager', 'agency_lead'];
// Who may do what with the registry at all; what they then see is decided per category below. Partners see
// only what a consent names; state reporters and administrators see no person data.
const ALLOWED: Record<PersonAction, readonly Role[]> = {
  search: [...STAFF, 'partner_staff'],
  read: [...STAFF, 'partner_staff', 'data_protection_officer'],
  create: STAFF,
  update: CHANGERS,
  merge: CHANGERS,
  review: CHANGERS,
  import: ['agency_lead', 'caseworker'],
  consent: [...STAFF, 'partner_staff'],
  emergency: CHANGERS,
  export: ['data_protection_officer'],
  erase: ['data_protection_officer'],
};

/** Whether the actor's roles allow an action at all (for navigation and early refusals; reads still call requirePersonAccess). */
export function mayPerson(actor: Pick<Actor, 'roles'>, action: PersonAction): boolean {
  return actor.roles.some((r) => ALLOWED[action].includes(r));
}

// The purpose an agency works for when a request names none, by its legal domain (DOMAIN.md).
const DOMAIN_PURPOSE: Partial<Record<LegalDomain, Purpose>> = {
  AufenthG: 'residence_procedure',
  SGB_II: 'benefit_processing',
  SGB_XII: 'benefit_processing',
  AsylbLG: 'benefit_processing',
  SGB_III: 'employment_placement',
  SGB_VIII: 'youth_welfare',
  school_law: 'schooling',
  TIntG: 'case_management',
};

/** The purpose of a request: named by the caller, else the agency's default (partners: counselling). */
export function defaultPurpose(agency: Pick<repo.AgencyRow, 'kind' | 'legalDomains'>): Purpose {
  if (agency.kind === 'partner') return 'counselling';
  for (const d of agency.legalDomains) {
    const p = DOMAIN_PURPOSE[d as LegalDomain];
    if (p) return p;
  }
  return 'identification';
}

function effectivePurpose(activity: Activity, actor: Actor, agency: repo.AgencyRow): Purpose {
  if (activity === 'registration' || activity === 'duplicate_review' || activity === 'data_import')
    return 'identification';
  if (activity === 'case_work') return actor.purpose ?? defaultPurpose(agency);
  return activity;
}

const auditBase = (actor: Actor, action: string, purpose: string) => ({
  municipalityId: actor.municipalityId,
  actor: { staffId: actor.staffId, agencyId: actor.agencyId },
  action,
  subjectType: 'person',
  purpose,
  requestId: actor.requestId,
});

// A refusal is audited although the caller's transaction rolls back.
function refusal(
  actor: Actor,
  req: AccessRequest,
  purpose: string,
  error: AppError,
  extra: Record<string, unknown> = {},
): AppError {
  const { personIds } = req;
  error.afterRollback = (t) =>
    recordAudit(t, {
      ...auditBase(actor, `person.${req.action}.denied`, purpose),
      subjectId: personIds.length === 1 ? personIds[0]! : null,
      details: {
        roles: actor.roles,
        ...(personIds.length > 1 ? { personIds } : {}),
        ...req.details,
        ...extra,
      },
    });
  return error;
}

const basisKey = (b: AccessBasis) => `${b.kind}:${b.id ?? ''}`;

/**
 * The one access function for person data: every search, read, change, merge, import, consent or export of
 * persons calls it inside the transaction that touches the data. It decides, per person and per item of data,
 * whether the caller may see it (own agency's data; another agency's only on a consent in force or a configured
 * legal basis covering the category, from that agency to the caller's, for the purpose of the request; an
 * emergency access), and it writes the audit entry: one per person concerned (naming the categories shown and
 * their bases), or one for a search listing the persons it showed. A read of a person of whom the caller may see
 * nothing is refused with CONSENT_REQUIRED, naming the consent that would allow it.
 */
export async function requirePersonAccess(tx: Tx, req: AccessRequest): Promise<PersonGrant> {
  const { actor, action, personIds } = req;
  const agencies = await repo.getAgencies(tx);
  const agencyById = new Map(agencies.map((a) => [a.id, a]));
  const own = agencyById.get(actor.agencyId) ?? {
    id: actor.agencyId,
    kind: 'agency' as const,
    name: '',
    legalDomains: [],
  };
  const purpose = effectivePurpose(req.purpose, actor, own);
  if (!mayPerson(actor, action)) {
    throw refusal(
      actor,
      req,
      purpose,
      new AppError('NOT_PERMITTED', 'Your role does not allow this on person data.'),
    );
  }

  const today = todayInGermany();
  // One after the other: a transaction is one connection.
  const consents = await repo.consentsInForce(tx, personIds, actor.agencyId, today);
  const bases = own.kind === 'agency' ? await repo.activeLegalBases(tx) : [];
  const emergencies = await repo.emergencyInForce(tx, actor.staffId, personIds);
  const emergencyOf = new Map(emergencies.map((e) => [e.rootId, e.id]));
  const holdingsOf = (id: string) => req.holdings?.get(id) ?? [];
  const servedSet = bases.some((b) => b.servedOnly)
    ? await repo.servedPersons(tx, personIds, actor.agencyId)
    : new Set<string>();
  const served = (id: string) => servedSet.has(id);

  const basisFor = (personId: string, h: Holding): AccessBasis | null => {
    // The person's own rights: the data protection officer compiles everything for the person (Art. 15, 17).
    if (action === 'export' || action === 'erase')
      return { kind: 'legal_basis', id: null, label: 'Art. 15/17 DSGVO, §§ 83, 84 SGB X' };
    const emergency = emergencyOf.get(personId);
    if (emergency) return { kind: 'emergency', id: emergency, label: 'Notfallzugriff' };
    if (h.agencyId === actor.agencyId) return { kind: 'own_agency', id: null, label: own.name };
    for (const c of consents) {
      if (c.rootId !== personId || c.purpose !== purpose || !c.categories.includes(h.category)) continue;
      if (h.agencyId && c.disclosing.includes(h.agencyId))
        return { kind: 'consent', id: c.id, label: `Einwilligung ab ${c.validFrom}` };
    }
    const ownerKind = h.agencyId ? agencyById.get(h.agencyId)?.kind : 'agency';
    for (const b of bases) {
      if (!b.categories.includes(h.category) || !b.purposes.includes(purpose)) continue;
      if (b.toAgencyIds.length > 0 && !b.toAgencyIds.includes(actor.agencyId)) continue;
      if (
        b.fromAgencyIds.length > 0
          ? !h.agencyId || !b.fromAgencyIds.includes(h.agencyId)
          : ownerKind !== 'agency'
      )
        continue;
      if (
        h.category === 'identity_contact' &&
        b.fields.length > 0 &&
        (!h.field || !b.fields.includes(h.field))
      )
        continue;
      if (b.servedOnly && !served(personId)) continue;
      return { kind: 'legal_basis', id: b.id, label: `${b.paragraph} – ${b.title}` };
    }
    return null;
  };

  const decided = new Map<string, Map<DataCategory, Map<string, AccessBasis>>>();
  const visibility = (personId: string): PersonVisibility => {
    const cats = decided.get(personId) ?? new Map();
    return {
      purpose,
      emergency: emergencyOf.has(personId),
      categories: [...cats.entries()].map(([category, b]) => ({ category, bases: [...b.values()] })),
    };
  };
  for (const id of personIds) {
    const cats = new Map<DataCategory, Map<string, AccessBasis>>();
    for (const h of holdingsOf(id)) {
      const b = basisFor(id, h);
      if (!b) continue;
      const seen = cats.get(h.category) ?? new Map<string, AccessBasis>();
      seen.set(basisKey(b), b);
      cats.set(h.category, seen);
    }
    decided.set(id, cats);
  }
  const grant: PersonGrant = {
    purpose,
    sees: (personId, h) => basisFor(personId, h) !== null,
    visibility,
    visiblePersons: () => personIds.filter((id) => (decided.get(id)?.size ?? 0) > 0),
  };

  if (req.holdings) {
    const hidden = personIds.filter((id) => (decided.get(id)?.size ?? 0) === 0);
    if (hidden.length > 0 && (action === 'read' || action === 'review' || action === 'update') && !req.list) {
      const required: RequiredConsent = {
        receivingAgencyId: actor.agencyId as RequiredConsent['receivingAgencyId'],
        categories: ['identity_contact'],
        purpose,
      };
      throw refusal(
        actor,
        req,
        purpose,
        new AppError(
          'CONSENT_REQUIRED',
          `Seeing this person needs the person's consent (or a legal basis) for your agency to receive ` +
            `identity and contact data for the purpose "${purpose}".`,
          undefined,
          { requiredConsent: required },
        ),
      );
    }
  }

  for (const [personId, items] of req.overwrites ?? []) {
    const blind = items.filter((h) => !grant.sees(personId, h));
    if (blind.length === 0) continue;
    const required: RequiredConsent = {
      receivingAgencyId: actor.agencyId as RequiredConsent['receivingAgencyId'],
      categories: [...new Set(blind.map((h) => h.category))],
      purpose,
    };
    throw refusal(
      actor,
      req,
      purpose,
      new AppError(
        'CONSENT_REQUIRED',
        'Another agency recorded what this change would overwrite, and you may not see it: changing it needs ' +
          `the person's consent (or a legal basis) for your agency to receive it for the purpose "${purpose}".`,
        Object.fromEntries(
          blind.map((h) => [
            h.field ?? h.category,
            'recorded by another agency; you may not see it, so you may not change it',
          ]),
        ),
        { requiredConsent: required },
      ),
    );
  }

  const base = auditBase(actor, `person.${action}`, purpose);
  const activity = req.purpose !== purpose ? { activity: req.purpose } : {};
  if (action === 'search' || personIds.length === 0) {
    const shown = req.holdings ? grant.visiblePersons() : personIds;
    await recordAudit(tx, {
      ...base,
      subjectId: null,
      details: {
        roles: actor.roles,
        personIds: shown,
        categories: ['identity_contact'],
        ...activity,
        ...req.details,
      },
    });
    return grant;
  }
  for (const personId of personIds) {
    const v = visibility(personId);
    if (req.holdings && v.categories.length === 0) continue;
    const bases = new Map<string, AccessBasis>();
    for (const c of v.categories) for (const b of c.bases) bases.set(basisKey(b), b);
    await recordAudit(tx, {
      ...base,
      subjectId: personId,
      details: {
        roles: actor.roles,
        ...(req.holdings
          ? { categories: v.categories.map((c) => c.category), bases: [...bases.values()] }
          : {}),
        ...(v.emergency ? { emergency: true } : {}),
        ...activity,
        ...req.details,
      },
    });
  }
  return grant;
}

type ProvenancedSummary = PersonSummary & { provenance: Record<string, { agencyId: string | null }> };

/**
 * A result list of persons through the access function: persons the caller may not see by name are left out,
 * the others shown with what the caller may see of them; the access is audited (one entry for a search, one per
 * person otherwise). The order of `rows` is kept.
 */
export async function showSummaries(
  tx: Tx,
  req: Omit<AccessRequest, 'personIds' | 'holdings' | 'list'>,
  rows: ProvenancedSummary[],
): Promise<PersonSummary[]> {
  const ids = [...new Set(rows.map((r) => r.id))];
  const holdings = new Map(rows.map((r) => [r.id as string, summaryHoldings(r)]));
  const grant = await requirePersonAccess(tx, { ...req, personIds: ids, holdings, list: true });
  return rows
    .filter((r) =>
      grant.sees(r.id, {
        category: 'identity_contact',
        agencyId: r.provenance.name?.agencyId ?? null,
        field: 'name',
      }),
    )
    .map((r) => redactSummary(r, grant));
}

/**
 * Items of one person that other features hold (tickets, appointments, documents), each with the category and
 * agency it belongs to: returns those the caller may see, through the one access function (audited once for the
 * person, naming `view`). Nothing visible is no refusal: the caller simply gets no items.
 */
export async function visibleItems<T>(
  tx: Tx,
  actor: Actor,
  personId: string,
  items: { holding: Holding; item: T }[],
  view: string,
): Promise<T[]> {
  if (items.length === 0) return [];
  const grant = await requirePersonAccess(tx, {
    actor,
    action: 'read',
    personIds: [personId],
    purpose: 'case_work',
    holdings: new Map([[personId, items.map((i) => i.holding)]]),
    list: true,
    details: { view },
  });
  return items.filter((i) => grant.sees(personId, i.holding)).map((i) => i.item);
}
