import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import { AppError } from '../errors';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers, and CSRF protection for cookie-authenticated writes by Fetch Metadata and Origin checks:
 * a browser always names a cross-site request, so those are refused; non-browser clients send neither header.
 * Together with SameSite cookies and JSON-only bodies (a form cannot send JSON), no other site can write.
 * See docs/adr/0005-csrf-by-fetch-metadata.md.
 */
export async function registerSecurity(app: FastifyInstance, publicUrl: string) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: publicUrl.startsWith('https://'),
  });
  const trusted = new URL(publicUrl).origin;
  app.addHook('onRequest', async (request) => {
    if (!WRITE_METHODS.has(request.method)) return;
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string' && site !== 'same-origin' && site !== 'none')
      throw new AppError('CSRF_REJECTED');
    const origin = request.headers.origin;
    if (typeof origin === 'string' && origin !== 'null') {
      const own = `${request.protocol}://${request.host}`;
      if (origin !== trusted && origin !== own) throw new AppError('CSRF_REJECTED');
    } else if (origin === 'null') throw new AppError('CSRF_REJECTED');
  });
}
