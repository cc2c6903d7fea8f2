import { Center, Loader } from '@mantine/core';
import { useIntl } from 'react-intl';

/** A spinner, announced as "loading" (a label on the spinner itself is not allowed: it has no role). */
export function Loading() {
  const intl = useIntl();
  return (
    <Center p="xl" role="status">
      <Loader aria-hidden />
      <span className="visually-hidden">{intl.formatMessage({ id: 'app.loading' })}</span>
    </Center>
  );
}
