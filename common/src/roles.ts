import { z } from 'zod';

/** Staff roles, in the glossary's words. The UI shows them in German first. */
export const roles = [
  'front_desk',
  'caseworker',
  'case_manager',
  'agency_lead',
  'municipal_admin',
  'partner_staff',
  'state_reporter',
  'data_protection_officer',
] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** Legal domains (Rechtskreise) an agency works under; TIntG is NRW's integration law (KI, KIM); partners have `none`. */
export const legalDomains = [
  'AufenthG',
  'SGB_II',
  'SGB_III',
  'SGB_VIII',
  'SGB_XII',
  'AsylbLG',
  'school_law',
  'TIntG',
  'none',
] as const;
export const LegalDomain = z.enum(legalDomains);
export type LegalDomain = z.infer<typeof LegalDomain>;

export const organisationKinds = ['agency', 'partner'] as const;
export const OrganisationKind = z.enum(organisationKinds);
export type OrganisationKind = z.infer<typeof OrganisationKind>;
