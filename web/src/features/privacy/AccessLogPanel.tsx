import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Badge, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { type AccessLog, type DocumentLanguage, documentLanguages } from '@lotse/common';
import { useApi } from '../../api/use-api';
import type { MessageId } from '../../i18n/catalogues';
import { useLanguage } from '../../i18n/I18nProvider';
import { languages } from '../../i18n/languages';
import { useLabels } from '../../i18n/labels';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { usePersonFormat } from '../persons/person-format';
import { isDocumentLanguage } from './consent-form';
import { privacyApi } from './privacy.api';

/** A language choice for a printed document, each language named in itself, and a link that opens the PDF. */
export function PrintInLanguage({
  href,
  label,
  testId,
}: {
  href: (lang: DocumentLanguage) => string;
  label: MessageId;
  testId: string;
}) {
  const intl = useIntl();
  const { language } = useLanguage();
  const [lang, setLang] = useState<DocumentLanguage>(isDocumentLanguage(language) ? language : 'de');
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
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
        size="xs"
        data-testid={`${testId}-language`}
      />
      <Button
        component="a"
        href={href(lang)}
        target="_blank"
        rel="noopener noreferrer"
        size="xs"
        variant="default"
        leftSection={<IconPrinter size={16} aria-hidden />}
        data-testid={testId}
      >
        {intl.formatMessage({ id: label })}
      </Button>
    </Group>
  );
}

/**
 * The transparency list of a person: every access to their data, by which agency and role, when, which categories,
 * for what purpose and on which basis; emergency accesses marked. Printable in the person's language.
 */
export function AccessLogPanel({ personId }: { personId: string }) {
  const intl = useIntl();
  const labels = useLabels();
  const format = usePersonFormat();
  const log = useApi<AccessLog>(privacyApi.accessLogPath(personId));
  const t = (id: MessageId) => intl.formatMessage({ id });
  // Newest first, as staff look for the latest; the printed list runs in order of time.
  const entries = [...(log.data?.entries ?? [])].reverse();

  return (
    <Stack gap="md" data-testid="access-log-panel">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Text size="sm" maw={720}>
          {t('accessLog.intro')}
        </Text>
        <PrintInLanguage
          href={(lang) => privacyApi.accessLogPdfUrl(personId, lang)}
          label="accessLog.print"
          testId="access-log-print"
        />
      </Group>
      {log.error?.code === 'CONSENT_REQUIRED' ? (
        <Text c="dimmed" data-testid="access-log-withheld">
          {t('person.needsName')}
        </Text>
      ) : (
        <ErrorAlert error={log.error} />
      )}
      {log.loading && !log.data ? (
        <Loading />
      ) : log.data && entries.length === 0 ? (
        <Text c="dimmed">{t('accessLog.empty')}</Text>
      ) : (
        log.data && (
          <DataTable
            testId="access-log-table"
            minWidth={900}
            head={
              <>
                <Table.Th scope="col">{t('history.at')}</Table.Th>
                <Table.Th scope="col">{t('identifier.agency')}</Table.Th>
                <Table.Th scope="col">{t('staff.roles')}</Table.Th>
                <Table.Th scope="col">{t('audit.action')}</Table.Th>
                <Table.Th scope="col">{t('consent.categories')}</Table.Th>
                <Table.Th scope="col">{t('audit.purpose')}</Table.Th>
                <Table.Th scope="col">{t('accessLog.basis')}</Table.Th>
              </>
            }
          >
            {entries.map((e, i) => (
              <Table.Tr
                key={`${e.at}-${i}`}
                data-testid="access-log-row"
                data-emergency={e.emergency}
                bg={e.emergency ? 'red.0' : undefined}
              >
                <Table.Td>{format.dateTime(e.at)}</Table.Td>
                <Table.Td>
                  <bdi>{e.agencyName ?? t('person.unknownAgency')}</bdi>
                </Table.Td>
                <Table.Td>{labels.list(e.roles.map(labels.roleName)) || '—'}</Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    {labels.accessAction(e.action)}
                    {e.emergency && (
                      <Badge color="red.9" variant="filled" data-testid="access-log-emergency">
                        {t('basis.emergency')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{labels.list(e.categories.map(labels.category)) || '—'}</Table.Td>
                <Table.Td>{labels.purposeName(e.purpose)}</Table.Td>
                <Table.Td>
                  {e.bases.length === 0
                    ? '—'
                    : e.bases.map((b, j) => (
                        <span key={`${b.kind}-${b.id ?? j}`}>
                          {j > 0 && ' · '}
                          {labels.basisKind(b.kind)}
                          {b.kind === 'legal_basis' && (
                            <>
                              {': '}
                              <bdi>{b.label}</bdi>
                            </>
                          )}
                        </span>
                      ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )
      )}
    </Stack>
  );
}
