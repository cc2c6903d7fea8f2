import { expect, test } from '@playwright/test';
import { msg, signInQuickly } from './support';

// The demo registry (server/src/features/demo/demo.persons.ts) holds Mohammed Al-Hassan (ABH) and Muhammad Alhasan
// (Jobcenter, placeholder date), Ahmad Rahimi (KI) and "Rahimi Ahmed" (Jobcenter, swapped), and Rami Khalil with
// identifiers of the Jobcenter and the Ausländerbehörde.

test('a caseworker finds a demo person by a variant spelling and by the original script', async ({
  page,
}) => {
  await signInQuickly(page, 'abh');
  await page.goto('/persons');
  const search = page.getByTestId('person-search');
  await search.fill('Mohamad Alhasan');
  await expect(page).toHaveURL(/\?q=Mohamad/);
  const hits = page.getByTestId('search-hit');
  await expect(hits.first()).toContainText(/Al-?[Hh]ass?an/);
  await expect(hits.first().getByTestId('match-reasons')).toBeVisible();

  await search.fill('محمد الحسن');
  await search.press('Enter');
  await expect(hits.filter({ hasText: 'Mohammed Al-Hassan' })).toHaveCount(1);
  await hits.filter({ hasText: 'Mohammed Al-Hassan' }).getByTestId('hit-link').click();
  await expect(page.getByTestId('person-name')).toContainText('Mohammed Al-Hassan');
});

test('creating a person who is already recorded shows the candidates and can be confirmed as new', async ({
  page,
}) => {
  await signInQuickly(page, 'jobcenter');
  await page.goto('/persons');
  await page.getByTestId('person-create').click();
  await page.getByTestId('field-given-names').fill('Juri');
  await page.getByTestId('field-family-name').fill('Bondarenko');
  await page.getByTestId('field-date-of-birth').fill('03.09.1978');
  await page.getByTestId('form-submit').click();

  const candidates = page.getByTestId('duplicate-candidates');
  await expect(candidates).toBeVisible();
  await expect(candidates).toContainText(msg('de', 'personCreate.duplicatesTitle'));
  await expect(candidates.getByTestId('duplicate-candidate').first()).toContainText('Bondarenko');

  await page.getByTestId('confirm-new').click();
  await expect(page).toHaveURL(/\/persons\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('person-name')).toContainText('Juri Bondarenko');
});

test('the detail page shows the identifiers of several agencies and where each value came from', async ({
  page,
}) => {
  await signInQuickly(page, 'ki');
  await page.goto('/persons?q=Rami%20Khalil');
  await page.getByTestId('search-hit').filter({ hasText: 'Rami Khalil' }).getByTestId('hit-link').click();
  await expect(page.getByTestId('person-detail')).toBeVisible();
  const rows = page.getByTestId('identifier-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: '120388120945' })).toContainText('Ausländerbehörde');
  await expect(rows.filter({ hasText: '362D318846' })).toContainText('Jobcenter');
  await expect(page.getByTestId('provenance').first()).toBeVisible();
  await expect(page.getByTestId('provenance-row').first()).toBeVisible();
  await expect(page.getByTestId('residence-row')).toHaveCount(1);
  await expect(page.getByTestId('benefit-row')).toHaveCount(1);

  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-row').first()).toBeVisible();
});

test('a reviewer merges a duplicate pair from the queue and undoes the merge', async ({ page }) => {
  await signInQuickly(page, 'ki');
  await page.goto('/duplicates');
  await page.getByTestId('duplicate-scan').click();
  await expect(page.getByTestId('scan-result').getByTestId('success-note')).toBeVisible({ timeout: 30_000 });
  const row = page.getByTestId('duplicate-row').filter({ hasText: 'Rahimi' });
  await expect(row).toHaveCount(1);
  // The queue re-renders after the scan; follow the link's address rather than a click that may land mid-render.
  const href = await row.getByTestId('duplicate-open').getAttribute('href');
  await page.goto(href!);
  const compare = page.getByTestId('duplicate-compare');
  await expect(compare).toBeVisible();
  await expect(compare.locator('[data-differs="true"]').first()).toBeVisible();

  await page.getByTestId('merge-keep-a').click();
  await expect(page.getByTestId('success-note')).toBeVisible();
  await expect(page.getByTestId('undo-merge')).toBeVisible();

  // The surviving person lists the merged record, and the merge can be undone there.
  await compare.getByRole('link').first().click();
  await expect(page.getByTestId('merged-record')).toHaveCount(1);
  await page.getByTestId('undo-merge').click();
  await expect(page.getByTestId('success-note')).toHaveText(msg('de', 'merge.undone'));
  await expect(page.getByTestId('merged-record')).toHaveCount(0);
});

test('an import dry run reports create, match and reject per line, and applying creates the persons', async ({
  page,
}) => {
  await signInQuickly(page, 'jobcenter');
  await page.goto('/imports');
  const csv = [
    'vorname;nachname;geburtsdatum;staat;kdnr',
    'Selam;Haile;12.05.1993;ER;362D900001',
    'Rami;Khalil;22.06.1984;SY;362D318846',
    'Ohne;;1974-01-32;SY;',
  ].join('\r\n');
  await page.getByTestId('import-file').setInputFiles({
    name: 'jobcenter-export.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('mapping-vorname').selectOption('givenNames');
  await page.getByTestId('mapping-nachname').selectOption('familyName');
  await page.getByTestId('mapping-geburtsdatum').selectOption('dateOfBirth');
  await page.getByTestId('mapping-staat').selectOption('nationality');
  await page.getByTestId('mapping-kdnr').selectOption('identifier:kundennummer');

  await page.getByTestId('import-dry-run').click();
  const lines = page.getByTestId('import-line');
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(0)).toHaveAttribute('data-outcome', 'create');
  await expect(lines.nth(1)).toHaveAttribute('data-outcome', 'match');
  await expect(lines.nth(2)).toHaveAttribute('data-outcome', 'reject');
  await expect(lines.nth(2).getByTestId('import-problem').first()).toContainText(
    new RegExp(`${msg('de', 'importField.familyName')}|${msg('de', 'importField.dateOfBirth')}`),
  );
  await expect(page.getByTestId('import-all-or-nothing')).toBeVisible();
});

test('applying an import without rejected lines creates the persons', async ({ page }) => {
  await signInQuickly(page, 'jobcenter');
  await page.goto('/imports');
  const csv = ['given_name,family_name,date_of_birth,nationality', 'Tesfalem,Gebremariam,1991-02-14,ER'].join(
    '\n',
  );
  await page.getByTestId('import-file').setInputFiles({
    name: 'export.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('mapping-given_name').selectOption('givenNames');
  await page.getByTestId('mapping-family_name').selectOption('familyName');
  await page.getByTestId('mapping-date_of_birth').selectOption('dateOfBirth');
  await page.getByTestId('mapping-nationality').selectOption('nationality');
  await page.getByTestId('import-dry-run').click();
  await expect(page.getByTestId('import-line')).toHaveCount(1);
  await expect(page.getByTestId('import-line').first()).toHaveAttribute('data-outcome', 'create');

  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('import-report')).toContainText(msg('de', 'import.appliedTitle'));
  await page.goto('/persons?q=Tesfalem%20Gebremariam');
  await expect(page.getByTestId('search-hit').first()).toContainText('Tesfalem Gebremariam');
});
