import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useNavigate, useParams } from 'react-router';
import { Button, Card, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { KioskView, PublicTicket } from '@lotse/common';
import { api, type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useLanguage } from '../../i18n/I18nProvider';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Pictogram } from './Pictogram';
import { PublicFrame } from './PublicFrame';
import { QrCode } from './QrCode';

/**
 * The kiosk at the entrance (touch, big pictogram buttons, every language) and, with `phone`, the page the QR code
 * at the entrance opens on the person's own phone: choose a service, get a number. The kiosk shows the number and
 * a QR code to follow it on the phone; the phone goes straight to its live view.
 */
export function KioskPage({ phone = false }: { phone?: boolean }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const { language } = useLanguage();
  const { municipality = '', siteId = '' } = useParams();
  const base = `/api/queue/kiosk/${municipality}/${siteId}`;
  const view = useApi<KioskView>(base);
  const [ticket, setTicket] = useState<PublicTicket>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const take = async (serviceId: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const t = await api.post<PublicTicket>(`${base}/tickets`, {
        serviceId,
        language,
        source: phone ? 'phone' : 'kiosk',
      });
      if (phone) void navigate(new URL(t.statusUrl).pathname);
      else setTicket(t);
    } catch (e) {
      setError(toApiError(e));
      view.reload();
    } finally {
      setBusy(false);
    }
  };

  const title = intl.formatMessage({ id: 'queue.kiosk.title' });
  if (ticket)
    return (
      <PublicFrame title={title} testId="queue-kiosk">
        <Card withBorder padding="xl" data-testid="queue-kiosk-ticket">
          <Stack align="center" gap="md">
            <Text size="xl">{intl.formatMessage({ id: 'queue.kiosk.yourNumber' })}</Text>
            <Text fz={72} fw={800} lh={1} data-testid="queue-kiosk-number">
              {ticket.number}
            </Text>
            <Text>
              <bdi>{ticket.serviceName}</bdi>
            </Text>
            <QrCode url={ticket.statusUrl} label={intl.formatMessage({ id: 'queue.kiosk.qr' })} />
            <Text ta="center">{intl.formatMessage({ id: 'queue.kiosk.scan' })}</Text>
            <Button size="xl" onClick={() => setTicket(undefined)} data-testid="queue-kiosk-again">
              {intl.formatMessage({ id: 'queue.kiosk.again' })}
            </Button>
          </Stack>
        </Card>
      </PublicFrame>
    );
  return (
    <PublicFrame title={title} size="md" testId="queue-kiosk">
      <ErrorAlert error={view.error ?? error} />
      {view.loading && !view.data ? (
        <Loading />
      ) : (
        view.data && (
          <>
            <Text size="lg">
              <bdi>{view.data.siteName}</bdi> · {intl.formatMessage({ id: 'queue.kiosk.choose' })}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              {view.data.services.map((s) => {
                const open = s.issuing === 'open';
                return (
                  <UnstyledButton
                    key={s.id}
                    disabled={!open || busy}
                    onClick={() => void take(s.id)}
                    data-testid="queue-kiosk-service"
                    aria-describedby={`service-${s.id}-state`}
                    className="queue-kiosk-button"
                    data-open={open}
                  >
                    <Stack align="center" gap={6} p="lg">
                      <Pictogram name={s.pictogram} size={64} />
                      <Title order={2} size="h3" ta="center">
                        <bdi>{s.name}</bdi>
                      </Title>
                      <Text id={`service-${s.id}-state`} size="md">
                        {open
                          ? intl.formatMessage({ id: 'queue.kiosk.waiting' }, { count: s.waiting })
                          : intl.formatMessage({ id: `queue.issuing.${s.issuing}` })}
                      </Text>
                    </Stack>
                  </UnstyledButton>
                );
              })}
            </SimpleGrid>
          </>
        )
      )}
    </PublicFrame>
  );
}
