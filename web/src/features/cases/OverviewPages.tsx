import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Anchor, Badge, Group, Table, Text, TextInput } from '@mantine/core';
import type { Caseload, ObstacleReport, Timeline } from '@lotse/common';
import { useApi } from '../../api/use-api';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { casesApi } from './cases.api';
import { useCaseLabels } from './case-labels';
import { Empty, Section } from './parts';

/** Open cases per case manager of the agency, for its lead. */
export function CaseloadPage() {
  const l = useCaseLabels();
  const load = useApi<Caseload>(casesApi.caseloadPath);
  return (
    <Page title={l.t('cases.caseload.title')} testId="caseload-page">
      <ErrorAlert error={load.error} />
      {!load.data ? (
        !load.error && <Loading />
      ) : load.data.managers.length === 0 ? (
        <Empty />
      ) : (
        <DataTable
          testId="caseload-table"
          minWidth={720}
          head={
            <>
              <Table.Th scope="col">{l.t('cases.field.manager')}</Table.Th>
              <Table.Th scope="col">{l.t('cases.caseload.open')}</Table.Th>
              <Table.Th scope="col">{l.t('cases.field.phase')}</Table.Th>
              <Table.Th scope="col">{l.t('cases.caseload.overdue')}</Table.Th>
              <Table.Th scope="col">{l.t('cases.caseload.tasks')}</Table.Th>
              <Table.Th scope="col">{l.t('cases.caseload.referrals')}</Table.Th>
            </>
          }
        >
          {load.data.managers.map((m) => (
            <Table.Tr key={m.manager.id}>
              <Table.Td>{m.manager.name}</Table.Td>
              <Table.Td>{m.openCases}</Table.Td>
              <Table.Td>
                {Object.entries(m.byPhase).map(([phase, n]) => (
                  <Badge key={phase} variant="light" mr={4}>
                    {l.phase(phase)}: {n}
                  </Badge>
                ))}
              </Table.Td>
              <Table.Td>{m.overdueSteps}</Table.Td>
              <Table.Td>{m.openTasks}</Table.Td>
              <Table.Td>{m.openReferrals}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Page>
  );
}

/** Structural obstacles for the strategic level: counts per tag and quarter, anonymised examples. */
export function ObstaclesPage() {
  const l = useCaseLabels();
  const [period, setPeriod] = useState({ from: '', to: '' });
  const report = useApi<ObstacleReport>(casesApi.obstaclesPath(period));
  const r = report.data;
  return (
    <Page title={l.t('cases.obstacles.title')} testId="obstacles-page">
      <Text>{l.t('cases.obstacles.intro')}</Text>
      <Group align="flex-end" data-testid="obstacles-period">
        <TextInput
          type="date"
          label={l.t('cases.obstacles.from')}
          value={period.from}
          max={period.to || undefined}
          onChange={(e) => setPeriod({ ...period, from: e.currentTarget.value })}
          data-testid="obstacles-from"
        />
        <TextInput
          type="date"
          label={l.t('cases.obstacles.to')}
          value={period.to}
          min={period.from || undefined}
          onChange={(e) => setPeriod({ ...period, to: e.currentTarget.value })}
          data-testid="obstacles-to"
        />
      </Group>
      <ErrorAlert error={report.error} />
      {!r ? (
        !report.error && <Loading />
      ) : (
        <>
          <Text size="sm" c="dimmed" data-testid="obstacles-shown-period">
            {l.t('cases.obstacles.period', { from: l.date(r.from), to: l.date(r.to) })}
          </Text>
          {r.counts.length === 0 ? (
            <Empty />
          ) : (
            <DataTable
              testId="obstacles-table"
              minWidth={480}
              head={
                <>
                  <Table.Th scope="col">{l.t('cases.field.tag')}</Table.Th>
                  <Table.Th scope="col">{l.t('cases.obstacles.count')}</Table.Th>
                  <Table.Th scope="col">{l.t('cases.obstacles.cases')}</Table.Th>
                </>
              }
            >
              {r.counts.map((c) => (
                <Table.Tr key={c.tag}>
                  <Table.Td>{l.obstacle(c.tag)}</Table.Td>
                  <Table.Td>{c.count}</Table.Td>
                  <Table.Td>{c.cases}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
          <Section title={l.t('cases.obstacles.quarter')} testId="obstacles-quarters">
            {r.byQuarter.length === 0 ? (
              <Empty />
            ) : (
              r.byQuarter.map((q) => (
                <Text key={`${q.quarter}-${q.tag}`}>
                  {q.quarter} · {l.obstacle(q.tag)}: {q.count}
                </Text>
              ))
            )}
          </Section>
          <Section title={l.t('cases.obstacles.examples')} testId="obstacles-examples">
            {r.examples.length === 0 ? (
              <Empty />
            ) : (
              r.examples.map((e, i) => (
                <Text key={i}>
                  <Badge variant="light">{l.obstacle(e.tag)}</Badge> {e.month} · {l.stage(e.stageOfLife)} ·{' '}
                  {e.note}
                </Text>
              ))
            )}
          </Section>
        </>
      )}
    </Page>
  );
}

/** A person's timeline across agencies, as far as the caller may see it. */
export function TimelinePage() {
  const { id = '' } = useParams();
  const l = useCaseLabels();
  const timeline = useApi<Timeline>(casesApi.timelinePath(id));
  const t = timeline.data;
  return (
    <Page title={l.t('cases.timeline.title', { name: t?.displayName ?? '' })} testId="timeline-page">
      <ErrorAlert error={timeline.error} />
      {!t ? (
        !timeline.error && <Loading />
      ) : t.entries.length === 0 ? (
        <Empty />
      ) : (
        <DataTable
          testId="timeline-table"
          minWidth={640}
          head={
            <>
              <Table.Th scope="col">{l.t('cases.timeline.at')}</Table.Th>
              <Table.Th scope="col">{l.t('cases.timeline.source')}</Table.Th>
              <Table.Th scope="col">{l.t('cases.timeline.what')}</Table.Th>
              <Table.Th scope="col">{l.t('cases.timeline.agency')}</Table.Th>
            </>
          }
        >
          {t.entries.map((e, i) => (
            <Table.Tr key={i} data-testid="timeline-entry" data-source={e.source}>
              <Table.Td>{l.dateTime(e.at)}</Table.Td>
              <Table.Td>{l.source(e.source)}</Table.Td>
              <Table.Td>
                {e.link ? (
                  <Anchor component={Link} to={e.link}>
                    {l.event(e.kind)}
                  </Anchor>
                ) : (
                  l.event(e.kind)
                )}{' '}
                {e.source !== 'history' && e.title ? `· ${e.title}` : ''}
              </Table.Td>
              <Table.Td>{e.agencyName ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Page>
  );
}
