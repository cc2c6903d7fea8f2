import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { type SlotList, berlinDay, slotsPath } from './appointments.api';

/** A day and the free times of a service on it, as buttons; staff see the urgent-only times marked. */
export function SlotPicker({
  serviceId,
  value,
  onChange,
  staff = false,
}: {
  serviceId: string;
  value: string | null;
  onChange: (startsAt: string | null, urgentOnly: boolean) => void;
  staff?: boolean;
}) {
  const intl = useIntl();
  const [day, setDay] = useState(berlinDay(1));
  const slots = useApi<SlotList>(slotsPath(serviceId, day));
  const time = (iso: string) =>
    intl.formatTime(new Date(iso), { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });
  return (
    <Stack gap="xs" data-testid="slot-picker">
      <TextInput
        type="date"
        label={intl.formatMessage({ id: 'appointments.slots.day' })}
        value={day}
        min={berlinDay(0)}
        onChange={(e) => {
          setDay(e.currentTarget.value || berlinDay(1));
          onChange(null, false);
        }}
        data-testid="slot-day"
        maw={220}
      />
      <ErrorAlert error={slots.error} />
      <Text size="sm" fw={600} id="slot-times-label">
        {intl.formatMessage({ id: 'appointments.slots.times' })}
      </Text>
      {slots.data && slots.data.slots.length === 0 && (
        <Text size="sm" data-testid="slots-none">
          {intl.formatMessage({ id: 'appointments.slots.none' })}
        </Text>
      )}
      <Group gap="xs" role="group" aria-labelledby="slot-times-label">
        {slots.data?.slots.map((s) => (
          <Button
            key={s.startsAt}
            size="xs"
            variant={value === s.startsAt ? 'filled' : 'default'}
            aria-pressed={value === s.startsAt}
            onClick={() => onChange(s.startsAt, s.urgentOnly)}
            data-testid="slot"
            data-starts-at={s.startsAt}
          >
            {time(s.startsAt)}
            {staff && s.urgentOnly ? ` · ${intl.formatMessage({ id: 'appointments.slots.urgentOnly' })}` : ''}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}

/** Date and time of an appointment in the reader's language, Europe/Berlin. */
export function useWhen() {
  const intl = useIntl();
  return (iso: string) =>
    intl.formatDate(new Date(iso), { timeZone: 'Europe/Berlin', dateStyle: 'full', timeStyle: 'short' });
}
