import type { Agency, LegalDomain, Purpose } from '@lotse/common';

// Mirrors the server's default purpose by legal domain (features/access/access.service.ts, DOMAIN.md).
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

/** The purpose the server assumes when a request names none: by the agency's legal domain; partners counsel. */
export function defaultPurposeOf(agency: Pick<Agency, 'kind' | 'legalDomains'>): Purpose {
  if (agency.kind === 'partner') return 'counselling';
  for (const domain of agency.legalDomains) {
    const purpose = DOMAIN_PURPOSE[domain];
    if (purpose) return purpose;
  }
  return 'identification';
}
