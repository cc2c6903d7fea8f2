import type { ReactNode } from 'react';
import { Modal } from '@mantine/core';
import { useIntl } from 'react-intl';

/** A dialog around one create or edit form; its title names the dialog for screen readers. */
export function FormModal({
  opened,
  onClose,
  title,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  const intl = useIntl();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.cancel' }) }}
      data-testid="form-dialog"
    >
      {children}
    </Modal>
  );
}
