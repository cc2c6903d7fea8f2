import { useIntl } from 'react-intl';
import { Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import {
  type QueueCounter,
  QueueCounterInput,
  type QueueService,
  QueueServiceInput,
  type QueueSetup,
  queuePictograms,
} from '@lotse/common';
import { api } from '../../api/client';
import type { MessageId } from '../../i18n/catalogues';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSchemaForm } from '../../ui/use-schema-form';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** The short name of an ISO weekday (1 = Monday) in the reader's language. */
export function useWeekdayName(): (day: number) => string {
  const intl = useIntl();
  // 1 January 2024 was a Monday.
  return (d: number) =>
    intl.formatDate(new Date(Date.UTC(2024, 0, d)), { weekday: 'short', timeZone: 'UTC' });
}

/** Checkboxes for ISO weekdays (1 = Monday), labelled in the reader's language; used by queue and appointments. */
export function WeekdayChecks({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: number[];
  onChange: (days: number[]) => void;
  error?: string | undefined;
}) {
  const weekday = useWeekdayName();
  return (
    <Checkbox.Group
      label={label}
      value={value.map(String)}
      onChange={(v) => onChange(v.map(Number).sort())}
      error={error}
    >
      <Group gap="xs" mt={4}>
        {WEEKDAYS.map((d) => (
          <Checkbox key={d} value={String(d)} label={weekday(d)} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

/** Creates a queue service (no `service`) or changes one: prefix, hours, weekdays, daily cap, no-show rule. */
export function QueueServiceForm({
  setup,
  siteId,
  service,
  onSaved,
}: {
  setup: QueueSetup | undefined;
  siteId: string;
  service?: QueueService;
  onSaved: () => void;
}) {
  const intl = useIntl();
  const label = (id: MessageId) => intl.formatMessage({ id });
  const { form, submit, error } = useSchemaForm({
    initialValues: {
      name: service?.name ?? '',
      prefix: service?.prefix ?? '',
      agencyId: service?.agencyId ?? '',
      pictogram: service?.pictogram ?? 'question',
      weekdays: service?.weekdays ?? [1, 2, 3, 4, 5],
      opensAt: service?.opensAt ?? '08:00',
      closesAt: service?.closesAt ?? '16:00',
      dailyCap: (service?.dailyCap ?? '') as number | '',
      noShowAfterCalls: service?.noShowAfterCalls ?? 3,
      defaultServiceMinutes: service?.defaultServiceMinutes ?? 5,
      active: service?.active ?? true,
    },
    schema: QueueServiceInput,
    toBody: (v) => ({
      ...v,
      siteId: service?.siteId ?? siteId,
      position: service?.position ?? 0,
      agencyId: v.agencyId || setup?.agencies[0]?.id,
      dailyCap: v.dailyCap === '' ? null : v.dailyCap,
    }),
    save: (body) =>
      service ? api.put(`/api/queue/services/${service.id}`, body) : api.post('/api/queue/services', body),
    onSaved: () => {
      if (!service) form.reset();
      onSaved();
    },
  });
  return (
    <form onSubmit={submit} noValidate data-testid={service ? 'queue-service-edit' : 'queue-service-new'}>
      <Stack>
        <ErrorAlert error={error} />
        <Group align="start" grow>
          <TextInput label={label('common.name')} {...form.getInputProps('name')} />
          <TextInput
            label={label('queue.settings.prefix')}
            maxLength={3}
            {...form.getInputProps('prefix')}
            data-testid="queue-service-prefix"
          />
        </Group>
        <Group align="start" grow>
          <NativeSelect
            label={label('queue.short.agency')}
            data={(setup?.agencies ?? []).map((a) => ({ value: a.id, label: a.name }))}
            {...form.getInputProps('agencyId')}
          />
          <NativeSelect
            label={label('queue.settings.pictogram')}
            data={queuePictograms.map((p) => ({
              value: p,
              label: label(`queue.pictogram.${p}` as MessageId),
            }))}
            {...form.getInputProps('pictogram')}
          />
        </Group>
        <WeekdayChecks
          label={label('queue.settings.weekdays')}
          value={form.values.weekdays}
          onChange={(days) => form.setFieldValue('weekdays', days)}
          error={form.errors.weekdays as string | undefined}
        />
        <Group align="start" grow>
          <TextInput
            type="time"
            label={label('queue.settings.opensAt')}
            {...form.getInputProps('opensAt')}
            data-testid="queue-service-opens"
          />
          <TextInput
            type="time"
            label={label('queue.settings.closesAt')}
            {...form.getInputProps('closesAt')}
            data-testid="queue-service-closes"
          />
        </Group>
        <Group align="start" grow>
          <NumberInput
            label={label('queue.settings.cap')}
            min={1}
            {...form.getInputProps('dailyCap')}
            data-testid="queue-service-cap"
          />
          <NumberInput
            label={label('queue.settings.noShowAfterCalls')}
            min={1}
            max={10}
            {...form.getInputProps('noShowAfterCalls')}
            data-testid="queue-service-no-show"
          />
          <NumberInput
            label={label('queue.settings.serviceMinutes')}
            min={1}
            max={240}
            {...form.getInputProps('defaultServiceMinutes')}
          />
        </Group>
        {service && (
          <Checkbox label={label('common.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        )}
        <Group>
          <Button type="submit" data-testid="queue-service-save">
            {label('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Creates a counter or room (no `counter`) or changes one: name, room and the services it serves. */
export function QueueCounterForm({
  setup,
  siteId,
  counter,
  onSaved,
}: {
  setup: QueueSetup | undefined;
  siteId: string;
  counter?: QueueCounter;
  onSaved: () => void;
}) {
  const intl = useIntl();
  const label = (id: MessageId) => intl.formatMessage({ id });
  const { form, submit, error } = useSchemaForm({
    initialValues: {
      name: counter?.name ?? '',
      room: counter?.room ?? '',
      serviceIds: counter?.serviceIds ?? ([] as string[]),
      active: counter?.active ?? true,
    },
    schema: QueueCounterInput,
    toBody: (v) => ({ ...v, siteId: counter?.siteId ?? siteId }),
    save: (body) =>
      counter ? api.put(`/api/queue/counters/${counter.id}`, body) : api.post('/api/queue/counters', body),
    onSaved: () => {
      if (!counter) form.reset();
      onSaved();
    },
  });
  return (
    <form onSubmit={submit} noValidate data-testid={counter ? 'queue-counter-edit' : 'queue-counter-new'}>
      <Stack>
        <ErrorAlert error={error} />
        <Group align="start" grow>
          <TextInput label={label('common.name')} {...form.getInputProps('name')} />
          <TextInput label={label('queue.settings.room')} {...form.getInputProps('room')} />
        </Group>
        <Checkbox.Group
          label={label('queue.settings.services')}
          value={form.values.serviceIds}
          onChange={(ids) => form.setFieldValue('serviceIds', ids)}
          error={form.errors.serviceIds as string | undefined}
        >
          <Group mt={4}>
            {(setup?.services ?? []).map((s) => (
              <Checkbox
                key={s.id}
                value={s.id}
                label={
                  <Text size="sm">
                    {s.prefix} · <bdi>{s.name}</bdi>
                  </Text>
                }
              />
            ))}
          </Group>
        </Checkbox.Group>
        {counter && (
          <Checkbox label={label('common.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        )}
        <Group>
          <Button type="submit">{label('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
