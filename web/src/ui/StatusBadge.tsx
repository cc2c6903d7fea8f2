import { Badge } from '@mantine/core';
import { useIntl } from 'react-intl';

/** Active or inactive, in colours that keep 4.5:1 contrast with white text. */
export function StatusBadge({ active }: { active: boolean }) {
  const intl = useIntl();
  return (
    <Badge color={active ? 'teal.9' : 'gray.7'} variant="filled">
      {intl.formatMessage({ id: active ? 'common.active' : 'common.inactive' })}
    </Badge>
  );
}
