import { expect, test } from '@playwright/test';
import { expectAccessible, LANGUAGES, type Lang, signInQuickly, useLanguage } from './support';

// Each page is checked as a user whose role may open it.
const PAGES: { path: string; ready: string; user: string }[] = [
  { path: '/', ready: 'nav-home', user: 'admin' },
  { path: '/account', ready: 'password-form', user: 'admin' },
  { path: '/admin/sites', ready: 'sites-table', user: 'admin' },
  { path: '/admin/agencies', ready: 'agencies-table', user: 'admin' },
  { path: '/admin/staff', ready: 'staff-table', user: 'admin' },
  { path: '/audit', ready: 'audit-table', user: 'admin' },
  { path: '/persons?q=Mohamad%20Alhasan', ready: 'search-hit', user: 'abh' },
  { path: '/persons/new', ready: 'person-form', user: 'abh' },
  { path: '/duplicates', ready: 'duplicate-scan', user: 'abh' },
  { path: '/imports', ready: 'import-file', user: 'abh' },
];

for (const lang of ['de', 'ar'] as Lang[]) {
  for (const p of PAGES) {
    test(`${p.path} in ${lang} has no WCAG 2.1 AA violations`, async ({ page }) => {
      await useLanguage(page, lang);
      await signInQuickly(page, p.user);
      await page.goto(p.path);
      await expect(page.getByTestId(p.ready).first()).toBeVisible();
      await expectAccessible(page, `${p.path} (${lang})`);
    });
  }
}

for (const lang of LANGUAGES) {
  test(`the sign-in page in ${lang} has no WCAG 2.1 AA violations`, async ({ page }) => {
    await useLanguage(page, lang);
    await page.goto('/login');
    await expect(page.getByTestId('login-submit')).toBeVisible();
    await expectAccessible(page, `/login (${lang})`);
  });
}

test('the not-found and forbidden pages have no WCAG 2.1 AA violations', async ({ page }) => {
  await signInQuickly(page, 'empfang');
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'not found');
  await page.goto('/admin/sites');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'forbidden');
});

test('the staff form showing its field errors has no WCAG 2.1 AA violations', async ({ page }) => {
  await signInQuickly(page, 'admin');
  await page.goto('/admin/staff');
  await page.getByTestId('staff-add').click();
  await expect(page.getByTestId('staff-create-form')).toBeVisible();
  await page.getByTestId('form-submit').click();
  await expectAccessible(page, 'staff form with field errors');
});

for (const lang of ['de', 'ar'] as Lang[]) {
  test(`a person's page and a duplicate comparison in ${lang} have no WCAG 2.1 AA violations`, async ({
    page,
  }) => {
    await useLanguage(page, lang);
    await signInQuickly(page, 'abh');
    await page.goto('/duplicates');
    // The demo seeds duplicate pairs; a scan puts them into the queue (again, if another test already did).
    await page.getByTestId('duplicate-scan').click();
    await expect(page.getByTestId('success-note')).toBeVisible({ timeout: 30_000 });
    await expectAccessible(page, `duplicate queue after a scan (${lang})`);
    await page.getByTestId('duplicate-open').first().click();
    await expect(page.getByTestId('duplicate-compare')).toBeVisible();
    await expectAccessible(page, `duplicate comparison (${lang})`);
    await page.getByTestId('duplicate-compare').getByRole('link').first().click();
    await expect(page.getByTestId('person-detail')).toBeVisible();
    // What the Ausländerbehörde sees of this person depends on who recorded it; the panel is always there.
    await expect(page.getByTestId('visibility-panel')).toBeVisible();
    await expectAccessible(page, `person detail (${lang})`);
  });
}

test('the person form showing likely duplicates has no WCAG 2.1 AA violations', async ({ page }) => {
  await signInQuickly(page, 'abh');
  await page.goto('/persons/new');
  await page.getByTestId('field-given-names').fill('Jurij');
  await page.getByTestId('field-family-name').fill('Bondarenko');
  await page.getByTestId('field-date-of-birth').fill('1978-09-03');
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('duplicate-candidates')).toBeVisible();
  await expectAccessible(page, 'person form with duplicate candidates');
});
