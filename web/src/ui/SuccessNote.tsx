import { Alert } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';

/** A short confirmation, announced politely. */
export function SuccessNote({ children }: { children: string | undefined }) {
  if (!children) return null;
  return (
    <Alert
      role="status"
      color="teal"
      variant="light"
      icon={<IconCircleCheck aria-hidden />}
      data-testid="success-note"
    >
      {children}
    </Alert>
  );
}
