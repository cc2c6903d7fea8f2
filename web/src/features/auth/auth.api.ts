import type { LoginBody, Me, OidcProviderSummary, PasswordChangeBody, TotpSetup } from '@lotse/common';
import { ApiError, api } from '../../api/client';

export const authApi = {
  me: () => api.get<Me>('/api/auth/me'),
  login: (body: LoginBody) => api.post<Me>('/api/auth/login', body),
  logout: () => api.post<void>('/api/auth/logout'),
  changePassword: (body: PasswordChangeBody) => api.post<void>('/api/auth/password', body),
  setupTotp: () => api.post<TotpSetup>('/api/auth/totp/setup'),
  enableTotp: (code: string) => api.post<void>('/api/auth/totp/enable', { code }),
  disableTotp: (password: string) => api.post<void>('/api/auth/totp/disable', { password }),
  /** The sign-in buttons for identity providers; none when the server does not offer any. */
  oidcProviders: async (): Promise<OidcProviderSummary[]> => {
    try {
      const providers = await api.get<OidcProviderSummary[]>('/api/auth/oidc/providers');
      return Array.isArray(providers) ? providers : [];
    } catch (error) {
      if (error instanceof ApiError) return [];
      throw error;
    }
  },
};
