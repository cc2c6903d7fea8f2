import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../errors';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Serves the built web app; every non-API path falls back to index.html for the client-side router. */
export async function registerWeb(app: FastifyInstance) {
  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?')[0]!;
    if (request.method !== 'GET' || url.startsWith('/api/') || url === '/api' || url === '/metrics')
      throw new AppError('NOT_FOUND', `No such endpoint: ${request.method} ${url}.`);
    if (!hasWeb)
      return reply
        .code(503)
        .type('text/plain')
        .send('The web app is not built; run `npm run build:web` (npm start does it).');
    return reply.type('text/html').sendFile('index.html');
  });
}
