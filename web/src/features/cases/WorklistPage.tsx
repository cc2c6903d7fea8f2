import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Badge, Button, Group, Stack, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { Worklist } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { useMe } from '../auth/AuthProvider';
import { casesApi } from './cases.api';
import { useCaseLabels } from './case-labels';
import { Empty, personName, ReferralStatusBadge, Section } from './parts';

/** My worklist: tasks and deadlines, overdue steps, referrals, conferences, my cases by phase. */
export function WorklistPage() {
  const l = useCaseLabels();
  const me = useMe();
  const list = useApi<Worklist>(casesApi.worklistPath);
  const [error, setError] = useState<ApiError>();
  const manages = me.roles.some((r) => r === 'case_manager' || r === 'agency_lead');
  const done = async (taskId: string) => {
    setError(undefined);
    try {
      await casesApi.taskDone(taskId);
      list.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const w = list.data;
  return (
    <Page
      title={l.t('cases.worklist.title')}
      testId="cases-worklist"
      actions={
        manages && (
          <Button component={Link} to="/cases/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {l.t('cases.action.newCase')}
          </Button>
        )
      }
    >
      <ErrorAlert error={error ?? list.error} />
      {!w ? (
        !list.error && <Loading />
      ) : (
        <Stack gap="lg">
          <Section title={l.t('cases.worklist.tasks')} testId="worklist-tasks">
            {w.tasks.length === 0 ? (
              <Empty />
            ) : (
              <DataTable
                testId="worklist-tasks-table"
                minWidth={640}
                head={
                  <>
                    <Table.Th scope="col">{l.t('cases.field.task')}</Table.Th>
                    <Table.Th scope="col">{l.t('cases.field.case')}</Table.Th>
                    <Table.Th scope="col">{l.t('cases.field.dueOn')}</Table.Th>
                    <Table.Th scope="col">{l.t('cases.field.status')}</Table.Th>
                  </>
                }
              >
                {w.tasks.map((task) => (
                  <Table.Tr key={task.id} data-testid="worklist-task" data-source={task.source}>
                    <Table.Td>
                      <Badge
                        variant={task.source === 'manual' ? 'light' : 'outline'}
                        color={task.source === 'manual' ? 'gray' : 'dark'}
                      >
                        {l.taskSource(task.source)}
                      </Badge>{' '}
                      {l.taskTitle(task)}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${task.caseId}`}>
                        {task.caseTitle}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {l.date(task.dueOn)}{' '}
                      {task.overdue && (
                        <Badge color="red" variant="light">
                          {l.t('cases.overdue')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="default" onClick={() => void done(task.id)}>
                        {l.t('cases.action.done')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )}
          </Section>

          <Section title={l.t('cases.worklist.byPhase')} testId="worklist-cases">
            {w.phases.length === 0 ? (
              <Empty />
            ) : (
              w.phases.map((p) => (
                <Stack key={p.phase} gap={4}>
                  <Group gap="xs">
                    <Badge variant="light">{l.phase(p.phase)}</Badge>
                  </Group>
                  {p.cases.map((c) => (
                    <Group key={c.id} gap="xs" data-testid="worklist-case">
                      <Anchor component={Link} to={`/cases/${c.id}`}>
                        {c.title}
                      </Anchor>
                      <span>· {personName(l, c)}</span>
                      {c.overdueSteps > 0 && (
                        <Badge color="red" variant="light">
                          {l.t('cases.overdue')}: {c.overdueSteps}
                        </Badge>
                      )}
                    </Group>
                  ))}
                </Stack>
              ))
            )}
          </Section>

          <Section title={l.t('cases.worklist.overdueSteps')} testId="worklist-steps">
            {w.overdueSteps.length === 0 ? (
              <Empty />
            ) : (
              w.overdueSteps.map((s) => (
                <Group key={s.id} gap="xs">
                  <Anchor component={Link} to={`/cases/${s.caseId}`}>
                    {s.caseTitle}
                  </Anchor>
                  <span>
                    · {s.title} · {l.date(s.dueOn)}
                  </span>
                </Group>
              ))
            )}
          </Section>

          {[
            { key: 'referrals', title: l.t('cases.worklist.referrals'), items: w.referrals },
            { key: 'incoming', title: l.t('cases.worklist.incoming'), items: w.incoming },
          ].map((box) => (
            <Section key={box.key} title={box.title} testId={`worklist-${box.key}`}>
              {box.items.length === 0 ? (
                <Empty />
              ) : (
                box.items.map((r) => (
                  <Group key={r.id} gap="xs">
                    <Anchor component={Link} to={`/referrals/${r.id}`}>
                      {r.to.name}
                    </Anchor>
                    <span>
                      · {personName(l, r)} · {l.date(r.dueOn)}
                    </span>
                    <ReferralStatusBadge referral={r} />
                  </Group>
                ))
              )}
            </Section>
          ))}

          <Section title={l.t('cases.worklist.conferences')} testId="worklist-conferences">
            {w.conferences.length === 0 ? (
              <Empty />
            ) : (
              w.conferences.map((f) => (
                <Group key={f.id} gap="xs">
                  <Anchor component={Link} to={`/cases/${f.caseId}`}>
                    {f.caseTitle}
                  </Anchor>
                  <span>· {l.dateTime(f.scheduledAt)}</span>
                </Group>
              ))
            )}
          </Section>
        </Stack>
      )}
    </Page>
  );
}
