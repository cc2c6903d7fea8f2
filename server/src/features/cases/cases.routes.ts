import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../http/deps';

/** Placeholder until the feature's routes land. */
export async function casesRoutes(_fastify: FastifyInstance, _deps: Deps) {}
