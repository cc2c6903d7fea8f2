import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconTimeline } from '@tabler/icons-react';
import { type Case, type CaseSettings, type Organisation, stepStatuses } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import {
  AgreementForm,
  AssessmentForm,
  ConferenceForm,
  GoalForm,
  MinutesForm,
  ObstacleForm,
  PhaseForm,
  StepForm,
  TaskForm,
} from './CaseForms';
import { casesApi } from './cases.api';
import { useCaseLabels } from './case-labels';
import { Empty, personName, ReferralStatusBadge, Section } from './parts';
import { ReferralForm } from './ReferralForm';
import { TeamForm } from './TeamForm';

/** One case: phase, assessment, plan and agreement, tasks, referrals, conferences, obstacles and its history. */
export function CasePage() {
  const { id = '' } = useParams();
  const l = useCaseLabels();
  const resource = useApi<Case>(casesApi.casePath(id));
  const organisation = useApi<Organisation>('/api/organisation');
  const settings = useApi<CaseSettings>(casesApi.settingsPath);
  const [error, setError] = useState<ApiError>();
  const c = resource.data;
  if (!c || !organisation.data || !settings.data)
    return resource.error ? <ErrorAlert error={resource.error} /> : <Loading />;
  const agencies = organisation.data.agencies;
  const saved = (next: Case) => resource.update(() => next);
  const reload = () => resource.reload();
  const act = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const change = c.mayChange;

  return (
    <Page
      title={l.t('cases.case.heading', { title: c.title })}
      testId="case-page"
      actions={
        <Button
          component={Link}
          to={`/persons/${c.personId}/timeline`}
          variant="default"
          leftSection={<IconTimeline size={16} aria-hidden />}
        >
          {l.t('cases.action.timeline')}
        </Button>
      }
    >
      <Group gap="md">
        <Text>
          {l.t('cases.field.person')}: <strong data-testid="case-person">{personName(l, c)}</strong>
        </Text>
        <Text>
          {l.t('cases.field.manager')}: {c.manager.name} ({c.agency.name})
        </Text>
        <Text>
          {l.t('cases.field.stageOfLife')}: {l.stage(c.stageOfLife)}
        </Text>
        <Badge size="lg" variant="light" data-testid="case-phase" data-phase={c.phase}>
          {l.phase(c.phase)}
        </Badge>
      </Group>
      <Group gap="md">
        {c.householdId && <Text data-testid="case-household-note">{l.t('cases.householdCase')}</Text>}
        <Text data-testid="case-participants-list">
          {l.t('cases.field.participatingAgencies')}:{' '}
          {c.participatingAgencies.length > 0 ? c.participatingAgencies.map((a) => a.name).join(', ') : '—'}
        </Text>
      </Group>
      {c.closedAt && (
        <Text data-testid="case-closed">
          {l.t('cases.closed', {
            date: l.dateTime(c.closedAt),
            reason: c.closingReason ? l.closing(c.closingReason) : '',
          })}
        </Text>
      )}
      <ErrorAlert error={error} />
      {change && <PhaseForm key={c.phase} theCase={c} onSaved={saved} />}
      {change && (
        <Section title={l.t('cases.section.team')} testId="case-team">
          <TeamForm
            key={`${c.manager.id}:${c.participatingAgencies.map((a) => a.id).join()}`}
            theCase={c}
            agencies={agencies}
            onSaved={saved}
          />
        </Section>
      )}

      <Section title={l.t('cases.section.assessment')} testId="case-assessment">
        <Text size="sm" c="dimmed">
          {l.t('cases.suggested', { areas: c.suggestedAreas.map((a) => l.area(a)).join(', ') })}
        </Text>
        {c.assessment.length > 0 && (
          <DataTable
            testId="assessment-table"
            minWidth={640}
            head={
              <>
                <Table.Th scope="col">{l.t('cases.field.area')}</Table.Th>
                <Table.Th scope="col">{l.t('cases.field.situation')}</Table.Th>
                <Table.Th scope="col">{l.t('cases.field.personGoal')}</Table.Th>
                <Table.Th scope="col">{l.t('cases.field.need')}</Table.Th>
              </>
            }
          >
            {c.assessment.map((a) => (
              <Table.Tr key={a.area}>
                <Table.Td>{l.area(a.area)}</Table.Td>
                <Table.Td>{a.situation}</Table.Td>
                <Table.Td>{a.goal}</Table.Td>
                <Table.Td>{l.need(a.need)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
        {change && <AssessmentForm theCase={c} onSaved={saved} />}
      </Section>

      <Section title={l.t('cases.section.plan')} testId="case-plan">
        {c.goals.length === 0 && <Empty />}
        {c.goals.map((g) => (
          <Stack key={g.id} gap="xs" data-testid="plan-goal">
            <Text fw={600}>
              {g.title} · {l.area(g.area)}
            </Text>
            {g.steps.map((s) => (
              <Group key={s.id} gap="xs" data-testid="plan-step">
                <span>{s.title}</span>
                <span>
                  · {s.agency?.name ?? c.manager.name} · {l.date(s.dueOn)}
                </span>
                {s.kind === 'integration_course' && <Badge variant="light">{l.stepKind(s.kind)}</Badge>}
                {s.overdue && (
                  <Badge color="red" variant="light">
                    {l.t('cases.overdue')}
                  </Badge>
                )}
                {change ? (
                  <Select
                    aria-label={`${l.t('cases.field.status')}: ${s.title}`}
                    size="xs"
                    w={140}
                    allowDeselect={false}
                    data={stepStatuses.map((x) => ({ value: x, label: l.stepStatus(x) }))}
                    value={s.status}
                    onChange={(v) => v && void act(() => casesApi.stepStatus(c.id, s.id, v))}
                  />
                ) : (
                  <Badge variant="outline">{l.stepStatus(s.status)}</Badge>
                )}
              </Group>
            ))}
            {change && <StepForm theCase={c} goalId={g.id} agencies={agencies} onSaved={saved} />}
          </Stack>
        ))}
        {change && <GoalForm theCase={c} onSaved={saved} />}
        <Text data-testid="case-agreement">
          {c.agreement
            ? l.t('cases.agreement.given', { date: l.dateTime(c.agreement.agreedAt), note: c.agreement.note })
            : l.t('cases.agreement.none')}
        </Text>
        {change && c.goals.length > 0 && !c.agreement && <AgreementForm theCase={c} onSaved={saved} />}
      </Section>

      <Section title={l.t('cases.section.tasks')} testId="case-tasks">
        {c.tasks.length === 0 && <Empty />}
        {c.tasks.map((task) => (
          <Group key={task.id} gap="xs">
            <Badge
              variant={task.source === 'manual' ? 'light' : 'outline'}
              color={task.source === 'manual' ? 'gray' : 'dark'}
            >
              {l.taskSource(task.source)}
            </Badge>
            <span>
              {l.taskTitle(task)} · {l.date(task.dueOn)} · {task.assignee.name}
            </span>
            {task.doneAt ? (
              <Badge variant="outline">{l.t('cases.action.done')}</Badge>
            ) : (
              <Button size="xs" variant="default" onClick={() => void act(() => casesApi.taskDone(task.id))}>
                {l.t('cases.action.done')}
              </Button>
            )}
          </Group>
        ))}
        {change && <TaskForm theCase={c} onSaved={saved} />}
      </Section>

      <Section title={l.t('cases.section.referrals')} testId="case-referrals">
        {c.referrals.length === 0 && <Empty />}
        {c.referrals.map((r) => (
          <Group key={r.id} gap="xs" data-testid="case-referral">
            <Anchor component={Link} to={`/referrals/${r.id}`}>
              {r.to.name}
            </Anchor>
            <span>
              · {r.need} · {l.date(r.dueOn)}
            </span>
            <ReferralStatusBadge referral={r} />
            {r.responseHours !== null && (
              <Text size="sm" c="dimmed">
                {l.t('cases.responseHours', { hours: r.responseHours })}
              </Text>
            )}
          </Group>
        ))}
        {change && <ReferralForm theCase={c} agencies={agencies} onSaved={reload} />}
      </Section>

      <Section title={l.t('cases.section.conferences')} testId="case-conferences">
        {c.conferences.length === 0 && <Empty />}
        {c.conferences.map((f) => (
          <Stack key={f.id} gap={4} data-testid="case-conference">
            <Text fw={600}>
              {l.dateTime(f.scheduledAt)} · {f.participants.map((p) => p.name).join(', ')}
            </Text>
            <Text size="sm">{f.agenda}</Text>
            {f.heldAt ? (
              <Text size="sm" data-testid="conference-minutes">
                {l.t('cases.field.minutes')}: {f.minutes}
              </Text>
            ) : (
              change && <MinutesForm theCase={c} conferenceId={f.id} onSaved={reload} />
            )}
          </Stack>
        ))}
        {change && <ConferenceForm theCase={c} agencies={agencies} onSaved={reload} />}
      </Section>

      <Section title={l.t('cases.section.obstacles')} testId="case-obstacles">
        {c.obstacles.length === 0 && <Empty />}
        {c.obstacles.map((o) => (
          <Text key={o.id}>
            <Badge variant="light">{l.obstacle(o.tag)}</Badge> {o.note}
          </Text>
        ))}
        {change && <ObstacleForm theCase={c} tags={settings.data.obstacleTags} onSaved={saved} />}
      </Section>

      <Section title={l.t('cases.section.events')} testId="case-events">
        {c.events.map((e, i) => (
          <Text key={i} size="sm">
            {l.dateTime(e.at)} · {l.event(e.kind)}
            {e.staffName ? ` · ${e.staffName}` : ''}
          </Text>
        ))}
      </Section>
    </Page>
  );
}
