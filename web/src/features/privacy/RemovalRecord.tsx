import { useIntl } from 'react-intl';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { RetentionRemoval } from '@lotse/common';
import type { ApiResource } from '../../api/use-api';
import type { MessageId } from '../../i18n/catalogues';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { usePersonFormat } from '../persons/person-format';
import { DataTable } from '../../ui/DataTable';
import { groupRemovals, shortId } from './retention';

/**
 * The record of what retention runs and erasures removed: which run, when, under which rule, what kind of record
 * and how many; never the content. `runId` narrows it to one run.
 */
export function RemovalRecord({
  removals,
  runId,
  onShowRun,
}: {
  removals: ApiResource<RetentionRemoval[]>;
  runId: string | null;
  onShowRun: (runId: string | null) => void;
}) {
  const intl = useIntl();
  const format = usePersonFormat();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const groups = groupRemovals(removals.data ?? []);

  return (
    <Stack gap="sm" data-testid="removal-record">
      <Text size="sm">{t('removals.intro')}</Text>
      {runId && (
        <Group gap="sm">
          <Text size="sm" fw={600} data-testid="removals-run-filter">
            {intl.formatMessage({ id: 'removals.onlyRun' }, { run: shortId(runId) })}
          </Text>
          <Button size="xs" variant="default" onClick={() => onShowRun(null)} data-testid="removals-all">
            {t('removals.showAll')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={removals.error} />
      {removals.loading && !removals.data ? (
        <Loading />
      ) : groups.length === 0 ? (
        <Text c="dimmed" data-testid="removals-empty">
          {t('removals.empty')}
        </Text>
      ) : (
        <DataTable
          caption={t('removals.caption')}
          testId="removals-table"
          minWidth={900}
          head={
            <>
              <Table.Th scope="col">{t('removals.when')}</Table.Th>
              <Table.Th scope="col">{t('removals.run')}</Table.Th>
              <Table.Th scope="col">{t('retention.rule')}</Table.Th>
              <Table.Th scope="col">{t('retention.recordType')}</Table.Th>
              <Table.Th scope="col">{t('removals.action')}</Table.Th>
              <Table.Th scope="col">{t('retention.count')}</Table.Th>
            </>
          }
        >
          {groups.map((g) => (
            <Table.Tr key={g.key} data-testid="removal-row" data-reason={g.reason} data-run={g.runId}>
              <Table.Td>{format.dateTime(g.removedAt)}</Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Badge variant="light" color={g.reason === 'erasure_request' ? 'red.9' : 'lotse'}>
                    {t(`removals.reason.${g.reason}`)}
                  </Badge>
                  {runId === g.runId ? (
                    <Text size="xs" ff="monospace">
                      {shortId(g.runId)}
                    </Text>
                  ) : (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      ff="monospace"
                      onClick={() => onShowRun(g.runId)}
                      aria-label={intl.formatMessage({ id: 'removals.showRun' }, { run: shortId(g.runId) })}
                      data-testid="removals-show-run"
                    >
                      {shortId(g.runId)}
                    </Button>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                {g.paragraph ? <bdi>{g.paragraph}</bdi> : t('removals.noRule')}
                {g.agencyName && (
                  <Text size="xs" c="dimmed">
                    <bdi>{g.agencyName}</bdi>
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t(`recordKind.${g.recordType}`)}</Table.Td>
              <Table.Td>{t(`removals.action.${g.action}`)}</Table.Td>
              <Table.Td>{intl.formatNumber(g.count)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}
