import { type ReactNode, createContext, use, useCallback, useEffect, useMemo, useState } from 'react';
import type { Me } from '@lotse/common';
import { setSessionEndedListener } from '../../api/client';
import { setPurposeScope } from '../../api/purpose';
import { authApi } from './auth.api';

export type AuthState =
  { status: 'loading' } | { status: 'anonymous'; reason?: string } | { status: 'signedIn'; me: Me };

interface AuthContextValue {
  state: AuthState;
  signedIn: (me: Me) => void;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Who is signed in: asks the server once on start, and forgets the user when a call finds the session gone. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setStateRaw] = useState<AuthState>({ status: 'loading' });
  // The purpose of work belongs to the signed-in member; it is switched before their pages first load data.
  const setState = useCallback((next: AuthState) => {
    setPurposeScope(next.status === 'signedIn' ? next.me.id : null);
    setStateRaw(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      setState({ status: 'signedIn', me: await authApi.me() });
    } catch {
      setState({ status: 'anonymous' });
    }
  }, [setState]);

  useEffect(() => {
    let current = true;
    authApi
      .me()
      .then((me) => current && setState({ status: 'signedIn', me }))
      .catch(() => current && setState({ status: 'anonymous' }));
    setSessionEndedListener((code) => setState({ status: 'anonymous', reason: code }));
    return () => {
      current = false;
      setSessionEndedListener(undefined);
    };
  }, [setState]);

  const signedIn = useCallback((me: Me) => setState({ status: 'signedIn', me }), [setState]);
  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setState({ status: 'anonymous', reason: 'SIGNED_OUT' });
    }
  }, [setState]);

  const value = useMemo(() => ({ state, signedIn, signOut, refresh }), [state, signedIn, signOut, refresh]);
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const value = use(AuthContext);
  if (!value) throw new Error('useAuth needs an AuthProvider');
  return value;
}

/** The signed-in staff member; only for pages behind RequireAuth. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useMe outside a signed-in page');
  return state.me;
}
