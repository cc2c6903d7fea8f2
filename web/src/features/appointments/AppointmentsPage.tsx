import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from '../../i18n/catalogues';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Select,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { languages } from '../../i18n/languages';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';
import { Page } from '../../ui/Page';
import { PersonPicker } from '../persons/PersonPicker';
import { type Appointment, type AppointmentService, appointmentsApi, berlinDay } from './appointments.api';
import { type PriorityItem, PriorityPanel } from './PriorityPanel';
import { SlotPicker } from './SlotPicker';

/**
 * The desk: the day's appointments per staff member with check-in, cancel and rebook; booking with a slot picker,
 * optionally for a registered person; and the priority list of persons whose residence title ends soonest.
 */
export function AppointmentsPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) =>
    intl.formatMessage({ id: id as MessageId }, values);
  const [day, setDay] = useState(berlinDay(0));
  const [staffId, setStaffId] = useState<string | null>(null);
  const services = useApi<AppointmentService[]>('/api/appointments/services');
  const list = useApi<Appointment[]>(`/api/appointments?date=${day}${staffId ? `&staffId=${staffId}` : ''}`);
  // The booking dialog: closed (null), for anyone, or for a person of the priority list.
  const [booking, setBooking] = useState<{ person: PriorityItem | null } | null>(null);
  const [tab, setTab] = useState<string | null>('day');
  const [booked, setBooked] = useState(0);
  const [rebooking, setRebooking] = useState<Appointment | null>(null);
  const [error, setError] = useState<ApiError>();
  const [note, setNote] = useState<string>();
  const staff = [
    ...new Map((services.data ?? []).flatMap((s) => s.staff).map((s) => [s.id, s.displayName])).entries(),
  ];
  const time = (iso: string) =>
    intl.formatTime(new Date(iso), { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });

  const act = async (fn: () => Promise<string | undefined>) => {
    setError(undefined);
    setNote(undefined);
    try {
      setNote(await fn());
      list.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <Page
      title={t('appointments.desk.title')}
      testId="appointments-desk"
      actions={
        <Button onClick={() => setBooking({ person: null })} data-testid="appointments-book">
          {t('appointments.desk.book')}
        </Button>
      }
    >
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="day" data-testid="appointments-tab-day">
            {t('appointments.desk.tabDay')}
          </Tabs.Tab>
          <Tabs.Tab value="priority" data-testid="appointments-tab-priority">
            {t('appointments.desk.tabPriority')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="day" pt="md">
          <Stack>
            <Group align="end">
              <TextInput
                type="date"
                label={t('appointments.slots.day')}
                value={day}
                onChange={(e) => setDay(e.currentTarget.value || berlinDay(0))}
                data-testid="appointments-day"
              />
              <NativeSelect
                label={t('appointments.field.staff')}
                value={staffId ?? ''}
                onChange={(e) => setStaffId(e.currentTarget.value || null)}
                data={[
                  { value: '', label: t('appointments.desk.allStaff') },
                  ...staff.map(([value, label]) => ({ value, label })),
                ]}
                data-testid="appointments-staff"
              />
            </Group>
            <ErrorAlert error={list.error ?? error} />
            {note && (
              <Text role="status" data-testid="appointments-note">
                {note}
              </Text>
            )}
            {list.data && list.data.length === 0 && (
              <Text data-testid="appointments-empty">{t('appointments.desk.empty')}</Text>
            )}
            {list.data && list.data.length > 0 && (
              <DataTable
                testId="appointments-list"
                minWidth={820}
                head={
                  <>
                    <Table.Th scope="col">{t('appointments.field.time')}</Table.Th>
                    <Table.Th scope="col">{t('appointments.field.name')}</Table.Th>
                    <Table.Th scope="col">{t('appointments.field.service')}</Table.Th>
                    <Table.Th scope="col">{t('appointments.field.staff')}</Table.Th>
                    <Table.Th scope="col">{t('appointments.field.status')}</Table.Th>
                    <Table.Th scope="col">{t('appointments.field.actions')}</Table.Th>
                  </>
                }
              >
                {list.data.map((a) => (
                  <Table.Tr key={a.id} data-testid="appointment-row" data-id={a.id} data-status={a.status}>
                    <Table.Td>{time(a.startsAt)}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm">{a.name || t('appointments.desk.hiddenName')}</Text>
                        <Group gap={4}>
                          <Badge variant="light" color="gray">
                            {languages.find((l) => l.code === a.language)?.name ?? a.language}
                          </Badge>
                          {a.urgent && (
                            <Badge color="red" variant="light">
                              {t('appointments.field.urgent')}
                            </Badge>
                          )}
                          {a.interpreterMissing && (
                            <Badge color="orange" variant="light">
                              {t('appointments.desk.interpreterMissing')}
                            </Badge>
                          )}
                        </Group>
                      </Stack>
                    </Table.Td>
                    <Table.Td>{a.serviceName}</Table.Td>
                    <Table.Td>{a.staffName}</Table.Td>
                    <Table.Td data-testid="appointment-status">
                      {t(`appointments.status.${a.status}`)}
                      {a.queueTicket ? ` · ${a.queueTicket.number}` : ''}
                    </Table.Td>
                    <Table.Td>
                      {a.status === 'booked' && (
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="xs"
                            onClick={() =>
                              void act(async () => {
                                const r = await appointmentsApi.checkIn(a.id);
                                return t('appointments.desk.checkedIn', { number: r.ticket.number });
                              })
                            }
                            data-testid="appointment-check-in"
                          >
                            {t('appointments.action.checkIn')}
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setRebooking(a)}
                            data-testid="appointment-rebook"
                          >
                            {t('appointments.action.rebook')}
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() =>
                              void act(async () => {
                                await appointmentsApi.cancel(a.id);
                                return undefined;
                              })
                            }
                            data-testid="appointment-cancel"
                          >
                            {t('appointments.action.cancel')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="priority" pt="md">
          <Stack>
            <PriorityPanel key={booked} onBook={(person) => setBooking({ person })} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <FormModal
        opened={booking !== null}
        onClose={() => setBooking(null)}
        title={t('appointments.desk.book')}
      >
        {booking && (
          <DeskBookingForm
            services={services.data ?? []}
            priority={booking.person}
            onDone={() => {
              setBooking(null);
              setBooked((n) => n + 1);
              list.reload();
            }}
          />
        )}
      </FormModal>
      <FormModal
        opened={rebooking !== null}
        onClose={() => setRebooking(null)}
        title={t('appointments.action.rebook')}
      >
        {rebooking && (
          <RebookForm
            appointment={rebooking}
            onDone={() => {
              setRebooking(null);
              list.reload();
            }}
          />
        )}
      </FormModal>
    </Page>
  );
}

function DeskBookingForm({
  services,
  priority,
  onDone,
}: {
  services: AppointmentService[];
  /** A person of the priority list, preselected. */
  priority: PriorityItem | null;
  onDone: () => void;
}) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) =>
    intl.formatMessage({ id: id as MessageId }, values);
  const [personId, setPersonId] = useState<string | null>(priority?.person.id ?? null);
  const preselected = priority !== null && personId === priority.person.id;
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [urgentOnly, setUrgentOnly] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [language, setLanguage] = useState('de');
  const [interpreter, setInterpreter] = useState(false);
  const [urgent, setUrgent] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  // Without a linked person a time of the urgent quota is an urgent booking; with one, the server may grant the
  // quota by the priority rule (residence title ending soon), so it is not forced here.
  const forcedUrgent = urgentOnly && !personId;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        appointmentsApi
          .book({
            serviceId,
            startsAt,
            personId,
            name,
            email: email || null,
            phone: phone || null,
            language,
            needsInterpreter: interpreter,
            urgent: urgent || forcedUrgent,
          })
          .then(onDone, (err: unknown) => setError(toApiError(err)))
          .finally(() => setBusy(false));
      }}
    >
      <Stack gap="sm">
        <Select
          label={t('appointments.field.service')}
          data={services
            .filter((s) => s.active)
            .map((s) => ({ value: s.id, label: `${s.name} (${s.agencyName})` }))}
          value={serviceId}
          onChange={(v) => {
            setServiceId(v);
            setStartsAt(null);
          }}
          required
          data-testid="desk-service"
        />
        {serviceId && (
          <SlotPicker
            staff
            serviceId={serviceId}
            value={startsAt}
            onChange={(s, u) => {
              setStartsAt(s);
              setUrgentOnly(u);
            }}
          />
        )}
        {preselected ? (
          <Paper withBorder p="sm" data-testid="desk-person-chosen">
            <Stack gap={4}>
              <Text size="sm">
                {t('appointments.desk.bookingFor')}: <bdi>{priority.person.displayName}</bdi>
              </Text>
              <Text size="sm" c="dimmed">
                {t('appointments.desk.priorityHint', {
                  date: intl.formatDate(new Date(`${priority.validUntil}T12:00:00Z`), {
                    timeZone: 'Europe/Berlin',
                  }),
                })}
              </Text>
              <Button
                size="xs"
                variant="default"
                w="fit-content"
                onClick={() => setPersonId(null)}
                data-testid="desk-person-change"
              >
                {t('appointments.desk.otherPerson')}
              </Button>
            </Stack>
          </Paper>
        ) : (
          <PersonPicker
            label={t('appointments.field.person')}
            value={personId}
            onChange={setPersonId}
            required={false}
            error={error?.fields.personId}
          />
        )}
        <TextInput
          label={t('appointments.field.name')}
          description={personId ? t('appointments.desk.nameFromPerson') : undefined}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required={!personId}
          data-testid="desk-name"
          error={error?.fields.name}
        />
        <Group grow>
          <TextInput
            type="email"
            label={t('appointments.field.email')}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-testid="desk-email"
            error={error?.fields.email}
          />
          <TextInput
            type="tel"
            label={t('appointments.field.phone')}
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            data-testid="desk-phone"
            error={error?.fields.phone}
          />
        </Group>
        <NativeSelect
          label={t('appointments.field.language')}
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value)}
          data={languages.map((l) => ({ value: l.code, label: l.name }))}
          data-testid="desk-language"
        />
        <Checkbox
          label={t('appointments.field.interpreter')}
          checked={interpreter}
          onChange={(e) => setInterpreter(e.currentTarget.checked)}
        />
        <Checkbox
          label={t('appointments.field.urgent')}
          checked={urgent || forcedUrgent}
          disabled={forcedUrgent}
          onChange={(e) => setUrgent(e.currentTarget.checked)}
          data-testid="desk-urgent"
        />
        {urgentOnly && personId && !urgent && (
          <Text size="sm" data-testid="desk-quota-hint">
            {t('appointments.desk.quotaHint')}
          </Text>
        )}
        <ErrorAlert error={error} />
        <Button type="submit" loading={busy} disabled={!serviceId || !startsAt} data-testid="desk-submit">
          {t('appointments.desk.book')}
        </Button>
      </Stack>
    </form>
  );
}

function RebookForm({ appointment, onDone }: { appointment: Appointment; onDone: () => void }) {
  const intl = useIntl();
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [error, setError] = useState<ApiError>();
  return (
    <Stack gap="sm">
      <SlotPicker staff serviceId={appointment.serviceId} value={startsAt} onChange={(s) => setStartsAt(s)} />
      <ErrorAlert error={error} />
      <Button
        disabled={!startsAt}
        onClick={() =>
          appointmentsApi
            .rebook(appointment.id, startsAt!)
            .then(onDone, (e: unknown) => setError(toApiError(e)))
        }
        data-testid="rebook-submit"
      >
        {intl.formatMessage({ id: 'appointments.manage.rebookSubmit' })}
      </Button>
    </Stack>
  );
}
