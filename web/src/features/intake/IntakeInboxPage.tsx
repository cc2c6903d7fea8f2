import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Badge, Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { IconCheck, IconFileText } from '@tabler/icons-react';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import type { MessageId } from '../../i18n/catalogues';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { type IntakeDocument, intakeApi } from './intake.api';

type Status = 'new' | 'processed' | 'all';

/** The agency's inbox: documents the front desk routed to it; open a file, mark it processed (audited). */
export function IntakeInboxPage() {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [status, setStatus] = useState<Status>('new');
  const inbox = useApi<IntakeDocument[]>(intakeApi.inboxPath(status));
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();

  const process = async (id: string) => {
    setBusy(id);
    setError(undefined);
    try {
      await intakeApi.process(id);
      inbox.reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Page title={t('intake.inbox.title')} testId="intake-inbox">
      <SegmentedControl
        value={status}
        onChange={(v) => setStatus(v as Status)}
        data={[
          { value: 'new', label: t('intake.status.new') },
          { value: 'processed', label: t('intake.status.processed') },
          { value: 'all', label: t('intake.status.all') },
        ]}
        aria-label={t('intake.filter')}
        data-testid="intake-inbox-filter"
      />
      <ErrorAlert error={error ?? inbox.error} />
      {!inbox.data && !inbox.error && <Loading />}
      {inbox.data && inbox.data.length === 0 && (
        <Text c="dimmed" data-testid="intake-inbox-empty">
          {t('intake.inbox.empty')}
        </Text>
      )}
      {inbox.data && inbox.data.length > 0 && (
        <DataTable
          testId="intake-inbox-table"
          minWidth={760}
          head={
            <>
              <Table.Th scope="col">{t('intake.receivedAt')}</Table.Th>
              <Table.Th scope="col">{t('intake.reference')}</Table.Th>
              <Table.Th scope="col">{t('intake.person')}</Table.Th>
              <Table.Th scope="col">{t('intake.class')}</Table.Th>
              <Table.Th scope="col">{t('intake.file')}</Table.Th>
              <Table.Th scope="col">{t('intake.status')}</Table.Th>
            </>
          }
        >
          {inbox.data.map((d) => (
            <Table.Tr key={d.id} data-testid="intake-inbox-row" data-status={d.status}>
              <Table.Td>{intl.formatDate(d.receivedAt, { dateStyle: 'short', timeStyle: 'short' })}</Table.Td>
              <Table.Td>{d.reference}</Table.Td>
              <Table.Td dir="auto">{d.personName ?? t('intake.nameHidden')}</Table.Td>
              <Table.Td>{t(`intake.class.${d.documentClass}`)}</Table.Td>
              <Table.Td>
                <Button
                  component="a"
                  href={intakeApi.filePath(d.id)}
                  target="_blank"
                  rel="noopener noreferrer"
                  size="xs"
                  variant="subtle"
                  leftSection={<IconFileText size={14} aria-hidden />}
                  data-testid="intake-inbox-file"
                >
                  <span dir="auto">{d.fileName}</span>
                </Button>
              </Table.Td>
              <Table.Td>
                {d.status === 'new' ? (
                  <Group gap="xs" wrap="nowrap">
                    <Badge color="blue.9" variant="filled">
                      {t('intake.status.new')}
                    </Badge>
                    <Button
                      size="xs"
                      leftSection={<IconCheck size={14} aria-hidden />}
                      loading={busy === d.id}
                      onClick={() => void process(d.id)}
                      aria-label={t('intake.markProcessedOf', { name: d.fileName })}
                      data-testid="intake-inbox-process"
                    >
                      {t('intake.markProcessed')}
                    </Button>
                  </Group>
                ) : (
                  <Text size="sm">
                    {t('intake.processedBy', {
                      name: d.processedByName ?? '',
                      date: d.processedAt ? intl.formatDate(d.processedAt, { dateStyle: 'short' }) : '',
                    })}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Page>
  );
}
