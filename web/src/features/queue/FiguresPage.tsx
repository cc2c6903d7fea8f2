import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Table, Text, TextInput, Title } from '@mantine/core';
import type { QueueFigures } from '@lotse/common';
import { useApi } from '../../api/use-api';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';

/** Daily figures per service (tickets, waiting time median and p90, service time, no-shows) and short questions. */
export function FiguresPage() {
  const intl = useIntl();
  const [date, setDate] = useState('');
  const figures = useApi<QueueFigures>(
    `/api/queue/figures${/^\d{4}-\d{2}-\d{2}$/.test(date) ? `?date=${date}` : ''}`,
  );
  const minutes = (s: number | null) =>
    s === null ? '–' : intl.formatMessage({ id: 'queue.figures.minutes' }, { minutes: (s / 60).toFixed(1) });
  const f = figures.data;
  return (
    <Page title={intl.formatMessage({ id: 'queue.figures.title' })} testId="queue-figures">
      <TextInput
        type="date"
        label={intl.formatMessage({ id: 'queue.figures.date' })}
        value={date || f?.date || ''}
        onChange={(e) => setDate(e.currentTarget.value)}
        w={200}
      />
      <ErrorAlert error={figures.error} />
      {!f ? (
        <Loading />
      ) : (
        <>
          <DataTable
            testId="queue-figures-services"
            minWidth={760}
            head={
              <>
                <Table.Th scope="col">{intl.formatMessage({ id: 'queue.service' })}</Table.Th>
                <Table.Th scope="col">{intl.formatMessage({ id: 'queue.figures.tickets' })}</Table.Th>
                <Table.Th scope="col">{intl.formatMessage({ id: 'queue.figures.served' })}</Table.Th>
                <Table.Th scope="col">{intl.formatMessage({ id: 'queue.figures.noShows' })}</Table.Th>
                <Table.Th scope="col">{intl.formatMessage({ id: 'queue.figures.waiting' })}</Table.Th>
                <Table.Th scope="col">{intl.formatMessage({ id: 'queue.figures.waitMedian' })}</Table.Th>
                <Table.Th scope="col">{intl.formatMessage({ id: 'queue.figures.waitP90' })}</Table.Th>
                <Table.Th scope="col">{intl.formatMessage({ id: 'queue.figures.serviceMedian' })}</Table.Th>
              </>
            }
          >
            {f.services.map((s) => (
              <Table.Tr key={s.serviceId}>
                <Table.Td>
                  <bdi>{s.serviceName}</bdi>
                  <Text size="xs" c="dimmed">
                    <bdi>{s.agencyName}</bdi>
                  </Text>
                </Table.Td>
                <Table.Td>{s.tickets}</Table.Td>
                <Table.Td>{s.served}</Table.Td>
                <Table.Td>{s.noShows}</Table.Td>
                <Table.Td>{s.waiting}</Table.Td>
                <Table.Td>{minutes(s.waitMedian)}</Table.Td>
                <Table.Td>{minutes(s.waitP90)}</Table.Td>
                <Table.Td>{minutes(s.serviceMedian)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <Title order={2} size="h3">
            {intl.formatMessage({ id: 'queue.short.title' })}
          </Title>
          {f.shortQuestions.length === 0 ? (
            <Text c="dimmed">{intl.formatMessage({ id: 'queue.figures.noQuestions' })}</Text>
          ) : (
            <DataTable
              testId="queue-figures-questions"
              minWidth={480}
              head={
                <>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'queue.short.agency' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'queue.short.topic' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'queue.figures.count' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'queue.short.minutes' })}</Table.Th>
                </>
              }
            >
              {f.shortQuestions.map((q) => (
                <Table.Tr key={`${q.agencyName}-${q.topic}`}>
                  <Table.Td>
                    <bdi>{q.agencyName}</bdi>
                  </Table.Td>
                  <Table.Td>{intl.formatMessage({ id: `queue.topic.${q.topic}` })}</Table.Td>
                  <Table.Td>{q.count}</Table.Td>
                  <Table.Td>{q.minutes}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </Page>
  );
}
