import type { z } from 'zod';
import type {
  DuplicateComparison,
  DuplicateList,
  MergeResult,
  ScanResult,
  duplicateStatuses,
} from '@lotse/common';
import { api } from '../../api/client';

export type DuplicateStatus = (typeof duplicateStatuses)[number];
export type Comparison = z.infer<typeof DuplicateComparison>;
export type Scan = z.infer<typeof ScanResult>;
export type Merge = z.infer<typeof MergeResult>;
export type Queue = z.infer<typeof DuplicateList>;

const candidate = (id: string) => `/api/duplicates/${encodeURIComponent(id)}`;

export const duplicatesApi = {
  listPath: (status: DuplicateStatus) => `/api/duplicates?status=${status}`,
  comparisonPath: (id: string) => candidate(id),
  scan: () => api.post<Scan>('/api/duplicates/scan'),
  merge: (id: string, survivorId: string) => api.post<Merge>(`${candidate(id)}/merge`, { survivorId }),
  reject: (id: string) => api.post<void>(`${candidate(id)}/reject`),
  undo: (mergeId: string) => api.post<void>(`/api/merges/${encodeURIComponent(mergeId)}/undo`),
};
