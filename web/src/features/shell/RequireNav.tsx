import type { ReactNode } from 'react';
import { useMe } from '../auth/AuthProvider';
import { ForbiddenPage } from './ForbiddenPage';
import { type NavKey, canSee, navItem } from './nav';

/** Shows the page only to the roles its navigation item names; others get the forbidden state. */
export function RequireNav({ item, children }: { item: NavKey; children: ReactNode }) {
  const me = useMe();
  return canSee(me, navItem(item)) ? children : <ForbiddenPage />;
}
