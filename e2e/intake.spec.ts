import { expect, type Browser, type Page, test } from '@playwright/test';
import { expectAccessible, type Lang, msg, signInQuickly, useLanguage } from './support';

// Document intake: the front desk ('empfang') receives two documents for a demo person and prints the receipt; the
// Ausländerbehörde ('abh') finds them in its inbox and marks one processed. Once in German, once in Arabic (RTL).

async function desk(browser: Browser, username: string, lang: Lang): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await useLanguage(page, lang);
  await signInQuickly(page, username);
  return page;
}

// Two desks, five accessibility checks: more than the default half minute on a busy machine.
test.describe.configure({ timeout: 90_000 });

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

for (const [lang, person] of [
  ['de', 'Hamid Noori'],
  ['ar', 'Parisa Ahmadi'],
] as const) {
  test(`the desk receives two documents with a receipt and the Ausländerbehörde processes them (${lang})`, async ({
    browser,
  }) => {
    const front = await desk(browser, 'empfang', lang);
    await front.goto('/intake');
    await expect(front.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'intake.desk.title'));
    await expect(front.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await expectAccessible(front, `intake desk (${lang})`);

    // Nothing chosen: the desk is told what is missing.
    await front.getByTestId('intake-submit').click();
    await expect(front.getByText(msg(lang, 'intake.personRequired'))).toBeVisible();

    const picker = front.getByTestId('person-picker');
    await picker.fill(person.split(' ')[1]!);
    await front
      .getByRole('option', { name: new RegExp(person) })
      .first()
      .click();
    await front.getByTestId('intake-language').selectOption('ar');

    const [chooser] = await Promise.all([
      front.waitForEvent('filechooser'),
      front.getByTestId('intake-add-files').click(),
    ]);
    await chooser.setFiles([
      { name: `reisepass-${lang}.pdf`, mimeType: 'application/pdf', buffer: pdf('Reisepass') },
      { name: `aufenthaltstitel-${lang}.png`, mimeType: 'image/png', buffer: png },
    ]);
    const rows = front.getByTestId('intake-row');
    await expect(rows).toHaveCount(2);
    await rows.nth(0).getByTestId('intake-row-class').selectOption('passport');
    await rows.nth(1).getByTestId('intake-row-class').selectOption('residence_permit');
    await expectAccessible(front, `intake desk with documents (${lang})`);
    await front.getByTestId('intake-submit').click();

    const done = front.getByTestId('intake-done');
    await expect(done).toBeVisible();
    const reference = /E-\d{4}-\d{6}/.exec((await done.textContent()) ?? '')![0];
    // The receipt: a PDF, opened in a new tab to print.
    const href = await front.getByTestId('intake-receipt').getAttribute('href');
    const receipt = await front.request.get(href!);
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()['content-type']).toContain('application/pdf');
    expect((await receipt.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expect(front.getByTestId('intake-recent-row').filter({ hasText: reference })).toHaveCount(1);
    await expectAccessible(front, `intake desk after receiving (${lang})`);

    // Upstairs: the Ausländerbehörde's inbox.
    const abh = await desk(browser, 'abh', lang);
    await abh.goto('/intake/inbox');
    await expect(abh.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'intake.inbox.title'));
    const mine = abh.getByTestId('intake-inbox-row').filter({ hasText: reference });
    await expect(mine).toHaveCount(2);
    await expect(mine.first()).toContainText(person);
    await expectAccessible(abh, `intake inbox (${lang})`);
    const file = await abh.request.get(
      (await mine.first().getByTestId('intake-inbox-file').getAttribute('href'))!,
    );
    expect(file.status()).toBe(200);

    await mine
      .filter({ hasText: `reisepass-${lang}.pdf` })
      .getByTestId('intake-inbox-process')
      .click();
    await expect(mine).toHaveCount(1);
    await abh.getByTestId('intake-inbox-filter').getByText(msg(lang, 'intake.status.processed')).click();
    const processed = abh.getByTestId('intake-inbox-row').filter({ hasText: reference });
    await expect(processed).toHaveCount(1);
    await expect(processed).toHaveAttribute('data-status', 'processed');
    await expectAccessible(abh, `intake inbox, processed (${lang})`);
    await front.context().close();
    await abh.context().close();
  });
}
