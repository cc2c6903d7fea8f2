import { z } from 'zod';
import { ErrorBody, LoginBody, Me, PasswordChangeBody, TotpCodeBody, TotpSetup } from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { clearSessionCookie, requireActor, setSessionCookie } from '../../http/session';
import { getMe } from '../organisation/organisation.service';
import type { FastifyInstance } from 'fastify';
import {
  SESSION_COOKIE,
  changePassword,
  disableTotp,
  enableTotp,
  login,
  logout,
  setupTotp,
} from './auth.service';

const tags = ['auth'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export async function authRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: deps.config.login.ratePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Sign in with user name and password (and the TOTP code when the second factor is on)',
        description:
          'Sets the HttpOnly session cookie `lotse_session` with a new session id. Answers 401 TOTP_REQUIRED when the password is right but a second-factor code is needed; 423 ACCOUNT_LOCKED after too many failures.',
        body: LoginBody,
        response: { 200: Me, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 423: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { token, actor } = await login(deps, request.body, {
        requestId: request.id,
        previousToken: request.cookies[SESSION_COOKIE],
      });
      setSessionCookie(reply, deps, token);
      return getMe(deps.db, actor);
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: 'Sign out: ends the session', response: { 204: z.null(), 401: ErrorBody } } },
    async (request, reply) => {
      if (request.actor) await logout(deps, request.actor);
      clearSessionCookie(reply, deps);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags,
        summary: 'The signed-in staff member with municipality, agency and roles',
        response: { 200: Me, 401: ErrorBody },
      },
    },
    async (request) => getMe(deps.db, requireActor(request)),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: 'Change the own password; ends all other sessions',
        body: PasswordChangeBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await changePassword(deps, requireActor(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/totp/setup',
    {
      schema: {
        tags,
        summary: 'Start setting up the TOTP second factor: a new secret and its QR code',
        response: { 200: TotpSetup, ...errors, 409: ErrorBody },
      },
    },
    async (request) => setupTotp(deps, requireActor(request)),
  );

  app.post(
    '/api/auth/totp/enable',
    {
      schema: {
        tags,
        summary: 'Turn the second factor on with a code from the app',
        body: TotpCodeBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await enableTotp(deps, requireActor(request), request.body.code);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/totp/disable',
    {
      schema: {
        tags,
        summary: 'Turn the second factor off (needs the password)',
        body: z.object({ password: z.string().min(1, 'must not be empty') }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await disableTotp(deps, requireActor(request), request.body.password);
      return reply.code(204).send(null);
    },
  );
}
