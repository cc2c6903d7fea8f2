import { useState } from 'react';
import { useIntl } from 'react-intl';
import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import type { Organisation, QueueSetup } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import type { MessageId } from '../../i18n/catalogues';
import { languages } from '../../i18n/languages';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { type AppointmentService, appointmentsApi } from './appointments.api';

const OTHER_LANGUAGES = languages.filter((l) => l.code !== 'de');

/**
 * Creates an appointment service (no `service`) or changes one: name and its translations, agency, duration,
 * buffer, urgent quota, staff, the queue a check-in joins, online booking, offered or not.
 */
export function ServiceForm({
  service,
  agencies,
  staff,
  queue,
  onSaved,
}: {
  service?: AppointmentService;
  agencies: Organisation['agencies'];
  staff: { value: string; label: string }[];
  queue: QueueSetup | undefined;
  onSaved: () => void;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id: id as MessageId });
  const [name, setName] = useState(service?.name ?? '');
  const [names, setNames] = useState<Record<string, string>>(service?.names ?? {});
  const [agencyId, setAgencyId] = useState<string>(service?.agencyId ?? '');
  const [duration, setDuration] = useState<number | string>(service?.durationMinutes ?? 30);
  const [buffer, setBuffer] = useState<number | string>(service?.bufferMinutes ?? 0);
  const [quota, setQuota] = useState<number | string>(service?.urgentQuotaPercent ?? 0);
  const [publicBooking, setPublicBooking] = useState(service?.publicBooking ?? true);
  const [active, setActive] = useState(service?.active ?? true);
  const [queueServiceId, setQueueServiceId] = useState(service?.checkInQueueServiceId ?? '');
  const [staffIds, setStaffIds] = useState<string[]>(service?.staff.map((s) => s.id) ?? []);
  const [error, setError] = useState<ApiError>();
  const field = (name: string) => error?.fields[name];

  return (
    <form
      data-testid={service ? 'appointment-service-edit' : 'appointment-service-new'}
      onSubmit={(e) => {
        e.preventDefault();
        setError(undefined);
        const body = {
          agencyId,
          name,
          // Empty translations are left out: the German name stands in for them.
          names: Object.fromEntries(Object.entries(names).filter(([, v]) => v.trim())),
          durationMinutes: Number(duration),
          bufferMinutes: Number(buffer),
          urgentQuotaPercent: Number(quota),
          publicBooking,
          checkInQueueServiceId: queueServiceId || null,
          staffIds,
          active,
        };
        (service
          ? appointmentsApi.updateService(service.id, body)
          : appointmentsApi.createService(body)
        ).then(onSaved, (err: unknown) => setError(toApiError(err)));
      }}
    >
      <Stack gap="sm">
        <ErrorAlert error={error} />
        <Group grow align="start">
          <TextInput
            label={t('appointments.field.service')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            error={field('name')}
          />
          <NativeSelect
            label={t('appointments.field.agency')}
            value={agencyId}
            onChange={(e) => setAgencyId(e.currentTarget.value)}
            data={[{ value: '', label: '–' }, ...agencies.map((a) => ({ value: a.id, label: a.name }))]}
            required
            error={field('agencyId')}
          />
        </Group>
        <Fieldset legend={t('appointments.settings.names')} variant="unstyled">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {OTHER_LANGUAGES.map((l) => (
              <TextInput
                key={l.code}
                label={l.name}
                lang={l.code}
                dir={l.dir}
                value={names[l.code] ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setNames((x) => ({ ...x, [l.code]: value }));
                }}
                error={field(`names.${l.code}`)}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
        <Group grow align="start">
          <NumberInput
            label={t('appointments.field.duration')}
            value={duration}
            onChange={setDuration}
            min={5}
            error={field('durationMinutes')}
            data-testid="service-duration"
          />
          <NumberInput
            label={t('appointments.field.buffer')}
            value={buffer}
            onChange={setBuffer}
            min={0}
            error={field('bufferMinutes')}
            data-testid="service-buffer"
          />
          <NumberInput
            label={t('appointments.field.urgentQuota')}
            value={quota}
            onChange={setQuota}
            min={0}
            max={100}
            error={field('urgentQuotaPercent')}
            data-testid="service-quota"
          />
        </Group>
        <MultiSelect
          label={t('appointments.field.staff')}
          data={staff}
          value={staffIds}
          onChange={setStaffIds}
          error={Object.entries(error?.fields ?? {}).find(([k]) => k.startsWith('staffIds'))?.[1]}
        />
        <NativeSelect
          label={t('appointments.field.queueService')}
          value={queueServiceId}
          onChange={(e) => setQueueServiceId(e.currentTarget.value)}
          data={[
            { value: '', label: '–' },
            ...(queue?.services ?? []).map((q) => ({ value: q.id, label: q.name })),
          ]}
          error={field('checkInQueueServiceId')}
        />
        <Checkbox
          label={t('appointments.field.publicBooking')}
          checked={publicBooking}
          onChange={(e) => setPublicBooking(e.currentTarget.checked)}
        />
        {service && (
          <Checkbox
            label={t('common.active')}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />
        )}
        <Button type="submit" w="fit-content" data-testid="service-save">
          {t(service ? 'common.save' : 'appointments.settings.create')}
        </Button>
      </Stack>
    </form>
  );
}
