import type { ReactNode } from 'react';

/** The feature's pages behind sign-in (inside the app frame), as <Route> elements. */
export const casesStaffRoutes: ReactNode = null;
