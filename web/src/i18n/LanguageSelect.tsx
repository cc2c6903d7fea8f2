import { useId } from 'react';
import { useIntl } from 'react-intl';
import { IconLanguage } from '@tabler/icons-react';
import { NativeSelect } from '@mantine/core';
import { isLanguage, languages } from './languages';
import { useLanguage } from './I18nProvider';

/** A native select, each language named in itself, so it is easy to find for a person who cannot read German. */
export function LanguageSelect({ hideLabel = false }: { hideLabel?: boolean }) {
  const intl = useIntl();
  const { language, setLanguage } = useLanguage();
  const id = useId();
  return (
    <NativeSelect
      id={id}
      label={hideLabel ? undefined : intl.formatMessage({ id: 'lang.label' })}
      aria-label={hideLabel ? intl.formatMessage({ id: 'lang.label' }) : undefined}
      value={language}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (isLanguage(next)) setLanguage(next);
      }}
      data={languages.map((l) => ({ value: l.code, label: l.name }))}
      leftSection={<IconLanguage size={16} aria-hidden />}
      data-testid="language-select"
      size="xs"
      w={{ base: 120, sm: 150 }}
    />
  );
}
