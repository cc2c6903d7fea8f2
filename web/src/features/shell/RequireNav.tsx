import type { ReactNode } from 'react';
import { useMe } from '../auth/AuthProvider';
import { ForbiddenPage } from './ForbiddenPage';
import { type NavKey, canSee, navItem } from './nav';

/**
 * Shows the page only to the roles its navigation item names (or one of several: a page reached from more than
 * one place, like a person from the registry or from the emergency review); others get the forbidden state.
 */
export function RequireNav({ item, children }: { item: NavKey | NavKey[]; children: ReactNode }) {
  const me = useMe();
  const items = Array.isArray(item) ? item : [item];
  return items.some((key) => canSee(me, navItem(key))) ? children : <ForbiddenPage />;
}
