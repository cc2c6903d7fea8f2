import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from '../../i18n/catalogues';
import { useParams } from 'react-router';
import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PublicFrame } from '../queue/PublicFrame';
import { type PublicAppointment, appointmentsApi } from './appointments.api';
import { SlotPicker, useWhen } from './SlotPicker';

/** The appointment as the emailed link shows it: service, time, place, state. */
function Summary({ appointment }: { appointment: PublicAppointment }) {
  const intl = useIntl();
  const when = useWhen();
  return (
    <Card withBorder data-testid="appointment-summary" data-status={appointment.status}>
      <Stack gap={4}>
        <Text fw={700}>{appointment.serviceName}</Text>
        <Text>{appointment.agencyName}</Text>
        <Text>{when(appointment.startsAt)}</Text>
        {appointment.address && <Text>{appointment.address}</Text>}
        <Text data-testid="appointment-status">
          {intl.formatMessage({ id: `appointments.status.${appointment.status}` as MessageId })}
        </Text>
      </Stack>
    </Card>
  );
}

function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** Opened from the first mail: confirms the booking with one click. */
export function ConfirmPage() {
  const intl = useIntl();
  const { token = '' } = useParams();
  const shown = useApi<PublicAppointment>(`/api/appointments/public/${token}`);
  const action = useAction();
  return (
    <PublicFrame
      title={intl.formatMessage({ id: 'appointments.confirm.title' })}
      testId="appointments-confirm"
    >
      <ErrorAlert error={shown.error} />
      {shown.loading && !shown.data && <Loading />}
      {shown.data && <Summary appointment={shown.data} />}
      {shown.data?.status === 'pending' && (
        <Button
          loading={action.busy}
          onClick={() =>
            void action.run(async () => {
              const next = await appointmentsApi.confirm(token);
              shown.update(() => next);
            })
          }
          data-testid="confirm-submit"
        >
          {intl.formatMessage({ id: 'appointments.confirm.submit' })}
        </Button>
      )}
      {shown.data?.status === 'booked' && (
        <Alert color="green" variant="light" role="status" data-testid="confirm-done">
          {intl.formatMessage({ id: 'appointments.confirm.done' })}
        </Alert>
      )}
      <ErrorAlert error={action.error} />
    </PublicFrame>
  );
}

/** Opened from a confirmation or reminder: cancel, or choose another time. */
export function ManagePage() {
  const intl = useIntl();
  const { token = '' } = useParams();
  const shown = useApi<PublicAppointment>(`/api/appointments/public/${token}`);
  const action = useAction();
  const [rebooking, setRebooking] = useState(false);
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const t = (id: string) => intl.formatMessage({ id: id as MessageId });
  return (
    <PublicFrame title={t('appointments.manage.title')} testId="appointments-manage">
      <ErrorAlert error={shown.error} />
      {shown.loading && !shown.data && <Loading />}
      {shown.data && <Summary appointment={shown.data} />}
      {shown.data?.status === 'rebooked' && <Text>{t('appointments.manage.rebookedHint')}</Text>}
      {shown.data?.status === 'booked' && (
        <Stack gap="md">
          <Group>
            <Button
              variant="default"
              loading={action.busy}
              onClick={() =>
                void action.run(async () => {
                  const next = await appointmentsApi.cancelByLink(token);
                  shown.update(() => next);
                })
              }
              data-testid="manage-cancel"
            >
              {t('appointments.action.cancel')}
            </Button>
            <Button variant="default" onClick={() => setRebooking((r) => !r)} data-testid="manage-rebook">
              {t('appointments.action.rebook')}
            </Button>
          </Group>
          {rebooking && (
            <Stack gap="sm">
              <SlotPicker
                serviceId={shown.data.serviceId}
                value={startsAt}
                onChange={(s) => setStartsAt(s)}
              />
              <Button
                disabled={!startsAt}
                loading={action.busy}
                onClick={() =>
                  void action.run(async () => {
                    const next = await appointmentsApi.rebookByLink(token, startsAt!);
                    shown.update(() => next);
                    setRebooking(false);
                  })
                }
                data-testid="manage-rebook-submit"
              >
                {t('appointments.manage.rebookSubmit')}
              </Button>
            </Stack>
          )}
        </Stack>
      )}
      <ErrorAlert error={action.error} />
    </PublicFrame>
  );
}
