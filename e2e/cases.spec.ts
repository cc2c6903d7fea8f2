import { type Browser, expect, type Page, test } from '@playwright/test';
import { expectAccessible, type Lang, msg, signInQuickly, useLanguage } from './support';

// A case manager of the KI (demo user `ki`) opens a case, assesses, plans, refers to Caritas (consent recorded on
// the spot) where Carla Caritas accepts it in her own account, holds a case conference and closes the case. Each
// run registers its own person, as the tests run in parallel against one database.
const CARITAS = 'Caritasverband Wuppertal/Solingen';

async function desk(browser: Browser, username: string, lang: Lang): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await useLanguage(page, lang);
  await signInQuickly(page, username);
  return page;
}

// Letters only, so that the registry's search finds exactly this person.
const letters = (n: number) =>
  Array.from({ length: n }, () => 'bcdfghjklmnprstvwz'[Math.floor(Math.random() * 18)]).join('');

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Picks an option of a Mantine select (the input carries the test id). */
async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).first().click();
}

for (const lang of ['de', 'ar'] as const) {
  test(`a case manager runs a case end to end with a partner (${lang})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const ki = await desk(browser, 'ki', lang);
    const family = `Q${letters(3)}a${letters(3)}o${letters(2)}`;
    const created = await ki.request.post('/api/persons', {
      data: { name: { givenNames: 'Huda', familyName: family }, dateOfBirth: '1987-04-12', confirmNew: true },
    });
    expect(created.status()).toBe(201);
    const person = (await created.json()) as { id: string; displayName: string };

    // Open the case, finding the person through the registry's search.
    await ki.goto('/cases/new');
    await expect(ki.getByTestId('case-create')).toBeVisible();
    await expect(ki.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await ki.getByTestId('person-picker').fill(family);
    await ki.getByRole('option', { name: new RegExp(family) }).click();
    await ki.getByTestId('case-title').fill('Begleitung Huda');
    await expectAccessible(ki, `new case (${lang})`);
    await ki.getByTestId('case-create-submit').click();
    await expect(ki.getByTestId('case-page')).toBeVisible();
    await expect(ki.getByTestId('case-person')).toHaveText(person.displayName);
    await expect(ki.getByTestId('case-phase')).toHaveAttribute('data-phase', 'intake');

    // Assess a life area.
    await ki.getByTestId('assessment-situation').fill('A2 erreicht');
    await ki.getByTestId('assessment-goal').fill('B1 für die Einbürgerung');
    await ki.getByTestId('assessment-submit').click();
    await expect(ki.getByTestId('assessment-table')).toContainText('A2 erreicht');

    // Plan: a goal with a step, and the person's agreement.
    await ki.getByTestId('goal-title').fill('Deutsch B1');
    await ki.getByTestId('goal-submit').click();
    await expect(ki.getByTestId('plan-goal')).toContainText('Deutsch B1');
    await ki.getByTestId('step-title').fill('Kursplatz suchen');
    await ki.getByTestId('step-due').fill(day(14));
    await ki.getByTestId('step-submit').click();
    await expect(ki.getByTestId('plan-step')).toContainText('Kursplatz suchen');
    await ki.getByTestId('agreement-note').fill('mündlich');
    await ki.getByTestId('agreement-submit').click();
    await expect(ki.getByTestId('case-agreement')).toContainText('mündlich');

    // Refer to Caritas: no consent yet, so it is recorded on the spot, then the referral goes out.
    await choose(ki, 'referral-to', CARITAS);
    await ki.getByTestId('referral-due').fill(day(7));
    await ki.getByTestId('referral-need').fill('Anerkennungsberatung');
    await ki.getByTestId('referral-submit').click();
    await expect(ki.getByTestId('referral-consent-required')).toBeVisible();
    await expectAccessible(ki, `case page with the consent needed (${lang})`);
    await ki.getByTestId('referral-record-consent').click();
    const dialog = ki.getByRole('dialog');
    await expect(dialog.getByTestId('consent-form')).toBeVisible();
    await dialog.getByTestId('form-submit').click();
    await expect(ki.getByRole('dialog')).toHaveCount(0);
    await expect(ki.getByTestId('case-referral')).toHaveCount(1);
    await expect(ki.getByTestId('case-referral').getByTestId('referral-status')).toHaveAttribute(
      'data-status',
      'sent',
    );

    // Carla Caritas accepts it in her own account; she sees the person the consent names.
    const caritas = await desk(browser, 'caritas', lang);
    await caritas.goto('/referrals');
    const card = caritas
      .getByTestId('referral-card')
      .filter({ hasText: 'Anerkennungsberatung' })
      .filter({
        has: caritas.getByTestId('referral-person').getByText(person.displayName),
      });
    await expect(card).toHaveCount(1);
    await expectAccessible(caritas, `partner's referrals (${lang})`);
    await card.getByTestId('referral-text').fill('Termin am Dienstag');
    await card.getByTestId('referral-accept').click();
    await expect(card.getByTestId('referral-status')).toHaveAttribute('data-status', 'accepted');
    await caritas.context().close();

    await ki.reload();
    await expect(ki.getByTestId('case-referral').getByTestId('referral-status')).toHaveAttribute(
      'data-status',
      'accepted',
    );

    // A case conference with Caritas; its decision becomes a task.
    await ki.getByTestId('conference-at').fill(`${day(2)}T10:00`);
    await choose(ki, 'conference-participants', CARITAS);
    await ki.keyboard.press('Escape');
    await ki.getByTestId('conference-agenda').fill('Anerkennung, Kita');
    await ki.getByTestId('conference-submit').click();
    await expect(ki.getByTestId('case-conference')).toHaveCount(1);
    await ki.getByTestId('minutes-text').fill('Caritas begleitet die Anerkennung.');
    await ki.getByTestId('decision-add').click();
    await ki.getByTestId('decision-text').fill('Kita anfragen');
    await ki.getByTestId('minutes-submit').click();
    await expect(ki.getByTestId('conference-minutes')).toContainText('Caritas begleitet');
    await expect(ki.getByTestId('case-tasks')).toContainText('Kita anfragen');

    // A structural obstacle, then the case closes.
    await ki.getByTestId('obstacle-note').fill('Anerkennung dauert über ein Jahr');
    await ki.getByTestId('obstacle-submit').click();
    await expect(ki.getByTestId('case-obstacles')).toContainText('Anerkennung dauert');
    await choose(ki, 'phase-select', msg(lang, 'cases.phase.closure'));
    await choose(ki, 'closing-reason', msg(lang, 'cases.closing.goals_reached'));
    await ki.getByTestId('phase-submit').click();
    await expect(ki.getByTestId('case-closed')).toBeVisible();
    await expect(ki.getByTestId('case-phase')).toHaveAttribute('data-phase', 'closure');
    await expectAccessible(ki, `closed case (${lang})`);

    // The person's timeline and the worklist.
    await ki.goto(`/persons/${person.id}/timeline`);
    await expect(ki.getByTestId('timeline-entry').first()).toBeVisible();
    await expect(ki.locator('[data-testid="timeline-entry"][data-source="referral"]').first()).toBeVisible();
    await expectAccessible(ki, `timeline (${lang})`);
    await ki.goto('/cases');
    await expect(ki.getByTestId('cases-worklist')).toBeVisible();
    await expect(ki.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'cases.worklist.title'));
    await expectAccessible(ki, `worklist (${lang})`);
    await ki.context().close();
  });
}

test('the agency lead sees the caseload and the strategic level the obstacles, accessibly', async ({
  browser,
}) => {
  for (const lang of ['de', 'ar'] as const) {
    const lead = await desk(browser, 'ki-leitung', lang);
    await lead.goto('/cases/caseload');
    await expect(lead.getByTestId('caseload-table')).toContainText('Karin Integrationsmanagerin');
    await expectAccessible(lead, `caseload (${lang})`);
    await lead.goto('/cases/obstacles');
    await expect(lead.getByTestId('obstacles-table')).toContainText(
      msg(lang, 'cases.obstacle.recognition_problem'),
    );
    await expectAccessible(lead, `obstacles (${lang})`);
    await lead.context().close();
  }
});

for (const lang of ['de', 'ar'] as const) {
  test(`settings, a household's case with a welfare association's case manager, and the team (${lang})`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    // The administrator's settings page (saved unchanged: other tests run against the same municipality).
    const admin = await desk(browser, 'admin', lang);
    await admin.goto('/cases/settings');
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'cases.settings.title'));
    await expect(admin.getByTestId('settings-phase-names')).toContainText(msg(lang, 'cases.phase.intake'));
    await expect(admin.getByTestId('settings-residence-weeks')).toBeEnabled();
    await expectAccessible(admin, `case settings (${lang})`);
    await admin.getByTestId('settings-submit').click();
    await expect(admin.getByTestId('success-note')).toHaveText(msg(lang, 'cases.settings.saved'));
    await admin.context().close();
    // The agency lead reads them.
    const lead = await desk(browser, 'ki-leitung', lang);
    await lead.goto('/cases/settings');
    await expect(lead.getByTestId('settings-residence-weeks')).toBeDisabled();
    await expect(lead.getByTestId('settings-submit')).toHaveCount(0);
    await expectAccessible(lead, `case settings, read only (${lang})`);
    await lead.goto('/cases/obstacles');
    await lead.getByTestId('obstacles-from').fill(day(-30));
    await lead.getByTestId('obstacles-to').fill(day(0));
    await expect(lead.getByTestId('obstacles-shown-period')).toContainText(
      new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${day(-30)}T12:00:00Z`),
      ),
    );
    await expectAccessible(lead, `obstacles of a period (${lang})`);
    await lead.context().close();

    // A case for a household, with Carla Caritas (a welfare association) responsible.
    const ki = await desk(browser, 'ki', lang);
    const family = `Q${letters(3)}a${letters(3)}o${letters(2)}`;
    const created = await ki.request.post('/api/persons', {
      data: {
        name: { givenNames: 'Samira', familyName: family },
        dateOfBirth: '1984-09-02',
        confirmNew: true,
      },
    });
    expect(created.status()).toBe(201);
    const person = (await created.json()) as { id: string };
    const household = await ki.request.post('/api/households', {
      data: { kind: 'family', members: [{ personId: person.id, role: 'head' }] },
    });
    expect(household.status()).toBe(201);
    await ki.goto('/cases/new');
    await ki.getByTestId('person-picker').fill(family);
    await ki.getByRole('option', { name: new RegExp(family) }).click();
    await expect(ki.getByTestId('case-household')).toBeEnabled();
    await choose(ki, 'case-household', msg(lang, 'householdKind.family'));
    await ki.getByTestId('case-title').fill('Familie Samira');
    await choose(ki, 'case-manager', 'Carla Caritas');
    await choose(ki, 'case-participants', 'Jugendamt');
    await ki.keyboard.press('Escape');
    await expectAccessible(ki, `new household case (${lang})`);
    await ki.getByTestId('case-create-submit').click();
    await expect(ki.getByTestId('case-page')).toBeVisible();
    await expect(ki.getByTestId('case-page')).toContainText('Carla Caritas (Caritasverband');
    await expect(ki.getByTestId('case-household-note')).toHaveText(msg(lang, 'cases.householdCase'));
    await expect(ki.getByTestId('case-participants-list')).toContainText('Kommunales Integrationszentrum');
    await expect(ki.getByTestId('case-participants-list')).toContainText('Jugendamt');
    await expect(ki.getByTestId('team-form')).toHaveCount(0);

    // The team of the case manager's own case: Caritas takes part, Kemal is responsible.
    const own = await ki.request.post('/api/cases', {
      data: { personId: person.id, title: 'Begleitung Samira', stageOfLife: 'adult' },
    });
    expect(own.status()).toBe(201);
    await ki.goto(`/cases/${((await own.json()) as { id: string }).id}`);
    await choose(ki, 'case-participants', CARITAS);
    await ki.keyboard.press('Escape');
    await choose(ki, 'case-manager', 'Kemal Integrationsmanager');
    await expectAccessible(ki, `case team (${lang})`);
    await ki.getByTestId('team-submit').click();
    await expect(ki.getByTestId('case-participants-list')).toContainText(CARITAS);
    await expect(ki.getByTestId('case-page')).toContainText('Kemal Integrationsmanager (Kommunales');
    await ki.context().close();
  });
}
