/**
 * Recognises uploaded files by their first bytes ("magic numbers"), never by their name or the type a client
 * claims: a renamed executable stays what it is. Used for scans of consent forms and for documents handed in at the
 * front desk.
 */

export type SniffedMediaType = 'application/pdf' | 'image/png' | 'image/jpeg';

const SIGNATURES: ReadonlyArray<[SniffedMediaType, number[]]> = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

/** The media type of a file by its content, or null when it is none of PDF, PNG, JPEG. */
export function sniffMediaType(content: Uint8Array): SniffedMediaType | null {
  for (const [type, magic] of SIGNATURES) if (magic.every((b, i) => content[i] === b)) return type;
  return null;
}

/** Whether the content is of the claimed media type (by its first bytes). */
export function hasMediaType(content: Uint8Array, mediaType: SniffedMediaType): boolean {
  return sniffMediaType(content) === mediaType;
}
