import { Center, Loader } from '@mantine/core';
import { useIntl } from 'react-intl';

export function Loading() {
  const intl = useIntl();
  return (
    <Center p="xl" role="status">
      <Loader aria-label={intl.formatMessage({ id: 'app.loading' })} />
    </Center>
  );
}
