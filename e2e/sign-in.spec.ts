import { expect, test } from '@playwright/test';
import { msg, signInWithForm } from './support';

test('a staff member signs in through the form, sees the demo municipality and signs out', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await signInWithForm(page, 'abh');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.getByText('Alexander Ausländerbehörde').first()).toBeVisible();
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login/);
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(401);
});

test('a wrong password is answered with a clear message and no sign-in', async ({ page }) => {
  await page.goto('/login');
  await signInWithForm(page, 'diakonie', 'not-the-password');
  await expect(page.getByRole('alert')).toContainText(msg('de', 'error.INVALID_CREDENTIALS'));
  await expect(page).toHaveURL(/\/login/);
});

test('a signed-out visitor is sent to sign in and then back to the page they wanted', async ({ page }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login/);
  await signInWithForm(page, 'jobcenter');
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('de', 'account.title'));
});
