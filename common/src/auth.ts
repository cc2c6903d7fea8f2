import { z } from 'zod';
import { Agency, Municipality, Password } from './organisation';
import { StaffId } from './ids';
import { Role } from './roles';

export const LoginBody = z
  .object({
    username: z.string().trim().min(1, 'must not be empty').max(200),
    password: z.string().min(1, 'must not be empty').max(200),
    totp: z
      .string()
      .regex(/^\d{6}$/, 'must be the 6-digit code from your authenticator app')
      .optional(),
  })
  .meta({ id: 'LoginBody' });
export type LoginBody = z.infer<typeof LoginBody>;

export const Me = z
  .object({
    id: StaffId,
    username: z.string(),
    displayName: z.string(),
    roles: z.array(Role),
    municipality: Municipality,
    agency: Agency,
    totpEnabled: z.boolean(),
    authMethod: z.enum(['password', 'oidc']),
  })
  .meta({ id: 'Me', description: 'The signed-in staff member' });
export type Me = z.infer<typeof Me>;

export const PasswordChangeBody = z
  .object({ currentPassword: z.string().min(1, 'must not be empty'), newPassword: Password })
  .meta({ id: 'PasswordChangeBody' });
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;

export const TotpSetup = z
  .object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() })
  .meta({ id: 'TotpSetup' });
export type TotpSetup = z.infer<typeof TotpSetup>;

export const TotpCodeBody = z
  .object({ code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code from your authenticator app') })
  .meta({ id: 'TotpCodeBody' });
export type TotpCodeBody = z.infer<typeof TotpCodeBody>;

export const OidcProviderSummary = z
  .object({ municipalitySlug: z.string(), label: z.string(), startUrl: z.string() })
  .meta({ id: 'OidcProviderSummary' });
export type OidcProviderSummary = z.infer<typeof OidcProviderSummary>;
