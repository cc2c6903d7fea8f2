import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ActionIcon, Button, Table, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import type { Organisation, Site } from '@lotse/common';
import { DataTable } from '../../ui/DataTable';
import { upsert, useApi } from '../../api/use-api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { StatusBadge } from '../../ui/StatusBadge';
import { SuccessNote } from '../../ui/SuccessNote';
import { SiteForm } from './SiteForm';

/** The municipality's sites: list, add, change. */
export function SitesPage() {
  const intl = useIntl();
  const organisation = useApi<Organisation>('/api/organisation');
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const [saved, setSaved] = useState<string>();
  const sites = organisation.data?.sites ?? [];

  const close = () => setEditing(null);
  // A new form starts without the last confirmation, so it cannot be mistaken for this one's.
  const openForm = (target: Site | 'new') => {
    setSaved(undefined);
    setEditing(target);
  };
  const onSaved = (site: Site) => {
    close();
    organisation.update((data) => data && { ...data, sites: upsert(data.sites, site) });
    setSaved(intl.formatMessage({ id: 'common.saved' }));
    organisation.reload();
  };

  return (
    <Page
      title={intl.formatMessage({ id: 'sites.title' })}
      actions={
        <Button
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => openForm('new')}
          data-testid="site-add"
        >
          {intl.formatMessage({ id: 'sites.add' })}
        </Button>
      }
    >
      <SuccessNote>{saved}</SuccessNote>
      <ErrorAlert error={organisation.error} />
      {organisation.loading && !organisation.data ? (
        <Loading />
      ) : sites.length === 0 ? (
        <Text c="dimmed">{intl.formatMessage({ id: 'sites.empty' })}</Text>
      ) : (
        <DataTable
          testId="sites-table"
          minWidth={560}
          highlightOnHover
          head={
            <>
              <Table.Th scope="col">{intl.formatMessage({ id: 'common.name' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'sites.address' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'common.status' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'common.actions' })}</Table.Th>
            </>
          }
        >
          {sites.map((site) => (
            <Table.Tr key={site.id}>
              <Table.Td fw={600}>
                <bdi>{site.name}</bdi>
              </Table.Td>
              <Table.Td>
                <bdi>{site.address}</bdi>
              </Table.Td>
              <Table.Td>
                <StatusBadge active={site.active} />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  onClick={() => openForm(site)}
                  aria-label={intl.formatMessage({ id: 'common.editNamed' }, { name: site.name })}
                  data-testid={`site-edit-${site.id}`}
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
        title={intl.formatMessage({ id: editing === 'new' ? 'sites.add' : 'sites.edit' })}
      >
        {editing !== null && (
          <SiteForm site={editing === 'new' ? null : editing} onSaved={onSaved} onCancel={close} />
        )}
      </FormModal>
    </Page>
  );
}
