import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlayerPlay, IconSearch } from '@tabler/icons-react';
import type { RetentionPlan, RetentionRun } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import type { MessageId } from '../../i18n/catalogues';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { SuccessNote } from '../../ui/SuccessNote';
import { usePersonFormat } from '../persons/person-format';
import { DataTable } from '../../ui/DataTable';
import { ConfirmDialog } from './ConfirmDialog';
import { privacyApi } from './privacy.api';
import { shortId } from './retention';

/** What a plan or a run removes: per rule, and for a run what went with it (relations, history rows). */
function RemovalCounts({
  plan,
  caption,
  testId,
}: {
  plan: RetentionPlan | RetentionRun;
  caption: string;
  testId: string;
}) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const also = 'alsoRemoved' in plan ? plan.alsoRemoved.filter((c) => c.count > 0) : [];
  return (
    <DataTable
      caption={caption}
      testId={testId}
      minWidth={720}
      head={
        <>
          <Table.Th scope="col">{t('retention.agency')}</Table.Th>
          <Table.Th scope="col">{t('retention.recordType')}</Table.Th>
          <Table.Th scope="col">{t('retention.rule')}</Table.Th>
          <Table.Th scope="col">{t('retention.count')}</Table.Th>
        </>
      }
    >
      {plan.rules.map((r) => (
        <Table.Tr key={r.ruleId} data-testid="retention-due-row" data-record-type={r.recordType}>
          <Table.Td>
            <bdi>{r.agencyName}</bdi>
          </Table.Td>
          <Table.Td>{t(`recordKind.${r.recordType}`)}</Table.Td>
          <Table.Td>
            <bdi>{r.paragraph}</bdi>
            <Text size="xs" c="dimmed">
              {intl.formatMessage({ id: 'retention.keepYears' }, { years: r.years })}
            </Text>
          </Table.Td>
          <Table.Td data-testid="retention-due-count">{intl.formatNumber(r.count)}</Table.Td>
        </Table.Tr>
      ))}
      {also.map((c) => (
        <Table.Tr key={c.recordType} data-testid="retention-also-row">
          <Table.Td>—</Table.Td>
          <Table.Td>{t(`recordKind.${c.recordType}`)}</Table.Td>
          <Table.Td>{t('retention.alsoRemoved')}</Table.Td>
          <Table.Td>{intl.formatNumber(c.count)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/**
 * The dry run (what the rules would delete today, nothing removed) and the run now, after a confirmation; the
 * daily job does the same at night. `onRun` gets the id of a finished run, to show its removal record.
 */
export function RetentionDue({ onRun }: { onRun: (runId: string) => void }) {
  const intl = useIntl();
  const format = usePersonFormat();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const [plan, setPlan] = useState<RetentionPlan>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [confirming, setConfirming] = useState(false);
  const [run, setRun] = useState<RetentionRun>();

  const dryRun = async () => {
    setLoading(true);
    setError(undefined);
    setRun(undefined);
    try {
      setPlan(await privacyApi.retentionDue());
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setLoading(false);
    }
  };
  const runNow = async () => {
    const result = await privacyApi.runRetention();
    setConfirming(false);
    setPlan(undefined);
    setRun(result);
    onRun(result.runId);
  };

  return (
    <Stack gap="sm" data-testid="retention-due">
      <Text size="sm">{t('retention.dueIntro')}</Text>
      <Group gap="sm">
        <Button
          variant="default"
          leftSection={<IconSearch size={18} aria-hidden />}
          onClick={() => void dryRun()}
          loading={loading}
          data-testid="retention-dry-run"
        >
          {t('retention.dryRun')}
        </Button>
        <Button
          color="red.9"
          leftSection={<IconPlayerPlay size={18} aria-hidden />}
          onClick={() => setConfirming(true)}
          data-testid="retention-run"
        >
          {t('retention.runNow')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      {loading && !plan && <Loading />}
      {plan && (
        <Stack gap="xs" data-testid="retention-plan" data-total={plan.total}>
          <Text fw={600} data-testid="retention-plan-total">
            {intl.formatMessage(
              { id: 'retention.dueTotal' },
              { count: plan.total, date: format.date(plan.date) },
            )}
          </Text>
          {plan.rules.length === 0 ? (
            <Text c="dimmed" data-testid="retention-due-empty">
              {t('retention.dueEmpty')}
            </Text>
          ) : (
            <RemovalCounts
              plan={plan}
              caption={intl.formatMessage({ id: 'retention.dueCaption' }, { date: format.date(plan.date) })}
              testId="retention-due-table"
            />
          )}
        </Stack>
      )}
      {run && (
        <Stack gap="xs" data-testid="retention-run-result" data-total={run.total}>
          <SuccessNote>
            {intl.formatMessage({ id: 'retention.runDone' }, { count: run.total, run: shortId(run.runId) })}
          </SuccessNote>
          {(run.rules.length > 0 || run.alsoRemoved.some((c) => c.count > 0)) && (
            <RemovalCounts
              plan={run}
              caption={intl.formatMessage({ id: 'retention.runCaption' }, { run: shortId(run.runId) })}
              testId="retention-run-table"
            />
          )}
        </Stack>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('retention.runTitle')}
        confirmLabel={t('retention.runConfirm')}
        onConfirm={runNow}
        onClose={() => setConfirming(false)}
        testId="retention-run-dialog"
      >
        <Text>{t('retention.runText')}</Text>
        {plan && (
          <Text fw={600}>{intl.formatMessage({ id: 'retention.runPlanned' }, { count: plan.total })}</Text>
        )}
      </ConfirmDialog>
    </Stack>
  );
}
