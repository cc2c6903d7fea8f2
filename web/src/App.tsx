import { BrowserRouter, Route, Routes } from 'react-router';
import { DirectionProvider, MantineProvider } from '@mantine/core';
import { I18nProvider } from './i18n/I18nProvider';
import { directionOf, storedLanguage } from './i18n/languages';
import { cssVariablesResolver, theme } from './theme';
import { AuthProvider } from './features/auth/AuthProvider';
import { LoginPage } from './features/auth/LoginPage';
import { RequireAuth } from './features/auth/RequireAuth';
import { AppLayout } from './features/shell/AppLayout';
import { NotFoundPage } from './features/shell/NotFoundPage';
import { RequireNav } from './features/shell/RequireNav';
import { HomePage } from './features/home/HomePage';
import { AccountPage } from './features/account/AccountPage';
import { SitesPage } from './features/admin/SitesPage';
import { AgenciesPage } from './features/admin/AgenciesPage';
import { StaffPage } from './features/admin/StaffPage';
import { AuditPage } from './features/audit/AuditPage';
import { PersonSearchPage } from './features/persons/PersonSearchPage';
import { PersonCreatePage } from './features/persons/PersonCreatePage';
import { PersonDetailPage } from './features/persons/PersonDetailPage';
import { DuplicatesPage } from './features/duplicates/DuplicatesPage';
import { DuplicateComparePage } from './features/duplicates/DuplicateComparePage';
import { ImportPage } from './features/imports/ImportPage';
import { EmergenciesPage } from './features/privacy/EmergenciesPage';
import { LegalBasesPage } from './features/privacy/LegalBasesPage';
import { ConsentTemplatesPage } from './features/privacy/ConsentTemplatesPage';
import { ProcessingRecordPage } from './features/privacy/ProcessingRecordPage';
import { RetentionPage } from './features/privacy/RetentionPage';
import { queuePublicRoutes, queueStaffRoutes } from './features/queue/routes';
import { appointmentsPublicRoutes, appointmentsStaffRoutes } from './features/appointments/routes';
import { intakePublicRoutes, intakeStaffRoutes } from './features/intake/routes';
import { casesStaffRoutes } from './features/cases/routes';

export function App() {
  return (
    <DirectionProvider initialDirection={directionOf(storedLanguage())} detectDirection={false}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
        <I18nProvider>
          <AuthProvider>
            <BrowserRouter>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                {queuePublicRoutes}
                {appointmentsPublicRoutes}
                {intakePublicRoutes}
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<HomePage />} />
                  <Route path="account" element={<AccountPage />} />
                  <Route
                    path="persons"
                    element={
                      <RequireNav item="persons">
                        <PersonSearchPage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="persons/new"
                    element={
                      <RequireNav item="persons">
                        <PersonCreatePage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="persons/:id"
                    element={
                      // The data protection officer opens persons from the emergency review (Art. 15 export).
                      <RequireNav item={['persons', 'emergencies']}>
                        <PersonDetailPage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="duplicates"
                    element={
                      <RequireNav item="duplicates">
                        <DuplicatesPage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="duplicates/:id"
                    element={
                      <RequireNav item="duplicates">
                        <DuplicateComparePage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="imports"
                    element={
                      <RequireNav item="imports">
                        <ImportPage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="privacy/emergencies"
                    element={
                      <RequireNav item="emergencies">
                        <EmergenciesPage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="privacy/legal-bases"
                    element={
                      <RequireNav item="legalBases">
                        <LegalBasesPage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="privacy/consent-templates"
                    element={
                      <RequireNav item="consentTemplates">
                        <ConsentTemplatesPage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="privacy/retention"
                    element={
                      <RequireNav item="retention">
                        <RetentionPage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="privacy/processing-record"
                    element={
                      <RequireNav item="processingRecord">
                        <ProcessingRecordPage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="admin/sites"
                    element={
                      <RequireNav item="sites">
                        <SitesPage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="admin/agencies"
                    element={
                      <RequireNav item="agencies">
                        <AgenciesPage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="admin/staff"
                    element={
                      <RequireNav item="staff">
                        <StaffPage />
                      </RequireNav>
                    }
                  />
                  <Route
                    path="audit"
                    element={
                      <RequireNav item="audit">
                        <AuditPage />
                      </RequireNav>
                    }
                  />
                  {queueStaffRoutes}
                  {appointmentsStaffRoutes}
                  {intakeStaffRoutes}
                  {casesStaffRoutes}
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </BrowserRouter>
          </AuthProvider>
        </I18nProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}
