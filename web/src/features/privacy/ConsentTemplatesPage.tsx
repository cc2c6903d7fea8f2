import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ActionIcon, Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { IconEye, IconPlus, IconCopyPlus } from '@tabler/icons-react';
import { type ConsentTemplate, documentLanguages } from '@lotse/common';
import { useApi } from '../../api/use-api';
import type { MessageId } from '../../i18n/catalogues';
import { useLanguage } from '../../i18n/I18nProvider';
import { directionOf, languages } from '../../i18n/languages';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { SuccessNote } from '../../ui/SuccessNote';
import { usePersonFormat } from '../persons/person-format';
import { DataTable } from '../../ui/DataTable';
import { ConsentTemplateForm } from './ConsentTemplateForm';
import { isDocumentLanguage } from './consent-form';
import { templateOverview } from './consent-templates';
import { privacyApi } from './privacy.api';

const languageName = (code: string) => languages.find((l) => l.code === code)?.name ?? code;

/** One version of a consent text as it was written, in its own language and direction. */
function TemplateText({ template }: { template: ConsentTemplate }) {
  const dir = directionOf(template.language);
  return (
    <Stack gap="sm" lang={template.language} dir={dir} data-testid="consent-template-text">
      <Title order={3} size="h4">
        {template.title}
      </Title>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{template.body}</Text>
    </Stack>
  );
}

/**
 * The consent texts (data protection officer, administration): every key in every language and version, the current
 * one marked; a new version of a text in one language is added here, earlier versions stay for recorded consents.
 */
export function ConsentTemplatesPage() {
  const intl = useIntl();
  const format = usePersonFormat();
  const { language } = useLanguage();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const templates = useApi<ConsentTemplate[]>(privacyApi.templatesPath);
  const [filter, setFilter] = useState<string>('all');
  const [editing, setEditing] = useState<ConsentTemplate | 'new' | null>(null);
  const [reading, setReading] = useState<ConsentTemplate | null>(null);
  const [saved, setSaved] = useState<string>();
  const rows = templateOverview(templates.data ?? []).filter(
    (r) => filter === 'all' || r.language === filter,
  );
  const versionName = (tpl: ConsentTemplate) =>
    intl.formatMessage(
      { id: 'consentTemplates.versionName' },
      { key: tpl.key, language: languageName(tpl.language), version: tpl.version },
    );
  const openForm = (target: ConsentTemplate | 'new') => {
    setSaved(undefined);
    setEditing(target);
  };

  return (
    <Page
      title={t('consentTemplates.title')}
      testId="consent-templates-page"
      actions={
        <Button
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => openForm('new')}
          data-testid="consent-template-add"
        >
          {t('consentTemplates.add')}
        </Button>
      }
    >
      <Text>{t('consentTemplates.intro')}</Text>
      <NativeSelect
        label={t('consentTemplates.filter')}
        value={filter}
        onChange={(event) => setFilter(event.currentTarget.value)}
        data={[
          { value: 'all', label: t('consentTemplates.allLanguages') },
          ...documentLanguages.map((l) => ({ value: l, label: languageName(l) })),
        ]}
        w={240}
        data-testid="consent-templates-filter"
      />
      <SuccessNote>{saved}</SuccessNote>
      <ErrorAlert error={templates.error} />
      {templates.loading && !templates.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Text c="dimmed" data-testid="consent-templates-empty">
          {t('consentTemplates.empty')}
        </Text>
      ) : (
        <DataTable
          caption={t('consentTemplates.caption')}
          testId="consent-templates-table"
          minWidth={900}
          head={
            <>
              <Table.Th scope="col">{t('consentTemplates.key')}</Table.Th>
              <Table.Th scope="col">{t('consentTemplates.language')}</Table.Th>
              <Table.Th scope="col">{t('consentTemplates.version')}</Table.Th>
              <Table.Th scope="col">{t('consentTemplates.titleField')}</Table.Th>
              <Table.Th scope="col">{t('consentTemplates.createdAt')}</Table.Th>
              <Table.Th scope="col">{t('common.status')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </>
          }
        >
          {rows.map((r) => (
            <Table.Tr
              key={r.id}
              data-testid="consent-template-row"
              data-key={r.key}
              data-language={r.language}
              data-version={r.version}
              data-current={r.current}
            >
              <Table.Td ff="monospace">
                <bdi>{r.key}</bdi>
              </Table.Td>
              <Table.Td>
                <span lang={r.language}>{languageName(r.language)}</span>
              </Table.Td>
              <Table.Td>{intl.formatNumber(r.version)}</Table.Td>
              <Table.Td maw={320}>
                <Text size="sm" lang={r.language} dir={directionOf(r.language)}>
                  {r.title}
                </Text>
              </Table.Td>
              <Table.Td>{format.date(r.createdAt)}</Table.Td>
              <Table.Td>
                {r.current ? (
                  <Badge color="teal.9" variant="filled" data-testid="consent-template-current">
                    {t('consentTemplates.current')}
                  </Badge>
                ) : (
                  <Badge color="gray.7" variant="outline">
                    {t('consentTemplates.earlier')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    onClick={() => setReading(r)}
                    aria-label={intl.formatMessage({ id: 'consentTemplates.read' }, { name: versionName(r) })}
                    data-testid="consent-template-read"
                  >
                    <IconEye size={18} aria-hidden />
                  </ActionIcon>
                  {r.current && (
                    <ActionIcon
                      variant="subtle"
                      onClick={() => openForm(r)}
                      aria-label={intl.formatMessage(
                        { id: 'consentTemplates.revise' },
                        { name: versionName(r) },
                      )}
                      data-testid="consent-template-revise"
                    >
                      <IconCopyPlus size={18} aria-hidden />
                    </ActionIcon>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={t('consentTemplates.add')}>
        {editing !== null && (
          <ConsentTemplateForm
            base={editing === 'new' ? null : editing}
            language={isDocumentLanguage(language) ? language : 'de'}
            onSaved={(template) => {
              setEditing(null);
              templates.update((data) => data && [...data, template]);
              setSaved(intl.formatMessage({ id: 'consentTemplates.saved' }, { name: versionName(template) }));
              templates.reload();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </FormModal>
      <FormModal
        opened={reading !== null}
        onClose={() => setReading(null)}
        title={reading ? versionName(reading) : ''}
      >
        {reading && <TemplateText template={reading} />}
      </FormModal>
    </Page>
  );
}
