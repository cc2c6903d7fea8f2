import { type IntlShape, useIntl } from 'react-intl';
import {
  type ConsentForm,
  type DataCategory,
  type DateCertainty,
  type IdentifierKind,
  type LegalDomain,
  type OrganisationKind,
  type Purpose,
  type Role,
  type Sex,
  type accessBasisKinds,
  type benefitSystems,
  type consentStatuses,
  type contactChannels,
  type duplicateStatuses,
  type householdKinds,
  type importFields,
  type nameOrders,
  type relationKinds,
  type residenceKinds,
  roles,
} from '@lotse/common';
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

/** Translated names of roles, legal domains, organisation kinds and the person registry's fixed values. */
export function useLabels() {
  const intl = useIntl();
  return {
    role: (role: Role) => intl.formatMessage({ id: `role.${role}` }),
    domain: (domain: LegalDomain) => intl.formatMessage({ id: `domain.${domain}` }),
    kind: (kind: OrganisationKind) => intl.formatMessage({ id: `kind.${kind}` }),
    sex: (sex: Sex) => intl.formatMessage({ id: `sex.${sex}` }),
    certainty: (certainty: DateCertainty) => intl.formatMessage({ id: `certainty.${certainty}` }),
    nameOrder: (order: (typeof nameOrders)[number]) => intl.formatMessage({ id: `nameOrder.${order}` }),
    identifierKind: (kind: IdentifierKind) => intl.formatMessage({ id: `identifierKind.${kind}` }),
    residenceKind: (kind: (typeof residenceKinds)[number]) =>
      intl.formatMessage({ id: `residenceKind.${kind}` }),
    benefitSystem: (system: (typeof benefitSystems)[number]) =>
      intl.formatMessage({ id: `benefit.${system}` }),
    relation: (relation: (typeof relationKinds)[number]) =>
      intl.formatMessage({ id: `relation.${relation}` }),
    householdKind: (kind: (typeof householdKinds)[number]) =>
      intl.formatMessage({ id: `householdKind.${kind}` }),
    channel: (channel: (typeof contactChannels)[number]) => intl.formatMessage({ id: `channel.${channel}` }),
    duplicateStatus: (status: (typeof duplicateStatuses)[number]) =>
      intl.formatMessage({ id: `duplicateStatus.${status}` }),
    importField: (field: (typeof importFields)[number]) => intl.formatMessage({ id: `importField.${field}` }),
    /** A list of names in the reader's language ("a, b" / "a، b"). */
    list: (items: string[]) => intl.formatList(items, { type: 'unit', style: 'short' }),
    purpose: (purpose: Purpose) => intl.formatMessage({ id: `purpose.${purpose}` }),
    /** A purpose as the server wrote it (access log): translated when known. */
    purposeName: (purpose: string | null) => {
      if (!purpose) return '—';
      const id = `purpose.${purpose}`;
      return isMessageId(id) ? intl.formatMessage({ id }) : purpose;
    },
    category: (category: DataCategory) => intl.formatMessage({ id: `category.${category}` }),
    consentStatus: (status: (typeof consentStatuses)[number]) =>
      intl.formatMessage({ id: `consentStatus.${status}` }),
    consentForm: (form: ConsentForm) => intl.formatMessage({ id: `consentForm.${form}` }),
    basisKind: (kind: (typeof accessBasisKinds)[number]) => intl.formatMessage({ id: `basis.${kind}` }),
    /** An action of the access log (read, search, …): translated when known, else as the server wrote it. */
    accessAction: (action: string) => {
      const id = `accessAction.${action}`;
      return isMessageId(id) ? intl.formatMessage({ id }) : action;
    },
    /** A role as the server wrote it (access log): translated when known. */
    roleName: (role: string) =>
      roles.some((r) => r === role) ? intl.formatMessage({ id: `role.${role as Role}` }) : role,
    /** The field an import problem names: the mapped person field when known, else as the server wrote it. */
    importProblemField: (field: string) => {
      const id = `importField.${field}`;
      return isMessageId(id) ? intl.formatMessage({ id }) : field;
    },
  };
}
