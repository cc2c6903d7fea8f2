import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconLink } from '@tabler/icons-react';
import type { AuditVerification } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { auditApi } from './audit.api';

/** Checks the hash chain on the server and says whether it holds, or where it breaks. */
export function VerifyChain() {
  const intl = useIntl();
  const [result, setResult] = useState<AuditVerification>();
  const [error, setError] = useState<ApiError>();
  const [checking, setChecking] = useState(false);
  const verify = async () => {
    setChecking(true);
    setError(undefined);
    try {
      setResult(await auditApi.verify());
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setChecking(false);
    }
  };
  return (
    <Stack gap="sm">
      <Button
        variant="outline"
        leftSection={<IconLink size={18} aria-hidden />}
        onClick={() => void verify()}
        loading={checking}
        style={{ alignSelf: 'flex-start' }}
        data-testid="audit-verify"
      >
        {intl.formatMessage({ id: 'audit.verify' })}
      </Button>
      <ErrorAlert error={error} />
      {result && (
        <Alert
          role="status"
          color={result.ok ? 'teal' : 'red'}
          variant="light"
          icon={result.ok ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
          data-testid="audit-verify-result"
          data-ok={result.ok}
        >
          {result.ok || !result.firstBroken
            ? intl.formatMessage({ id: 'audit.verifyOk' }, { count: result.checked })
            : intl.formatMessage(
                { id: 'audit.verifyBroken' },
                { seq: result.firstBroken.seq, reason: result.firstBroken.reason },
              )}
        </Alert>
      )}
    </Stack>
  );
}
