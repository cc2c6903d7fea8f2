import type { Me, Role } from '@lotse/common';

// Mirrors the server's rules (features/access, features/privacy): the server decides, this only hides buttons.
const CONSENT: readonly Role[] = ['front_desk', 'caseworker', 'case_manager', 'agency_lead', 'partner_staff'];
const EMERGENCY: readonly Role[] = ['caseworker', 'case_manager', 'agency_lead'];
const CONFIGURE: readonly Role[] = ['municipal_admin', 'data_protection_officer'];

const hasAny = (me: Pick<Me, 'roles'>, allowed: readonly Role[]) => me.roles.some((r) => allowed.includes(r));

/** Whether the member may record and revoke consents of persons they may see. */
export const mayRecordConsent = (me: Pick<Me, 'roles'>) => hasAny(me, CONSENT);

/** Whether the member may break the glass: caseworker, case manager, agency lead. */
export const mayOpenEmergency = (me: Pick<Me, 'roles'>) => hasAny(me, EMERGENCY);

/** Whether the member may configure legal bases (administration, data protection officer). */
export const mayConfigureLegalBases = (me: Pick<Me, 'roles'>) => hasAny(me, CONFIGURE);

/** Whether the member answers a person's right of access (Art. 15 DSGVO): the data protection officer. */
export const mayExportPerson = (me: Pick<Me, 'roles'>) => me.roles.includes('data_protection_officer');

// Who works with person data and so for a purpose (administrators and state reporters see none).
const PURPOSEFUL: readonly Role[] = [...CONSENT, 'data_protection_officer'];

/** Whether the member works with person data, and so chooses the purpose of their work. */
export const worksForPurpose = (me: Pick<Me, 'roles'>) => hasAny(me, PURPOSEFUL);

/** Whether the member erases a person's data on request (Art. 17 DSGVO): the data protection officer. */
export const mayErasePerson = (me: Pick<Me, 'roles'>) => me.roles.includes('data_protection_officer');
