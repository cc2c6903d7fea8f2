import type { FastifyInstance } from 'fastify';
import { ErrorBody, SearchQuery, SearchResult } from '@lotse/common';
import { type Deps, typed } from '../../http/deps';
import { requireActor } from '../../http/session';
import { searchPersons } from './search.service';

export async function searchRoutes(fastify: FastifyInstance, deps: Deps) {
  typed(fastify).get(
    '/api/persons/search',
    {
      schema: {
        tags: ['persons'],
        summary:
          'Find persons by any spelling, original script, swapped names, partial or uncertain dates, or an identifier',
        description:
          'Ranked candidates (surviving persons after merges) with a score between 0 and 1 and the reasons for each match. Every person shown is audited.',
        querystring: SearchQuery,
        response: { 200: SearchResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => searchPersons(deps.db, requireActor(request), request.query.q, request.query.limit),
  );
}
