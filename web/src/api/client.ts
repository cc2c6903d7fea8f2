import { ErrorBody } from '@lotse/common';

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

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  // Fastify refuses an empty body sent as JSON, so bodyless writes go without a content type.
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : 'Network error');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(payload);
    if (parsed.success) {
      const { code, message, fields } = parsed.data.error;
      if (response.status === 401 && SESSION_ENDED.has(code) && !path.startsWith('/api/auth/'))
        onSessionEnded?.(code);
      throw new ApiError(response.status, code, message, fields, payload);
    }
    throw new ApiError(response.status, 'INTERNAL', `HTTP ${response.status}`);
  }
  return payload as T;
}

/** Same-origin JSON calls to the Lotse API; every failure throws an ApiError. */
export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Turns anything thrown into an ApiError, so callers handle one shape. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'INTERNAL', error instanceof Error ? error.message : String(error));
}
