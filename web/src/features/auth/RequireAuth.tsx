import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../../ui/Loading';
import { useAuth } from './AuthProvider';

export interface LoginLocationState {
  from?: string;
  reason?: string;
}

/** Sends anonymous visitors to /login and remembers where they wanted to go. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') {
    // After an explicit sign-out the next person starts at the start page, not where the last one was.
    const from =
      state.reason === 'SIGNED_OUT' ? undefined : location.pathname + location.search + location.hash;
    const loginState: LoginLocationState = { from, reason: state.reason };
    return <Navigate to="/login" replace state={loginState} />;
  }
  return children;
}
