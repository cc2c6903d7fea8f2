import { useIntl } from 'react-intl';
import { Alert, Text } from '@mantine/core';
import { Page } from '../../ui/Page';
import { useMe } from '../auth/AuthProvider';
import { PasswordForm } from './PasswordForm';
import { TotpSection } from './TotpSection';

/** The own account: password and second factor. */
export function AccountPage() {
  const intl = useIntl();
  const me = useMe();
  return (
    <Page title={intl.formatMessage({ id: 'account.title' })}>
      <Text>{intl.formatMessage({ id: 'account.username' }, { username: me.username })}</Text>
      {me.authMethod === 'oidc' && (
        <Alert color="lotse" variant="light">
          {intl.formatMessage({ id: 'account.oidcNote' })}
        </Alert>
      )}
      <PasswordForm />
      <TotpSection />
    </Page>
  );
}
