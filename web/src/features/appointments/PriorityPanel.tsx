import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { Anchor, Button, Table, Text } from '@mantine/core';
import { useApi } from '../../api/use-api';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import type { PriorityList } from './appointments.api';

export type PriorityItem = PriorityList['items'][number];

/**
 * Priority by residence title: the registered persons (as far as the worker may see them) whose title ends
 * soonest, with their next appointment, or a button that books one (the booking may use the urgent quota).
 */
export function PriorityPanel({ onBook }: { onBook: (item: PriorityItem) => void }) {
  const intl = useIntl();
  // Loaded when the tab is opened: the list is a read of person data, audited.
  const list = useApi<PriorityList>('/api/appointments/priority');
  const date = (d: string) => intl.formatDate(new Date(`${d}T12:00:00Z`), { timeZone: 'Europe/Berlin' });
  const when = (iso: string) =>
    intl.formatDate(new Date(iso), { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });
  const data = list.data;
  return (
    <>
      <ErrorAlert error={list.error} />
      {data && (
        <Text size="sm" data-testid="priority-intro">
          {intl.formatMessage({ id: 'appointments.priority.intro' }, { weeks: data.weeks })}
        </Text>
      )}
      {data && data.items.length === 0 && (
        <Text data-testid="priority-empty">{intl.formatMessage({ id: 'appointments.priority.empty' })}</Text>
      )}
      {data && data.items.length > 0 && (
        <DataTable
          testId="priority-list"
          minWidth={720}
          head={
            <>
              <Table.Th scope="col">{intl.formatMessage({ id: 'appointments.field.name' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'appointments.priority.titleEnds' })}</Table.Th>
              <Table.Th scope="col">
                {intl.formatMessage({ id: 'appointments.priority.daysLeftCol' })}
              </Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'appointments.priority.next' })}</Table.Th>
            </>
          }
        >
          {data.items.map((i) => (
            <Table.Tr key={i.person.id} data-testid="priority-row" data-person-id={i.person.id}>
              <Table.Td>
                <Anchor component={Link} to={`/persons/${i.person.id}`} underline="always">
                  <bdi>{i.person.displayName}</bdi>
                </Anchor>
              </Table.Td>
              <Table.Td>{date(i.validUntil)}</Table.Td>
              <Table.Td data-testid="priority-days-left">
                {intl.formatMessage({ id: 'appointments.priority.daysLeft' }, { days: i.daysLeft })}
              </Table.Td>
              <Table.Td>
                {i.nextAppointment ? (
                  <Text size="sm" data-testid="priority-next">
                    {when(i.nextAppointment.startsAt)} · <bdi>{i.nextAppointment.serviceName}</bdi>
                  </Text>
                ) : (
                  <Button
                    size="xs"
                    onClick={() => onBook(i)}
                    aria-label={intl.formatMessage(
                      { id: 'appointments.priority.bookFor' },
                      { name: i.person.displayName },
                    )}
                    data-testid="priority-book"
                  >
                    {intl.formatMessage({ id: 'appointments.priority.book' })}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
