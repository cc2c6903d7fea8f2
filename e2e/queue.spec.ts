import { type Browser, expect, type Page, test } from '@playwright/test';
import { expectAccessible, type Lang, msg, signInQuickly, useLanguage } from './support';

// The walk-in queue of the demo (server/src/features/demo/demo.queue.ts): a front-desk worker, a counter, a lobby
// display and a person's phone, each in a browser context of its own. The tests share the demo's counters, so they
// run one after the other.
test.describe.configure({ mode: 'serial' });

async function context(browser: Browser, lang: Lang = 'de', username?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await useLanguage(page, lang);
  if (username) await signInQuickly(page, username);
  return page;
}

/** The demo's site and municipality slug, as a signed-in worker sees them. */
async function demoSite(page: Page): Promise<{ siteId: string; slug: string }> {
  const setup = await (await page.request.get('/api/queue/setup')).json();
  const me = await (await page.request.get('/api/auth/me')).json();
  return {
    siteId: setup.sites.find((s: { name: string }) => s.name === 'Haus der Integration').id,
    slug: me.municipality.slug,
  };
}

/** Takes the counter and calls the next ticket; returns the number now at the counter. */
async function callNext(counter: Page, name: string): Promise<string> {
  await counter.goto('/queue/counter');
  await counter.getByTestId('queue-counter-select').selectOption({ label: name });
  const occupy = counter.getByTestId('queue-counter-occupy');
  if (await occupy.isVisible()) await occupy.click();
  await counter.getByTestId('queue-counter-call-next').click();
  const current = counter.getByTestId('queue-counter-current');
  await expect(current).toBeVisible();
  return (await current.getAttribute('data-number'))!;
}

test('a front-desk worker issues a ticket; the display and the phone show the call within seconds', async ({
  browser,
}) => {
  const desk = await context(browser, 'de', 'empfang');
  const { siteId } = await demoSite(desk);

  await desk.goto('/queue/desk');
  await desk.getByTestId('queue-desk-service').selectOption({ label: 'A · Unterlagen abgeben' });
  await desk.getByTestId('queue-desk-issue').click();
  const issued = desk.getByTestId('queue-desk-issued');
  await expect(issued).toBeVisible();
  const number = (await issued.getAttribute('data-number'))!;
  expect(number).toMatch(/^A\d{3}$/);
  await expectAccessible(desk, 'the desk');
  const phoneUrl = (await issued.getByRole('link').getAttribute('href'))!;

  const phone = await context(browser, 'de');
  await phone.goto(phoneUrl);
  await expect(phone.getByTestId('queue-phone-number')).toHaveText(number);
  await expect(phone.getByTestId('queue-phone-position')).toHaveText(msg('de', 'queue.phone.next'));
  await expectAccessible(phone, 'the phone view');

  const display = await context(browser, 'de');
  await display.goto(`/display/${siteId}`);
  await expect(display.getByTestId('queue-display')).toBeVisible();
  await expectAccessible(display, 'the lobby display');

  const counter = await context(browser, 'de', 'empfang2');
  expect(await callNext(counter, 'Schalter 1 (Erdgeschoss)')).toBe(number);
  await expectAccessible(counter, 'the counter');

  await expect(display.getByTestId('queue-display-current')).toContainText(number, { timeout: 3000 });
  await expect(display.getByTestId('queue-display-current')).toContainText('Schalter 1');
  await expect(phone.getByTestId('queue-phone-state')).toContainText(msg('de', 'queue.phone.called'), {
    timeout: 3000,
  });
  await expect(phone.getByTestId('queue-phone-room')).toContainText('Schalter 1');

  await counter.getByTestId('queue-counter-start').click();
  await counter.getByTestId('queue-counter-done').click();
  await expect(phone.getByTestId('queue-phone-state')).toHaveText(msg('de', 'queue.phone.done'));
});

test('a person takes a ticket at the entrance on their phone in Arabic and follows it to the room', async ({
  browser,
}) => {
  const lead = await context(browser, 'de', 'empfang-leitung');
  const { siteId, slug } = await demoSite(lead);

  const kiosk = await context(browser, 'ar');
  await kiosk.goto(`/kiosk/${slug}/${siteId}`);
  await expect(kiosk.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(kiosk.getByRole('heading', { level: 1 })).toHaveText(msg('ar', 'queue.kiosk.title'));
  await expectAccessible(kiosk, 'the kiosk in Arabic');

  // Someone is ahead in the queue, so the phone first shows a position.
  await kiosk.getByTestId('queue-kiosk-service').filter({ hasText: 'Kurze Frage' }).click();
  await expect(kiosk.getByTestId('queue-kiosk-number')).toHaveText(/^B\d{3}$/);
  await expect(kiosk.getByTestId('queue-qr')).toBeVisible();

  const phone = await context(browser, 'ar');
  await phone.goto(`/queue/${slug}/${siteId}/take`);
  await phone.getByTestId('queue-kiosk-service').filter({ hasText: 'Kurze Frage' }).click();
  await expect(phone).toHaveURL(/\/q\/[A-Za-z0-9_-]{32}$/);
  await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(msg('ar', 'queue.phone.title'));
  const mine = (await phone.getByTestId('queue-phone-number').textContent())!;
  await expect(phone.getByTestId('queue-phone-position')).toBeVisible();
  await expect(phone.getByTestId('queue-phone-position')).not.toHaveText(msg('ar', 'queue.phone.next'));
  await expectAccessible(phone, 'the phone view in Arabic');

  const counter = await context(browser, 'de', 'empfang-leitung');
  const first = await callNext(counter, 'Schalter 2 (Erdgeschoss)');
  expect(first).not.toBe(mine);
  await expect(phone.getByTestId('queue-phone-position')).toHaveText(msg('ar', 'queue.phone.next'), {
    timeout: 3000,
  });
  await counter.getByTestId('queue-counter-start').click();
  await counter.getByTestId('queue-counter-done').click();
  await counter.getByTestId('queue-counter-call-next').click();
  await expect(counter.getByTestId('queue-counter-current')).toHaveAttribute('data-number', mine);
  await expect(phone.getByTestId('queue-phone-state')).toContainText(msg('ar', 'queue.phone.called'), {
    timeout: 3000,
  });
  await expect(phone.getByTestId('queue-phone-room')).toContainText('Schalter 2');
  await counter.getByTestId('queue-counter-start').click();
  await counter.getByTestId('queue-counter-done').click();
});

test('the configuration and the daily figures are accessible, also in Arabic', async ({ browser }) => {
  for (const lang of ['de', 'ar'] as const) {
    const lead = await context(browser, lang, 'empfang-leitung');
    await lead.goto('/queue/settings');
    await expect(lead.getByTestId('queue-settings-services')).toContainText('Unterlagen abgeben');
    await expectAccessible(lead, `the queue set-up (${lang})`);
    await lead.goto('/queue/figures');
    await expect(lead.getByTestId('queue-figures-services')).toContainText('Unterlagen abgeben');
    await expectAccessible(lead, `the daily figures (${lang})`);
    await lead.goto('/queue/desk');
    await lead.getByTestId('queue-short-directions').click();
    await expect(lead.getByText(msg(lang, 'queue.short.logged'))).toBeVisible();
  }
});

test('the front-desk lead changes a service: prefix, opening days and hours, daily cap, calls before no-show', async ({
  browser,
}) => {
  const lead = await context(browser, 'de', 'empfang-leitung');
  const { siteId } = await demoSite(lead);
  const setup = await (await lead.request.get('/api/queue/setup')).json();
  const name = `Probe ${Date.now()}`;
  const created = await lead.request.post('/api/queue/services', {
    data: { siteId, agencyId: setup.agencies[0].id, name, prefix: 'P', dailyCap: 10 },
  });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;

  for (const lang of ['de', 'ar'] as const) {
    await useLanguage(lead, lang);
    await lead.goto('/queue/settings');
    const row = lead.getByTestId('queue-settings-services').getByRole('row').filter({ hasText: name });
    await row.getByTestId('queue-service-edit-open').click();
    const dialog = lead.getByRole('dialog');
    await expect(dialog.getByTestId('queue-service-edit')).toBeVisible();
    await expect(lead.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await expectAccessible(lead, `the queue service dialog (${lang})`);
    if (lang === 'ar') {
      await lead.keyboard.press('Escape');
      continue;
    }
    await dialog.getByTestId('queue-service-prefix').fill('PQ');
    await dialog.getByRole('checkbox', { name: /^(Sa|Sa\.)$/ }).check();
    await dialog.getByTestId('queue-service-opens').fill('09:30');
    await dialog.getByTestId('queue-service-closes').fill('15:00');
    await dialog.getByTestId('queue-service-cap').fill('40');
    await dialog.getByTestId('queue-service-no-show').fill('2');
    await dialog.getByTestId('queue-service-save').click();
    await expect(lead.getByRole('dialog')).toHaveCount(0);
    await expect(row).toContainText('PQ');
    await expect(row).toContainText('09:30–15:00');
    await expect(row).toContainText('/ 40');
  }
  const after = await (await lead.request.get('/api/queue/setup')).json();
  expect(after.services.find((s: { id: string }) => s.id === id)).toMatchObject({
    prefix: 'PQ',
    weekdays: [1, 2, 3, 4, 5, 6],
    opensAt: '09:30',
    closesAt: '15:00',
    dailyCap: 40,
    noShowAfterCalls: 2,
  });
  // Leave the demo's kiosk as it was.
  await lead.request.put(`/api/queue/services/${id}`, {
    data: { ...after.services.find((s: { id: string }) => s.id === id), active: false },
  });
});
