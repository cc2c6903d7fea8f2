import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ActionIcon, Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconLockOpen, IconPencil, IconPlus } from '@tabler/icons-react';
import type { Organisation, Staff } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { upsert, useApi } from '../../api/use-api';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { StatusBadge } from '../../ui/StatusBadge';
import { SuccessNote } from '../../ui/SuccessNote';
import { useMe } from '../auth/AuthProvider';
import { adminApi } from './admin.api';
import { StaffCreateForm } from './StaffCreateForm';
import { StaffEditForm } from './StaffEditForm';

const isLocked = (staff: Staff) =>
  staff.lockedUntil !== null && new Date(staff.lockedUntil).getTime() > Date.now();

/** Staff accounts: administrators create and change them; agency leads see their agency's accounts. */
export function StaffPage() {
  const intl = useIntl();
  const labels = useLabels();
  const me = useMe();
  const canChange = me.roles.includes('municipal_admin');
  const staffList = useApi<Staff[]>('/api/admin/staff');
  const organisation = useApi<Organisation>('/api/organisation');
  const [editing, setEditing] = useState<Staff | 'new' | null>(null);
  const [note, setNote] = useState<string>();
  const [actionError, setActionError] = useState<ApiError>();
  const agencies = organisation.data?.agencies ?? [];
  const agencyName = (id: Staff['agencyId']) => agencies.find((a) => a.id === id)?.name ?? '—';
  const staff = staffList.data ?? [];

  const close = () => setEditing(null);
  // A new form starts without the last confirmation, so it cannot be mistaken for this one's.
  const openForm = (target: Staff | 'new') => {
    setNote(undefined);
    setEditing(target);
  };
  const onSaved = (saved: Staff) => {
    close();
    staffList.update((list) => upsert(list ?? [], saved));
    setNote(intl.formatMessage({ id: 'common.saved' }));
    staffList.reload();
  };
  const unlock = async (person: Staff) => {
    setActionError(undefined);
    try {
      const saved = await adminApi.updateStaff(person.id, { unlock: true });
      staffList.update((list) => upsert(list ?? [], saved));
      setNote(intl.formatMessage({ id: 'staff.unlocked' }, { name: person.displayName }));
      staffList.reload();
    } catch (e) {
      setActionError(toApiError(e));
    }
  };

  return (
    <Page
      title={intl.formatMessage({ id: 'staff.title' })}
      actions={
        canChange ? (
          <Button
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => openForm('new')}
            data-testid="staff-add"
          >
            {intl.formatMessage({ id: 'staff.add' })}
          </Button>
        ) : undefined
      }
    >
      {!canChange && <Text>{intl.formatMessage({ id: 'staff.readOnly' })}</Text>}
      <SuccessNote>{note}</SuccessNote>
      <ErrorAlert error={staffList.error ?? organisation.error ?? actionError} />
      {staffList.loading && !staffList.data ? (
        <Loading />
      ) : staff.length === 0 ? (
        <Text c="dimmed">{intl.formatMessage({ id: 'staff.empty' })}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" data-testid="staff-count">
            {intl.formatMessage({ id: 'staff.count' }, { count: staff.length })}
          </Text>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover data-testid="staff-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'staff.displayName' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'staff.username' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'staff.agency' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'staff.roles' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'common.status' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'staff.totp' })}</Table.Th>
                  {canChange && (
                    <Table.Th scope="col">{intl.formatMessage({ id: 'common.actions' })}</Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {staff.map((person) => (
                  <Table.Tr key={person.id} data-testid={`staff-row-${person.username}`}>
                    <Table.Td fw={600}>
                      <bdi>{person.displayName}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <bdi>{person.username}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <bdi>{agencyName(person.agencyId)}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {person.roles.map((role) => (
                          <Badge key={role} size="sm" variant="light">
                            {labels.role(role)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <StatusBadge active={person.active} />
                        {isLocked(person) && (
                          <Badge color="red.9" data-testid="staff-locked">
                            {intl.formatMessage(
                              { id: 'staff.locked' },
                              {
                                time: intl.formatDate(person.lockedUntil!, {
                                  dateStyle: 'short',
                                  timeStyle: 'short',
                                }),
                              },
                            )}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {intl.formatMessage({ id: person.totpEnabled ? 'staff.totpOn' : 'staff.totpOff' })}
                    </Table.Td>
                    {canChange && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <ActionIcon
                            variant="subtle"
                            onClick={() => openForm(person)}
                            aria-label={intl.formatMessage(
                              { id: 'common.editNamed' },
                              { name: person.displayName },
                            )}
                            data-testid={`staff-edit-${person.username}`}
                          >
                            <IconPencil size={18} aria-hidden />
                          </ActionIcon>
                          {isLocked(person) && (
                            <ActionIcon
                              variant="subtle"
                              color="red.9"
                              onClick={() => void unlock(person)}
                              aria-label={intl.formatMessage(
                                { id: 'staff.unlock' },
                                { name: person.displayName },
                              )}
                              data-testid={`staff-unlock-${person.username}`}
                            >
                              <IconLockOpen size={18} aria-hidden />
                            </ActionIcon>
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      <FormModal
        opened={editing !== null}
        onClose={close}
        title={intl.formatMessage({ id: editing === 'new' ? 'staff.add' : 'staff.edit' })}
      >
        {editing === 'new' && <StaffCreateForm agencies={agencies} onSaved={onSaved} onCancel={close} />}
        {editing !== null && editing !== 'new' && (
          <StaffEditForm staff={editing} agencies={agencies} onSaved={onSaved} onCancel={close} />
        )}
      </FormModal>
    </Page>
  );
}
