import type { DocumentClass, DocumentLanguage, Intake, IntakeDocument, IntakeRouting } from '@lotse/common';
import { api } from '../../api/client';

export type NewDocument = {
  fileName: string;
  documentClass: DocumentClass;
  agencyId: string | null;
  contentBase64: string;
};

/** The document intake API (server/src/features/intake). */
export const intakeApi = {
  receive: (personId: string, language: DocumentLanguage | null, documents: NewDocument[]) =>
    api.post<Intake>('/api/intake', { personId, language, documents }),
  process: (id: string) => api.post<IntakeDocument>(`/api/intake/documents/${id}/process`, {}),
  receiptBlob: async (id: string): Promise<Blob> => {
    const response = await fetch(`/api/intake/intakes/${id}/receipt`, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.blob();
  },
  routingPath: '/api/intake/routing',
  intakesPath: '/api/intake/intakes?limit=20',
  inboxPath: (status: string) => `/api/intake/inbox?status=${status}`,
  filePath: (id: string) => `/api/intake/documents/${id}/file`,
};

export type { Intake, IntakeDocument, IntakeRouting };

/** Reads a chosen file as base64 (the server checks its type by content). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
