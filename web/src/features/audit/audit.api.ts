import type { AuditEntry, AuditVerification } from '@lotse/common';
import { api } from '../../api/client';

export interface AuditPageData {
  entries: AuditEntry[];
  nextBefore: number | null;
}

export const auditApi = {
  list: (before: number | null, limit = 50) =>
    api.get<AuditPageData>(
      `/api/audit?${new URLSearchParams({ limit: String(limit), ...(before ? { before: String(before) } : {}) })}`,
    ),
  verify: () => api.post<AuditVerification>('/api/audit/verify'),
};
