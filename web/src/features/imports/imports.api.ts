import type { z } from 'zod';
import type { ImportPreview, ImportReport, ImportRequest } from '@lotse/common';
import { api } from '../../api/client';

export type Preview = z.infer<typeof ImportPreview>;

/** The bytes of a file as base64, unchanged: the server detects the encoding (UTF-8, UTF-16, Windows-1252). */
export async function fileAsBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode with a whole large file would exceed the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const importsApi = {
  preview: (fileName: string, content: string) =>
    api.post<Preview>('/api/imports/preview', { fileName, content }),
  dryRun: (body: z.input<typeof ImportRequest>) => api.post<ImportReport>('/api/imports', body),
  apply: (id: string) => api.post<ImportReport>(`/api/imports/${encodeURIComponent(id)}/apply`),
};
