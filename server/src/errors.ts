import type { Tx } from './db/database';

/**
 * Every error the API can answer with, declared once: code, HTTP status and a message a person can act on.
 * docs/errors.md lists them; a test keeps the two in step.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: {
    status: 400,
    message: 'The request is not valid; see the fields for what to correct.',
  },
  UNAUTHENTICATED: { status: 401, message: 'Please sign in.' },
  INVALID_CREDENTIALS: { status: 401, message: 'User name or password is wrong.' },
  TOTP_REQUIRED: { status: 401, message: 'Enter the 6-digit code from your authenticator app.' },
  TOTP_INVALID: { status: 401, message: 'The 6-digit code is wrong or has expired.' },
  ACCOUNT_LOCKED: {
    status: 423,
    message:
      'This account is locked after too many failed sign-ins; try again later or ask an administrator.',
  },
  ACCOUNT_DISABLED: { status: 403, message: 'This account is disabled; ask an administrator.' },
  SESSION_EXPIRED: { status: 401, message: 'Your session has expired; please sign in again.' },
  CSRF_REJECTED: {
    status: 403,
    message: 'The request came from another site and was refused (cross-site request forgery protection).',
  },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this.' },
  NOT_PERMITTED: { status: 403, message: 'You may not see or change this person data.' },
  CONSENT_REQUIRED: {
    status: 403,
    message: 'This needs the consent of the person (or a legal basis) for your agency and purpose.',
  },
  LIKELY_DUPLICATE: {
    status: 409,
    message: 'This person may already be registered; check the candidates, then confirm to create anyway.',
  },
  IMPORT_INVALID: { status: 400, message: 'The file could not be imported; see the report for each line.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  CONFLICT: { status: 409, message: 'This conflicts with existing data.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the request body as application/json.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; wait a minute and try again.' },
  OIDC_FAILED: { status: 502, message: 'Sign-in through the identity provider failed.' },
  OIDC_NOT_CONFIGURED: { status: 404, message: 'No identity provider is configured for this municipality.' },
  OIDC_NO_MAPPING: {
    status: 403,
    message: 'The identity provider did not name an agency and a role Lotse knows; ask an administrator.',
  },
  INTERNAL: { status: 500, message: 'Something went wrong on our side; the error was logged.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The one error type: throw it anywhere; the error handler turns it into `{ error: { code, message, fields } }`. */
export class AppError extends Error {
  readonly status: number;
  /** Writes that must outlive the rolled-back transaction (see Database.tenant), e.g. the audit of a refusal. */
  afterRollback?: (tx: Tx) => Promise<unknown>;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>,
    /** More machine-readable context for the body, e.g. `requiredConsent` of CONSENT_REQUIRED. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message ?? errorCatalogue[code].message);
    this.status = errorCatalogue[code].status;
    this.name = 'AppError';
  }
}
