import { type ReactNode, useEffect } from 'react';
import { Group, Stack, Title } from '@mantine/core';
import { useIntl } from 'react-intl';

/** A page's one <h1>, mirrored into the document title, with the page's main actions beside it. */
export function Page({
  title,
  children,
  actions,
  heading,
  testId,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  /** What the <h1> shows when it needs more than the plain title (e.g. a name in two scripts). */
  heading?: ReactNode;
  testId?: string;
}) {
  const intl = useIntl();
  useEffect(() => {
    document.title = intl.formatMessage({ id: 'app.pageTitle' }, { title });
  }, [intl, title]);
  return (
    <Stack gap="lg" data-testid={testId}>
      <Group justify="space-between" align="center" gap="sm">
        <Title order={1}>{heading ?? title}</Title>
        {actions}
      </Group>
      {children}
    </Stack>
  );
}
