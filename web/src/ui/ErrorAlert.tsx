import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useIntl } from 'react-intl';
import type { ApiError } from '../api/client';
import { errorMessage } from '../i18n/labels';

/** An API error as a sentence the reader can act on; announced to screen readers. */
export function ErrorAlert({ error }: { error: ApiError | undefined }) {
  const intl = useIntl();
  if (!error) return null;
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title={intl.formatMessage({ id: 'error.title' })}
      data-testid="error-alert"
      data-error-code={error.code}
    >
      {errorMessage(intl, error)}
    </Alert>
  );
}
