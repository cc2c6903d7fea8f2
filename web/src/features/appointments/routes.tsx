import type { ReactNode } from 'react';

/** The feature's pages behind sign-in (inside the app frame), as <Route> elements. */
export const appointmentsStaffRoutes: ReactNode = null;
/** The feature's public pages (no sign-in: kiosk, display, phone, booking), as <Route> elements. */
export const appointmentsPublicRoutes: ReactNode = null;
