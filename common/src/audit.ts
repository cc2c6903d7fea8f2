import { z } from 'zod';

export const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.iso.datetime(),
    actorStaffId: z.string().nullable(),
    actorAgencyId: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    purpose: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z
  .object({ entries: z.array(AuditEntry), nextBefore: z.number().int().nullable() })
  .meta({ id: 'AuditPage' });

export const AuditVerification = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    firstBroken: z
      .object({ seq: z.number().int(), reason: z.string() })
      .nullable()
      .meta({ description: 'The first entry whose hash or link does not hold' }),
  })
  .meta({ id: 'AuditVerification' });
export type AuditVerification = z.infer<typeof AuditVerification>;
