import { expect, test } from '@playwright/test';
import { msg, signInQuickly, signInWithForm } from './support';

test('an administrator creates a staff account in the browser and the new colleague signs in', async ({
  page,
  browser,
}) => {
  const username = `neu-${Date.now().toString(36)}`;
  await signInQuickly(page, 'admin');
  await page.goto('/admin/staff');
  await page.getByTestId('staff-add').click();
  const form = page.getByTestId('staff-create-form');
  await form.getByRole('textbox', { name: msg('de', 'staff.username'), exact: true }).fill(username);
  await form.getByRole('textbox', { name: msg('de', 'staff.displayName'), exact: true }).fill('Nora Neu');
  await form
    .getByRole('combobox', { name: msg('de', 'staff.agency'), exact: true })
    .selectOption({ label: 'Jobcenter Wuppertal – zebera' });
  await form.getByTestId('role-caseworker').check();
  await form
    .getByRole('textbox', { name: msg('de', 'staff.password'), exact: true })
    .fill('erstes-passwort-1');
  await form.getByTestId('form-submit').click();
  await expect(page.getByTestId(`staff-row-${username}`)).toBeVisible();

  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto('/login');
  await signInWithForm(other, username, 'erstes-passwort-1');
  await expect(other.getByText('Nora Neu').first()).toBeVisible();
  await context.close();
});

test('the staff form names what is missing instead of saving half an account', async ({ page }) => {
  await signInQuickly(page, 'admin');
  await page.goto('/admin/staff');
  const before = await page.getByTestId('staff-count').textContent();
  await page.getByTestId('staff-add').click();
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('staff-create-form')).toBeVisible();
  await expect(
    page.getByTestId('staff-create-form').getByText(msg('de', 'validation.required')).first(),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('staff-count')).toHaveText(before ?? '');
});

test('an administrator adds a site and checks the audit chain', async ({ page }) => {
  const name = `Stadtteilbüro ${Date.now().toString(36)}`;
  await signInQuickly(page, 'admin');
  await page.goto('/admin/sites');
  await page.getByTestId('site-add').click();
  await page
    .getByTestId('site-form')
    .getByRole('textbox', { name: msg('de', 'common.name'), exact: true })
    .fill(name);
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('sites-table')).toContainText(name);

  await page.goto('/audit');
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verify-result')).toBeVisible();
});
