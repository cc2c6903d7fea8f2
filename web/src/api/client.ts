import { ErrorBody, type Purpose } from '@lotse/common';
import { requestPurpose } from './purpose';

/** An error answered by the API (or a network failure, code NETWORK), with per-field problems when the server named them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The whole error body, for answers that carry more than the error (e.g. the candidates of a 409). */
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const SESSION_ENDED = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);
let onSessionEnded: ((code: string) => void) | undefined;

/** Registers the one listener told when a call finds the session gone (the auth provider). */
export function setSessionEndedListener(listener: ((code: string) => void) | undefined) {
  onSessionEnded = listener;
}

/** Per call: a purpose other than the chosen one (e.g. identification to record a consent). */
export interface RequestOptions {
  purpose?: Purpose;
}

async function send(method: Method, path: string, body: unknown, options: RequestOptions, accept: string) {
  const headers: Record<string, string> = { accept };
  // Every request names the purpose of the work (server: the access function decides per purpose).
  const purpose = options.purpose ?? requestPurpose();
  if (purpose) headers['x-lotse-purpose'] = purpose;
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  // Fastify refuses an empty body sent as JSON, so bodyless writes go without a content type.
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : 'Network error');
  }
  if (!response.ok) {
    const payload: unknown = await response.json().catch(() => null);
    const parsed = ErrorBody.safeParse(payload);
    if (parsed.success) {
      const { code, message, fields } = parsed.data.error;
      if (response.status === 401 && SESSION_ENDED.has(code) && !path.startsWith('/api/auth/'))
        onSessionEnded?.(code);
      throw new ApiError(response.status, code, message, fields, payload);
    }
    throw new ApiError(response.status, 'INTERNAL', `HTTP ${response.status}`);
  }
  return response;
}

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const response = await send(method, path, body, options, 'application/json');
  if (response.status === 204) return undefined as T;
  return (await response.json().catch(() => null)) as T;
}

/** Same-origin JSON calls to the Lotse API; every failure throws an ApiError. */
export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body, options),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** A document the server renders on a GET (e.g. the Art. 30 record as PDF), as a Blob for openPdf. */
  getForBlob: async (path: string, options: RequestOptions = {}): Promise<Blob> =>
    (await send('GET', path, undefined, options, 'application/pdf, application/json')).blob(),
  /** A document the server renders from a posted body (e.g. a consent form as PDF). */
  postForBlob: async (path: string, body: unknown, options: RequestOptions = {}): Promise<Blob> =>
    (await send('POST', path, body, options, 'application/pdf, application/json')).blob(),
};

/**
 * The address of a document opened in a new tab or downloaded (PDF, JSON): a link cannot send the purpose
 * header, so the chosen purpose travels as `?purpose=`.
 */
export function documentUrl(path: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params);
  const purpose = requestPurpose();
  if (purpose) query.set('purpose', purpose);
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** Turns anything thrown into an ApiError, so callers handle one shape. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'INTERNAL', error instanceof Error ? error.message : String(error));
}
