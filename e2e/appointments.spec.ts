import { expect, type Browser, type Page, test } from '@playwright/test';
import { expectAccessible, type Lang, msg, signInQuickly, useLanguage } from './support';

// The demo's appointment services and today's bookings: server/src/features/demo/demo.appointments.ts.
const MUNICIPALITY = 'wuppertal-demo';
const EXTENSION_AR = 'تمديد تصريح الإقامة (Ausländerbehörde)';

async function desk(browser: Browser, username: string, lang: Lang = 'de'): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await useLanguage(page, lang);
  await signInQuickly(page, username);
  return page;
}

type Mail = { appointmentId: string; kind: string; to: string; text: string; subject: string };

/** The mails of an address, from the outbox (demo mode sends to the log and keeps them there). */
async function mailsTo(page: Page, address: string, kind: string): Promise<Mail[]> {
  let found: Mail[] = [];
  await expect(async () => {
    const res = await page.request.get('/api/appointments/outbox?limit=200');
    expect(res.status()).toBe(200);
    found = ((await res.json()) as Mail[]).filter((m) => m.to === address && m.kind === kind);
    expect(found.length).toBeGreaterThan(0);
  }).toPass({ timeout: 10_000 });
  return found;
}
const linkIn = (mail: Mail, kind: 'confirm' | 'manage') =>
  new URL(new RegExp(`https?://\\S+/book/${kind}/[\\w-]+`).exec(mail.text)![0]).pathname;

test('a person books in Arabic on the public page, confirms by the emailed link, and staff see it', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const email = `layla.${Date.now()}@example.org`;
  await useLanguage(page, 'ar');
  await page.goto(`/book/${MUNICIPALITY}`);
  await expect(
    page.getByRole('heading', { level: 1, name: msg('ar', 'appointments.public.title') }),
  ).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

  await page.getByTestId('booking-service').click();
  await page.getByRole('option', { name: EXTENSION_AR }).click();
  const slot = page.getByTestId('slot').first();
  await expect(slot).toBeVisible();
  const startsAt = (await slot.getAttribute('data-starts-at'))!;
  await slot.click();
  await page.getByTestId('booking-name').fill('Layla Nasser');
  await page.getByTestId('booking-email').fill(email);
  await page.getByTestId('booking-interpreter').check();
  await expectAccessible(page, 'public booking (ar)');
  await page.getByTestId('booking-submit').click();
  await expect(page.getByTestId('booking-pending')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('booking-pending')).toContainText(msg('ar', 'appointments.public.checkMail'));

  // The confirmation mail, in Arabic, with its link.
  const staff = await desk(browser, 'empfang');
  const [request] = await mailsTo(staff, email, 'confirm_request');
  expect(request!.subject).toContain('يرجى تأكيد موعدك');
  await page.goto(linkIn(request!, 'confirm'));
  await expect(page.getByTestId('appointment-status')).toHaveText(msg('ar', 'appointments.status.pending'));
  await expectAccessible(page, 'confirmation page (ar)');
  await page.getByTestId('confirm-submit').click();
  await expect(page.getByTestId('confirm-done')).toBeVisible();

  // The confirmation with the calendar file and the manage link.
  const [confirmation] = await mailsTo(staff, email, 'confirmation');
  expect(confirmation!.subject).toContain('تم تأكيد موعدك');
  await page.goto(linkIn(confirmation!, 'manage'));
  await expect(page.getByTestId('appointment-summary')).toHaveAttribute('data-status', 'booked');
  await expect(page.getByTestId('appointment-summary')).not.toContainText('Layla');
  await expectAccessible(page, 'manage page (ar)');

  // The front desk sees it on the day's list.
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(startsAt));
  await staff.goto('/appointments');
  await staff.getByTestId('appointments-day').fill(day);
  const row = staff.getByTestId('appointment-row').filter({ hasText: 'Layla Nasser' });
  await expect(row).toHaveAttribute('data-status', 'booked');
  await staff.context().close();
});

test('the front desk checks an appointment of today in: it becomes a queue ticket', async ({ browser }) => {
  const page = await desk(browser, 'empfang');
  await page.goto('/appointments');
  await expect(
    page.getByRole('heading', { level: 1, name: msg('de', 'appointments.desk.title') }),
  ).toBeVisible();
  const row = page.getByTestId('appointment-row').filter({ hasText: 'Samir Al-Masri (Demo)' });
  await expect(row).toHaveAttribute('data-status', 'booked');
  await expectAccessible(page, 'appointments of the day');
  await row.getByTestId('appointment-check-in').click();
  await expect(page.getByTestId('appointments-note')).toContainText(/\d/);
  await expect(row).toHaveAttribute('data-status', 'checked_in');
  const id = await row.getAttribute('data-id');
  const res = await page.request.get(`/api/appointments/${id}`);
  expect(((await res.json()) as { queueTicket: { number: string } | null }).queueTicket?.number).toMatch(
    /^[A-Z]+\d+$/,
  );
  await page.context().close();
});

test('the desk books with the slot picker, in Arabic too', async ({ browser }) => {
  for (const lang of ['de', 'ar'] as const) {
    const page = await desk(browser, 'empfang2', lang);
    await page.goto('/appointments');
    await page.getByTestId('appointments-book').click();
    await page.getByTestId('desk-service').click();
    await page.getByRole('option', { name: 'Verlängerung Aufenthaltstitel (Ausländerbehörde)' }).click();
    await expect(page.getByTestId('slot').first()).toBeVisible();
    await expectAccessible(page, `desk booking dialog (${lang})`);
    await page
      .getByTestId('slot')
      .nth(lang === 'de' ? 2 : 3)
      .click();
    await page.getByTestId('desk-name').fill(`Desk ${lang} ${Date.now()}`);
    await page.getByTestId('desk-submit').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.context().close();
  }
});

test('the agency lead configures services and hours', async ({ browser }) => {
  for (const lang of ['de', 'ar'] as const) {
    const page = await desk(browser, 'abh-leitung', lang);
    await page.goto('/appointments/settings');
    await expect(
      page.getByRole('heading', { level: 1, name: msg(lang, 'appointments.settings.title') }),
    ).toBeVisible();
    await expect(page.getByTestId('appointment-services')).toContainText('Verlängerung Aufenthaltstitel');
    await expectAccessible(page, `appointment settings (${lang})`);
    await page.context().close();
  }
});
