import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { QueueCounter, QueueService, QueueSetup } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';
import { Page } from '../../ui/Page';
import { SuccessNote } from '../../ui/SuccessNote';
import { useMe } from '../auth/AuthProvider';
import { queueApi } from './queue.api';
import { QueueCounterForm, QueueServiceForm, useWeekdayName } from './SettingsForms';

/** Configuration of the queue (front-desk leads, administrators): services and counters (add, change), stop issuing. */
export function SettingsPage() {
  const intl = useIntl();
  const me = useMe();
  const setup = useApi<QueueSetup>('/api/queue/setup');
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();
  const data = setup.data;
  const site = data?.sites[0]?.id ?? '';
  const weekday = useWeekdayName();
  const done = () => {
    setSaved(intl.formatMessage({ id: 'common.saved' }));
    setup.reload();
  };

  const [editService, setEditService] = useState<QueueService | null>(null);
  const [editCounter, setEditCounter] = useState<QueueCounter | null>(null);
  const toggle = async (id: string, stopped: boolean) => {
    setError(undefined);
    try {
      await queueApi.stop(id, stopped);
      done();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <Page title={intl.formatMessage({ id: 'queue.settings.title' })} testId="queue-settings">
      <SuccessNote>{saved}</SuccessNote>
      <ErrorAlert error={setup.error ?? error} />
      {data && data.sites.length > 0 && (
        <Group>
          {data.sites.map((s) => (
            <Text key={s.id} size="sm">
              <bdi>{s.name}</bdi>:{' '}
              <Anchor component={Link} to={`/display/${s.id}`} target="_blank" underline="always">
                {intl.formatMessage({ id: 'queue.settings.display' })}
              </Anchor>{' '}
              ·{' '}
              <Anchor
                component={Link}
                to={`/kiosk/${me.municipality.slug}/${s.id}`}
                target="_blank"
                underline="always"
              >
                {intl.formatMessage({ id: 'queue.settings.kiosk' })}
              </Anchor>{' '}
              ·{' '}
              <Anchor
                component={Link}
                to={`/queue/${me.municipality.slug}/${s.id}/take`}
                target="_blank"
                underline="always"
              >
                {intl.formatMessage({ id: 'queue.settings.entrance' })}
              </Anchor>
            </Text>
          ))}
        </Group>
      )}
      <Title order={2} size="h3">
        {intl.formatMessage({ id: 'queue.settings.services' })}
      </Title>
      <DataTable
        testId="queue-settings-services"
        minWidth={720}
        head={
          <>
            <Table.Th scope="col">{intl.formatMessage({ id: 'queue.settings.prefix' })}</Table.Th>
            <Table.Th scope="col">{intl.formatMessage({ id: 'queue.service' })}</Table.Th>
            <Table.Th scope="col">{intl.formatMessage({ id: 'queue.settings.hours' })}</Table.Th>
            <Table.Th scope="col">{intl.formatMessage({ id: 'queue.settings.cap' })}</Table.Th>
            <Table.Th scope="col">{intl.formatMessage({ id: 'queue.status' })}</Table.Th>
            <Table.Th scope="col">{intl.formatMessage({ id: 'common.actions' })}</Table.Th>
          </>
        }
      >
        {(data?.services ?? []).map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td fw={700}>{s.prefix}</Table.Td>
            <Table.Td>
              <bdi>{s.name}</bdi>
              <Text size="xs" c="dimmed">
                <bdi>{s.agencyName}</bdi>
              </Text>
            </Table.Td>
            <Table.Td>
              {s.weekdays.map(weekday).join(', ')} {s.opensAt}–{s.closesAt}
            </Table.Td>
            <Table.Td>
              {s.issuedToday} / {s.dailyCap ?? '∞'}
            </Table.Td>
            <Table.Td>{intl.formatMessage({ id: `queue.issuing.${s.issuing}` })}</Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Button size="xs" variant="default" onClick={() => void toggle(s.id, !s.stoppedToday)}>
                  {intl.formatMessage({
                    id: s.stoppedToday ? 'queue.settings.resume' : 'queue.settings.stop',
                  })}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setEditService(s)}
                  aria-label={intl.formatMessage(
                    { id: 'common.editNamed' },
                    { name: `${s.prefix} ${s.name}` },
                  )}
                  data-testid="queue-service-edit-open"
                >
                  {intl.formatMessage({ id: 'common.edit' })}
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Card withBorder>
        <Stack>
          <Title order={3} size="h4">
            {intl.formatMessage({ id: 'queue.settings.addService' })}
          </Title>
          <QueueServiceForm setup={data} siteId={site} onSaved={done} />
        </Stack>
      </Card>

      <Title order={2} size="h3">
        {intl.formatMessage({ id: 'queue.settings.counters' })}
      </Title>
      <DataTable
        testId="queue-settings-counters"
        minWidth={560}
        head={
          <>
            <Table.Th scope="col">{intl.formatMessage({ id: 'common.name' })}</Table.Th>
            <Table.Th scope="col">{intl.formatMessage({ id: 'queue.settings.room' })}</Table.Th>
            <Table.Th scope="col">{intl.formatMessage({ id: 'queue.settings.services' })}</Table.Th>
            <Table.Th scope="col">{intl.formatMessage({ id: 'queue.counter.servedByCol' })}</Table.Th>
            <Table.Th scope="col">{intl.formatMessage({ id: 'common.actions' })}</Table.Th>
          </>
        }
      >
        {(data?.counters ?? []).map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <bdi>{c.name}</bdi>
            </Table.Td>
            <Table.Td>
              <bdi>{c.room}</bdi>
            </Table.Td>
            <Table.Td>
              {c.serviceIds.map((id) => data?.services.find((s) => s.id === id)?.prefix ?? '?').join(', ')}
            </Table.Td>
            <Table.Td>
              <bdi>{c.staffName ?? '–'}</bdi>
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="default"
                onClick={() => setEditCounter(c)}
                aria-label={intl.formatMessage({ id: 'common.editNamed' }, { name: c.name })}
              >
                {intl.formatMessage({ id: 'common.edit' })}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Card withBorder>
        <Stack>
          <Title order={3} size="h4">
            {intl.formatMessage({ id: 'queue.settings.addCounter' })}
          </Title>
          <QueueCounterForm setup={data} siteId={site} onSaved={done} />
        </Stack>
      </Card>
      <FormModal
        opened={editService !== null}
        onClose={() => setEditService(null)}
        title={intl.formatMessage({ id: 'common.editNamed' }, { name: editService?.name ?? '' })}
      >
        {editService && (
          <QueueServiceForm
            setup={data}
            siteId={site}
            service={editService}
            onSaved={() => {
              setEditService(null);
              done();
            }}
          />
        )}
      </FormModal>
      <FormModal
        opened={editCounter !== null}
        onClose={() => setEditCounter(null)}
        title={intl.formatMessage({ id: 'common.editNamed' }, { name: editCounter?.name ?? '' })}
      >
        {editCounter && (
          <QueueCounterForm
            setup={data}
            siteId={site}
            counter={editCounter}
            onSaved={() => {
              setEditCounter(null);
              done();
            }}
          />
        )}
      </FormModal>
    </Page>
  );
}
