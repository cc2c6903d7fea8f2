import { useIntl } from 'react-intl';
import { Table, Text } from '@mantine/core';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import type { PersonChangeEntry } from './persons.api';
import { usePersonFormat } from './person-format';

/** A stored value as short text: names and dates as they are, objects and lists compactly. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(show).join(', ') || '—';
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${k}: ${show(v)}`);
    return parts.join('; ') || '—';
  }
  return '—';
}

/** Every change to the person, newest first: field, old and new value, who and when. */
export function PersonHistory({ personId }: { personId: string }) {
  const intl = useIntl();
  const format = usePersonFormat();
  const history = useApi<PersonChangeEntry[]>(`/api/persons/${encodeURIComponent(personId)}/history`);
  if (history.loading && !history.data) return <Loading />;
  const changes = history.data ?? [];
  return (
    <>
      <ErrorAlert error={history.error} />
      {changes.length === 0 ? (
        <Text c="dimmed">{intl.formatMessage({ id: 'history.empty' })}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid="history-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{intl.formatMessage({ id: 'history.at' })}</Table.Th>
                <Table.Th scope="col">{intl.formatMessage({ id: 'history.field' })}</Table.Th>
                <Table.Th scope="col">{intl.formatMessage({ id: 'history.old' })}</Table.Th>
                <Table.Th scope="col">{intl.formatMessage({ id: 'history.new' })}</Table.Th>
                <Table.Th scope="col">{intl.formatMessage({ id: 'history.by' })}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changes.map((change, index) => (
                <Table.Tr key={`${change.at}-${change.field}-${index}`} data-testid="history-row">
                  <Table.Td>{format.dateTime(change.at)}</Table.Td>
                  <Table.Td>{format.field(change.field)}</Table.Td>
                  <Table.Td>
                    <bdi dir="auto">{show(change.oldValue)}</bdi>
                  </Table.Td>
                  <Table.Td>
                    <bdi dir="auto">{show(change.newValue)}</bdi>
                  </Table.Td>
                  <Table.Td>
                    <bdi>{[change.staffName, change.agencyName].filter(Boolean).join(', ') || '—'}</bdi>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
