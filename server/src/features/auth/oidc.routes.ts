import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ErrorBody, OidcProviderConfig, OidcProviderInput, OidcProviderSummary } from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { requireActor, setSessionCookie } from '../../http/session';
import { SESSION_COOKIE } from './auth.service';
import {
  OIDC_COOKIE_PATH,
  OIDC_STATE_COOKIE,
  OIDC_STATE_MINUTES,
  type OidcRefusal,
  completeOidcLogin,
  getProviderConfig,
  listProviders,
  saveProviderConfig,
  startOidcLogin,
} from './oidc.service';

const tags = ['auth'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const redirect = z.null().meta({ description: 'A redirect (see the Location header)' });

export async function oidcRoutes(fastify: FastifyInstance, deps: Deps) {
  const app = typed(fastify);
  const rateLimit = { max: deps.config.login.ratePerMinute, timeWindow: '1 minute' };
  const stateCookie = {
    path: OIDC_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.cookieSecure,
  };
  // Browsers arrive here by navigation, so refusals go back to the sign-in page, which explains the code.
  const refuse = (reply: FastifyReply, refusal: OidcRefusal) =>
    reply.redirect(`/login?error=${encodeURIComponent(refusal.code)}`, 302);

  app.get(
    '/api/auth/oidc/providers',
    {
      schema: {
        tags,
        summary: 'The identity providers staff can sign in with (public, for the sign-in page)',
        security: [],
        response: { 200: z.array(OidcProviderSummary) },
      },
    },
    async () => listProviders(deps),
  );

  app.get(
    '/api/auth/oidc/:slug/start',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: "Start signing in through the municipality's identity provider",
        description:
          'Redirects (302) to the provider with PKCE (S256), state and nonce, and sets the short-lived HttpOnly cookie ' +
          `\`${OIDC_STATE_COOKIE}\` (${OIDC_STATE_MINUTES} minutes) that ties the browser to this sign-in. ` +
          'Without an active provider it redirects to `/login?error=OIDC_NOT_CONFIGURED`; when the provider cannot ' +
          'be reached, to `/login?error=OIDC_FAILED`.',
        security: [],
        params: z.object({
          slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a municipality slug'),
        }),
        response: { 302: redirect, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const started = await startOidcLogin(deps, request.params.slug, request.log);
      if (!started.ok) return refuse(reply, started);
      reply.setCookie(OIDC_STATE_COOKIE, started.stateToken, {
        ...stateCookie,
        maxAge: OIDC_STATE_MINUTES * 60,
      });
      return reply.redirect(started.redirectTo, 302);
    },
  );

  app.get(
    '/api/auth/oidc/callback',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Where the identity provider sends the browser back after signing in',
        description:
          'Checks state, PKCE and nonce, exchanges the code, maps the claims to an agency and roles, creates or ' +
          'updates the staff account and sets the session cookie `lotse_session`; then redirects to `/`. Any ' +
          'refusal redirects to `/login?error=<code>`: OIDC_FAILED, OIDC_NO_MAPPING or ACCOUNT_DISABLED.',
        security: [],
        querystring: z.object({
          code: z.string().optional(),
          state: z.string().optional(),
          iss: z.string().optional(),
          error: z.string().optional(),
          error_description: z.string().optional(),
        }),
        response: { 302: redirect, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      // The raw query string, untouched: openid-client validates the response parameters itself.
      const query = request.raw.url?.split('?')[1] ?? '';
      const result = await completeOidcLogin(
        deps,
        {
          stateToken: request.cookies[OIDC_STATE_COOKIE],
          query,
          previousToken: request.cookies[SESSION_COOKIE],
          requestId: request.id,
        },
        request.log,
      );
      reply.clearCookie(OIDC_STATE_COOKIE, stateCookie);
      if (!result.ok) return refuse(reply, result);
      setSessionCookie(reply, deps, result.token);
      return reply.redirect('/', 302);
    },
  );

  app.get(
    '/api/admin/oidc',
    {
      schema: {
        tags,
        summary:
          "The municipality's identity provider settings; the client secret is never shown (administrators)",
        response: { 200: OidcProviderConfig, ...errors },
      },
    },
    async (request) => getProviderConfig(deps, requireActor(request)),
  );

  app.put(
    '/api/admin/oidc',
    {
      schema: {
        tags,
        summary: "Set up or change the municipality's identity provider (administrators)",
        description:
          'The client secret is write-only: required the first time, kept when left out later. Register ' +
          '`redirectUri` from the answer at the provider.',
        body: OidcProviderInput,
        response: { 200: OidcProviderConfig, ...errors },
      },
    },
    async (request) => saveProviderConfig(deps, requireActor(request), request.body),
  );
}
