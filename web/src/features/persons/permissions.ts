import type { Me, Role } from '@lotse/common';

// Mirrors the server's access rules (server/src/features/access): the server decides, this only hides buttons.
const CHANGE: readonly Role[] = ['caseworker', 'case_manager', 'agency_lead'];

/** Whether the signed-in member may change persons, add records to them, review and merge duplicates. */
export function mayChangePersons(me: Pick<Me, 'roles'>): boolean {
  return me.roles.some((role) => CHANGE.includes(role));
}
