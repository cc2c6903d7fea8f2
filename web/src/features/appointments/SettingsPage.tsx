import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from '../../i18n/catalogues';
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { Organisation, QueueSetup, Staff } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';
import { Page } from '../../ui/Page';
import { useWeekdayName, WeekdayChecks } from '../queue/SettingsForms';
import { type AppointmentService, type StaffSchedule, appointmentsApi } from './appointments.api';
import { ServiceForm } from './ServiceForm';

/** Agency leads and administrators: services (add, change), staff hours and languages, absences (add, delete). */
export function SettingsPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) =>
    intl.formatMessage({ id: id as MessageId }, values);
  const services = useApi<AppointmentService[]>('/api/appointments/services');
  const schedules = useApi<StaffSchedule[]>('/api/appointments/schedules');
  const staff = useApi<Staff[]>('/api/admin/staff');
  const organisation = useApi<Organisation>('/api/organisation');
  const queue = useApi<QueueSetup>('/api/queue/setup');
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();
  const weekday = useWeekdayName();

  const save = async (fn: () => Promise<unknown>, note = t('appointments.settings.saved')) => {
    setError(undefined);
    setSaved(undefined);
    try {
      await fn();
      setSaved(note);
      services.reload();
      schedules.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const [editing, setEditing] = useState<AppointmentService | null>(null);
  const [created, setCreated] = useState(0);
  const serviceSaved = () => {
    setSaved(t('appointments.settings.saved'));
    services.reload();
  };
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
  const span = (from: string, to: string) =>
    intl.formatDateTimeRange(new Date(from), new Date(to), {
      timeZone: 'Europe/Berlin',
      dateStyle: 'short',
      timeStyle: 'short',
    });
  // Choosing a staff member fills in the hours and languages saved for them, to change from there.
  const chooseStaff = (id: string) => {
    setHoursStaff(id);
    const saved = (schedules.data ?? []).find((x) => x.staffId === id);
    if (!saved || saved.hours.length === 0) return;
    setDays([...new Set(saved.hours.map((h) => h.weekday))].sort());
    setStarts(saved.hours[0]!.starts);
    setEnds(saved.hours[0]!.ends);
    setLangs(saved.languages.join(', '));
  };
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
            <Table.Th scope="col">{t('appointments.field.actions')}</Table.Th>
          </>
        }
      >
        {(services.data ?? []).map((s) => (
          <Table.Tr key={s.id} data-testid="appointment-service-row">
            <Table.Td>
              {s.name} ({s.agencyName})
            </Table.Td>
            <Table.Td>
              {s.durationMinutes} + {s.bufferMinutes}
            </Table.Td>
            <Table.Td>{s.urgentQuotaPercent} %</Table.Td>
            <Table.Td>{s.staff.map((x) => x.displayName).join(', ')}</Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="default"
                onClick={() => setEditing(s)}
                aria-label={t('common.editNamed', { name: s.name })}
                data-testid="appointment-service-edit-open"
              >
                {t('common.edit')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Stack gap="sm">
        <Title order={3}>{t('appointments.settings.newService')}</Title>
        <ServiceForm
          key={created}
          agencies={agencies}
          staff={staffOptions}
          queue={queue.data}
          onSaved={() => {
            setCreated((n) => n + 1);
            serviceSaved();
          }}
        />
      </Stack>
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('common.editNamed', { name: editing?.name ?? '' })}
      >
        {editing && (
          <ServiceForm
            service={editing}
            agencies={agencies}
            staff={staffOptions}
            queue={queue.data}
            onSaved={() => {
              setEditing(null);
              serviceSaved();
            }}
          />
        )}
      </FormModal>

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
              <Stack gap={4}>
                {s.absences.map((a) => (
                  <Group key={a.id} gap="xs" wrap="nowrap" data-testid="absence" data-id={a.id}>
                    <Text size="sm">
                      {span(a.startsAt, a.endsAt)} <bdi>{a.reason}</bdi>
                    </Text>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={t('appointments.settings.deleteAbsenceNamed', {
                        name: s.displayName,
                        date: span(a.startsAt, a.endsAt),
                      })}
                      onClick={() =>
                        void save(
                          () => appointmentsApi.deleteAbsence(a.id),
                          t('appointments.settings.absenceDeleted'),
                        )
                      }
                      data-testid="absence-delete"
                    >
                      {t('appointments.settings.deleteAbsence')}
                    </Button>
                  </Group>
                ))}
              </Stack>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Stack gap="sm">
        <NativeSelect
          label={t('appointments.field.staff')}
          value={hoursStaff}
          onChange={(e) => chooseStaff(e.currentTarget.value)}
          data={[{ value: '', label: '–' }, ...staffOptions]}
          data-testid="hours-staff"
        />
        <WeekdayChecks label={t('appointments.settings.weekdays')} value={days} onChange={setDays} />
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
