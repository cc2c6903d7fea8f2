import { expect, test } from '@playwright/test';
import { msg, signInQuickly } from './support';

const NAV = [
  'home',
  'persons',
  'duplicates',
  'imports',
  'account',
  'sites',
  'agencies',
  'staff',
  'audit',
] as const;

const cases: { user: string; sees: (typeof NAV)[number][] }[] = [
  { user: 'admin', sees: ['home', 'account', 'sites', 'agencies', 'staff', 'audit'] },
  { user: 'empfang', sees: ['home', 'persons', 'account'] },
  { user: 'abh', sees: ['home', 'persons', 'duplicates', 'imports', 'account'] },
  { user: 'ki', sees: ['home', 'persons', 'duplicates', 'account'] },
  { user: 'abh-leitung', sees: ['home', 'persons', 'duplicates', 'imports', 'account', 'staff'] },
  // Caritas staff are partners and case managers: the case-manager role opens the registry (server: mayPerson).
  { user: 'caritas', sees: ['home', 'persons', 'duplicates', 'account'] },
  { user: 'land', sees: ['home', 'account'] },
];

for (const { user, sees } of cases) {
  test(`the navigation of ${user} shows exactly the pages of their role`, async ({ page }) => {
    await signInQuickly(page, user);
    await page.goto('/');
    for (const key of NAV) {
      const link = page.getByTestId(`nav-${key}`);
      if (sees.includes(key)) await expect(link).toBeVisible();
      else await expect(link).toHaveCount(0);
    }
  });
}

test('an administrator reaches every administration page through the navigation', async ({ page }) => {
  await signInQuickly(page, 'admin');
  await page.goto('/');
  const ADMIN_NAV = ['home', 'account', 'sites', 'agencies', 'staff', 'audit'] as const;
  const titles: Record<(typeof ADMIN_NAV)[number], string> = {
    home: 'home.title',
    account: 'account.title',
    sites: 'sites.title',
    agencies: 'agencies.title',
    staff: 'staff.title',
    audit: 'audit.title',
  };
  for (const key of ADMIN_NAV) {
    await page.getByTestId(`nav-${key}`).click();
    const title = msg('de', titles[key]);
    if (key === 'home') await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    else await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  }
});

test('a front-desk member who opens an administration page directly is told it is not for their role', async ({
  page,
}) => {
  await signInQuickly(page, 'empfang');
  await page.goto('/admin/staff');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('de', 'forbidden.title'));
  await expect(page.getByTestId('staff-table')).toHaveCount(0);
});

test('a caseworker reaches the person registry, the duplicate review and the import through the navigation', async ({
  page,
}) => {
  await signInQuickly(page, 'abh');
  await page.goto('/');
  const titles = {
    persons: 'persons.title',
    duplicates: 'duplicates.title',
    imports: 'import.title',
  } as const;
  for (const [key, title] of Object.entries(titles)) {
    await page.getByTestId(`nav-${key}`).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('de', title));
  }
});

test('a front-desk member who opens the duplicate review directly is told it is not for their role', async ({
  page,
}) => {
  await signInQuickly(page, 'empfang');
  await page.goto('/duplicates');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('de', 'forbidden.title'));
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await signInQuickly(page, 'ki');
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('de', 'notFound.title'));
});
