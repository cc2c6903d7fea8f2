import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { useParams } from 'react-router';
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconVolume } from '@tabler/icons-react';
import type { DisplaySnapshot } from '@lotse/common';
import { useEventStream } from './live';
import { PublicFrame } from './PublicFrame';

/** Two short tones (a gong), drawn with WebAudio: no sound file to load. */
function chime(ctx: AudioContext) {
  const now = ctx.currentTime;
  [784, 523].forEach((frequency, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, now + i * 0.45);
    gain.gain.exponentialRampToValueAtTime(0.4, now + i * 0.45 + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.45 + 0.9);
    osc.connect(gain).connect(ctx.destination);
    osc.start(now + i * 0.45);
    osc.stop(now + i * 0.45 + 1);
  });
}

/**
 * The call-up display for the lobby screens: the newest call large (number and counter or room), the calls before
 * it, a chime for each new call once sound is switched on (browsers block sound until someone presses a button).
 */
export function DisplayPage() {
  const intl = useIntl();
  const { siteId = '' } = useParams();
  const { data, state } = useEventStream<DisplaySnapshot>(`/api/queue/display/${siteId}/events`, 'snapshot');
  const audio = useRef<AudioContext | null>(null);
  const [sound, setSound] = useState(false);
  const lastSeen = useRef<number | null>(null);
  const newest = data?.calls[0];

  useEffect(() => {
    if (!newest) return;
    // The first snapshot only sets the mark; calls after it chime (also those missed while reconnecting).
    if (lastSeen.current !== null && newest.id > lastSeen.current && audio.current) chime(audio.current);
    lastSeen.current = Math.max(lastSeen.current ?? 0, newest.id);
  }, [newest]);

  const enableSound = () => {
    audio.current ??= new AudioContext();
    void audio.current.resume();
    chime(audio.current);
    setSound(true);
  };

  return (
    <div className="queue-display">
      <PublicFrame
        title={intl.formatMessage({ id: 'queue.display.title' }, { site: data?.siteName ?? '' })}
        size="xl"
        live={state}
        languages={false}
        testId="queue-display"
      >
        <Group justify="space-between">
          <Text size="xl">
            {intl.formatMessage({ id: 'queue.display.waiting' }, { count: data?.waiting ?? 0 })}
          </Text>
          <Button
            variant={sound ? 'outline' : 'filled'}
            color="yellow.3"
            c="black"
            leftSection={<IconVolume aria-hidden />}
            onClick={enableSound}
            aria-pressed={sound}
            data-testid="queue-display-sound"
          >
            {intl.formatMessage({ id: sound ? 'queue.display.soundOn' : 'queue.display.sound' })}
          </Button>
        </Group>
        <div aria-live="assertive" aria-atomic="true" data-testid="queue-display-current">
          {newest ? (
            <Stack align="center" gap={0} className="queue-display-current" key={newest.id}>
              <Text className="queue-display-number">{newest.number}</Text>
              <Text className="queue-display-room">
                → <bdi>{newest.counterName}</bdi>
                {newest.room ? (
                  <>
                    {' · '}
                    <bdi>{newest.room}</bdi>
                  </>
                ) : null}
              </Text>
            </Stack>
          ) : (
            <Text size="xl" ta="center">
              {intl.formatMessage({ id: 'queue.display.noCalls' })}
            </Text>
          )}
        </div>
        {data && data.calls.length > 1 && (
          <Table className="queue-display-table" data-testid="queue-display-last" fz="xl">
            <Table.Caption>{intl.formatMessage({ id: 'queue.display.last' })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{intl.formatMessage({ id: 'queue.number' })}</Table.Th>
                <Table.Th scope="col">{intl.formatMessage({ id: 'queue.counterCol' })}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.calls.slice(1).map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td fw={700}>{c.number}</Table.Td>
                  <Table.Td>
                    <bdi>{c.counterName}</bdi>
                    {c.room ? ` · ${c.room}` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </PublicFrame>
    </div>
  );
}
