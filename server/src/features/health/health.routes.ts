import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type Deps, typed } from '../../http/deps';
import { checkDatabase } from './health.service';

export async function healthRoutes(fastify: FastifyInstance, deps: Deps) {
  typed(fastify).get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Ready once migrations are applied and the database answers',
        response: {
          200: z.object({ status: z.literal('ok') }),
          503: z.object({ status: z.literal('unavailable') }),
        },
      },
    },
    async (_request, reply) =>
      (await checkDatabase(deps.db))
        ? { status: 'ok' as const }
        : reply.code(503).send({ status: 'unavailable' as const }),
  );
}
