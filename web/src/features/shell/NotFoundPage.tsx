import { Button, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { Page } from '../../ui/Page';

export function NotFoundPage() {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage({ id: 'notFound.title' })}>
      <div data-testid="not-found">
        <Text mb="md">{intl.formatMessage({ id: 'notFound.text' })}</Text>
        <Button component={Link} to="/" variant="light">
          {intl.formatMessage({ id: 'notFound.home' })}
        </Button>
      </div>
    </Page>
  );
}
