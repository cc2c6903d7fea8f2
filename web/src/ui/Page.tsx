import { type ReactNode, useEffect } from 'react';
import { Group, Stack, Title } from '@mantine/core';
import { useIntl } from 'react-intl';

/** A page's one <h1>, mirrored into the document title, with the page's main actions beside it. */
export function Page({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const intl = useIntl();
  useEffect(() => {
    document.title = intl.formatMessage({ id: 'app.pageTitle' }, { title });
  }, [intl, title]);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={1}>{title}</Title>
        {actions}
      </Group>
      {children}
    </Stack>
  );
}
