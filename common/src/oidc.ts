import { z } from 'zod';
import { Role } from './roles';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An issuer Lotse may talk to: https, or plain http only on this machine (development and tests). */
export const OidcIssuer = z
  .url('must be a URL such as https://login.example.de/realms/lotse')
  .max(500)
  .refine(
    (v) => {
      const u = new URL(v);
      return u.protocol === 'https:' || (u.protocol === 'http:' && LOCAL_HOSTS.has(u.hostname));
    },
    { message: 'must be an https URL (plain http only for localhost or 127.0.0.1)' },
  )
  .refine(
    (v) => {
      const u = new URL(v);
      return !u.search && !u.hash && !u.username && !u.password;
    },
    { message: 'must not carry a query, a fragment or credentials' },
  )
  .meta({ description: "The provider's issuer identifier, exactly as its discovery document names it" });

const claimName = z.string().trim().min(1, 'must not be empty').max(200);
const claimValue = z.string().min(1, 'must not be empty').max(200);
const agencyCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be an agency code of this municipality');

export const OidcProviderInput = z
  .object({
    label: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100)
      .meta({ description: 'Shown on the sign-in button' }),
    issuer: OidcIssuer,
    clientId: z.string().trim().min(1, 'must not be empty').max(200),
    clientSecret: z.string().min(1, 'must not be empty').max(500).optional().meta({
      description:
        'Write-only. Required when the provider is first set up; leave out to keep the stored one.',
    }),
    scopes: z
      .string()
      .trim()
      .max(500)
      .default('openid profile email')
      .refine((s) => s.split(/\s+/).includes('openid'), { message: 'must include openid' })
      .meta({ description: 'Space-separated scopes to request' }),
    agencyClaim: claimName.default('agency').meta({
      description: 'The claim naming the agency; a dotted path (realm_access.roles) reaches into objects',
    }),
    rolesClaim: claimName
      .default('groups')
      .meta({ description: 'The claim naming groups or roles (a string or a list)' }),
    roleMap: z
      .record(claimValue, Role)
      .refine((m) => Object.keys(m).length <= 200, { message: 'must have at most 200 entries' })
      .default({})
      .meta({ description: 'Claim value -> Lotse role; values not listed grant nothing' }),
    agencyMap: z
      .record(claimValue, agencyCode)
      .refine((m) => Object.keys(m).length <= 200, { message: 'must have at most 200 entries' })
      .default({})
      .meta({
        description:
          "Claim value -> agency code; a value that is itself one of the municipality's codes needs no entry",
      }),
    active: z.boolean().default(true),
  })
  .meta({
    id: 'OidcProviderInput',
    description: "The municipality's identity provider (Keycloak, ADFS, ...)",
  });
export type OidcProviderInput = z.infer<typeof OidcProviderInput>;

export const OidcProviderConfig = z
  .object({
    label: z.string(),
    issuer: z.string(),
    clientId: z.string(),
    clientSecretSet: z
      .boolean()
      .meta({ description: 'Whether a client secret is stored; the secret itself is never shown' }),
    scopes: z.string(),
    agencyClaim: z.string(),
    rolesClaim: z.string(),
    roleMap: z.record(z.string(), Role),
    agencyMap: z.record(z.string(), z.string()),
    active: z.boolean(),
    redirectUri: z
      .string()
      .meta({ description: "Register this URL as the client's redirect URI at the provider" }),
  })
  .meta({ id: 'OidcProviderConfig' });
export type OidcProviderConfig = z.infer<typeof OidcProviderConfig>;
