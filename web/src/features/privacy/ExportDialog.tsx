import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { IconBraces, IconFileTypePdf } from '@tabler/icons-react';
import { type DocumentLanguage, documentLanguages } from '@lotse/common';
import { useLanguage } from '../../i18n/I18nProvider';
import { languages } from '../../i18n/languages';
import { isDocumentLanguage } from './consent-form';
import { privacyApi } from './privacy.api';

/** The right of access (Art. 15 DSGVO, § 83 SGB X): everything Lotse holds on the person, as JSON or PDF. */
export function ExportDialogBody({ personId }: { personId: string }) {
  const intl = useIntl();
  const { language } = useLanguage();
  const [lang, setLang] = useState<DocumentLanguage>(isDocumentLanguage(language) ? language : 'de');
  return (
    <Stack data-testid="export-dialog">
      <Text>{intl.formatMessage({ id: 'export.intro' })}</Text>
      <NativeSelect
        label={intl.formatMessage({ id: 'print.language' })}
        value={lang}
        onChange={(event) => {
          const next = event.currentTarget.value;
          if (isDocumentLanguage(next)) setLang(next);
        }}
        data={documentLanguages.map((l) => ({
          value: l,
          label: languages.find((x) => x.code === l)?.name ?? l,
        }))}
        data-testid="export-language"
      />
      <Group justify="flex-end">
        <Button
          component="a"
          href={privacyApi.exportUrl(personId, 'json', lang)}
          download
          variant="default"
          leftSection={<IconBraces size={18} aria-hidden />}
          data-testid="export-json"
        >
          {intl.formatMessage({ id: 'export.json' })}
        </Button>
        <Button
          component="a"
          href={privacyApi.exportUrl(personId, 'pdf', lang)}
          target="_blank"
          rel="noopener noreferrer"
          leftSection={<IconFileTypePdf size={18} aria-hidden />}
          data-testid="export-pdf"
        >
          {intl.formatMessage({ id: 'export.pdf' })}
        </Button>
      </Group>
    </Stack>
  );
}
