import { expect, test } from '@playwright/test';
import { LANGUAGES, msg, RTL, signInWithForm } from './support';

for (const lang of LANGUAGES) {
  test(`a staff member switches the sign-in page to ${lang} and works in it after signing in`, async ({
    page,
  }) => {
    await page.goto('/login');
    await page.getByTestId('language-select').selectOption(lang);
    const html = page.locator('html');
    await expect(html).toHaveAttribute('lang', lang);
    await expect(html).toHaveAttribute('dir', RTL.includes(lang) ? 'rtl' : 'ltr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'login.title'));
    await expect(page.getByTestId('login-submit')).toHaveText(msg(lang, 'login.submit'));

    await signInWithForm(page, 'admin');
    await expect(page.getByTestId('nav-home')).toContainText(msg(lang, 'nav.home'));
    await expect(page.getByTestId('nav-staff')).toContainText(msg(lang, 'nav.staff'));
    await expect(page.getByTestId('logout')).toContainText(msg(lang, 'shell.logout'));
    await expect(html).toHaveAttribute('dir', RTL.includes(lang) ? 'rtl' : 'ltr');

    // The choice is kept across a reload.
    await page.reload();
    await expect(page.getByTestId('nav-home')).toContainText(msg(lang, 'nav.home'));
  });
}

test('in Arabic the page runs right to left: the navigation stands on the right of the content', async ({
  page,
}) => {
  await page.addInitScript(() => window.localStorage.setItem('lotse.lang', 'ar'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.request.post('/api/auth/login', { data: { username: 'admin', password: 'lotse-demo' } });
  await page.goto('/admin/staff');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('staff-table')).toBeVisible();
  const nav = await page.getByRole('navigation').first().boundingBox();
  const main = await page.getByRole('main').boundingBox();
  expect(nav && main).toBeTruthy();
  expect(nav!.x).toBeGreaterThan(main!.x);
  const direction = await page.getByTestId('staff-table').evaluate((el) => getComputedStyle(el).direction);
  expect(direction).toBe('rtl');
});

test('German is the default whatever language the browser prefers', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('de', 'login.title'));
  await context.close();
});
