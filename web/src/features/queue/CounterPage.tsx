import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconBellRinging } from '@tabler/icons-react';
import type { CounterState, QueueSetup } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useMe } from '../auth/AuthProvider';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Page } from '../../ui/Page';
import { queueApi } from './queue.api';

const COUNTER_KEY = 'lotse.queue.counter';

/** The counter workspace: choose the counter or room, call next, recall, call a number, serve, park, forward. */
export function CounterPage() {
  const intl = useIntl();
  const me = useMe();
  const setup = useApi<QueueSetup>('/api/queue/setup');
  const counters = setup.data?.counters.filter((c) => c.active) ?? [];
  const [chosen, setChosen] = useState(() => localStorage.getItem(COUNTER_KEY) ?? '');
  const counterId = counters.some((c) => c.id === chosen) ? chosen : (counters[0]?.id ?? '');
  const state = useApi<CounterState>(counterId ? `/api/queue/counters/${counterId}` : '/api/queue/setup');
  const s = counterId && state.data && 'counter' in state.data ? state.data : undefined;
  const [error, setError] = useState<ApiError>();
  const [number, setNumber] = useState('');
  const [target, setTarget] = useState('');

  const run = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(toApiError(e));
    }
    state.reload();
  };
  const choose = (id: string) => {
    localStorage.setItem(COUNTER_KEY, id);
    setChosen(id);
  };
  const mine = s?.counter.staffId === me.id;
  const current = s?.current ?? null;
  const forwardTargets = (setup.data?.services ?? []).filter(
    (x) => x.active && x.siteId === s?.counter.siteId && x.id !== current?.serviceId,
  );

  return (
    <Page title={intl.formatMessage({ id: 'queue.counter.title' })} testId="queue-counter">
      <ErrorAlert error={setup.error ?? state.error ?? error} />
      <Group align="end">
        <NativeSelect
          label={intl.formatMessage({ id: 'queue.counter.choose' })}
          value={counterId}
          onChange={(e) => choose(e.currentTarget.value)}
          data={counters.map((c) => ({ value: c.id, label: c.room ? `${c.name} (${c.room})` : c.name }))}
          data-testid="queue-counter-select"
        />
        {s && !mine && (
          <Button
            onClick={() => void run(() => queueApi.occupy(counterId, true))}
            data-testid="queue-counter-occupy"
          >
            {intl.formatMessage({ id: 'queue.counter.occupy' })}
          </Button>
        )}
        {s && mine && (
          <Button variant="default" onClick={() => void run(() => queueApi.occupy(counterId, false))}>
            {intl.formatMessage({ id: 'queue.counter.leave' })}
          </Button>
        )}
      </Group>
      {s && (
        <>
          <Text>
            {s.counter.staffName
              ? intl.formatMessage({ id: 'queue.counter.servedBy' }, { name: s.counter.staffName })
              : intl.formatMessage({ id: 'queue.counter.free' })}{' '}
            ·{' '}
            <span data-testid="queue-counter-waiting">
              {intl.formatMessage({ id: 'queue.counter.waiting' }, { count: s.waiting })}
            </span>
          </Text>
          <Card withBorder padding="lg">
            <Stack>
              <Title order={2} size="h3">
                {intl.formatMessage({ id: 'queue.counter.current' })}
              </Title>
              {current ? (
                <Stack gap="xs" data-testid="queue-counter-current" data-number={current.number}>
                  <Group>
                    <Text fz={48} fw={800} lh={1}>
                      {current.number}
                    </Text>
                    <Badge size="lg" color="dark" variant="outline">
                      {intl.formatMessage({ id: `queue.status.${current.status}` })}
                    </Badge>
                    {current.priority !== 'normal' && (
                      <Badge color="red.9">
                        {intl.formatMessage({ id: `queue.priority.${current.priority}` })}
                      </Badge>
                    )}
                    {current.source === 'appointment' && (
                      <Badge color="blue.9">{intl.formatMessage({ id: 'queue.source.appointment' })}</Badge>
                    )}
                  </Group>
                  <Text>
                    <bdi>{current.serviceName}</bdi> ·{' '}
                    {intl.formatMessage({ id: 'queue.counter.calls' }, { count: current.callCount })}
                  </Text>
                  {current.personId && (
                    <Anchor component={Link} to={`/persons/${current.personId}`}>
                      {intl.formatMessage({ id: 'queue.counter.showPerson' })}
                    </Anchor>
                  )}
                  <Group>
                    {current.status === 'called' && (
                      <>
                        <Button
                          onClick={() => void run(() => queueApi.act(current.id, 'start'))}
                          data-testid="queue-counter-start"
                        >
                          {intl.formatMessage({ id: 'queue.counter.start' })}
                        </Button>
                        <Button
                          variant="default"
                          onClick={() => void run(() => queueApi.act(current.id, 'recall'))}
                        >
                          {intl.formatMessage({ id: 'queue.counter.recall' })}
                        </Button>
                        <Button
                          variant="default"
                          onClick={() => void run(() => queueApi.act(current.id, 'no-show'))}
                        >
                          {intl.formatMessage({ id: 'queue.counter.noShow' })}
                        </Button>
                      </>
                    )}
                    {current.status === 'in_service' && (
                      <Button
                        onClick={() => void run(() => queueApi.act(current.id, 'done'))}
                        data-testid="queue-counter-done"
                      >
                        {intl.formatMessage({ id: 'queue.counter.done' })}
                      </Button>
                    )}
                    <Button
                      variant="default"
                      onClick={() => void run(() => queueApi.act(current.id, 'park'))}
                    >
                      {intl.formatMessage({ id: 'queue.counter.park' })}
                    </Button>
                  </Group>
                  <Group align="end">
                    <NativeSelect
                      label={intl.formatMessage({ id: 'queue.counter.forwardTo' })}
                      value={target}
                      onChange={(e) => setTarget(e.currentTarget.value)}
                      data={[
                        { value: '', label: '—' },
                        ...forwardTargets.map((x) => ({ value: x.id, label: `${x.name} (${x.agencyName})` })),
                      ]}
                    />
                    <Button
                      variant="default"
                      disabled={!target}
                      onClick={() => void run(() => queueApi.forward(current.id, target))}
                    >
                      {intl.formatMessage({ id: 'queue.counter.forward' })}
                    </Button>
                  </Group>
                </Stack>
              ) : (
                <>
                  <Text c="dimmed">{intl.formatMessage({ id: 'queue.counter.none' })}</Text>
                  <Group align="end">
                    <Button
                      size="lg"
                      leftSection={<IconBellRinging aria-hidden />}
                      onClick={() => void run(() => queueApi.callNext(counterId))}
                      data-testid="queue-counter-call-next"
                    >
                      {intl.formatMessage({ id: 'queue.counter.callNext' })}
                    </Button>
                    <TextInput
                      label={intl.formatMessage({ id: 'queue.counter.number' })}
                      value={number}
                      onChange={(e) => setNumber(e.currentTarget.value)}
                      w={140}
                    />
                    <Button
                      variant="default"
                      disabled={!number.trim()}
                      onClick={() => void run(() => queueApi.callNumber(counterId, number.trim()))}
                    >
                      {intl.formatMessage({ id: 'queue.counter.callNumber' })}
                    </Button>
                  </Group>
                </>
              )}
            </Stack>
          </Card>
          {s.parked.length > 0 && (
            <Card withBorder>
              <Title order={2} size="h3">
                {intl.formatMessage({ id: 'queue.counter.parked' })}
              </Title>
              <Group mt="sm">
                {s.parked.map((p) => (
                  <Button
                    key={p.id}
                    variant="default"
                    disabled={!!current}
                    onClick={() => void run(() => queueApi.callNumber(counterId, p.number))}
                  >
                    {p.number}
                  </Button>
                ))}
              </Group>
            </Card>
          )}
        </>
      )}
    </Page>
  );
}
