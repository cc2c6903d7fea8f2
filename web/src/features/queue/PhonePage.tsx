import { useEffect, useRef } from 'react';
import { useIntl } from 'react-intl';
import { useParams } from 'react-router';
import { Card, Stack, Text } from '@mantine/core';
import type { TicketStatusView } from '@lotse/common';
import { api } from '../../api/client';
import { useLanguage } from '../../i18n/I18nProvider';
import { isLanguage } from '../../i18n/languages';
import { Loading } from '../../ui/Loading';
import { useEventStream } from './live';
import { PublicFrame } from './PublicFrame';

/** The person's phone (from the ticket's QR code, no account): number, position, estimated wait, the room when called. */
export function PhonePage() {
  const intl = useIntl();
  const { token = '' } = useParams();
  const { language, setLanguage } = useLanguage();
  const { data: view, state } = useEventStream<TicketStatusView>(
    `/api/queue/phone/${token}/events`,
    'status',
  );
  const adopted = useRef(false);

  // The page opens in the language chosen when the ticket was taken; a later choice here is kept with the ticket.
  useEffect(() => {
    if (!view) return;
    if (!adopted.current) {
      adopted.current = true;
      if (isLanguage(view.language) && view.language !== language) {
        setLanguage(view.language);
        return;
      }
    }
    if (view.language !== language)
      void api.put(`/api/queue/phone/${token}/language`, { language }).catch(() => {});
  }, [view, language, setLanguage, token]);

  const title = intl.formatMessage({ id: 'queue.phone.title' });
  if (!view)
    return (
      <PublicFrame title={title} live={state} testId="queue-phone">
        <Loading />
      </PublicFrame>
    );
  const atCounter = view.status === 'called' || view.status === 'in_service';
  return (
    <PublicFrame title={title} live={state} testId="queue-phone">
      <Card withBorder padding="xl" data-status={view.status} data-testid="queue-phone-card">
        <Stack align="center" gap="sm">
          <Text fz={64} fw={800} lh={1} data-testid="queue-phone-number">
            {view.number}
          </Text>
          <Text>
            <bdi>{view.serviceName}</bdi> · <bdi>{view.siteName}</bdi>
          </Text>
          <div aria-live="polite" data-testid="queue-phone-state">
            {view.status === 'waiting' && view.position !== null && (
              <Stack align="center" gap={4}>
                <Text size="xl" fw={700} data-testid="queue-phone-position">
                  {view.position === 1
                    ? intl.formatMessage({ id: 'queue.phone.next' })
                    : intl.formatMessage({ id: 'queue.phone.position' }, { position: view.position })}
                </Text>
                {view.estimatedWaitMinutes !== null && view.position > 1 && (
                  <Text>
                    {intl.formatMessage(
                      { id: 'queue.phone.estimate' },
                      { minutes: view.estimatedWaitMinutes },
                    )}
                  </Text>
                )}
              </Stack>
            )}
            {atCounter && (
              <Stack align="center" gap={4}>
                <Text size="xl" fw={700}>
                  {intl.formatMessage({
                    id: view.status === 'called' ? 'queue.phone.called' : 'queue.phone.inService',
                  })}
                </Text>
                <Text fz={40} fw={800} data-testid="queue-phone-room">
                  <bdi>{view.counterName}</bdi>
                  {view.room ? (
                    <>
                      {' · '}
                      <bdi>{view.room}</bdi>
                    </>
                  ) : null}
                </Text>
              </Stack>
            )}
            {view.status === 'parked' && (
              <Text size="lg">{intl.formatMessage({ id: 'queue.phone.parked' })}</Text>
            )}
            {view.status === 'done' && (
              <Text size="lg">{intl.formatMessage({ id: 'queue.phone.done' })}</Text>
            )}
            {view.status === 'no_show' && (
              <Text size="lg">{intl.formatMessage({ id: 'queue.phone.noShow' })}</Text>
            )}
          </div>
          {(view.status === 'waiting' || view.status === 'parked') && (
            <Text c="dimmed" ta="center">
              {intl.formatMessage({ id: 'queue.phone.keepOpen' })}
            </Text>
          )}
        </Stack>
      </Card>
    </PublicFrame>
  );
}
