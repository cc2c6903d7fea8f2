import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { Button, Card, Code, Group, Image, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { TotpCodeBody, type TotpSetup } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { fieldErrors } from '../../i18n/labels';
import { PasswordField } from '../../ui/PasswordField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { SuccessNote } from '../../ui/SuccessNote';
import { schemaValidator } from '../../ui/validation';
import { authApi } from '../auth/auth.api';
import { useAuth, useMe } from '../auth/AuthProvider';

function EnableForm({ setup, onDone }: { setup: TotpSetup; onDone: () => void }) {
  const intl = useIntl();
  const [error, setError] = useState<ApiError>();
  const form = useForm({ initialValues: { code: '' }, validate: schemaValidator(TotpCodeBody, intl) });
  const submit = form.onSubmit(async ({ code }) => {
    setError(undefined);
    try {
      await authApi.enableTotp(code.trim());
      onDone();
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });
  return (
    <Stack>
      <Text>{intl.formatMessage({ id: 'account.totpScan' })}</Text>
      <Image
        src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrSvg)}`}
        alt={intl.formatMessage({ id: 'account.totpQrAlt' })}
        w={200}
        h={200}
        bg="white"
        data-testid="totp-qr"
      />
      <Text size="sm">
        {intl.formatMessage({ id: 'account.totpSecret' })}:{' '}
        <Code dir="ltr" data-testid="totp-secret">
          {setup.secret}
        </Code>
      </Text>
      <form onSubmit={submit} noValidate data-testid="totp-enable-form">
        <Stack maw={420}>
          <ErrorAlert error={error} />
          <TextInput
            label={intl.formatMessage({ id: 'account.totpCode' })}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            dir="ltr"
            data-testid="totp-code"
            {...form.getInputProps('code')}
          />
          <Button
            type="submit"
            loading={form.submitting}
            style={{ alignSelf: 'flex-start' }}
            data-testid="totp-enable"
          >
            {intl.formatMessage({ id: 'account.totpEnable' })}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

function DisableForm({ onDone }: { onDone: () => void }) {
  const intl = useIntl();
  const [error, setError] = useState<ApiError>();
  const form = useForm({
    initialValues: { password: '' },
    validate: (values) =>
      values.password === '' ? { password: intl.formatMessage({ id: 'validation.required' }) } : {},
  });
  const submit = form.onSubmit(async ({ password }) => {
    setError(undefined);
    try {
      await authApi.disableTotp(password);
      onDone();
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="totp-disable-form">
      <Stack maw={420}>
        <ErrorAlert error={error} />
        <PasswordField
          label={intl.formatMessage({ id: 'account.totpDisablePassword' })}
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <Button
          type="submit"
          color="red.9"
          loading={form.submitting}
          style={{ alignSelf: 'flex-start' }}
          data-testid="totp-disable"
        >
          {intl.formatMessage({ id: 'account.totpDisable' })}
        </Button>
      </Stack>
    </form>
  );
}

/** The TOTP second factor: set it up with QR code and a confirming code, or turn it off with the password. */
export function TotpSection() {
  const intl = useIntl();
  const me = useMe();
  const { refresh } = useAuth();
  const [setup, setSetup] = useState<TotpSetup>();
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const [starting, setStarting] = useState(false);

  const start = async () => {
    setError(undefined);
    setDone(undefined);
    setStarting(true);
    try {
      setSetup(await authApi.setupTotp());
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setStarting(false);
    }
  };
  const finished = (message: 'account.totpEnabled' | 'account.totpDisabled') => {
    setSetup(undefined);
    setDone(intl.formatMessage({ id: message }));
    void refresh();
  };

  return (
    <Card withBorder component="section" aria-labelledby="totp-title">
      <Title order={2} size="h3" id="totp-title" mb="md">
        {intl.formatMessage({ id: 'account.totpTitle' })}
      </Title>
      <Stack>
        <SuccessNote>{done}</SuccessNote>
        <ErrorAlert error={error} />
        <Group gap="xs" data-testid="totp-status" data-enabled={me.totpEnabled}>
          {me.totpEnabled && <IconShieldCheck size={20} aria-hidden color="var(--mantine-color-teal-9)" />}
          <Text>{intl.formatMessage({ id: me.totpEnabled ? 'account.totpOn' : 'account.totpOff' })}</Text>
        </Group>
        {me.totpEnabled ? (
          <DisableForm onDone={() => finished('account.totpDisabled')} />
        ) : setup ? (
          <EnableForm setup={setup} onDone={() => finished('account.totpEnabled')} />
        ) : (
          <Button
            onClick={() => void start()}
            loading={starting}
            style={{ alignSelf: 'flex-start' }}
            data-testid="totp-start"
          >
            {intl.formatMessage({ id: 'account.totpStart' })}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
