import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from '../../i18n/catalogues';
import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { Organisation, QueueSetup, Staff } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Page } from '../../ui/Page';
import { type AppointmentService, type StaffSchedule, appointmentsApi } from './appointments.api';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** Agency leads and administrators: services, staff hours and languages, absences. */
export function SettingsPage() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id: id as MessageId });
  const services = useApi<AppointmentService[]>('/api/appointments/services');
  const schedules = useApi<StaffSchedule[]>('/api/appointments/schedules');
  const staff = useApi<Staff[]>('/api/admin/staff');
  const organisation = useApi<Organisation>('/api/organisation');
  const queue = useApi<QueueSetup>('/api/queue/setup');
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();
  const weekday = (d: number) =>
    intl.formatDate(new Date(Date.UTC(2024, 0, d)), { weekday: 'short', timeZone: 'UTC' });

  const save = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    setSaved(undefined);
    try {
      await fn();
      setSaved(t('appointments.settings.saved'));
      services.reload();
      schedules.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  // Service form
  const [name, setName] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [duration, setDuration] = useState<number | string>(30);
  const [buffer, setBuffer] = useState<number | string>(0);
  const [quota, setQuota] = useState<number | string>(0);
  const [publicBooking, setPublicBooking] = useState(true);
  const [queueServiceId, setQueueServiceId] = useState('');
  const [staffIds, setStaffIds] = useState<string[]>([]);
  // Hours form
  const [hoursStaff, setHoursStaff] = useState('');
  const [days, setDays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [starts, setStarts] = useState('08:00');
  const [ends, setEnds] = useState('12:00');
  const [langs, setLangs] = useState('de');
  // Absence form
  const [absenceFrom, setAbsenceFrom] = useState('');
  const [absenceTo, setAbsenceTo] = useState('');
  const [reason, setReason] = useState('');

  const agencies = (organisation.data?.agencies ?? []).filter((a) => a.kind === 'agency');
  const staffOptions = (staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }));

  return (
    <Page title={t('appointments.settings.title')} testId="appointments-settings">
      <ErrorAlert error={error ?? services.error} />
      {saved && (
        <Text role="status" data-testid="settings-saved">
          {saved}
        </Text>
      )}
      <Title order={2}>{t('appointments.settings.services')}</Title>
      <DataTable
        testId="appointment-services"
        minWidth={700}
        head={
          <>
            <Table.Th scope="col">{t('appointments.field.service')}</Table.Th>
            <Table.Th scope="col">{t('appointments.field.duration')}</Table.Th>
            <Table.Th scope="col">{t('appointments.field.urgentQuota')}</Table.Th>
            <Table.Th scope="col">{t('appointments.field.staff')}</Table.Th>
          </>
        }
      >
        {(services.data ?? []).map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>
              {s.name} ({s.agencyName})
            </Table.Td>
            <Table.Td>
              {s.durationMinutes} + {s.bufferMinutes}
            </Table.Td>
            <Table.Td>{s.urgentQuotaPercent} %</Table.Td>
            <Table.Td>{s.staff.map((x) => x.displayName).join(', ')}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(() =>
            appointmentsApi.createService({
              agencyId,
              name,
              durationMinutes: Number(duration),
              bufferMinutes: Number(buffer),
              urgentQuotaPercent: Number(quota),
              publicBooking,
              checkInQueueServiceId: queueServiceId || null,
              staffIds,
            }),
          );
        }}
      >
        <Stack gap="sm">
          <Title order={3}>{t('appointments.settings.newService')}</Title>
          <Group grow align="start">
            <TextInput
              label={t('appointments.field.service')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              error={error?.fields.name}
            />
            <NativeSelect
              label={t('appointments.field.agency')}
              value={agencyId}
              onChange={(e) => setAgencyId(e.currentTarget.value)}
              data={[{ value: '', label: '–' }, ...agencies.map((a) => ({ value: a.id, label: a.name }))]}
              required
              error={error?.fields.agencyId}
            />
          </Group>
          <Group grow align="start">
            <NumberInput
              label={t('appointments.field.duration')}
              value={duration}
              onChange={setDuration}
              min={5}
            />
            <NumberInput label={t('appointments.field.buffer')} value={buffer} onChange={setBuffer} min={0} />
            <NumberInput
              label={t('appointments.field.urgentQuota')}
              value={quota}
              onChange={setQuota}
              min={0}
              max={100}
            />
          </Group>
          <MultiSelect
            label={t('appointments.field.staff')}
            data={staffOptions}
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
              ...(queue.data?.services ?? []).map((q) => ({ value: q.id, label: q.name })),
            ]}
          />
          <Checkbox
            label={t('appointments.field.publicBooking')}
            checked={publicBooking}
            onChange={(e) => setPublicBooking(e.currentTarget.checked)}
          />
          <Button type="submit" w="fit-content">
            {t('appointments.settings.create')}
          </Button>
        </Stack>
      </form>

      <Title order={2}>{t('appointments.settings.hours')}</Title>
      <DataTable
        testId="appointment-schedules"
        minWidth={600}
        head={
          <>
            <Table.Th scope="col">{t('appointments.field.staff')}</Table.Th>
            <Table.Th scope="col">{t('appointments.field.languages')}</Table.Th>
            <Table.Th scope="col">{t('appointments.settings.hours')}</Table.Th>
            <Table.Th scope="col">{t('appointments.settings.absences')}</Table.Th>
          </>
        }
      >
        {(schedules.data ?? []).map((s) => (
          <Table.Tr key={s.staffId}>
            <Table.Td>{s.displayName}</Table.Td>
            <Table.Td>{s.languages.join(', ')}</Table.Td>
            <Table.Td>
              {s.hours.map((h) => `${weekday(h.weekday)} ${h.starts}–${h.ends}`).join('; ')}
            </Table.Td>
            <Table.Td>
              {s.absences
                .map(
                  (a) =>
                    `${intl.formatDate(new Date(a.startsAt), { timeZone: 'Europe/Berlin' })} ${a.reason}`,
                )
                .join('; ')}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Stack gap="sm">
        <NativeSelect
          label={t('appointments.field.staff')}
          value={hoursStaff}
          onChange={(e) => setHoursStaff(e.currentTarget.value)}
          data={[{ value: '', label: '–' }, ...staffOptions]}
        />
        <Group gap="xs" role="group" aria-label={t('appointments.settings.weekdays')}>
          {WEEKDAYS.map((d) => (
            <Checkbox
              key={d}
              label={weekday(d)}
              checked={days.includes(d)}
              onChange={(e) =>
                setDays((x) => (e.currentTarget.checked ? [...x, d] : x.filter((y) => y !== d)))
              }
            />
          ))}
        </Group>
        <Group grow>
          <TextInput
            type="time"
            label={t('appointments.settings.from')}
            value={starts}
            onChange={(e) => setStarts(e.currentTarget.value)}
          />
          <TextInput
            type="time"
            label={t('appointments.settings.to')}
            value={ends}
            onChange={(e) => setEnds(e.currentTarget.value)}
          />
          <TextInput
            label={t('appointments.field.languages')}
            value={langs}
            onChange={(e) => setLangs(e.currentTarget.value)}
          />
        </Group>
        <Button
          w="fit-content"
          disabled={!hoursStaff}
          onClick={() =>
            void save(() =>
              appointmentsApi.saveSchedule(hoursStaff, {
                languages: langs.split(/[\s,]+/).filter(Boolean),
                hours: days.sort().map((weekday) => ({ weekday, starts, ends })),
              }),
            )
          }
        >
          {t('appointments.settings.saveHours')}
        </Button>
        <Title order={3}>{t('appointments.settings.absences')}</Title>
        <Group grow>
          <TextInput
            type="datetime-local"
            label={t('appointments.settings.from')}
            value={absenceFrom}
            onChange={(e) => setAbsenceFrom(e.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label={t('appointments.settings.to')}
            value={absenceTo}
            onChange={(e) => setAbsenceTo(e.currentTarget.value)}
          />
          <TextInput
            label={t('appointments.settings.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        </Group>
        <Button
          w="fit-content"
          disabled={!hoursStaff || !absenceFrom || !absenceTo}
          onClick={() =>
            void save(() =>
              appointmentsApi.addAbsence(hoursStaff, {
                startsAt: new Date(absenceFrom).toISOString(),
                endsAt: new Date(absenceTo).toISOString(),
                reason,
              }),
            )
          }
        >
          {t('appointments.settings.addAbsence')}
        </Button>
      </Stack>
    </Page>
  );
}
