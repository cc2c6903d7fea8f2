import { z } from 'zod';

/** Branded identifiers: a StaffId cannot be passed where an AgencyId is expected. */
export const MunicipalityId = z.uuid().brand<'MunicipalityId'>();
export type MunicipalityId = z.infer<typeof MunicipalityId>;
export const SiteId = z.uuid().brand<'SiteId'>();
export type SiteId = z.infer<typeof SiteId>;
export const AgencyId = z.uuid().brand<'AgencyId'>();
export type AgencyId = z.infer<typeof AgencyId>;
export const StaffId = z.uuid().brand<'StaffId'>();
export type StaffId = z.infer<typeof StaffId>;

/** Person ids are opaque UUIDs; a merged person keeps its id and points to the surviving one. */
export const PersonId = z.uuid().brand<'PersonId'>();
export type PersonId = z.infer<typeof PersonId>;
