import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import {
  Button,
  Checkbox,
  Fieldset,
  FileInput,
  Group,
  MultiSelect,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPaperclip, IconPrinter } from '@tabler/icons-react';
import {
  type Agency,
  type Consent,
  ConsentInput,
  type ConsentTemplate,
  type Purpose,
  consentForms,
  dataCategories,
  documentLanguages,
  purposes,
} from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import type { MessageId } from '../../i18n/catalogues';
import { languages } from '../../i18n/languages';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { openPdf } from '../../ui/open-pdf';
import { schemaValidator } from '../../ui/validation';
import {
  type ConsentValues,
  consentBody,
  consentFieldErrors,
  consentFormBody,
  consentRules,
  readScan,
  templateVersions,
} from './consent-form';
import { privacyApi } from './privacy.api';

/** Agencies and partners as the options of a multi-select, grouped by kind. */
export function useOrganisationOptions(agencies: Agency[]) {
  const intl = useIntl();
  const option = (a: Agency) => ({ value: a.id, label: a.name });
  const active = agencies.filter((a) => a.active);
  return [
    {
      group: intl.formatMessage({ id: 'home.agencies' }),
      items: active.filter((a) => a.kind === 'agency').map(option),
    },
    {
      group: intl.formatMessage({ id: 'home.partners' }),
      items: active.filter((a) => a.kind === 'partner').map(option),
    },
  ];
}

const languageName = (code: string) => languages.find((l) => l.code === code)?.name ?? code;

/**
 * Records a consent as the person gave it: who may disclose to whom, which categories, for what purpose and how
 * long; how it was given (signed paper with the scan, electronic, oral with a note), the text shown (language and
 * version) and who signed. "Print form" renders the same fields as a form for signature.
 */
export function ConsentForm({
  personId,
  agencies,
  templates,
  initialValues,
  requestPurpose,
  onSaved,
  onCancel,
}: {
  personId: string;
  agencies: Agency[];
  templates: ConsentTemplate[];
  initialValues: ConsentValues;
  /** The purpose these calls name, when it is not the chosen one (see ConsentRequired). */
  requestPurpose?: Purpose;
  onSaved: (consent: Consent) => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const labels = useLabels();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const [error, setError] = useState<ApiError>();
  const [file, setFile] = useState<File | null>(null);
  const [printing, setPrinting] = useState(false);
  const organisationOptions = useOrganisationOptions(agencies);
  const schema = schemaValidator(ConsentInput, intl, consentBody);
  const form = useForm<ConsentValues>({
    initialValues,
    validate: (values) => ({ ...schema(values), ...consentRules(intl, values) }),
  });
  const versions = templateVersions(templates, form.values.templateKey, form.values.language);
  const templateKeys = [...new Set(templates.map((tpl) => tpl.key))];

  const failed = (e: unknown) => {
    const apiError = toApiError(e);
    form.setErrors(consentFieldErrors(intl, apiError));
    setError(apiError);
  };
  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      onSaved(await privacyApi.recordConsent(personId, consentBody(values), requestPurpose));
    } catch (e) {
      failed(e);
    }
  });
  const print = async () => {
    setError(undefined);
    setPrinting(true);
    try {
      await openPdf(
        () => privacyApi.consentForm(personId, consentFormBody(form.values), requestPurpose),
        'einwilligung.pdf',
      );
    } catch (e) {
      failed(e);
    } finally {
      setPrinting(false);
    }
  };
  const chooseFile = async (chosen: File | null) => {
    setFile(chosen);
    form.setFieldValue('scan', null);
    form.clearFieldError('scan');
    if (!chosen) return;
    const scan = await readScan(chosen);
    if (typeof scan === 'string') form.setFieldError('scan', t(scan));
    else form.setFieldValue('scan', scan);
  };
  // A text version belongs to one language: choosing another language takes its newest version.
  const chooseText = (key: string, language: string) => {
    const latest = templateVersions(templates, key, language)[0];
    form.setFieldValue('templateVersion', latest ? String(latest.version) : '');
  };

  return (
    <form onSubmit={submit} noValidate data-testid="consent-form">
      <Stack>
        <ErrorAlert error={error} />
        <Fieldset legend={t('consent.whoWhat')}>
          <Stack>
            <MultiSelect
              label={t('consent.disclosing')}
              description={t('consent.disclosingHint')}
              required
              searchable
              data={organisationOptions}
              comboboxProps={{ withinPortal: true }}
              data-testid="consent-disclosing"
              data-autofocus
              {...form.getInputProps('disclosingAgencyIds')}
            />
            <MultiSelect
              label={t('consent.receiving')}
              required
              searchable
              data={organisationOptions}
              comboboxProps={{ withinPortal: true }}
              data-testid="consent-receiving"
              {...form.getInputProps('receivingAgencyIds')}
            />
            <Checkbox.Group label={t('consent.categories')} required {...form.getInputProps('categories')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
                {dataCategories.map((c) => (
                  <Checkbox
                    key={c}
                    value={c}
                    label={labels.category(c)}
                    description={c === 'health' ? t('category.healthHint') : undefined}
                    data-testid={`consent-category-${c}`}
                  />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('consent.purposeAndTime')}>
          <Stack>
            <NativeSelect
              label={t('consent.purpose')}
              required
              data={purposes.map((p) => ({ value: p, label: labels.purpose(p) }))}
              data-testid="consent-purpose"
              {...form.getInputProps('purpose')}
            />
            <TextInput
              label={t('consent.purposeNote')}
              description={t('consent.purposeNoteHint')}
              {...form.getInputProps('purposeNote')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="date"
                required
                label={t('common.validFrom')}
                data-testid="consent-valid-from"
                {...form.getInputProps('validFrom')}
              />
              <TextInput
                type="date"
                label={t('common.validUntil')}
                description={t('consent.validUntilHint')}
                data-testid="consent-valid-until"
                {...form.getInputProps('validUntil')}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('consent.howGiven')}>
          <Stack>
            <Radio.Group label={t('consent.form')} required {...form.getInputProps('form')}>
              <Group mt="xs">
                {consentForms.map((f) => (
                  <Radio key={f} value={f} label={labels.consentForm(f)} data-testid={`consent-form-${f}`} />
                ))}
              </Group>
            </Radio.Group>
            {form.values.form === 'signed_paper' && (
              <FileInput
                label={t('consent.scanFile')}
                description={t('consent.scanHint')}
                required
                accept="application/pdf,image/png,image/jpeg"
                value={file}
                onChange={(chosen) => void chooseFile(chosen)}
                error={form.errors.scan}
                clearable
                leftSection={<IconPaperclip size={16} aria-hidden />}
                data-testid="consent-scan"
              />
            )}
            <SimpleGrid cols={{ base: 1, sm: templateKeys.length > 1 ? 3 : 2 }}>
              {templateKeys.length > 1 && (
                <NativeSelect
                  label={t('consent.template')}
                  data={templateKeys}
                  {...form.getInputProps('templateKey')}
                  onChange={(event) => {
                    form.setFieldValue('templateKey', event.currentTarget.value);
                    chooseText(event.currentTarget.value, form.values.language);
                  }}
                />
              )}
              <NativeSelect
                label={t('consent.language')}
                required
                data={documentLanguages.map((l) => ({ value: l, label: languageName(l) }))}
                data-testid="consent-language"
                {...form.getInputProps('language')}
                onChange={(event) => {
                  form.setFieldValue('language', event.currentTarget.value as ConsentValues['language']);
                  chooseText(form.values.templateKey, event.currentTarget.value);
                }}
              />
              <NativeSelect
                label={t('consent.templateVersion')}
                required
                data={
                  versions.length === 0
                    ? [{ value: '', label: t('consent.noVersion') }]
                    : versions.map((v) => ({
                        value: String(v.version),
                        label: intl.formatMessage(
                          { id: 'consent.versionOption' },
                          {
                            version: v.version,
                            date: intl.formatDate(v.createdAt, { dateStyle: 'medium' }),
                          },
                        ),
                      }))
                }
                data-testid="consent-version"
                {...form.getInputProps('templateVersion')}
              />
            </SimpleGrid>
            <Radio.Group label={t('consent.signedBy')} {...form.getInputProps('signedBy')}>
              <Group mt="xs">
                <Radio value="person" label={t('consent.signedBy.person')} />
                <Radio
                  value="guardian"
                  label={t('consent.signedBy.guardian')}
                  data-testid="consent-guardian"
                />
              </Group>
            </Radio.Group>
            {form.values.signedBy === 'guardian' && (
              <TextInput
                label={t('consent.guardianName')}
                required
                dir="auto"
                data-testid="consent-guardian-name"
                {...form.getInputProps('guardianName')}
              />
            )}
            <Textarea
              label={t('consent.note')}
              description={t('consent.noteHint')}
              required={form.values.form === 'oral'}
              autosize
              minRows={2}
              data-testid="consent-note"
              {...form.getInputProps('note')}
            />
          </Stack>
        </Fieldset>

        <Group justify="space-between" mt="md">
          <Button
            variant="default"
            leftSection={<IconPrinter size={18} aria-hidden />}
            onClick={() => void print()}
            loading={printing}
            data-testid="consent-print"
          >
            {t('consent.print')}
          </Button>
          <Group>
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting} data-testid="form-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
