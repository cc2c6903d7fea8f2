import { expect, type Browser, type Page, test } from '@playwright/test';
import { expectAccessible, type Lang, msg, signInQuickly, useLanguage } from './support';

// Persons the Ausländerbehörde registered in the demo (server/src/features/demo/demo.persons.ts) with a residence
// title and no data of any other agency, so the Jobcenter sees nothing of them without consent. Each test works on
// its own person, as the tests run in parallel against one database.
const JOBCENTER = 'Jobcenter Wuppertal – zebera';
const ABH = 'Ausländerbehörde';

/** A signed-in page of its own (own cookies), as a second person at another desk. */
async function desk(browser: Browser, username: string, lang: Lang = 'de'): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await useLanguage(page, lang);
  await signInQuickly(page, username);
  return page;
}

/** The id of a demo person, found by the Ausländerbehörde's search (which sees its own persons by name). */
async function personId(browser: Browser, name: string): Promise<string> {
  const page = await desk(browser, 'abh');
  const res = await page.request.get(`/api/persons/search?q=${encodeURIComponent(name)}`);
  expect(res.status()).toBe(200);
  const { hits } = (await res.json()) as { hits: { person: { id: string; displayName: string } }[] };
  const hit = hits.find((h) => h.person.displayName === name);
  expect(hit, name).toBeTruthy();
  await page.context().close();
  return hit!.person.id;
}

async function closeDialog(page: Page, lang: Lang) {
  await page
    .getByRole('dialog')
    .getByRole('button', { name: msg(lang, 'common.cancel') })
    .first()
    .click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

async function agencyId(page: Page, code: string): Promise<string> {
  const res = await page.request.get('/api/organisation');
  const { agencies } = (await res.json()) as { agencies: { id: string; code: string }[] };
  return agencies.find((a) => a.code === code)!.id;
}

/** Records an electronic consent through the API, for tests whose subject is not the form. */
async function recordConsentByApi(page: Page, id: string, from: string, to: string, purpose: string) {
  const res = await page.request.post(`/api/persons/${id}/consents`, {
    data: {
      disclosingAgencyIds: [await agencyId(page, from)],
      receivingAgencyIds: [await agencyId(page, to)],
      categories: ['residence'],
      purpose,
      validFrom: '2020-01-01',
      form: 'oral',
      note: 'Am Schalter mündlich erklärt, Dolmetscherin anwesend.',
      templateVersion: 1,
      language: 'de',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
}

test('a consent shares residence data with the Jobcenter until it is revoked', async ({ browser }) => {
  const id = await personId(browser, 'Hiba Nasser');
  const abh = await desk(browser, 'abh');
  const jobcenter = await desk(browser, 'jobcenter');

  // Without consent the Jobcenter sees nothing of the person and is told which consent would help.
  await jobcenter.goto(`/persons/${id}`);
  const required = jobcenter.getByTestId('consent-required');
  await expect(required).toBeVisible();
  await expect(required.getByTestId('required-recipient')).toHaveText(JOBCENTER);
  await expect(required.getByTestId('required-purpose')).toHaveAttribute(
    'data-purpose',
    'benefit_processing',
  );
  await expect(jobcenter.getByTestId('residence-row')).toHaveCount(0);

  // The Ausländerbehörde records the person's electronic consent: its residence data to the Jobcenter.
  await abh.goto(`/persons/${id}`);
  await expect(abh.getByTestId('person-name')).toContainText('Hiba Nasser');
  await expect(abh.getByTestId('residence-row')).toHaveCount(1);
  await abh.getByTestId('tab-consents').click();
  await expect(abh.getByTestId('consents-panel')).toContainText(msg('de', 'consent.empty'));
  await abh.getByTestId('consent-add').click();
  const form = abh.getByTestId('consent-form');
  await expect(form).toBeVisible();
  await expect(form).toContainText(ABH);
  await form.getByTestId('consent-receiving').click();
  await abh.getByRole('option', { name: JOBCENTER }).click();
  await form.getByTestId('consent-category-residence').check();
  await form.getByTestId('consent-purpose').selectOption('benefit_processing');
  await form.getByTestId('consent-form-electronic').check();
  await form.getByTestId('consent-language').selectOption('de');
  await expect(form.getByTestId('consent-version')).toHaveValue('1');
  await form.getByTestId('form-submit').click();
  await expect(abh.getByTestId('success-note')).toHaveText(msg('de', 'consent.recorded'));
  const consent = abh.getByTestId('consent-row');
  await expect(consent).toHaveCount(1);
  await expect(consent).toHaveAttribute('data-status', 'valid');
  await expect(consent.getByTestId('consent-receiving-names')).toContainText(JOBCENTER);
  await expect(consent.getByTestId('consent-categories')).toHaveText(msg('de', 'category.residence'));
  await expectAccessible(abh, 'person detail with the consents (de)');

  // The Jobcenter, working for benefit processing, now sees the residence title, but not the name.
  await jobcenter.getByTestId('purpose-select').selectOption('benefit_processing');
  await jobcenter.reload();
  await expect(jobcenter.getByTestId('person-detail')).toBeVisible();
  await expect(jobcenter.getByTestId('residence-row')).toHaveCount(1);
  await expect(jobcenter.getByTestId('residence-row')).toContainText(
    msg('de', 'residenceKind.blaue_karte_eu'),
  );
  await expect(jobcenter.getByTestId('person-name')).toHaveText(msg('de', 'person.nameWithheld'));
  await expect(jobcenter.getByTestId('identity-withheld')).toBeVisible();
  const residence = jobcenter.locator('[data-testid="visibility-category"][data-category="residence"]');
  await expect(residence).toContainText(msg('de', 'basis.consent'));
  await expect(jobcenter.getByTestId('visibility-purpose')).toHaveAttribute(
    'data-purpose',
    'benefit_processing',
  );
  await expect(jobcenter.getByTestId('visibility-withheld')).toBeVisible();
  await expectAccessible(jobcenter, 'person detail with the name withheld (de)');

  // The transparency list names the Jobcenter's read and its basis; it prints in Arabic.
  await abh.getByTestId('tab-access-log').click();
  const jobcenterRead = abh.getByTestId('access-log-row').filter({ hasText: JOBCENTER });
  await expect(jobcenterRead.first()).toContainText(msg('de', 'basis.consent'));
  await abh.getByTestId('access-log-print-language').selectOption('ar');
  await expect(abh.getByTestId('access-log-print')).toHaveAttribute('href', /format=pdf&lang=ar/);
  const pdf = await abh.request.get(`/api/persons/${id}/access-log?format=pdf&lang=ar`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // The Ausländerbehörde revokes the consent; from then on the Jobcenter sees nothing again.
  await abh.getByTestId('tab-consents').click();
  await abh.getByTestId('consent-revoke').click();
  await expect(abh.getByTestId('revoke-form')).toContainText(msg('de', 'consent.revokeText'));
  await abh.getByTestId('revoke-confirm').click();
  await expect(abh.getByTestId('consent-row')).toHaveAttribute('data-status', 'revoked');
  await expect(abh.getByTestId('consent-revoke')).toHaveCount(0);

  await jobcenter.reload();
  await expect(jobcenter.getByTestId('consent-required')).toBeVisible();
  await expect(jobcenter.getByTestId('residence-row')).toHaveCount(0);
  await expect(jobcenter.getByText(msg('de', 'residenceKind.blaue_karte_eu'))).toHaveCount(0);
});

test('the Jobcenter prints the consent form, records the signed consent at its desk and then sees the person', async ({
  browser,
}) => {
  const id = await personId(browser, 'Hamid Noori');
  const jobcenter = await desk(browser, 'jobcenter');
  await jobcenter.goto(`/persons/${id}`);
  await jobcenter.getByTestId('consent-record').click();
  const form = jobcenter.getByTestId('consent-form');
  // Prefilled from the refusal: the Jobcenter receives identity and contact data for benefit processing.
  await expect(form).toContainText(JOBCENTER);
  await expect(form.getByTestId('consent-category-identity_contact')).toBeChecked();
  await expect(form.getByTestId('consent-purpose')).toHaveValue('benefit_processing');
  await form.getByTestId('consent-disclosing').click();
  await jobcenter.getByRole('option', { name: ABH }).click();
  await form.getByTestId('consent-category-residence').check();
  await form.getByTestId('consent-language').selectOption('fa');

  // The form for signature opens as a PDF in a new tab, in the person's language.
  const [tab] = await Promise.all([
    jobcenter.context().waitForEvent('page'),
    form.getByTestId('consent-print').click(),
  ]);
  await expect.poll(() => tab.url()).toMatch(/^blob:/);
  await tab.close();

  // Signed on paper: the scan goes with the consent.
  await form.getByTestId('consent-form-signed_paper').check();
  await form.getByTestId('form-submit').click();
  await expect(form).toContainText(msg('de', 'consent.scanRequired'));
  const [chooser] = await Promise.all([
    jobcenter.waitForEvent('filechooser'),
    form.getByTestId('consent-scan').click(),
  ]);
  await chooser.setFiles({
    name: 'einwilligung-unterschrieben.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% unterschrieben\n%%EOF\n'),
  });
  await expect(form.getByTestId('consent-scan')).toContainText('einwilligung-unterschrieben.pdf');
  await form.getByTestId('form-submit').click();

  await expect(jobcenter.getByTestId('person-name')).toContainText('Hamid Noori');
  await expect(jobcenter.getByTestId('residence-row')).toHaveCount(1);
  await jobcenter.getByTestId('tab-consents').click();
  const consent = jobcenter.getByTestId('consent-row');
  await expect(consent).toHaveAttribute('data-status', 'valid');
  await expect(consent.getByTestId('consent-scan-link')).toContainText('einwilligung-unterschrieben.pdf');
});

test('an oral consent needs a note, and the server names what is wrong at its field', async ({ browser }) => {
  const id = await personId(browser, 'Parisa Ahmadi');
  const abh = await desk(browser, 'abh');
  await abh.goto(`/persons/${id}`);
  await abh.getByTestId('tab-consents').click();
  await abh.getByTestId('consent-add').click();
  const form = abh.getByTestId('consent-form');
  await form.getByTestId('consent-receiving').click();
  await abh.getByRole('option', { name: JOBCENTER }).click();
  await form.getByTestId('consent-category-residence').check();
  await form.getByTestId('consent-form-oral').check();
  await form.getByTestId('form-submit').click();
  await expect(form).toContainText(msg('de', 'consent.noteRequired'));
  await expectAccessible(abh, 'consent form with field errors (de)');

  // An end before the start passes the shared schema; the server refuses it and names the field.
  await form.getByTestId('consent-note').fill('Mündlich am Schalter erklärt.');
  await form.getByTestId('consent-valid-from').fill('2030-05-01');
  await form.getByTestId('consent-valid-until').fill('2030-04-01');
  await form.getByTestId('form-submit').click();
  await expect(form.getByTestId('error-alert')).toHaveAttribute('data-error-code', 'VALIDATION_FAILED');
  await expect(form).toContainText(msg('de', 'consent.untilBeforeFrom'));
});

test('breaking the glass opens the person for 30 minutes, and the data protection officer reviews it', async ({
  browser,
}) => {
  const id = await personId(browser, 'Emine Kaya');
  const jobcenter = await desk(browser, 'jobcenter2');
  await jobcenter.goto(`/persons/${id}`);
  await expect(jobcenter.getByTestId('consent-required')).toBeVisible();
  await jobcenter.getByTestId('emergency-open').click();
  const form = jobcenter.getByTestId('emergency-form');
  await form.getByTestId('emergency-reason').fill('zu kurz');
  await form.getByTestId('form-submit').click();
  await expect(form).toContainText(msg('de', 'validation.minLength').replace('{min}', '20'));
  await form
    .getByTestId('emergency-reason')
    .fill('Person am Schalter, Leistung droht zu entfallen, Aufenthalt sofort klären');
  await form.getByTestId('form-submit').click();
  await expect(jobcenter.getByTestId('emergency-banner')).toBeVisible();
  await expect(jobcenter.getByTestId('person-name')).toContainText('Emine Kaya');
  await expect(jobcenter.getByTestId('residence-row')).toHaveCount(1);

  const dpo = await desk(browser, 'datenschutz');
  await dpo.goto('/');
  await dpo.getByTestId('nav-emergencies').click();
  const row = dpo.getByTestId('emergency-row').filter({ hasText: 'Aufenthalt sofort klären' });
  await expect(row).toHaveAttribute('data-reviewed', 'false');
  await row.getByTestId('emergency-review').click();
  await dpo.getByTestId('review-note').fill('Begründung trägt; Einwilligung nachholen.');
  await dpo.getByTestId('form-submit').click();
  await expect(dpo.getByTestId('success-note')).toHaveText(msg('de', 'emergencies.reviewSaved'));
  await dpo.getByTestId('emergencies-filter').selectOption('reviewed');
  await expect(
    dpo.getByTestId('emergency-row').filter({ hasText: 'Aufenthalt sofort klären' }),
  ).toHaveAttribute('data-reviewed', 'true');

  // From the review the officer opens the person and answers a request for access (Art. 15).
  await dpo
    .getByTestId('emergency-row')
    .filter({ hasText: 'Aufenthalt sofort klären' })
    .getByTestId('emergency-person')
    .click();
  await dpo.getByTestId('person-export').click();
  await dpo.getByTestId('export-language').selectOption('tr');
  await expect(dpo.getByTestId('export-pdf')).toHaveAttribute('href', /export\?format=pdf&lang=tr/);
  const json = await dpo.request.get(`/api/persons/${id}/export?format=json`);
  expect(json.status()).toBe(200);
  expect(((await json.json()) as { person: { displayName: string } }).person.displayName).toBe('Emine Kaya');
});

test('the purpose chosen in the header is kept and sent with every request', async ({ browser }) => {
  const id = await personId(browser, 'Haidar Al-Jubouri');
  const jobcenter = await desk(browser, 'jobcenter-leitung');
  await jobcenter.goto(`/persons/${id}`);
  await expect(jobcenter.getByTestId('consent-required')).toBeVisible();

  // For identification the house's legal basis shows the core identity to every agency.
  const request = jobcenter.waitForRequest(
    (r) => r.url().endsWith(`/api/persons/${id}`) && r.headers()['x-lotse-purpose'] === 'identification',
  );
  await jobcenter.getByTestId('purpose-select').selectOption('identification');
  await request;
  await expect(jobcenter.getByTestId('person-name')).toContainText('Haidar Al-Jubouri');
  await expect(
    jobcenter.locator('[data-testid="visibility-category"][data-category="identity_contact"]'),
  ).toContainText(msg('de', 'basis.legal_basis'));

  await jobcenter.reload();
  await expect(jobcenter.getByTestId('purpose-select')).toHaveValue('identification');
  await expect(jobcenter.getByTestId('person-name')).toContainText('Haidar Al-Jubouri');
  await jobcenter.getByTestId('purpose-select').selectOption('');
  await expect(jobcenter.getByTestId('consent-required')).toBeVisible();
});

for (const lang of ['de', 'ar'] as Lang[]) {
  test(`the consent, access log and consent-required views in ${lang} have no WCAG 2.1 AA violations`, async ({
    browser,
  }) => {
    const id = await personId(browser, lang === 'de' ? 'Reza Karimi' : 'Awet Berhane');
    const abh = await desk(browser, 'abh', lang);
    await recordConsentByApi(abh, id, 'abh', 'jobcenter', 'benefit_processing');
    await abh.goto(`/persons/${id}`);
    await expect(abh.getByTestId('visibility-panel')).toBeVisible();
    await abh.getByTestId('tab-consents').click();
    await expect(abh.getByTestId('consent-row')).toHaveCount(1);
    await expectAccessible(abh, `consents (${lang})`);
    await abh.getByTestId('consent-add').click();
    await expect(abh.getByTestId('consent-form')).toBeVisible();
    await expectAccessible(abh, `consent form (${lang})`);
    await closeDialog(abh, lang);
    await abh.getByTestId('tab-access-log').click();
    await expect(abh.getByTestId('access-log-row').first()).toBeVisible();
    await expectAccessible(abh, `access log (${lang})`);

    // The Integrationszentrum's purpose (case management) is not the consent's: it sees nothing.
    const ki = await desk(browser, 'ki', lang);
    await ki.goto(`/persons/${id}`);
    await expect(ki.getByTestId('consent-required')).toBeVisible();
    await expectAccessible(ki, `consent required (${lang})`);
    await ki.getByTestId('emergency-open').click();
    await expect(ki.getByTestId('emergency-form')).toBeVisible();
    await expectAccessible(ki, `emergency access dialog (${lang})`);
  });

  test(`the data protection officer's pages in ${lang} have no WCAG 2.1 AA violations`, async ({
    browser,
  }) => {
    const id = await personId(browser, lang === 'de' ? 'Yonas Tesfay' : 'Fatima Al-Sayed');
    const caseworker = await desk(browser, 'wh2');
    const opened = await caseworker.request.post(`/api/persons/${id}/emergency-access`, {
      data: { reason: `Notfall am Schalter (${lang}), Unterkunft geht verloren, sofort handeln` },
    });
    expect(opened.status()).toBe(201);

    const dpo = await desk(browser, 'datenschutz', lang);
    await dpo.goto('/privacy/emergencies');
    await expect(dpo.getByTestId('emergency-row').first()).toBeVisible();
    await expectAccessible(dpo, `emergency accesses (${lang})`);
    await dpo.getByTestId('emergency-review').first().click();
    await expect(dpo.getByTestId('review-form')).toBeVisible();
    await expectAccessible(dpo, `emergency review dialog (${lang})`);
    await closeDialog(dpo, lang);

    await dpo.getByTestId('nav-legalBases').click();
    await expect(dpo.getByTestId('legal-basis-row').first()).toBeVisible();
    await expectAccessible(dpo, `legal bases (${lang})`);
    await dpo.getByTestId('legal-basis-edit').first().click();
    await expect(dpo.getByTestId('legal-basis-form')).toBeVisible();
    await expectAccessible(dpo, `legal basis form (${lang})`);
    await closeDialog(dpo, lang);

    await dpo.goto(`/persons/${id}`);
    await expect(dpo.getByTestId('person-export')).toBeVisible();
    await dpo.getByTestId('person-export').click();
    await expect(dpo.getByTestId('export-dialog')).toBeVisible();
    await expectAccessible(dpo, `person detail with the Art. 15 dialog (${lang})`);
  });
}

test('administration and the data protection officer configure legal bases; caseworkers do not reach the page', async ({
  browser,
}) => {
  const admin = await desk(browser, 'admin');
  await admin.goto('/privacy/legal-bases');
  await admin.getByTestId('legal-basis-add').click();
  const form = admin.getByTestId('legal-basis-form');
  await form.getByTestId('form-submit').click();
  await expect(form).toContainText(msg('de', 'validation.required'));
  await form.getByTestId('legal-basis-paragraph').fill('§ 4 Testgesetz (E2E)');
  await form.getByTestId('legal-basis-title').fill('Schulanmeldung an das Schulamt');
  await form.getByTestId('legal-basis-category-education').check();
  await form.getByTestId('legal-basis-purpose-schooling').check();
  await form.getByTestId('form-submit').click();
  await expect(
    admin.getByTestId('legal-basis-row').filter({ hasText: '§ 4 Testgesetz (E2E)' }),
  ).toContainText(msg('de', 'purpose.schooling'));

  const abh = await desk(browser, 'abh');
  await abh.goto('/');
  await expect(abh.getByTestId('nav-legalBases')).toHaveCount(0);
  await expect(abh.getByTestId('nav-emergencies')).toHaveCount(0);
  await abh.goto('/privacy/emergencies');
  await expect(abh.getByRole('heading', { level: 1 })).toHaveText(msg('de', 'forbidden.title'));
});
