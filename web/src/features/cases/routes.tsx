import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { RequireNav } from '../shell/RequireNav';
import { CaseCreatePage } from './CaseCreatePage';
import { CasePage } from './CasePage';
import { CaseloadPage, ObstaclesPage, TimelinePage } from './OverviewPages';
import { ReferralPage, ReferralsPage } from './ReferralsPage';
import { CaseSettingsPage } from './SettingsPage';
import { WorklistPage } from './WorklistPage';

/** The feature's pages behind sign-in (inside the app frame), as <Route> elements. */
export const casesStaffRoutes: ReactNode = (
  <>
    <Route
      path="cases"
      element={
        <RequireNav item="casesWorklist">
          <WorklistPage />
        </RequireNav>
      }
    />
    <Route
      path="cases/new"
      element={
        <RequireNav item="casesWorklist">
          <CaseCreatePage />
        </RequireNav>
      }
    />
    <Route
      path="cases/caseload"
      element={
        <RequireNav item="casesCaseload">
          <CaseloadPage />
        </RequireNav>
      }
    />
    <Route
      path="cases/obstacles"
      element={
        <RequireNav item="casesObstacles">
          <ObstaclesPage />
        </RequireNav>
      }
    />
    <Route
      path="cases/settings"
      element={
        <RequireNav item="casesSettings">
          <CaseSettingsPage />
        </RequireNav>
      }
    />
    <Route
      path="cases/:id"
      element={
        <RequireNav item="casesWorklist">
          <CasePage />
        </RequireNav>
      }
    />
    <Route
      path="referrals"
      element={
        <RequireNav item="casesReferrals">
          <ReferralsPage />
        </RequireNav>
      }
    />
    <Route
      path="referrals/:id"
      element={
        <RequireNav item="casesReferrals">
          <ReferralPage />
        </RequireNav>
      }
    />
    <Route
      path="persons/:id/timeline"
      element={
        <RequireNav item={['casesWorklist', 'casesReferrals']}>
          <TimelinePage />
        </RequireNav>
      }
    />
  </>
);
