import { useState } from 'react';
import { useParams } from 'react-router';
import { SegmentedControl, Stack } from '@mantine/core';
import type { Referral } from '@lotse/common';
import { upsert, useApi } from '../../api/use-api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { casesApi } from './cases.api';
import { useCaseLabels } from './case-labels';
import { Empty } from './parts';
import { ReferralCard } from './ReferralCard';

/** Referrals addressed to the caller's agency or partner (incoming), or sent by it (outgoing). */
export function ReferralsPage() {
  const l = useCaseLabels();
  const [box, setBox] = useState<'incoming' | 'outgoing'>('incoming');
  const list = useApi<Referral[]>(casesApi.referralsPath(box));
  return (
    <Page title={l.t('cases.referrals.title')} testId="referrals-page">
      <SegmentedControl
        value={box}
        onChange={(v) => setBox(v as typeof box)}
        data={[
          { value: 'incoming', label: l.t('cases.referrals.incoming') },
          { value: 'outgoing', label: l.t('cases.referrals.outgoing') },
        ]}
        aria-label={l.t('cases.referrals.title')}
      />
      <ErrorAlert error={list.error} />
      {!list.data ? (
        !list.error && <Loading />
      ) : list.data.length === 0 ? (
        <Empty />
      ) : (
        <Stack>
          {list.data.map((r) => (
            <ReferralCard
              key={r.id}
              referral={r}
              onChanged={(next) => list.update((all) => upsert(all ?? [], next))}
            />
          ))}
        </Stack>
      )}
    </Page>
  );
}

/** One referral (from the worklist, a case or a person's timeline). */
export function ReferralPage() {
  const { id = '' } = useParams();
  const l = useCaseLabels();
  const one = useApi<Referral>(casesApi.referralPath(id));
  return (
    <Page title={l.t('cases.referral.title')} testId="referral-page">
      <ErrorAlert error={one.error} />
      {one.data ? (
        <ReferralCard referral={one.data} onChanged={(next) => one.update(() => next)} />
      ) : (
        !one.error && <Loading />
      )}
    </Page>
  );
}
