import { Button, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { Page } from '../../ui/Page';

export function ForbiddenPage() {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage({ id: 'forbidden.title' })}>
      <div data-testid="forbidden">
        <Text mb="md">
          <IconLock size={18} aria-hidden style={{ verticalAlign: 'middle', marginInlineEnd: 8 }} />
          {intl.formatMessage({ id: 'forbidden.text' })}
        </Text>
        <Button component={Link} to="/" variant="light">
          {intl.formatMessage({ id: 'notFound.home' })}
        </Button>
      </div>
    </Page>
  );
}
