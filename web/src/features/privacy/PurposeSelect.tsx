import { useIntl } from 'react-intl';
import { NativeSelect, type NativeSelectProps } from '@mantine/core';
import { IconTargetArrow } from '@tabler/icons-react';
import { purposes } from '@lotse/common';
import { choosePurpose, isPurpose, useRequestPurpose } from '../../api/purpose';
import { useLabels } from '../../i18n/labels';
import { useMe } from '../auth/AuthProvider';
import { defaultPurposeOf } from './purposes';

/**
 * The purpose the member works for: every request names it, and what they see of other agencies' data depends on
 * it. "Default of my agency" leaves the choice to the server (by the agency's legal domain).
 */
export function PurposeSelect({
  testId = 'purpose-select',
  ...props
}: NativeSelectProps & { testId?: string }) {
  const intl = useIntl();
  const labels = useLabels();
  const me = useMe();
  const purpose = useRequestPurpose();
  const label = intl.formatMessage({ id: 'purpose.label' });
  return (
    <NativeSelect
      aria-label={props.label ? undefined : label}
      title={label}
      value={purpose ?? ''}
      onChange={(event) => {
        const next = event.currentTarget.value;
        choosePurpose(isPurpose(next) ? next : null);
      }}
      data={[
        {
          value: '',
          label: intl.formatMessage(
            { id: 'purpose.default' },
            { purpose: labels.purpose(defaultPurposeOf(me.agency)) },
          ),
        },
        ...purposes.map((p) => ({ value: p, label: labels.purpose(p) })),
      ]}
      leftSection={<IconTargetArrow size={16} aria-hidden />}
      data-testid={testId}
      size="xs"
      {...props}
    />
  );
}
