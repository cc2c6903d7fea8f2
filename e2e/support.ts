import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const LANGUAGES = ['de', 'en', 'ar', 'tr', 'uk', 'ru', 'fa'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const RTL: readonly Lang[] = ['ar', 'fa'];
export const DEMO_PASSWORD = 'lotse-demo';

const cache = new Map<Lang, Record<string, string>>();

/** The UI text of a message in a language, straight from the catalogue the web app ships. */
export function msg(lang: Lang, id: string): string {
  if (!cache.has(lang)) {
    // The shared catalogue and the ones the front-desk features keep beside their pages (as catalogues.ts merges them).
    const files = [
      `../web/src/i18n/messages/${lang}.json`,
      ...['queue', 'appointments', 'intake', 'cases'].map(
        (f) => `../web/src/features/${f}/messages/${lang}.json`,
      ),
    ];
    const merged: Record<string, string> = {};
    for (const file of files)
      Object.assign(merged, JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, file), 'utf8')));
    cache.set(lang, merged);
  }
  const text = cache.get(lang)![id];
  if (text === undefined) throw new Error(`No message ${id} in ${lang}`);
  return text;
}

/** Starts the page in a language, as if the person had chosen it before. */
export async function useLanguage(page: Page, lang: Lang) {
  await page.addInitScript((l) => window.localStorage.setItem('lotse.lang', l), lang);
}

/** Signs in through the API (the browser context keeps the cookie); the form itself is tested separately. */
export async function signInQuickly(page: Page, username: string) {
  const res = await page.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), `sign-in of ${username}`).toBe(200);
}

/** Signs in through the sign-in form, as a person would. */
export async function signInWithForm(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Fails with the list of WCAG 2.1 A/AA violations axe finds on the page as it is now. */
export async function expectAccessible(page: Page, what: string) {
  // A dialog still fading in has half-transparent text, which axe would measure as too little contrast.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `axe violations on ${what}`).toEqual([]);
}
