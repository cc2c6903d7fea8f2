import type { ReactNode } from 'react';
import { Badge, Paper, Stack, Text, Title } from '@mantine/core';
import type { CaseSummary, Referral } from '@lotse/common';
import { useCaseLabels } from './case-labels';

/** A titled section of a case management page (an <h2> and its content). */
export function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** "Nothing here" in a section. */
export function Empty() {
  const l = useCaseLabels();
  return <Text c="dimmed">{l.t('cases.none')}</Text>;
}

/** The person of a case or referral, or a note that the caller may not see them. */
export function personName(l: ReturnType<typeof useCaseLabels>, x: Pick<CaseSummary | Referral, 'person'>) {
  return x.person ? x.person.displayName : l.t('cases.noPerson');
}

/** A referral's status, with "overdue" beside it when it is. */
export function ReferralStatusBadge({ referral }: { referral: Referral }) {
  const l = useCaseLabels();
  return (
    <>
      <Badge variant="light" color="gray" data-testid="referral-status" data-status={referral.status}>
        {l.referralStatus(referral.status)}
      </Badge>{' '}
      {referral.overdue && (
        <Badge variant="light" color="red">
          {l.t('cases.overdue')}
        </Badge>
      )}
    </>
  );
}
