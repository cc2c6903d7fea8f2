import { type IntlShape, useIntl } from 'react-intl';
import type { LegalDomain, OrganisationKind, Role } from '@lotse/common';
import type { ApiError } from '../api/client';
import { isMessageId } from './catalogues';

/** The translated sentence for an API error: per code, else the server's own message. */
export function errorMessage(intl: IntlShape, error: ApiError): string {
  const id = `error.${error.code}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : error.message;
}

// The server words field problems in English; the common ones get the reader's language.
const serverFieldMessages: [RegExp, 'validation.taken' | 'validation.required'][] = [
  [/^is already (taken|used)/, 'validation.taken'],
  [/^(must not be empty|is required)$/, 'validation.required'],
];

/** Per-field problems from the server, translated where known, ready for form.setErrors. */
export function fieldErrors(intl: IntlShape, error: ApiError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    const known = serverFieldMessages.find(([pattern]) => pattern.test(message));
    result[path.replace(/^body\./, '')] = known ? intl.formatMessage({ id: known[1] }) : message;
  }
  return result;
}

/** Translated names of roles, legal domains and organisation kinds. */
export function useLabels() {
  const intl = useIntl();
  return {
    role: (role: Role) => intl.formatMessage({ id: `role.${role}` }),
    domain: (domain: LegalDomain) => intl.formatMessage({ id: `domain.${domain}` }),
    kind: (kind: OrganisationKind) => intl.formatMessage({ id: `kind.${kind}` }),
  };
}
