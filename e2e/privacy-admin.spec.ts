import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, type Lang, msg, RTL, signInQuickly, useLanguage } from './support';

// The data protection officer's pages: retention rules with the dry run and the removal record, the consent texts,
// the record of processing activities (Art. 30 DSGVO) and erasure on request (Art. 17 DSGVO). The tests run in
// parallel against one database, so each language works on its own rule, consent text key and person, and nothing
// here runs the retention for real (it would delete demo data that other tests read).

// Each test runs axe several times over pages with long tables (the rules, the record of every agency).
test.describe.configure({ timeout: 60_000 });

const CASES: {
  lang: Lang;
  /** A partner whose case notes get a rule long enough that nothing becomes due by it. */
  partner: string;
  paragraph: string;
  templateKey: string;
  /** The person who asks for erasure: with a residence title a retention duty keeps, or with nothing kept. */
  person: { givenNames: string; familyName: string; residenceUntil: string | null };
}[] = [
  {
    lang: 'de',
    partner: 'Diakonie Wuppertal',
    paragraph: '§ 35 SGB I (E2E de)',
    templateKey: 'merkblatt-de',
    person: { givenNames: 'Lea', familyName: 'Löschantrag', residenceUntil: '2030-12-31' },
  },
  {
    lang: 'ar',
    partner: 'Caritasverband Wuppertal/Solingen',
    paragraph: '§ 35 SGB I (E2E ar)',
    templateKey: 'merkblatt-ar',
    person: { givenNames: 'Samir', familyName: 'Haddad-Loeschung', residenceUntil: null },
  },
];

/**
 * A caseworker of the Ausländerbehörde registers a person with a case note (and a residence title if given) through
 * the API, with a session of its own; answers the person's id.
 */
async function registerPerson(request: APIRequestContext, person: (typeof CASES)[number]['person']) {
  const login = await request.post('/api/auth/login', { data: { username: 'abh', password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const created = await request.post('/api/persons', {
    data: { name: { givenNames: person.givenNames, familyName: person.familyName }, confirmNew: true },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const note = await request.post(`/api/persons/${id}/notes`, {
    data: { category: 'case_notes', title: 'Erstberatung', body: 'Gespräch über den Sprachkurs.' },
  });
  expect(note.status(), await note.text()).toBe(201);
  if (person.residenceUntil) {
    const residence = await request.post(`/api/persons/${id}/residence`, {
      data: { kind: 'aufenthaltserlaubnis', validFrom: '2025-01-01', validUntil: person.residenceUntil },
    });
    expect(residence.status(), await residence.text()).toBe(201);
  }
  return id;
}

/** Signs the data protection officer in, in the language of the test, and checks the page's direction. */
async function officer(page: Page, lang: Lang) {
  await useLanguage(page, lang);
  await signInQuickly(page, 'datenschutz');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('dir', RTL.includes(lang) ? 'rtl' : 'ltr');
  return page.getByRole('heading', { level: 1 });
}

for (const { lang, partner, paragraph, templateKey, person } of CASES) {
  test(`the data protection officer adds a retention rule and sees what is due, in ${lang}`, async ({
    page,
  }) => {
    const h1 = await officer(page, lang);
    // Retention: the demo's rules, then a new one for a partner's case notes.
    await page.getByTestId('nav-retention').click();
    await expect(h1).toHaveText(msg(lang, 'retention.title'));
    await expect(page.getByTestId('retention-rule-row').first()).toBeVisible();
    await expect(page.getByTestId('retention-rules-table')).toContainText('§ 68 AufenthV');
    await expectAccessible(page, `retention (${lang})`);
    await page.getByTestId('retention-rule-add').click();
    const form = page.getByTestId('retention-rule-form');
    await form.getByTestId('form-submit').click();
    await expect(form).toContainText(msg(lang, 'validation.required'));
    await expectAccessible(page, `retention rule form with its errors (${lang})`);
    await form.getByTestId('retention-rule-agency').selectOption({ label: partner });
    await form.getByTestId('retention-rule-type').selectOption('note.case_notes');
    await form.getByTestId('retention-rule-years').fill('30');
    await form.getByTestId('retention-rule-paragraph').fill(paragraph);
    await form.getByTestId('form-submit').click();
    await expect(page.getByTestId('success-note')).toHaveText(msg(lang, 'common.saved'));
    const rule = page.getByTestId('retention-rule-row').filter({ hasText: paragraph });
    await expect(rule).toContainText(partner);
    await expect(rule).toHaveAttribute('data-record-type', 'note.case_notes');

    // The dry run shows per rule what the server would delete today, and deletes nothing.
    await page.getByTestId('retention-dry-run').click();
    await expect(page.getByTestId('retention-plan')).toBeVisible();
    const plan = (await (await page.request.get('/api/retention/due')).json()) as {
      total: number;
      rules: { count: number }[];
    };
    await expect(page.getByTestId('retention-plan')).toHaveAttribute('data-total', String(plan.total));
    await expect(page.getByTestId('retention-due-row')).toHaveCount(plan.rules.length);
    await expectAccessible(page, `retention dry run (${lang})`);
    await page.getByTestId('retention-run').click();
    await expect(page.getByTestId('retention-run-dialog')).toContainText(msg(lang, 'retention.runText'));
    await expectAccessible(page, `run-now confirmation (${lang})`);
    // Escape closes it without running anything.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByTestId('retention-run-result')).toHaveCount(0);
  });

  test(`the data protection officer adds a version of a consent text that becomes current, in ${lang}`, async ({
    page,
  }) => {
    const h1 = await officer(page, lang);
    // Consent texts: a new version of a text becomes current, the earlier one stays.
    const first = await page.request.post('/api/consent-templates', {
      data: { key: templateKey, language: lang, title: 'Merkblatt', body: 'Ich willige ein: {purpose}.' },
    });
    expect(first.status(), await first.text()).toBe(201);
    await page.getByTestId('nav-consentTemplates').click();
    await expect(h1).toHaveText(msg(lang, 'consentTemplates.title'));
    const rows = page.locator(`[data-testid="consent-template-row"][data-key="${templateKey}"]`);
    await expect(rows).toHaveCount(1);
    await expect(rows).toHaveAttribute('data-current', 'true');
    await expectAccessible(page, `consent texts (${lang})`);
    await rows.getByTestId('consent-template-revise').click();
    const templateForm = page.getByTestId('consent-template-form');
    await expect(templateForm.getByTestId('consent-template-key')).toHaveValue(templateKey);
    // The text is written in its own language and direction, whatever the reader's.
    const direction = await templateForm
      .getByTestId('consent-template-body')
      .evaluate((el) => getComputedStyle(el).direction);
    expect(direction).toBe(RTL.includes(lang) ? 'rtl' : 'ltr');
    await templateForm.getByTestId('consent-template-key').fill('Kein Schlüssel');
    await templateForm.getByTestId('form-submit').click();
    await expect(templateForm).toContainText(msg(lang, 'validation.format'));
    await expectAccessible(page, `consent text form with its error (${lang})`);
    await templateForm.getByTestId('consent-template-key').fill(templateKey);
    await templateForm.getByTestId('consent-template-title').fill('Merkblatt, Fassung 2');
    await templateForm.getByTestId('form-submit').click();
    await expect(page.getByTestId('success-note')).toBeVisible();
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'Merkblatt, Fassung 2' })).toHaveAttribute('data-current', 'true');
    await expect(rows.and(page.locator('[data-version="1"]'))).toHaveAttribute('data-current', 'false');
  });

  test(`the data protection officer reads the record of processing activities and prints it, in ${lang}`, async ({
    page,
  }) => {
    const h1 = await officer(page, lang);
    // The record of processing activities, and its PDF.
    await page.getByTestId('nav-processingRecord').click();
    await expect(h1).toHaveText(msg(lang, 'processingRecord.title'));
    await expect(page.getByTestId('processing-agency').first()).toBeVisible();
    await expect(page.getByTestId('processing-measures')).toBeVisible();
    await expect(page.getByTestId('processing-record-page')).toContainText('§ 68 AufenthV');
    await expectAccessible(page, `record of processing activities (${lang})`);
    const pdf = page.waitForResponse(
      (r) => r.url().includes('/api/processing-record') && r.url().includes('pdf'),
    );
    const tab = page.waitForEvent('popup');
    await page.getByTestId('processing-record-pdf-en').click();
    const response = await pdf;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    await (await tab).close();
  });

  test(`the data protection officer erases a person on request and sees what a retention duty keeps, in ${lang}`, async ({
    page,
    request,
  }) => {
    const personId = await registerPerson(request, person);
    await officer(page, lang);
    // Erasure on request: the reason and a confirmation, then what was deleted and what a retention duty keeps.
    await page.goto(`/persons/${personId}`);
    await expect(page.getByTestId('person-name')).toContainText(person.familyName);
    await page.getByTestId('person-erase').click();
    const erasure = page.getByTestId('erasure-form');
    await expect(erasure.getByTestId('erasure-submit')).toBeDisabled();
    await erasure.getByTestId('erasure-reason').fill('kurz');
    await erasure.getByTestId('erasure-confirm').check();
    await erasure.getByTestId('erasure-submit').click();
    await expect(erasure.getByTestId('erasure-reason')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, `erasure dialog with its error (${lang})`);
    await erasure.getByTestId('erasure-reason').fill('Antrag der Person vom 20.11.2026, schriftlich');
    await erasure.getByTestId('erasure-submit').click();
    const result = page.getByTestId('erasure-result');
    await expect(result).toBeVisible();
    await expect(result.getByTestId('erasure-erased-row').first()).toBeVisible();
    await expect(
      result.locator('[data-testid="erasure-erased-row"][data-record-type="note.case_notes"]'),
    ).toBeVisible();
    if (person.residenceUntil) {
      await expect(result).toHaveAttribute('data-anonymised', 'false');
      const kept = result.getByTestId('erasure-kept-row');
      await expect(kept).toHaveCount(1);
      await expect(kept).toContainText('§ 68 AufenthV');
      await expect(kept).toContainText(msg(lang, 'recordKind.residence'));
    } else {
      await expect(result).toHaveAttribute('data-anonymised', 'true');
      await expect(result.getByTestId('erasure-summary')).toContainText(msg(lang, 'erasure.anonymised'));
      await expect(result.getByTestId('erasure-kept-row')).toHaveCount(0);
    }
    await expectAccessible(page, `erasure result (${lang})`);
    const record = await result.getByTestId('erasure-run-link').getAttribute('href');
    await page.getByTestId('erasure-close').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    if (!person.residenceUntil) await expect(page.getByTestId('person-name')).toContainText('[anonymisiert]');

    // The removal record names the erasure: kinds and counts, never the content.
    await page.goto(record!);
    await expect(page.getByTestId('removals-run-filter')).toBeVisible();
    const removals = page.getByTestId('removal-row');
    await expect(removals.first()).toHaveAttribute('data-reason', 'erasure_request');
    await expect(page.getByTestId('removal-record')).not.toContainText('Gespräch über den Sprachkurs');
    await expectAccessible(page, `removal record of one erasure (${lang})`);
  });
}

test('administration reaches the data protection pages; a caseworker does not', async ({ page }) => {
  await signInQuickly(page, 'admin');
  await page.goto('/');
  for (const key of ['retention', 'processingRecord', 'consentTemplates'])
    await expect(page.getByTestId(`nav-${key}`)).toBeVisible();

  await page.context().clearCookies();
  await signInQuickly(page, 'abh');
  for (const path of ['/privacy/retention', '/privacy/processing-record', '/privacy/consent-templates']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('de', 'forbidden.title'));
  }
  await page.goto('/');
  await expect(page.getByTestId('nav-retention')).toHaveCount(0);
});
