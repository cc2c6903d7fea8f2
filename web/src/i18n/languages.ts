/** The languages Lotse's interface speaks; German is the source and the default. */
export const languages = [
  { code: 'de', name: 'Deutsch', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'tr', name: 'Türkçe', dir: 'ltr' },
  { code: 'uk', name: 'Українська', dir: 'ltr' },
  { code: 'ru', name: 'Русский', dir: 'ltr' },
  { code: 'fa', name: 'فارسی', dir: 'rtl' },
] as const;

export type Language = (typeof languages)[number]['code'];
export type TextDirection = 'ltr' | 'rtl';

export const defaultLanguage: Language = 'de';
export const STORAGE_KEY = 'lotse.lang';

export function isLanguage(value: unknown): value is Language {
  return languages.some((l) => l.code === value);
}

export function directionOf(language: Language): TextDirection {
  return languages.find((l) => l.code === language)?.dir ?? 'ltr';
}

/** The stored choice, else German: the browser's language is deliberately not used (shared counters). */
export function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : defaultLanguage;
  } catch {
    return defaultLanguage;
  }
}

export function storeLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be disabled; the choice then lasts for this page only.
  }
}
