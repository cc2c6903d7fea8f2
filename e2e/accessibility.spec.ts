import { expect, test } from '@playwright/test';
import { expectAccessible, LANGUAGES, type Lang, signInQuickly, useLanguage } from './support';

const PAGES: { path: string; ready: string }[] = [
  { path: '/', ready: 'nav-home' },
  { path: '/account', ready: 'password-form' },
  { path: '/admin/sites', ready: 'sites-table' },
  { path: '/admin/agencies', ready: 'agencies-table' },
  { path: '/admin/staff', ready: 'staff-table' },
  { path: '/audit', ready: 'audit-table' },
];

for (const lang of ['de', 'ar'] as Lang[]) {
  for (const p of PAGES) {
    test(`${p.path} in ${lang} has no WCAG 2.1 AA violations`, async ({ page }) => {
      await useLanguage(page, lang);
      await signInQuickly(page, 'admin');
      await page.goto(p.path);
      await expect(page.getByTestId(p.ready)).toBeVisible();
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
