import type { z } from 'zod';
import {
  type Consent,
  type ConsentFormRequest,
  type ConsentInput,
  type ConsentTemplate,
  type ConsentTemplateInput,
  type EmergencyAccess,
  type ErasureRequest,
  type ErasureResult,
  type LegalBasis,
  type LegalBasisInput,
  type ProcessingRecordQuery,
  type Purpose,
  type RetentionPlan,
  type RetentionRule,
  type RetentionRuleInput,
  type RetentionRun,
} from '@lotse/common';
import { api, documentUrl } from '../../api/client';

const person = (id: string) => `/api/persons/${encodeURIComponent(id)}`;
const consent = (id: string) => `/api/consents/${encodeURIComponent(id)}`;

export type EmergencyStatus = 'open' | 'reviewed' | 'all';
export type RecordLanguage = z.output<typeof ProcessingRecordQuery>['lang'];

/** Consents, emergency access, legal bases and the transparency of a person's data (server: features/privacy). */
export const privacyApi = {
  consentsPath: (personId: string) => `${person(personId)}/consents`,
  accessLogPath: (personId: string) => `${person(personId)}/access-log`,
  templatesPath: '/api/consent-templates',
  legalBasesPath: '/api/legal-bases',
  emergenciesPath: (status: EmergencyStatus) => `/api/emergency-accesses?status=${status}`,

  /** `purpose` names another purpose than the chosen one for this call (see ConsentRequired). */
  recordConsent: (personId: string, body: z.input<typeof ConsentInput>, purpose?: Purpose) =>
    api.post<Consent>(`${person(personId)}/consents`, body, { purpose }),
  revokeConsent: (consentId: string, note: string) =>
    api.post<Consent>(`${consent(consentId)}/revoke`, { note }),
  consentForm: (personId: string, body: z.input<typeof ConsentFormRequest>, purpose?: Purpose) =>
    api.postForBlob(`${person(personId)}/consent-form`, body, { purpose }),
  scanUrl: (consentId: string) => documentUrl(`${consent(consentId)}/scan`),

  openEmergency: (personId: string, reason: string) =>
    api.post<EmergencyAccess>(`${person(personId)}/emergency-access`, { reason }),
  reviewEmergency: (id: string, note: string) =>
    api.post<EmergencyAccess>(`/api/emergency-accesses/${encodeURIComponent(id)}/review`, { note }),

  createLegalBasis: (body: LegalBasisInput) => api.post<LegalBasis>('/api/legal-bases', body),
  updateLegalBasis: (id: string, body: LegalBasisInput) =>
    api.put<LegalBasis>(`/api/legal-bases/${encodeURIComponent(id)}`, body),

  createTemplateVersion: (body: ConsentTemplateInput) =>
    api.post<ConsentTemplate>('/api/consent-templates', body),

  retentionRulesPath: '/api/retention/rules',
  removalsPath: (runId: string | null) =>
    runId
      ? `/api/retention/removals?runId=${encodeURIComponent(runId)}`
      : '/api/retention/removals?limit=500',
  /** Creates the rule of an agency for a record type, or replaces the one in force (the old one is retired). */
  saveRetentionRule: (body: RetentionRuleInput) => api.put<RetentionRule>('/api/retention/rules', body),
  retireRetentionRule: (id: string) => api.delete<void>(`/api/retention/rules/${encodeURIComponent(id)}`),
  retentionDue: () => api.get<RetentionPlan>('/api/retention/due'),
  runRetention: () => api.post<RetentionRun>('/api/retention/run'),
  erasePerson: (personId: string, body: ErasureRequest) =>
    api.post<ErasureResult>(`${person(personId)}/erasure`, body),

  processingRecordPath: (lang: RecordLanguage) => `/api/processing-record?format=json&lang=${lang}`,
  processingRecordPdf: (lang: RecordLanguage) =>
    api.getForBlob(documentUrl('/api/processing-record', { format: 'pdf', lang })),

  accessLogPdfUrl: (personId: string, lang: string) =>
    documentUrl(`${person(personId)}/access-log`, { format: 'pdf', lang }),
  exportUrl: (personId: string, format: 'json' | 'pdf', lang: string) =>
    documentUrl(`${person(personId)}/export`, { format, lang }),
};
