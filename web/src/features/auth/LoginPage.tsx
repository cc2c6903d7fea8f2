import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { Box, Button, Container, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowLeft, IconLogin } from '@tabler/icons-react';
import { LoginBody, type OidcProviderSummary } from '@lotse/common';
import { ApiError, toApiError } from '../../api/client';
import { LanguageSelect } from '../../i18n/LanguageSelect';
import { isMessageId } from '../../i18n/catalogues';
import { fieldErrors } from '../../i18n/labels';
import { PasswordField } from '../../ui/PasswordField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { MAIN_ID, SkipLink } from '../../ui/SkipLink';
import { schemaValidator } from '../../ui/validation';
import { authApi } from './auth.api';
import { useAuth } from './AuthProvider';
import type { LoginLocationState } from './RequireAuth';

interface LoginValues {
  username: string;
  password: string;
  totp: string;
}

const toBody = (values: LoginValues, withTotp: boolean) => ({
  username: values.username,
  password: values.password,
  ...(withTotp ? { totp: values.totp.trim() } : {}),
});

/** Sign-in: user name and password, then the 6-digit code when the server asks for it; identity providers below. */
export function LoginPage() {
  const intl = useIntl();
  const { state, signedIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const locationState = (location.state ?? {}) as LoginLocationState;
  const oidcError = searchParams.get('error');

  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<ApiError | undefined>(() => {
    // The server sends identity-provider refusals back as ?error=CODE; an unknown code reads as a failed sign-in.
    if (oidcError)
      return new ApiError(0, isMessageId(`error.${oidcError}`) ? oidcError : 'OIDC_FAILED', oidcError);
    if (locationState.reason === 'SESSION_EXPIRED')
      return new ApiError(401, 'SESSION_EXPIRED', 'Session expired');
    return undefined;
  });
  const [providers, setProviders] = useState<OidcProviderSummary[]>([]);

  const form = useForm<LoginValues>({
    initialValues: { username: '', password: '', totp: '' },
    validate: (values) =>
      schemaValidator(LoginBody, intl, (v: LoginValues) => toBody(v, step === 'totp'))(values),
  });

  useEffect(() => {
    document.title = intl.formatMessage(
      { id: 'app.pageTitle' },
      { title: intl.formatMessage({ id: 'login.title' }) },
    );
  }, [intl]);

  useEffect(() => {
    let current = true;
    authApi
      .oidcProviders()
      .then((list) => current && setProviders(list))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);

  if (state.status === 'signedIn') return <Navigate to={locationState.from ?? '/'} replace />;

  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      const me = await authApi.login(LoginBody.parse(toBody(values, step === 'totp')));
      signedIn(me);
      void navigate(locationState.from ?? '/', { replace: true });
    } catch (e) {
      const apiError = toApiError(e);
      if (apiError.code === 'TOTP_REQUIRED') {
        setStep('totp');
        return;
      }
      if (apiError.code === 'TOTP_INVALID') form.setFieldValue('totp', '');
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });

  const back = () => {
    setStep('password');
    setError(undefined);
    form.setFieldValue('totp', '');
  };

  return (
    <>
      <SkipLink />
      <Box
        component="header"
        py="sm"
        px="md"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Group justify="space-between" maw={960} mx="auto">
          <Text fw={700} size="lg" c="lotse.9">
            {intl.formatMessage({ id: 'app.name' })}
          </Text>
          <LanguageSelect />
        </Group>
      </Box>
      <Box component="main" id={MAIN_ID} tabIndex={-1}>
        <Container size={440} py="xl">
          <Stack gap="lg">
            <Stack gap={4}>
              <Title order={1}>{intl.formatMessage({ id: 'login.title' })}</Title>
              <Text c="dimmed">{intl.formatMessage({ id: 'login.intro' })}</Text>
            </Stack>
            <ErrorAlert error={error} />
            <Paper withBorder p="lg" radius="md">
              <form
                onSubmit={submit}
                noValidate
                aria-label={intl.formatMessage({
                  id: step === 'password' ? 'login.title' : 'login.totpTitle',
                })}
              >
                {step === 'password' ? (
                  <Stack>
                    <TextInput
                      label={intl.formatMessage({ id: 'login.username' })}
                      autoComplete="username"
                      required
                      autoCapitalize="none"
                      spellCheck={false}
                      data-testid="login-username"
                      {...form.getInputProps('username')}
                    />
                    <PasswordField
                      label={intl.formatMessage({ id: 'login.password' })}
                      autoComplete="current-password"
                      required
                      data-testid="login-password"
                      {...form.getInputProps('password')}
                    />
                    <Button
                      type="submit"
                      leftSection={<IconLogin size={18} aria-hidden className="flip-rtl" />}
                      loading={form.submitting}
                      data-testid="login-submit"
                    >
                      {intl.formatMessage({ id: 'login.submit' })}
                    </Button>
                  </Stack>
                ) : (
                  <Stack>
                    <Title order={2} size="h4">
                      {intl.formatMessage({ id: 'login.totpTitle' })}
                    </Title>
                    <Text>{intl.formatMessage({ id: 'login.totpIntro' })}</Text>
                    <TextInput
                      label={intl.formatMessage({ id: 'login.totp' })}
                      autoComplete="one-time-code"
                      inputMode="numeric"
                      maxLength={6}
                      required
                      // Moving to the second step: put the cursor where the code goes.
                      autoFocus
                      dir="ltr"
                      data-testid="login-totp"
                      {...form.getInputProps('totp')}
                    />
                    <Group justify="space-between">
                      <Button
                        variant="subtle"
                        onClick={back}
                        leftSection={<IconArrowLeft size={18} aria-hidden className="flip-rtl" />}
                      >
                        {intl.formatMessage({ id: 'login.back' })}
                      </Button>
                      <Button type="submit" loading={form.submitting} data-testid="login-submit">
                        {intl.formatMessage({ id: 'login.totpSubmit' })}
                      </Button>
                    </Group>
                  </Stack>
                )}
              </form>
            </Paper>
            {providers.length > 0 && (
              <Stack gap="xs" component="section" aria-labelledby="oidc-title">
                <Title order={2} size="h4" id="oidc-title">
                  {intl.formatMessage({ id: 'login.oidcHeading' })}
                </Title>
                {providers.map((provider) => (
                  <Button
                    key={provider.municipalitySlug}
                    component="a"
                    href={provider.startUrl}
                    variant="outline"
                    data-testid={`oidc-${provider.municipalitySlug}`}
                  >
                    {intl.formatMessage({ id: 'login.oidc' }, { label: provider.label })}
                  </Button>
                ))}
              </Stack>
            )}
          </Stack>
        </Container>
      </Box>
    </>
  );
}
