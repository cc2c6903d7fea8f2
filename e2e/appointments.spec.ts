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
  test.setTimeout(90_000);
  for (const lang of ['de', 'ar'] as const) {
    const page = await desk(browser, 'empfang2', lang);
    await page.goto('/appointments');
    await page.getByTestId('appointments-book').click();
    await page.getByTestId('desk-service').click();
    await page.getByRole('option', { name: 'Verlängerung Aufenthaltstitel (Ausländerbehörde)' }).click();
    await expect(page.getByTestId('slot').first()).toBeVisible();
    await expectAccessible(page, `desk booking dialog (${lang})`);
    await page.getByTestId('desk-name').fill(`Desk ${lang} ${Date.now()}`);
    // Other tests book on the same demo day at the same time: a slot taken meanwhile is answered with a conflict
    // (shown in the dialog), and the desk takes the next one, as staff would.
    for (let n = lang === 'de' ? 2 : 3; ; n++) {
      await page.getByTestId('slot').nth(n).click();
      await page.getByTestId('desk-submit').click();
      const closed = await expect(page.getByRole('dialog'))
        .toHaveCount(0, { timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (closed) break;
      await expect(page.getByRole('alert')).toBeVisible();
      expect(n, 'a free slot among the first ten').toBeLessThan(10);
    }
    await page.context().close();
  }
});

test('the agency lead configures services and hours, changes a service and deletes an absence', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  for (const lang of ['de', 'ar'] as const) {
    const page = await desk(browser, 'abh-leitung', lang);
    await page.goto('/appointments/settings');
    await expect(
      page.getByRole('heading', { level: 1, name: msg(lang, 'appointments.settings.title') }),
    ).toBeVisible();
    await expect(page.getByTestId('appointment-services')).toContainText('Verlängerung Aufenthaltstitel');
    await expectAccessible(page, `appointment settings (${lang})`);

    // Change the buffer of a service in its dialog.
    const row = page
      .getByTestId('appointment-service-row')
      .filter({ hasText: 'Verlängerung Aufenthaltstitel' });
    await row.getByTestId('appointment-service-edit-open').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('appointment-service-edit')).toBeVisible();
    await expectAccessible(page, `appointment service dialog (${lang})`);
    const buffer = lang === 'de' ? '10' : '5';
    await dialog.getByTestId('service-buffer').fill(buffer);
    await dialog.getByTestId('service-save').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(row).toContainText(`30 + ${buffer}`);

    // An absence recorded for a staff member is deleted from the table.
    const schedules = (await (await page.request.get('/api/appointments/schedules')).json()) as {
      staffId: string;
      displayName: string;
    }[];
    const abh2 = schedules.find((x) => x.displayName === 'Aylin Ausländerbehörde')!;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
      new Date(Date.now() + 60 * 86_400_000),
    );
    const added = await page.request.post(`/api/appointments/schedules/${abh2.staffId}/absences`, {
      data: { startsAt: `${day}T06:00:00Z`, endsAt: `${day}T10:00:00Z`, reason: `Fortbildung ${lang}` },
    });
    expect(added.status()).toBe(201);
    await page.reload();
    const absence = page.getByTestId('absence').filter({ hasText: `Fortbildung ${lang}` });
    await expect(absence).toBeVisible();
    await absence.getByTestId('absence-delete').click();
    await expect(page.getByTestId('settings-saved')).toHaveText(
      msg(lang, 'appointments.settings.absenceDeleted'),
    );
    await expect(absence).toHaveCount(0);
    await page.context().close();
  }
});

test('the priority list shows the residence titles ending soonest and books for a person from it', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const page = await desk(browser, 'abh2');
  await page.goto('/appointments');
  await page.getByTestId('appointments-tab-priority').click();
  const rows = page.getByTestId('priority-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('priority-intro')).toBeVisible();
  await expectAccessible(page, 'priority list');

  // Soonest first, as the API answers.
  const list = (await (await page.request.get('/api/appointments/priority')).json()) as {
    items: { person: { id: string }; validUntil: string }[];
  };
  expect(list.items.map((i) => i.validUntil)).toEqual(list.items.map((i) => i.validUntil).sort());
  expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-person-id')))).toEqual(
    list.items.map((i) => i.person.id),
  );

  // Book for the first person without a next appointment: the dialog has the person chosen already.
  const row = rows.filter({ has: page.getByTestId('priority-book') }).first();
  const personId = (await row.getAttribute('data-person-id'))!;
  const name = (await row.getByRole('link').textContent())!;
  await row.getByTestId('priority-book').click();
  await expect(page.getByTestId('desk-person-chosen')).toContainText(name);
  await page.getByTestId('desk-service').click();
  await page.getByRole('option', { name: 'Verlängerung Aufenthaltstitel (Ausländerbehörde)' }).click();
  await expect(page.getByTestId('slot').first()).toBeVisible();
  await expectAccessible(page, 'desk booking for a person of the priority list');
  await page.getByTestId('slot').last().click();
  await page.getByTestId('desk-submit').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(
    page.locator(`[data-testid="priority-row"][data-person-id="${personId}"]`).getByTestId('priority-next'),
  ).toContainText('Verlängerung Aufenthaltstitel');
  await page.context().close();

  const ar = await desk(browser, 'abh', 'ar');
  await ar.goto('/appointments');
  await expect(ar.locator('html')).toHaveAttribute('dir', 'rtl');
  await ar.getByRole('tab', { name: msg('ar', 'appointments.desk.tabPriority') }).click();
  await expect(ar.getByTestId('priority-row').first()).toBeVisible();
  await expectAccessible(ar, 'priority list (ar)');
  await ar.context().close();
});

for (const [lang, person] of [
  ['de', 'Mariam Hakimi'],
  ['ar', 'Parisa Ahmadi'],
] as const) {
  test(`the desk books for a registered person found with the person search (${lang})`, async ({
    browser,
  }) => {
    test.setTimeout(60_000);
    const page = await desk(browser, 'empfang', lang);
    await page.goto('/appointments');
    await page.getByTestId('appointments-book').click();
    await page.getByTestId('desk-service').click();
    await page.getByRole('option', { name: /^Erstgespräch Jobcenter/ }).click();
    const slot = page.getByTestId('slot').last();
    await expect(slot).toBeVisible();
    const startsAt = (await slot.getAttribute('data-starts-at'))!;
    await slot.click();
    await page.getByTestId('person-picker').fill(person.split(' ')[1]!);
    await page
      .getByRole('option', { name: new RegExp(person) })
      .first()
      .click();
    // The name comes from the registry: the field is no longer required.
    await expect(page.getByTestId('desk-name')).not.toHaveAttribute('required', '');
    await expectAccessible(page, `desk booking with a person (${lang})`);
    await page.getByTestId('desk-submit').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(startsAt));
    await page.getByTestId('appointments-day').fill(day);
    const row = page.getByTestId('appointment-row').filter({ hasText: person });
    await expect(row).toHaveAttribute('data-status', 'booked');
    const id = (await row.getAttribute('data-id'))!;
    const booked = (await (await page.request.get(`/api/appointments/${id}`)).json()) as {
      personLinked: boolean;
    };
    expect(booked.personLinked).toBe(true);
    await page.context().close();
  });
}
