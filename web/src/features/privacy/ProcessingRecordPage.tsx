import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Badge, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import type { ProcessingRecord } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import type { MessageId } from '../../i18n/catalogues';
import { useLanguage } from '../../i18n/I18nProvider';
import { directionOf, languages } from '../../i18n/languages';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { openPdf } from '../../ui/open-pdf';
import { FactTable } from '../persons/FactTable';
import { usePersonFormat } from '../persons/person-format';
import { DataTable } from '../../ui/DataTable';
import { type RecordLanguage, privacyApi } from './privacy.api';
import { recordLanguageFor, recordLanguages } from './processing-record';

type AgencyRecord = ProcessingRecord['agencies'][number];

/** One agency's part of the record: what it processes for which purposes, to whom it discloses, how long it keeps. */
function AgencySection({ agency, index }: { agency: AgencyRecord; index: number }) {
  const intl = useIntl();
  const labels = useLabels();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const headingId = `processing-agency-${index}`;
  const none = t('processingRecord.none');
  return (
    <Stack
      gap="sm"
      component="section"
      aria-labelledby={headingId}
      data-testid="processing-agency"
      data-agency={agency.id}
    >
      <Title order={2} size="h3" id={headingId}>
        <bdi>{agency.name}</bdi>
      </Title>
      <FactTable
        caption={intl.formatMessage({ id: 'processingRecord.factsCaption' }, { agency: agency.name })}
        facts={[
          { key: 'kind', label: t('processingRecord.kind'), value: labels.kind(agency.kind) },
          {
            key: 'legalDomains',
            label: t('processingRecord.legalDomains'),
            value: agency.legalDomains.length ? labels.list(agency.legalDomains.map(labels.domain)) : none,
          },
          {
            key: 'purposes',
            label: t('legalBases.purposes'),
            value: agency.purposes.length ? labels.list(agency.purposes.map(labels.purpose)) : none,
          },
          {
            key: 'categories',
            label: t('consent.categories'),
            value: agency.categories.length ? (
              <Group gap={4}>
                {agency.categories.map((c) => (
                  <Badge
                    key={c.category}
                    size="sm"
                    variant="light"
                    color={c.specialCategory ? 'red.9' : 'lotse'}
                  >
                    {c.specialCategory
                      ? intl.formatMessage(
                          { id: 'processingRecord.special' },
                          { category: labels.category(c.category) },
                        )
                      : labels.category(c.category)}
                  </Badge>
                ))}
              </Group>
            ) : (
              none
            ),
          },
        ]}
      />
      {agency.recipients.length === 0 ? (
        <Text size="sm" data-testid="processing-no-recipients">
          {t('processingRecord.noRecipients')}
        </Text>
      ) : (
        <DataTable
          caption={intl.formatMessage({ id: 'processingRecord.recipientsCaption' }, { agency: agency.name })}
          testId="processing-recipients"
          minWidth={860}
          head={
            <>
              <Table.Th scope="col">{t('processingRecord.basis')}</Table.Th>
              <Table.Th scope="col">{t('processingRecord.recipients')}</Table.Th>
              <Table.Th scope="col">{t('consent.categories')}</Table.Th>
              <Table.Th scope="col">{t('legalBases.purposes')}</Table.Th>
            </>
          }
        >
          {agency.recipients.map((r, i) => (
            <Table.Tr key={`${r.basis}-${r.legalBasisId ?? i}`} data-basis={r.basis}>
              <Table.Td maw={320}>
                <Text size="sm" fw={600}>
                  <bdi>{r.paragraph}</bdi>
                </Text>
                <Text size="xs">
                  {r.basis === 'consent' ? t('processingRecord.byConsent') : <bdi>{r.title}</bdi>}
                </Text>
              </Table.Td>
              <Table.Td>
                {r.allAgencies ? (
                  <Text span size="sm" fs="italic">
                    {t('legalBases.allAgencies')}
                  </Text>
                ) : (
                  <Stack gap={2} component="ul" className="plain-list">
                    {r.recipients.map((name) => (
                      <li key={name}>
                        <bdi>{name}</bdi>
                      </li>
                    ))}
                  </Stack>
                )}
              </Table.Td>
              <Table.Td>
                {r.categories.length
                  ? labels.list(r.categories.map(labels.category))
                  : t('processingRecord.asConsentNames')}
              </Table.Td>
              <Table.Td>{labels.list(r.purposes.map(labels.purpose))}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {agency.retention.length === 0 ? (
        <Text size="sm" data-testid="processing-no-retention">
          {t('processingRecord.noRetention')}
        </Text>
      ) : (
        <DataTable
          caption={intl.formatMessage({ id: 'processingRecord.retentionCaption' }, { agency: agency.name })}
          testId="processing-retention"
          minWidth={640}
          head={
            <>
              <Table.Th scope="col">{t('retention.recordType')}</Table.Th>
              <Table.Th scope="col">{t('retention.period')}</Table.Th>
              <Table.Th scope="col">{t('retention.paragraph')}</Table.Th>
            </>
          }
        >
          {agency.retention.map((r) => (
            <Table.Tr key={r.recordType}>
              <Table.Td>{t(`recordKind.${r.recordType}`)}</Table.Td>
              <Table.Td>{intl.formatMessage({ id: 'retention.keepYears' }, { years: r.years })}</Table.Td>
              <Table.Td>
                <bdi>{r.paragraph}</bdi>
                {r.description && (
                  <Text size="xs">
                    <bdi dir="auto">{r.description}</bdi>
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}

/**
 * The record of processing activities (Art. 30 DSGVO) as the server generates it from the configuration: per agency
 * purposes, categories, recipients and retention, then the technical measures; printable as PDF in the languages the
 * server writes it in.
 */
export function ProcessingRecordPage() {
  const intl = useIntl();
  const format = usePersonFormat();
  const { language } = useLanguage();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const recordLang = recordLanguageFor(language);
  const record = useApi<ProcessingRecord>(privacyApi.processingRecordPath(recordLang));
  const [pdfError, setPdfError] = useState<ApiError>();
  const [opening, setOpening] = useState<RecordLanguage | null>(null);

  const print = async (lang: RecordLanguage) => {
    setPdfError(undefined);
    setOpening(lang);
    try {
      await openPdf(() => privacyApi.processingRecordPdf(lang), `verarbeitungsverzeichnis-${lang}.pdf`);
    } catch (e) {
      setPdfError(toApiError(e));
    } finally {
      setOpening(null);
    }
  };

  return (
    <Page
      title={t('processingRecord.title')}
      testId="processing-record-page"
      actions={
        <Group gap="sm">
          {recordLanguages.map((lang) => (
            <Button
              key={lang}
              variant="default"
              leftSection={<IconFileTypePdf size={18} aria-hidden />}
              loading={opening === lang}
              onClick={() => void print(lang)}
              data-testid={`processing-record-pdf-${lang}`}
            >
              {intl.formatMessage(
                { id: 'processingRecord.pdf' },
                { language: languages.find((l) => l.code === lang)?.name ?? lang },
              )}
            </Button>
          ))}
        </Group>
      }
    >
      <Text>{t('processingRecord.intro')}</Text>
      <ErrorAlert error={pdfError ?? record.error} />
      {record.loading && !record.data ? (
        <Loading />
      ) : (
        record.data && (
          <>
            <Text size="sm" data-testid="processing-record-controller">
              {intl.formatMessage(
                { id: 'processingRecord.controller' },
                {
                  controller: <bdi>{record.data.controller}</bdi>,
                  date: format.dateTime(record.data.generatedAt),
                },
              )}
            </Text>
            {record.data.agencies.length === 0 ? (
              <Text c="dimmed" data-testid="processing-record-empty">
                {t('processingRecord.empty')}
              </Text>
            ) : (
              record.data.agencies.map((agency, i) => (
                <AgencySection key={agency.id} agency={agency} index={i} />
              ))
            )}
            <Stack gap="sm" component="section" aria-labelledby="processing-measures-title">
              <Title order={2} size="h3" id="processing-measures-title">
                {t('processingRecord.measures')}
              </Title>
              <List
                spacing="xs"
                lang={recordLang}
                dir={directionOf(recordLang)}
                data-testid="processing-measures"
              >
                {record.data.technicalMeasures.map((m) => (
                  <List.Item key={m}>{m}</List.Item>
                ))}
              </List>
            </Stack>
          </>
        )
      )}
    </Page>
  );
}
