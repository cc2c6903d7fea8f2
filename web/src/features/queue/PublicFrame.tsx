import { type ReactNode, useEffect } from 'react';
import { useIntl } from 'react-intl';
import { Alert, Box, Container, Group, Stack, Title } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { LanguageSelect } from '../../i18n/LanguageSelect';
import type { LiveState } from './live';

/** The frame of the public pages (kiosk, phone, display): one <main>, the <h1>, the language choice. */
export function PublicFrame({
  title,
  children,
  size = 'sm',
  live,
  languages = true,
  testId,
}: {
  title: string;
  children: ReactNode;
  size?: 'sm' | 'md' | 'xl';
  live?: LiveState;
  languages?: boolean;
  testId?: string;
}) {
  const intl = useIntl();
  useEffect(() => {
    document.title = intl.formatMessage({ id: 'app.pageTitle' }, { title });
  }, [intl, title]);
  return (
    <Box component="main" py="lg" data-testid={testId}>
      <Container size={size}>
        <Stack gap="lg">
          <Group justify="space-between" align="center">
            <Title order={1}>{title}</Title>
            {languages && <LanguageSelect />}
          </Group>
          {live === 'reconnecting' && (
            <Alert
              color="orange"
              variant="light"
              role="status"
              icon={<IconPlugConnected aria-hidden />}
              data-testid="queue-reconnecting"
            >
              {intl.formatMessage({ id: 'queue.live.reconnecting' })}
            </Alert>
          )}
          {children}
        </Stack>
      </Container>
    </Box>
  );
}
