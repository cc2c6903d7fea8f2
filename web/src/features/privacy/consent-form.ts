import type { IntlShape } from 'react-intl';
import type { z } from 'zod';
import {
  type ConsentForm,
  type ConsentFormRequest,
  type ConsentInput,
  type ConsentScan,
  type ConsentTemplate,
  type DataCategory,
  type DocumentLanguage,
  type Purpose,
  documentLanguages,
  scanMediaTypes,
} from '@lotse/common';
import type { ApiError } from '../../api/client';
import type { MessageId } from '../../i18n/catalogues';
import { fieldErrors } from '../../i18n/labels';

type Scan = z.infer<typeof ConsentScan>;

/** The consent form's values: the request's shape, with '' where the API wants null or a number. */
export interface ConsentValues {
  disclosingAgencyIds: string[];
  receivingAgencyIds: string[];
  categories: DataCategory[];
  purpose: Purpose;
  purposeNote: string;
  validFrom: string;
  validUntil: string;
  form: ConsentForm;
  note: string;
  scan: Scan | null;
  templateKey: string;
  templateVersion: string;
  language: DocumentLanguage;
  signedBy: 'person' | 'guardian';
  guardianName: string;
}

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

/** Today as YYYY-MM-DD in the reader's time zone (the default start of a consent). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isDocumentLanguage(value: unknown): value is DocumentLanguage {
  return documentLanguages.some((l) => l === value);
}

/** The versions of a template text in one language, newest first. */
export function templateVersions(templates: ConsentTemplate[], key: string, language: string) {
  return templates
    .filter((t) => t.key === key && t.language === language)
    .sort((a, b) => b.version - a.version);
}

export function initialConsentValues(
  templates: ConsentTemplate[],
  defaults: Partial<
    Pick<ConsentValues, 'disclosingAgencyIds' | 'receivingAgencyIds' | 'categories' | 'language'>
  > & {
    purpose: Purpose;
  },
  now = new Date(),
): ConsentValues {
  const language = defaults.language ?? 'de';
  const templateKey = templates.some((t) => t.key === 'standard')
    ? 'standard'
    : (templates[0]?.key ?? 'standard');
  const latest = templateVersions(templates, templateKey, language)[0];
  return {
    disclosingAgencyIds: defaults.disclosingAgencyIds ?? [],
    receivingAgencyIds: defaults.receivingAgencyIds ?? [],
    categories: defaults.categories ?? [],
    purpose: defaults.purpose,
    purposeNote: '',
    validFrom: today(now),
    validUntil: '',
    form: 'electronic',
    note: '',
    scan: null,
    templateKey,
    templateVersion: latest ? String(latest.version) : '',
    language,
    signedBy: 'person',
    guardianName: '',
  };
}

/** The body of POST /api/persons/:id/consents. */
export function consentBody(v: ConsentValues): z.input<typeof ConsentInput> {
  return {
    disclosingAgencyIds: v.disclosingAgencyIds,
    receivingAgencyIds: v.receivingAgencyIds,
    categories: v.categories,
    purpose: v.purpose,
    purposeNote: v.purposeNote,
    validFrom: v.validFrom,
    validUntil: v.validUntil.trim() === '' ? null : v.validUntil,
    form: v.form,
    note: v.note,
    scan: v.form === 'signed_paper' ? v.scan : null,
    templateKey: v.templateKey,
    templateVersion: Number(v.templateVersion) || 0,
    language: v.language,
    signedBy: v.signedBy,
    guardianName: v.signedBy === 'guardian' ? v.guardianName : '',
  };
}

/** The body of POST /api/persons/:id/consent-form: the consent to print for signature. */
export function consentFormBody(v: ConsentValues): z.input<typeof ConsentFormRequest> {
  const body = consentBody(v);
  return {
    disclosingAgencyIds: body.disclosingAgencyIds,
    receivingAgencyIds: body.receivingAgencyIds,
    categories: body.categories,
    purpose: body.purpose,
    purposeNote: body.purposeNote,
    validFrom: body.validFrom,
    validUntil: body.validUntil,
    templateKey: body.templateKey,
    templateVersion: body.templateVersion || null,
    language: body.language,
    signedBy: body.signedBy,
    guardianName: body.guardianName,
  };
}

/** What the shared schema cannot say: the rules that depend on how the consent was given. */
export function consentRules(intl: IntlShape, v: ConsentValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (v.form === 'oral' && v.note.trim() === '')
    errors.note = intl.formatMessage({ id: 'consent.noteRequired' });
  if (v.form === 'signed_paper' && !v.scan) errors.scan = intl.formatMessage({ id: 'consent.scanRequired' });
  if (v.signedBy === 'guardian' && v.guardianName.trim() === '')
    errors.guardianName = intl.formatMessage({ id: 'validation.required' });
  return errors;
}

// The server words its problems in English and names the field; these fields get a sentence in the reader's
// language (the rules behind them are the server's: recordConsent in features/privacy).
const FIELD_MESSAGES: Record<string, MessageId> = {
  disclosingAgencyIds: 'consent.unknownAgency',
  receivingAgencyIds: 'consent.unknownAgency',
  validUntil: 'consent.untilBeforeFrom',
  note: 'consent.noteRequired',
  scan: 'consent.scanInvalid',
  templateVersion: 'consent.noTemplate',
  signedBy: 'consent.under15',
  guardianName: 'validation.required',
};

/**
 * The server's field problems at the form's fields: a list item's problem (`receivingAgencyIds.0`) or a part's
 * (`scan.contentBase64`) belongs to the field that holds it.
 */
export function consentFieldErrors(intl: IntlShape, error: ApiError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(intl, error))) {
    const field = path.split('.')[0] ?? path;
    const id = FIELD_MESSAGES[field];
    result[field] ??= id ? intl.formatMessage({ id }) : message;
  }
  return result;
}

/** A chosen file as the API wants the signed form, or the message id of what is wrong with it. */
export async function readScan(file: File): Promise<Scan | MessageId> {
  const mediaType = scanMediaTypes.find((t) => t === file.type);
  if (!mediaType) return 'consent.scanType';
  if (file.size > MAX_SCAN_BYTES) return 'consent.scanTooLarge';
  if (file.size === 0) return 'consent.scanInvalid';
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
  return {
    fileName: file.name.slice(0, 200),
    mediaType,
    contentBase64: dataUrl.slice(dataUrl.indexOf(',') + 1),
  };
}
