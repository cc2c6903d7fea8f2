import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { RequireNav } from '../shell/RequireNav';
import { IntakeDeskPage } from './IntakeDeskPage';
import { IntakeInboxPage } from './IntakeInboxPage';

/** The feature's pages behind sign-in (inside the app frame), as <Route> elements. */
export const intakeStaffRoutes: ReactNode = (
  <>
    <Route
      path="intake"
      element={
        <RequireNav item="intakeDesk">
          <IntakeDeskPage />
        </RequireNav>
      }
    />
    <Route
      path="intake/inbox"
      element={
        <RequireNav item="intakeInbox">
          <IntakeInboxPage />
        </RequireNav>
      }
    />
  </>
);
/** The feature's public pages (no sign-in: kiosk, display, phone, booking), as <Route> elements. */
export const intakePublicRoutes: ReactNode = null;
