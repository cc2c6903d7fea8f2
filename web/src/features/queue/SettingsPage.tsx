import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import {
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type QueueSetup, QueueCounterInput, QueueServiceInput, queuePictograms } from '@lotse/common';
import { api, type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Page } from '../../ui/Page';
import { SuccessNote } from '../../ui/SuccessNote';
import { useSchemaForm } from '../../ui/use-schema-form';
import { useMe } from '../auth/AuthProvider';
import { queueApi } from './queue.api';

/** Configuration of the queue (front-desk leads, administrators): services, stop issuing, counters and rooms. */
export function SettingsPage() {
  const intl = useIntl();
  const me = useMe();
  const setup = useApi<QueueSetup>('/api/queue/setup');
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();
  const data = setup.data;
  const site = data?.sites[0]?.id ?? '';
  const done = () => {
    setSaved(intl.formatMessage({ id: 'common.saved' }));
    setup.reload();
  };

  const service = useSchemaForm({
    initialValues: { name: '', prefix: '', agencyId: '', pictogram: 'question', dailyCap: '' as number | '' },
    schema: QueueServiceInput,
    toBody: (v) => ({
      ...v,
      siteId: site,
      agencyId: v.agencyId || data?.agencies[0]?.id,
      dailyCap: v.dailyCap === '' ? null : v.dailyCap,
    }),
    save: (body) => api.post('/api/queue/services', body),
    onSaved: () => {
      service.form.reset();
      done();
    },
  });
  const counter = useSchemaForm({
    initialValues: { name: '', room: '', serviceIds: [] as string[] },
    schema: QueueCounterInput,
    toBody: (v) => ({ ...v, siteId: site }),
    save: (body) => api.post('/api/queue/counters', body),
    onSaved: () => {
      counter.form.reset();
      done();
    },
  });
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
              {s.opensAt}–{s.closesAt}
            </Table.Td>
            <Table.Td>
              {s.issuedToday} / {s.dailyCap ?? '∞'}
            </Table.Td>
            <Table.Td>{intl.formatMessage({ id: `queue.issuing.${s.issuing}` })}</Table.Td>
            <Table.Td>
              <Button size="xs" variant="default" onClick={() => void toggle(s.id, !s.stoppedToday)}>
                {intl.formatMessage({ id: s.stoppedToday ? 'queue.settings.resume' : 'queue.settings.stop' })}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Card withBorder>
        <form onSubmit={service.submit} noValidate>
          <Stack>
            <Title order={3} size="h4">
              {intl.formatMessage({ id: 'queue.settings.addService' })}
            </Title>
            <ErrorAlert error={service.error} />
            <Group align="start" grow>
              <TextInput
                label={intl.formatMessage({ id: 'common.name' })}
                {...service.form.getInputProps('name')}
              />
              <TextInput
                label={intl.formatMessage({ id: 'queue.settings.prefix' })}
                maxLength={3}
                {...service.form.getInputProps('prefix')}
              />
            </Group>
            <Group align="start" grow>
              <NativeSelect
                label={intl.formatMessage({ id: 'queue.short.agency' })}
                data={(data?.agencies ?? []).map((a) => ({ value: a.id, label: a.name }))}
                {...service.form.getInputProps('agencyId')}
              />
              <NativeSelect
                label={intl.formatMessage({ id: 'queue.settings.pictogram' })}
                data={queuePictograms.map((p) => ({
                  value: p,
                  label: intl.formatMessage({ id: `queue.pictogram.${p}` }),
                }))}
                {...service.form.getInputProps('pictogram')}
              />
              <NumberInput
                label={intl.formatMessage({ id: 'queue.settings.cap' })}
                min={1}
                {...service.form.getInputProps('dailyCap')}
              />
            </Group>
            <Group>
              <Button type="submit">{intl.formatMessage({ id: 'common.save' })}</Button>
            </Group>
          </Stack>
        </form>
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
          </Table.Tr>
        ))}
      </DataTable>
      <Card withBorder>
        <form onSubmit={counter.submit} noValidate>
          <Stack>
            <Title order={3} size="h4">
              {intl.formatMessage({ id: 'queue.settings.addCounter' })}
            </Title>
            <ErrorAlert error={counter.error} />
            <Group align="start" grow>
              <TextInput
                label={intl.formatMessage({ id: 'common.name' })}
                {...counter.form.getInputProps('name')}
              />
              <TextInput
                label={intl.formatMessage({ id: 'queue.settings.room' })}
                {...counter.form.getInputProps('room')}
              />
            </Group>
            <Group>
              {(data?.services ?? []).map((s) => (
                <label key={s.id}>
                  <input
                    type="checkbox"
                    checked={counter.form.values.serviceIds.includes(s.id)}
                    onChange={(e) =>
                      counter.form.setFieldValue(
                        'serviceIds',
                        e.currentTarget.checked
                          ? [...counter.form.values.serviceIds, s.id]
                          : counter.form.values.serviceIds.filter((x) => x !== s.id),
                      )
                    }
                  />{' '}
                  {s.prefix} · <bdi>{s.name}</bdi>
                </label>
              ))}
            </Group>
            {counter.form.errors.serviceIds && (
              <Text c="red.9" size="sm">
                {counter.form.errors.serviceIds}
              </Text>
            )}
            <Group>
              <Button type="submit">{intl.formatMessage({ id: 'common.save' })}</Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Page>
  );
}
