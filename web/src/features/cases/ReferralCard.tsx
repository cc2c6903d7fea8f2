import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import type { Referral } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useMe } from '../auth/AuthProvider';
import { casesApi } from './cases.api';
import { useCaseLabels } from './case-labels';
import { personName, ReferralStatusBadge } from './parts';

type Step = 'accept' | 'decline' | 'done' | 'withdraw';
const FIELD: Record<Step, 'note' | 'reason' | 'outcome'> = {
  accept: 'note',
  decline: 'reason',
  done: 'outcome',
  withdraw: 'reason',
};

/** A referral with what its receiver (accept, decline, report done) or its sender (withdraw) may do next. */
export function ReferralCard({
  referral,
  onChanged,
}: {
  referral: Referral;
  onChanged: (r: Referral) => void;
}) {
  const l = useCaseLabels();
  const labels = useLabels();
  const me = useMe();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<Step>();
  const [error, setError] = useState<ApiError>();
  const receiver = referral.to.id === me.agency.id;
  const steps: Step[] = receiver
    ? referral.status === 'sent'
      ? ['accept', 'decline']
      : referral.status === 'accepted'
        ? ['done']
        : []
    : referral.status === 'sent' || referral.status === 'accepted'
      ? ['withdraw']
      : [];
  const label = (s: Step) =>
    l.t(
      s === 'accept'
        ? 'cases.action.accept'
        : s === 'decline'
          ? 'cases.action.decline'
          : s === 'done'
            ? 'cases.action.reportDone'
            : 'cases.action.withdraw',
    );
  const move = async (step: Step) => {
    setBusy(step);
    setError(undefined);
    try {
      onChanged(await casesApi.moveReferral(referral.id, step, { [FIELD[step]]: text }));
      setText('');
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Paper withBorder p="md" data-testid="referral-card" data-referral-id={referral.id}>
      <Stack gap="xs">
        <Group gap="xs">
          <Text fw={600}>
            {referral.from.agency.name} → {referral.to.name}
          </Text>
          <ReferralStatusBadge referral={referral} />
        </Group>
        <Text>
          {l.t('cases.field.person')}: <span data-testid="referral-person">{personName(l, referral)}</span>
        </Text>
        <Text>
          {l.t('cases.field.needText')}: {referral.need}
        </Text>
        {referral.handoverNote && (
          <Text>
            {l.t('cases.field.handoverNote')}: {referral.handoverNote}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {l.t('cases.field.from')}: {referral.from.staffName} · {l.t('cases.field.dueOn')}:{' '}
          {l.date(referral.dueOn)} · {l.t('cases.field.categories')}:{' '}
          {labels.list(referral.categories.map((c) => labels.category(c)))}
        </Text>
        {referral.responseHours !== null && (
          <Text size="sm">{l.t('cases.responseHours', { hours: referral.responseHours })}</Text>
        )}
        {referral.declineReason && (
          <Text size="sm">
            {l.t('cases.field.reason')}: {referral.declineReason}
          </Text>
        )}
        {referral.outcome && (
          <Text size="sm">
            {l.t('cases.field.outcome')}: {referral.outcome}
          </Text>
        )}
        <ErrorAlert error={error} />
        {steps.length > 0 && (
          <Group align="flex-end">
            <TextInput
              label={
                steps[0] === 'done'
                  ? l.t('cases.field.outcome')
                  : steps[0] === 'accept'
                    ? `${l.t('cases.field.answerNote')} / ${l.t('cases.field.reason')}`
                    : l.t('cases.field.reason')
              }
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              data-testid="referral-text"
            />
            {steps.map((s) => (
              <Button
                key={s}
                variant={s === 'accept' || s === 'done' ? 'filled' : 'default'}
                loading={busy === s}
                onClick={() => void move(s)}
                data-testid={`referral-${s}`}
              >
                {label(s)}
              </Button>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
