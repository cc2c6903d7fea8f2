import { type ReactNode, useState } from 'react';
import { useIntl } from 'react-intl';
import { Button, Group, Stack } from '@mantine/core';
import { type ApiError, toApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';

/**
 * Asks before an action that cannot be undone (retiring a rule, deleting what is due): says what will happen,
 * runs `onConfirm` on the second click and shows the server's refusal in the dialog.
 */
export function ConfirmDialog({
  opened,
  title,
  confirmLabel,
  onConfirm,
  onClose,
  testId,
  children,
}: {
  opened: boolean;
  title: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  testId: string;
  children: ReactNode;
}) {
  const intl = useIntl();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const close = () => {
    setError(undefined);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormModal opened={opened} onClose={close} title={title}>
      <Stack data-testid={testId}>
        <ErrorAlert error={error} />
        {children}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={close}>
            {intl.formatMessage({ id: 'common.cancel' })}
          </Button>
          <Button
            color="red.9"
            loading={busy}
            onClick={() => void confirm()}
            data-testid={`${testId}-confirm`}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </FormModal>
  );
}
