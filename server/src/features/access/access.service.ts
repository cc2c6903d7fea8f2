import type { Role } from '@lotse/common';
import type { Tx } from '../../db/database';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import type { Actor } from '../auth/actor';

/**
 * What a staff member wants to do with person data. `search` and `read` show data, `create`, `update` and
 * `merge` change it, `import` brings in an agency's export, `review` opens the duplicate queue.
 */
export type PersonAction = 'search' | 'read' | 'create' | 'update' | 'merge' | 'import' | 'review';

/** Why: the purpose recorded with every access (issue 4 adds purposes per consent and legal basis). */
export type Purpose =
  'identification' | 'registration' | 'case_work' | 'duplicate_review' | 'data_import' | string;

export type AccessRequest = {
  actor: Actor;
  action: PersonAction;
  /** The persons concerned; empty for a search before results exist or a create. */
  personIds: string[];
  purpose: Purpose;
  details?: Record<string, unknown>;
};

// Who may do what with the registry. Partners and state reporters see no person data without consent or a
// legal basis (issue 4); administrators manage the organisation, not persons.
const ALLOWED: Record<PersonAction, readonly Role[]> = {
  search: ['front_desk', 'caseworker', 'case_manager', 'agency_lead'],
  read: ['front_desk', 'caseworker', 'case_manager', 'agency_lead'],
  create: ['front_desk', 'caseworker', 'case_manager', 'agency_lead'],
  update: ['caseworker', 'case_manager', 'agency_lead'],
  merge: ['caseworker', 'case_manager', 'agency_lead'],
  review: ['caseworker', 'case_manager', 'agency_lead'],
  import: ['agency_lead', 'caseworker'],
};

/** Whether the actor's roles allow an action at all (for navigation and early refusals; reads still call requirePersonAccess). */
export function mayPerson(actor: Pick<Actor, 'roles'>, action: PersonAction): boolean {
  return actor.roles.some((r) => ALLOWED[action].includes(r));
}

/**
 * The one access function for person data: every search, read, change, merge or import of persons calls it
 * inside the transaction that touches the data. It decides (role, municipality by row-level security) and
 * writes the audit entry: one per person concerned, or one for a search listing the persons it showed.
 * Issue 4 extends the decision with agency ownership, categories, consent and legal bases here, and nowhere else.
 */
export async function requirePersonAccess(tx: Tx, req: AccessRequest): Promise<void> {
  const { actor, action, personIds, purpose } = req;
  if (!mayPerson(actor, action)) {
    const refusal = new AppError('NOT_PERMITTED', 'Your role does not allow this on person data.');
    // The refusal is audited even though the caller's transaction rolls back.
    refusal.afterRollback = (t) =>
      recordAudit(t, {
        municipalityId: actor.municipalityId,
        actor: { staffId: actor.staffId, agencyId: actor.agencyId },
        action: `person.${action}.denied`,
        subjectType: 'person',
        subjectId: personIds.length === 1 ? personIds[0]! : null,
        purpose,
        requestId: actor.requestId,
        details: { ...(personIds.length > 1 ? { personIds } : {}), ...req.details },
      });
    throw refusal;
  }
  const base = {
    municipalityId: actor.municipalityId,
    actor: { staffId: actor.staffId, agencyId: actor.agencyId },
    action: `person.${action}`,
    subjectType: 'person',
    purpose,
    requestId: actor.requestId,
  };
  if (action === 'search' || personIds.length === 0) {
    await recordAudit(tx, { ...base, subjectId: null, details: { personIds, ...req.details } });
    return;
  }
  for (const personId of personIds)
    await recordAudit(tx, { ...base, subjectId: personId, details: req.details ?? {} });
}
