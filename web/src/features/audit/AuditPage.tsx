import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Button, Table, Text } from '@mantine/core';
import type { AuditEntry } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { keyboardScroll } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { auditApi } from './audit.api';
import { VerifyChain } from './VerifyChain';

/** The municipality's audit log, newest first, page by page; and the chain check. */
export function AuditPage() {
  const intl = useIntl();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    let current = true;
    auditApi
      .list(null)
      .then((page) => {
        if (!current) return;
        setEntries(page.entries);
        setNextBefore(page.nextBefore);
      })
      .catch((e: unknown) => current && setError(toApiError(e)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, []);

  const loadMore = async () => {
    if (nextBefore === null) return;
    setLoading(true);
    setError(undefined);
    try {
      const page = await auditApi.list(nextBefore);
      setEntries((previous) => [...previous, ...page.entries]);
      setNextBefore(page.nextBefore);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setLoading(false);
    }
  };

  const time = (at: string) => intl.formatDate(at, { dateStyle: 'medium', timeStyle: 'medium' });
  const subject = (entry: AuditEntry) =>
    [entry.subjectType, entry.subjectId].filter((part): part is string => part !== null).join(' · ') || '—';

  return (
    <Page title={intl.formatMessage({ id: 'audit.title' })}>
      <Text>{intl.formatMessage({ id: 'audit.intro' })}</Text>
      <VerifyChain />
      <ErrorAlert error={error} />
      {entries.length === 0 && loading ? (
        <Loading />
      ) : entries.length === 0 ? (
        <Text c="dimmed">{intl.formatMessage({ id: 'audit.empty' })}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="audit-count">
            {intl.formatMessage({ id: 'audit.shown' }, { count: entries.length })}
          </Text>
          <Table.ScrollContainer minWidth={900} scrollAreaProps={keyboardScroll}>
            <Table striped data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'audit.seq' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'audit.time' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'audit.actor' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'audit.action' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'audit.subject' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'audit.purpose' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'audit.requestId' })}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <Table.Tr key={entry.seq} data-testid="audit-row">
                    <Table.Td>{intl.formatNumber(entry.seq)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <time dateTime={entry.at}>{time(entry.at)}</time>
                    </Table.Td>
                    <Table.Td>
                      <bdi>{entry.actorName ?? intl.formatMessage({ id: 'audit.system' })}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <bdi>
                        <code>{entry.action}</code>
                      </bdi>
                    </Table.Td>
                    <Table.Td>
                      <bdi>{subject(entry)}</bdi>
                    </Table.Td>
                    <Table.Td>{entry.purpose ?? '—'}</Table.Td>
                    <Table.Td>
                      <bdi>
                        <code>{entry.requestId ?? '—'}</code>
                      </bdi>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {nextBefore !== null ? (
            <Button
              variant="default"
              onClick={() => void loadMore()}
              loading={loading}
              style={{ alignSelf: 'flex-start' }}
              data-testid="audit-load-more"
            >
              {intl.formatMessage({ id: 'audit.loadMore' })}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {intl.formatMessage({ id: 'audit.allLoaded' })}
            </Text>
          )}
        </>
      )}
    </Page>
  );
}
