import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { RequireNav } from '../shell/RequireNav';
import { AppointmentsPage } from './AppointmentsPage';
import { BookingPage } from './BookingPage';
import { ConfirmPage, ManagePage } from './LinkPages';
import { SettingsPage } from './SettingsPage';

/** The feature's pages behind sign-in (inside the app frame), as <Route> elements. */
export const appointmentsStaffRoutes: ReactNode = (
  <>
    <Route
      path="appointments"
      element={
        <RequireNav item="appointments">
          <AppointmentsPage />
        </RequireNav>
      }
    />
    <Route
      path="appointments/settings"
      element={
        <RequireNav item="appointmentSettings">
          <SettingsPage />
        </RequireNav>
      }
    />
  </>
);

/** The feature's public pages (no sign-in: booking, and the pages of the emailed links), as <Route> elements. */
export const appointmentsPublicRoutes: ReactNode = (
  <>
    <Route path="book/confirm/:token" element={<ConfirmPage />} />
    <Route path="book/manage/:token" element={<ManagePage />} />
    <Route path="book/:municipality" element={<BookingPage />} />
  </>
);
