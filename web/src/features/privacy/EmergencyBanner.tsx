import { useIntl } from 'react-intl';
import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

/** Shown while an emergency access to the person is open for the member: everything is visible and audited. */
export function EmergencyBanner({ expiresAt }: { expiresAt?: string }) {
  const intl = useIntl();
  return (
    <Alert
      color="red.9"
      variant="filled"
      icon={<IconAlertTriangle aria-hidden />}
      title={intl.formatMessage({ id: 'emergency.active' })}
      data-testid="emergency-banner"
    >
      {intl.formatMessage({ id: 'emergency.activeText' })}
      {expiresAt && (
        <>
          {' '}
          {intl.formatMessage(
            { id: 'emergency.activeUntil' },
            { time: intl.formatTime(expiresAt, { hour: '2-digit', minute: '2-digit' }) },
          )}
        </>
      )}
    </Alert>
  );
}
