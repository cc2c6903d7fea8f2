import { type ReactNode, createContext, use, useCallback, useLayoutEffect, useMemo, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { useDirection } from '@mantine/core';
import { catalogues } from './catalogues';
import { type Language, defaultLanguage, directionOf, storeLanguage, storedLanguage } from './languages';

interface LanguageContextValue {
  language: Language;
  setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

/** Sets `<html lang dir>`; called before the first render too, so Mantine starts in the right direction. */
export function applyDocumentLanguage(language: Language) {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

/** The chosen language: react-intl messages, the document's lang and dir, and Mantine's direction. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const { setDirection } = useDirection();

  useLayoutEffect(() => {
    applyDocumentLanguage(language);
    setDirection(directionOf(language));
  }, [language, setDirection]);

  const setLanguage = useCallback((next: Language) => {
    storeLanguage(next);
    setLanguageState(next);
  }, []);

  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return (
    <LanguageContext value={value}>
      <IntlProvider locale={language} defaultLocale={defaultLanguage} messages={catalogues[language]}>
        {children}
      </IntlProvider>
    </LanguageContext>
  );
}

export function useLanguage(): LanguageContextValue {
  const value = use(LanguageContext);
  if (!value) throw new Error('useLanguage needs an I18nProvider');
  return value;
}
