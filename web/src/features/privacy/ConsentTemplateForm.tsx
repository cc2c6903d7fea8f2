import { useIntl } from 'react-intl';
import { NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import {
  type ConsentTemplate,
  ConsentTemplateInput,
  type DocumentLanguage,
  documentLanguages,
} from '@lotse/common';
import type { MessageId } from '../../i18n/catalogues';
import { directionOf, languages } from '../../i18n/languages';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { useSchemaForm } from '../../ui/use-schema-form';
import { templatePlaceholders } from './consent-templates';
import { privacyApi } from './privacy.api';

interface Values {
  key: string;
  language: DocumentLanguage;
  title: string;
  body: string;
}

/**
 * Adds a new version of a consent text in one language; starting from `base`, the current text to revise. The
 * server numbers the version; earlier versions stay, as recorded consents name the version the person was shown.
 */
export function ConsentTemplateForm({
  base,
  language,
  onSaved,
  onCancel,
}: {
  base: ConsentTemplate | null;
  language: DocumentLanguage;
  onSaved: (template: ConsentTemplate) => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const { form, submit, error } = useSchemaForm<Values, typeof ConsentTemplateInput>({
    initialValues: {
      key: base?.key ?? 'standard',
      language: base?.language ?? language,
      title: base?.title ?? '',
      body: base?.body ?? '',
    },
    schema: ConsentTemplateInput,
    toBody: (v) => v,
    // The page names the version the server gave it, so the saved template goes up rather than a bare "saved".
    save: async (body) => onSaved(await privacyApi.createTemplateVersion(body)),
    onSaved: () => undefined,
  });
  // The text is written in its own language, whatever the reader's: Arabic and Persian run right to left.
  const textLanguage = { lang: form.values.language, dir: directionOf(form.values.language) };

  return (
    <form onSubmit={submit} noValidate data-testid="consent-template-form">
      <Stack>
        <ErrorAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('consentTemplates.key')}
            description={t('consentTemplates.keyHint')}
            required
            dir="ltr"
            data-autofocus
            data-testid="consent-template-key"
            {...form.getInputProps('key')}
          />
          <NativeSelect
            label={t('consentTemplates.language')}
            required
            data={documentLanguages.map((l) => ({
              value: l,
              label: languages.find((x) => x.code === l)?.name ?? l,
            }))}
            data-testid="consent-template-language"
            {...form.getInputProps('language')}
          />
        </SimpleGrid>
        <TextInput
          label={t('consentTemplates.titleField')}
          required
          {...textLanguage}
          data-testid="consent-template-title"
          {...form.getInputProps('title')}
        />
        <Textarea
          label={t('consentTemplates.body')}
          description={intl.formatMessage(
            { id: 'consentTemplates.bodyHint' },
            { placeholders: templatePlaceholders.join(' ') },
          )}
          required
          autosize
          minRows={8}
          maxRows={20}
          {...textLanguage}
          data-testid="consent-template-body"
          {...form.getInputProps('body')}
        />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
