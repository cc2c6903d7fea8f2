import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ActionIcon, Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import type { Agency, Organisation } from '@lotse/common';
import { DataTable } from '../../ui/DataTable';
import { upsert, useApi } from '../../api/use-api';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { StatusBadge } from '../../ui/StatusBadge';
import { SuccessNote } from '../../ui/SuccessNote';
import { AgencyForm } from './AgencyForm';

/** Agencies and partner organisations: list, add, change. */
export function AgenciesPage() {
  const intl = useIntl();
  const labels = useLabels();
  const organisation = useApi<Organisation>('/api/organisation');
  const [editing, setEditing] = useState<Agency | 'new' | null>(null);
  const [saved, setSaved] = useState<string>();
  const agencies = organisation.data?.agencies ?? [];
  const sites = organisation.data?.sites ?? [];
  const siteName = (id: Agency['siteId']) => sites.find((s) => s.id === id)?.name ?? '—';

  const close = () => setEditing(null);
  // A new form starts without the last confirmation, so it cannot be mistaken for this one's.
  const openForm = (target: Agency | 'new') => {
    setSaved(undefined);
    setEditing(target);
  };
  const onSaved = (agency: Agency) => {
    close();
    organisation.update((data) => data && { ...data, agencies: upsert(data.agencies, agency) });
    setSaved(intl.formatMessage({ id: 'common.saved' }));
    organisation.reload();
  };

  return (
    <Page
      title={intl.formatMessage({ id: 'agencies.title' })}
      actions={
        <Button
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => openForm('new')}
          data-testid="agency-add"
        >
          {intl.formatMessage({ id: 'agencies.add' })}
        </Button>
      }
    >
      <SuccessNote>{saved}</SuccessNote>
      <ErrorAlert error={organisation.error} />
      {organisation.loading && !organisation.data ? (
        <Loading />
      ) : agencies.length === 0 ? (
        <Text c="dimmed">{intl.formatMessage({ id: 'agencies.empty' })}</Text>
      ) : (
        <DataTable
          testId="agencies-table"
          minWidth={820}
          highlightOnHover
          head={
            <>
              <Table.Th scope="col">{intl.formatMessage({ id: 'common.name' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'agencies.code' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'agencies.kind' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'agencies.legalDomains' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'agencies.site' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'common.status' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'common.actions' })}</Table.Th>
            </>
          }
        >
          {agencies.map((agency) => (
            <Table.Tr key={agency.id}>
              <Table.Td fw={600}>
                <bdi>{agency.name}</bdi>
              </Table.Td>
              <Table.Td>
                <bdi>
                  <code>{agency.code}</code>
                </bdi>
              </Table.Td>
              <Table.Td>{labels.kind(agency.kind)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {agency.legalDomains.map((domain) => (
                    <Badge key={domain} size="sm" variant="light">
                      {labels.domain(domain)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <bdi>{siteName(agency.siteId)}</bdi>
              </Table.Td>
              <Table.Td>
                <StatusBadge active={agency.active} />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  onClick={() => openForm(agency)}
                  aria-label={intl.formatMessage({ id: 'common.editNamed' }, { name: agency.name })}
                  data-testid={`agency-edit-${agency.code}`}
                >
                  <IconPencil size={18} aria-hidden />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <FormModal
        opened={editing !== null}
        onClose={close}
        title={intl.formatMessage({ id: editing === 'new' ? 'agencies.add' : 'agencies.edit' })}
      >
        {editing !== null && (
          <AgencyForm
            agency={editing === 'new' ? null : editing}
            sites={sites}
            onSaved={onSaved}
            onCancel={close}
          />
        )}
      </FormModal>
    </Page>
  );
}
