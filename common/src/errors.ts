import { z } from 'zod';

/** The one error body every endpoint answers with. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, see docs/errors.md' }),
      message: z.string().meta({ description: 'A sentence a person can act on (English)' }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: 'Per-field problems, keyed by the field path' }),
      requiredConsent: z
        .object({
          receivingAgencyId: z.string(),
          categories: z.array(z.string()),
          purpose: z.string(),
        })
        .optional()
        .meta({
          description:
            'CONSENT_REQUIRED: the consent that would allow the request (recipient, categories, purpose)',
        }),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;
