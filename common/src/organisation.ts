import { z } from 'zod';
import { AgencyId, MunicipalityId, SiteId, StaffId } from './ids';
import { LegalDomain, OrganisationKind, Role } from './roles';

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const Municipality = z
  .object({ id: MunicipalityId, slug: z.string(), name: z.string(), isDemo: z.boolean() })
  .meta({ id: 'Municipality' });
export type Municipality = z.infer<typeof Municipality>;

export const Site = z
  .object({ id: SiteId, name: z.string(), address: z.string(), active: z.boolean() })
  .meta({ id: 'Site' });
export type Site = z.infer<typeof Site>;

export const SiteInput = z
  .object({ name, address: z.string().trim().max(500).default(''), active: z.boolean().default(true) })
  .meta({ id: 'SiteFields' });
export type SiteInput = z.infer<typeof SiteInput>;

export const Agency = z
  .object({
    id: AgencyId,
    kind: OrganisationKind,
    code: z.string(),
    name: z.string(),
    legalDomains: z.array(LegalDomain),
    siteId: SiteId.nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Agency', description: 'An agency (Behörde/Stelle) or a partner (Kooperationspartner)' });
export type Agency = z.infer<typeof Agency>;

export const AgencyInput = z
  .object({
    kind: OrganisationKind,
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 lower-case letters, digits or dashes'),
    name,
    legalDomains: z.array(LegalDomain).min(1, 'name at least one legal domain (partners: none)'),
    siteId: SiteId.nullable().default(null),
    active: z.boolean().default(true),
  })
  .meta({ id: 'AgencyFields' });
export type AgencyInput = z.infer<typeof AgencyInput>;

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._@-]{1,63}$/, 'must be 2-64 letters, digits, dots, dashes, @ or underscores');

export const Password = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');

export const Staff = z
  .object({
    id: StaffId,
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    agencyId: AgencyId,
    roles: z.array(Role),
    active: z.boolean(),
    totpEnabled: z.boolean(),
    lockedUntil: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Staff' });
export type Staff = z.infer<typeof Staff>;

export const StaffCreate = z
  .object({
    username: Username,
    displayName: name,
    email: z.email('must be an e-mail address').nullable().default(null),
    agencyId: AgencyId,
    roles: z.array(Role).min(1, 'give at least one role'),
    password: Password,
  })
  .meta({ id: 'StaffCreate' });
export type StaffCreate = z.infer<typeof StaffCreate>;

export const StaffUpdate = z
  .object({
    displayName: name.optional(),
    email: z.email('must be an e-mail address').nullable().optional(),
    agencyId: AgencyId.optional(),
    roles: z.array(Role).min(1, 'give at least one role').optional(),
    active: z.boolean().optional(),
    password: Password.optional().meta({ description: 'Sets a new password and unlocks the account' }),
    unlock: z.boolean().optional(),
  })
  .meta({ id: 'StaffUpdate' });
export type StaffUpdate = z.infer<typeof StaffUpdate>;

export const Organisation = z
  .object({ municipality: Municipality, sites: z.array(Site), agencies: z.array(Agency) })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof Organisation>;
