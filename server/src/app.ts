import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/database';
import { auditRoutes } from './features/audit/audit.routes';
import { authRoutes } from './features/auth/auth.routes';
import { oidcRoutes } from './features/auth/oidc.routes';
import { healthRoutes } from './features/health/health.routes';
import type { Jobs } from './features/jobs/jobs.service';
import { organisationRoutes } from './features/organisation/organisation.routes';
import { duplicatesRoutes } from './features/identity/duplicates.routes';
import { searchRoutes } from './features/identity/search.routes';
import { importsRoutes } from './features/imports/imports.routes';
import { personsRoutes } from './features/persons/persons.routes';
import { privacyRoutes } from './features/privacy/privacy.routes';
import { retentionRoutes } from './features/privacy/retention.routes';
import { queueRoutes } from './features/queue/queue.routes';
import { appointmentsRoutes } from './features/appointments/appointments.routes';
import { intakeRoutes } from './features/intake/intake.routes';
import { casesRoutes } from './features/cases/cases.routes';
import type { Deps } from './http/deps';
import { registerErrorHandler } from './http/error-handler';
import { registerMetrics } from './http/metrics';
import { registerSecurity } from './http/security';
import { registerSession } from './http/session';
import { registerWeb } from './http/web';

export type BuildOptions = {
  config: Config;
  db: Database;
  jobs?: Jobs | null;
  /** A stream for the logs (tests capture them); defaults to stdout. */
  logStream?: NodeJS.WritableStream;
};

/** Builds the Fastify app with every feature; server.ts starts it, tests use app.inject. */
export async function buildApp({
  config,
  db,
  jobs = null,
  logStream,
}: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      // No personal data in logs: no bodies, no cookies, no query strings (they may carry names).
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
        remove: true,
      },
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          method: req.method,
          url: req.url.split('?')[0],
          id: req.id,
        }),
      },
    },
    genReqId: () => crypto.randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const deps: Deps = { config, db, jobs };
  registerErrorHandler(app);
  await registerSecurity(app, config.publicUrl);
  await app.register(rateLimit, { global: false });
  await registerSession(app, deps);
  registerMetrics(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lotse API',
        version: '0.1.0',
        description:
          'The API of Lotse, the software of a Haus der Integration. Cookie sessions: sign in with POST /api/auth/login. Errors answer `{ error: { code, message, fields } }`.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lotse_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (scope) => {
    await healthRoutes(scope, deps);
    await authRoutes(scope, deps);
    await oidcRoutes(scope, deps);
    await organisationRoutes(scope, deps);
    await auditRoutes(scope, deps);
    await searchRoutes(scope, deps);
    await personsRoutes(scope, deps);
    await privacyRoutes(scope, deps);
    await retentionRoutes(scope, deps);
    await duplicatesRoutes(scope, deps);
    await importsRoutes(scope, deps);
    await queueRoutes(scope, deps);
    await appointmentsRoutes(scope, deps);
    await intakeRoutes(scope, deps);
    await casesRoutes(scope, deps);
  });
  await registerWeb(app);
  return app;
}
