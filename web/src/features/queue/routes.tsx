import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { RequireNav } from '../shell/RequireNav';
import { CounterPage } from './CounterPage';
import { DeskPage } from './DeskPage';
import { DisplayPage } from './DisplayPage';
import { FiguresPage } from './FiguresPage';
import { KioskPage } from './KioskPage';
import { PhonePage } from './PhonePage';
import { SettingsPage } from './SettingsPage';
import './queue.css';

/** The feature's pages behind sign-in (inside the app frame), as <Route> elements. */
export const queueStaffRoutes: ReactNode = (
  <>
    <Route
      path="queue/desk"
      element={
        <RequireNav item="queueDesk">
          <DeskPage />
        </RequireNav>
      }
    />
    <Route
      path="queue/counter"
      element={
        <RequireNav item="queueCounter">
          <CounterPage />
        </RequireNav>
      }
    />
    <Route
      path="queue/settings"
      element={
        <RequireNav item="queueSettings">
          <SettingsPage />
        </RequireNav>
      }
    />
    <Route
      path="queue/figures"
      element={
        <RequireNav item="queueFigures">
          <FiguresPage />
        </RequireNav>
      }
    />
  </>
);

/** The feature's public pages (no sign-in): the kiosk, the entrance QR page, the lobby display, the phone view. */
export const queuePublicRoutes: ReactNode = (
  <>
    <Route path="/kiosk/:municipality/:siteId" element={<KioskPage />} />
    <Route path="/queue/:municipality/:siteId/take" element={<KioskPage phone />} />
    <Route path="/display/:siteId" element={<DisplayPage />} />
    <Route path="/q/:token" element={<PhonePage />} />
  </>
);
