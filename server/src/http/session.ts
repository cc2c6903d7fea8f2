import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { Purpose } from '@lotse/common';
import { AppError } from '../errors';
import type { Actor } from '../features/auth/actor';
import { authenticate, SESSION_COOKIE } from '../features/auth/auth.service';
import type { Deps } from './deps';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionState: 'none' | 'valid' | 'expired';
  }
}

/** Reads the session cookie on every request and puts the acting staff member on the request. */
export async function registerSession(app: FastifyInstance, deps: Deps) {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionState', 'none');
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.actor = await authenticate(deps, token, request.id);
    request.sessionState = request.actor ? 'valid' : 'expired';
    if (request.actor) request.actor.purpose = requestPurpose(request);
  });
}

/** The purpose a request names: header X-Lotse-Purpose, else query `purpose`; an unknown one is refused (400). */
function requestPurpose(request: FastifyRequest): Purpose | null {
  const header = request.headers['x-lotse-purpose'];
  const query = (request.query as Record<string, unknown> | undefined)?.purpose;
  const named = typeof header === 'string' && header ? header : typeof query === 'string' ? query : null;
  if (named === null) return null;
  const parsed = Purpose.safeParse(named);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', `The purpose "${named.slice(0, 50)}" is not one Lotse knows.`, {
      purpose: `must be one of ${Purpose.options.join(', ')}`,
    });
  return parsed.data;
}

/** The actor of a request, or 401. Routes call this; services decide what the actor may do. */
export function requireActor(request: FastifyRequest): Actor {
  if (request.actor) return request.actor;
  throw new AppError(request.sessionState === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
}

export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.cookieSecure,
    maxAge: deps.config.session.absoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: Deps) {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.cookieSecure,
  });
}
