import type { Purpose, Role } from '@lotse/common';
import { AppError } from '../../errors';

/** The signed-in staff member a request acts for; services receive it, never the raw request. */
export type Actor = {
  staffId: string;
  municipalityId: string;
  agencyId: string;
  roles: Role[];
  authMethod: 'password' | 'oidc';
  sessionIdHash: string;
  requestId: string;
  /** The purpose the request names (X-Lotse-Purpose or ?purpose=); null: the agency's default. */
  purpose?: Purpose | null;
};

/** Refuses unless the actor holds one of the roles. */
export function requireRole(actor: Actor, ...allowed: Role[]): void {
  if (!actor.roles.some((r) => allowed.includes(r))) throw new AppError('FORBIDDEN');
}

export function auditActor(actor: Actor) {
  return { staffId: actor.staffId, agencyId: actor.agencyId };
}
