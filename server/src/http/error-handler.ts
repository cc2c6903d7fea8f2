import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, errorCatalogue, type ErrorCode } from '../errors';

// Unique-constraint names -> the request field they concern.
const UNIQUE_FIELDS: Record<string, [string, string]> = {
  staff_username_key: ['username', 'is already taken'],
  agency_municipality_id_code_key: ['code', 'is already used by another agency'],
  site_municipality_id_name_key: ['name', 'is already used by another site'],
  municipality_slug_key: ['slug', 'is already taken'],
};

function send(
  reply: FastifyReply,
  code: ErrorCode,
  message?: string,
  fields?: Record<string, string>,
  extra?: Record<string, unknown>,
) {
  return reply.code(errorCatalogue[code].status).send({
    error: {
      code,
      message: message ?? errorCatalogue[code].message,
      ...(fields ? { fields } : {}),
      ...extra,
    },
  });
}

/** The one place that turns errors into `{ error: { code, message, fields } }`. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError & { constraint?: string; code?: string }, request, reply) => {
    if (err instanceof AppError) return send(reply, err.code, err.message, err.fields, err.extra);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const v of err.validation) {
        const where =
          v.instancePath.replace(/^\//, '').replace(/\//g, '.') || err.validationContext || 'body';
        fields[where] ??= v.message ?? 'is not valid';
      }
      const list = Object.entries(fields)
        .map(([k, m]) => `${k} ${m}`)
        .join('; ');
      return send(reply, 'VALIDATION_FAILED', `The request is not valid: ${list}.`, fields);
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err: { message: err.message } }, 'response did not match its schema');
      return send(reply, 'INTERNAL');
    }
    if (err.code === '23505' && err.constraint) {
      const [field, problem] = UNIQUE_FIELDS[err.constraint] ?? ['', 'already exists'];
      return send(
        reply,
        'CONFLICT',
        `${field || 'This record'} ${problem}.`,
        field ? { [field]: problem } : undefined,
      );
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(reply, 'UNSUPPORTED_MEDIA_TYPE');
    if (
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      err instanceof SyntaxError
    )
      return send(reply, 'VALIDATION_FAILED', 'The request body is not valid JSON.', {
        body: 'is not valid JSON',
      });
    if (err.statusCode === 429) return send(reply, 'RATE_LIMITED');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return reply.code(err.statusCode).send({ error: { code: 'BAD_REQUEST', message: err.message } });
    request.log.error({ err: { message: err.message, stack: err.stack, code: err.code } }, 'unhandled error');
    return send(reply, 'INTERNAL');
  });
}
