import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useIntl } from 'react-intl';
import { ActionIcon, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconArchiveOff, IconPencil, IconPlus } from '@tabler/icons-react';
import type { Organisation, RetentionRemoval, RetentionRule } from '@lotse/common';
import { useApi } from '../../api/use-api';
import type { MessageId } from '../../i18n/catalogues';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { SuccessNote } from '../../ui/SuccessNote';
import { usePersonFormat } from '../persons/person-format';
import { DataTable } from '../../ui/DataTable';
import { ConfirmDialog } from './ConfirmDialog';
import { privacyApi } from './privacy.api';
import { sortRules } from './retention';
import { RemovalRecord } from './RemovalRecord';
import { RetentionDue } from './RetentionDue';
import { RetentionRuleForm } from './RetentionRuleForm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Retention and erasure for the data protection officer and administration: the rules in force per agency and record
 * type, the dry run and the run now, and the record of what was removed (`?runId=` shows one run).
 */
export function RetentionPage() {
  const intl = useIntl();
  const format = usePersonFormat();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const [params, setParams] = useSearchParams();
  const raw = params.get('runId');
  const runId = raw && UUID.test(raw) ? raw : null;
  const rules = useApi<RetentionRule[]>(privacyApi.retentionRulesPath);
  const organisation = useApi<Organisation>('/api/organisation');
  const removals = useApi<RetentionRemoval[]>(privacyApi.removalsPath(runId));
  const [editing, setEditing] = useState<RetentionRule | 'new' | null>(null);
  const [retiring, setRetiring] = useState<RetentionRule | null>(null);
  const [saved, setSaved] = useState<string>();
  const list = sortRules(rules.data ?? []);
  const ruleName = (r: RetentionRule) => `${r.agencyName}: ${t(`recordKind.${r.recordType}`)}`;

  const openForm = (target: RetentionRule | 'new') => {
    setSaved(undefined);
    setEditing(target);
  };
  const showRun = (id: string | null) => setParams(id ? { runId: id } : {});

  return (
    <Page
      title={t('retention.title')}
      testId="retention-page"
      actions={
        <Button
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => openForm('new')}
          data-testid="retention-rule-add"
        >
          {t('retention.add')}
        </Button>
      }
    >
      <Text>{t('retention.intro')}</Text>
      <SuccessNote>{saved}</SuccessNote>

      <Stack gap="sm" component="section" aria-labelledby="retention-rules-title">
        <Title order={2} size="h3" id="retention-rules-title">
          {t('retention.rulesTitle')}
        </Title>
        <ErrorAlert error={rules.error ?? organisation.error} />
        {rules.loading && !rules.data ? (
          <Loading />
        ) : list.length === 0 ? (
          <Text c="dimmed" data-testid="retention-rules-empty">
            {t('retention.empty')}
          </Text>
        ) : (
          <DataTable
            caption={t('retention.rulesCaption')}
            testId="retention-rules-table"
            minWidth={900}
            head={
              <>
                <Table.Th scope="col">{t('retention.agency')}</Table.Th>
                <Table.Th scope="col">{t('retention.recordType')}</Table.Th>
                <Table.Th scope="col">{t('retention.period')}</Table.Th>
                <Table.Th scope="col">{t('retention.paragraph')}</Table.Th>
                <Table.Th scope="col">{t('retention.since')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </>
            }
          >
            {list.map((r) => (
              <Table.Tr key={r.id} data-testid="retention-rule-row" data-record-type={r.recordType}>
                <Table.Td>
                  <bdi>{r.agencyName}</bdi>
                </Table.Td>
                <Table.Td>{t(`recordKind.${r.recordType}`)}</Table.Td>
                <Table.Td data-testid="retention-rule-years-cell">
                  {intl.formatMessage({ id: 'retention.keepYears' }, { years: r.years })}
                </Table.Td>
                <Table.Td maw={360}>
                  <Text size="sm" fw={600}>
                    <bdi>{r.paragraph}</bdi>
                  </Text>
                  {r.description && (
                    <Text size="xs">
                      <bdi dir="auto">{r.description}</bdi>
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{format.date(r.createdAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      onClick={() => openForm(r)}
                      aria-label={intl.formatMessage({ id: 'common.editNamed' }, { name: ruleName(r) })}
                      data-testid="retention-rule-edit"
                    >
                      <IconPencil size={18} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red.9"
                      onClick={() => {
                        setSaved(undefined);
                        setRetiring(r);
                      }}
                      aria-label={intl.formatMessage({ id: 'retention.retireNamed' }, { name: ruleName(r) })}
                      data-testid="retention-rule-retire"
                    >
                      <IconArchiveOff size={18} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="retention-due-title">
        <Title order={2} size="h3" id="retention-due-title">
          {t('retention.dueTitle')}
        </Title>
        <RetentionDue
          onRun={(id) => {
            showRun(id);
            removals.reload();
          }}
        />
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="removals-title">
        <Title order={2} size="h3" id="removals-title">
          {t('removals.title')}
        </Title>
        <RemovalRecord removals={removals} runId={runId} onShowRun={showRun} />
      </Stack>

      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t(editing === 'new' ? 'retention.add' : 'retention.edit')}
      >
        {editing !== null && (
          <RetentionRuleForm
            rule={editing === 'new' ? null : editing}
            agencies={organisation.data?.agencies ?? []}
            onSaved={() => {
              setEditing(null);
              setSaved(t('common.saved'));
              rules.reload();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </FormModal>
      <ConfirmDialog
        opened={retiring !== null}
        title={t('retention.retire')}
        confirmLabel={t('retention.retire')}
        onConfirm={async () => {
          if (retiring) await privacyApi.retireRetentionRule(retiring.id);
          setRetiring(null);
          setSaved(t('retention.retired'));
          rules.reload();
        }}
        onClose={() => setRetiring(null)}
        testId="retention-retire-dialog"
      >
        {retiring && (
          <Text>
            {intl.formatMessage({ id: 'retention.retireText' }, { name: <bdi>{ruleName(retiring)}</bdi> })}
          </Text>
        )}
      </ConfirmDialog>
    </Page>
  );
}
