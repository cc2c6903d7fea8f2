import { useMemo } from 'react';
import { useIntl } from 'react-intl';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// Codes Intl names that are no countries of birth or nationality.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB']);

// Languages clients of a Haus der Integration speak most (DOMAIN.md); ISO 639 codes.
const LANGUAGE_CODES = [
  'ar',
  'fa',
  'prs',
  'ps',
  'ku',
  'ckb',
  'ti',
  'am',
  'so',
  'uk',
  'ru',
  'tr',
  'de',
  'en',
  'fr',
  'es',
  'it',
  'pl',
  'ro',
  'bg',
  'sq',
  'sr',
  'bs',
  'hr',
  'mk',
  'el',
  'hu',
  'ka',
  'hy',
  'az',
  'ur',
  'hi',
  'bn',
  'ta',
  'vi',
  'zh',
  'ha',
  'yo',
  'ig',
  'wo',
  'ff',
  'ln',
  'sw',
  'pt',
  'nl',
  'rom',
  'ber',
  'kmr',
];

/** Select options for countries (ISO 3166 alpha-2 plus XX stateless and XU unknown), named in the reader's language. */
export function useCountryOptions() {
  const intl = useIntl();
  return useMemo(() => {
    const names = new Intl.DisplayNames([intl.locale], { type: 'region', fallback: 'none' });
    const options: { value: string; label: string }[] = [];
    for (const a of LETTERS)
      for (const b of LETTERS) {
        const code = a + b;
        if (NOT_COUNTRIES.has(code)) continue;
        let name: string | undefined;
        try {
          name = names.of(code);
        } catch {
          name = undefined;
        }
        if (name && name !== code) options.push({ value: code, label: `${name} (${code})` });
      }
    options.sort((x, y) => x.label.localeCompare(y.label, intl.locale));
    return [
      ...options,
      { value: 'XX', label: `${intl.formatMessage({ id: 'country.stateless' })} (XX)` },
      { value: 'XU', label: `${intl.formatMessage({ id: 'country.unknown' })} (XU)` },
    ];
  }, [intl]);
}

/** Select options for the languages persons speak, named in the reader's language. */
export function useLanguageOptions() {
  const intl = useIntl();
  return useMemo(() => {
    const names = new Intl.DisplayNames([intl.locale], { type: 'language', fallback: 'code' });
    return LANGUAGE_CODES.map((code) => {
      let name: string;
      try {
        name = names.of(code) ?? code;
      } catch {
        name = code;
      }
      return { value: code, label: name === code ? code : `${name} (${code})` };
    }).sort((x, y) => x.label.localeCompare(y.label, intl.locale));
  }, [intl]);
}
