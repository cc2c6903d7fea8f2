import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from '../../i18n/catalogues';
import { useParams } from 'react-router';
import { Alert, Button, Checkbox, Select, Stack, Text, TextInput } from '@mantine/core';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useLanguage } from '../../i18n/I18nProvider';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PublicFrame } from '../queue/PublicFrame';
import { type PublicAppointmentService, appointmentsApi } from './appointments.api';
import { SlotPicker, useWhen } from './SlotPicker';

/** The public booking page (no account): service, time, name and email, a proof of work; the mail confirms. */
export function BookingPage() {
  const intl = useIntl();
  const when = useWhen();
  const { municipality = '' } = useParams();
  const { language } = useLanguage();
  const services = useApi<PublicAppointmentService[]>(
    `/api/appointments/public/services?municipality=${encodeURIComponent(municipality)}&lang=${language}`,
  );
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [interpreter, setInterpreter] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const t = (id: string) => intl.formatMessage({ id: id as MessageId });

  const submit = async () => {
    if (!serviceId || !startsAt) return;
    setBusy(true);
    setError(undefined);
    try {
      await appointmentsApi.bookPublic({
        serviceId,
        startsAt,
        name,
        email,
        phone: phone || null,
        language,
        needsInterpreter: interpreter,
      });
      setDone(startsAt);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicFrame title={t('appointments.public.title')} testId="appointments-booking">
      {done ? (
        <Alert color="green" variant="light" role="status" data-testid="booking-pending">
          <Text fw={600}>{t('appointments.public.checkMail')}</Text>
          <Text>{intl.formatMessage({ id: 'appointments.public.pendingAt' }, { when: when(done) })}</Text>
        </Alert>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap="md">
            <Text>{t('appointments.public.intro')}</Text>
            <ErrorAlert error={services.error} />
            <Select
              label={t('appointments.field.service')}
              data={(services.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.agencyName})` }))}
              value={serviceId}
              onChange={(v) => {
                setServiceId(v);
                setStartsAt(null);
              }}
              required
              data-testid="booking-service"
            />
            {serviceId && (
              <SlotPicker serviceId={serviceId} value={startsAt} onChange={(s) => setStartsAt(s)} />
            )}
            <TextInput
              label={t('appointments.field.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              autoComplete="name"
              data-testid="booking-name"
              error={error?.fields.name}
            />
            <TextInput
              type="email"
              label={t('appointments.field.email')}
              description={t('appointments.public.emailHint')}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              required
              autoComplete="email"
              data-testid="booking-email"
              error={error?.fields.email}
            />
            <TextInput
              type="tel"
              label={t('appointments.field.phone')}
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              autoComplete="tel"
              data-testid="booking-phone"
              error={error?.fields.phone}
            />
            <Checkbox
              label={t('appointments.field.interpreter')}
              checked={interpreter}
              onChange={(e) => setInterpreter(e.currentTarget.checked)}
              data-testid="booking-interpreter"
            />
            <ErrorAlert error={error} />
            <Text size="sm">{t('appointments.public.powHint')}</Text>
            <Button
              type="submit"
              loading={busy}
              disabled={!serviceId || !startsAt}
              data-testid="booking-submit"
            >
              {t('appointments.public.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </PublicFrame>
  );
}
