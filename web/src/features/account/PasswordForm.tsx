import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { Button, Card, Stack, Title } from '@mantine/core';
import { PasswordChangeBody } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { fieldErrors } from '../../i18n/labels';
import { PasswordField } from '../../ui/PasswordField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { SuccessNote } from '../../ui/SuccessNote';
import { schemaValidator } from '../../ui/validation';
import { authApi } from '../auth/auth.api';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Changes the own password; the server ends the user's other sessions. */
export function PasswordForm() {
  const intl = useIntl();
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const form = useForm<Values>({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: (values) => {
      const errors = schemaValidator(
        PasswordChangeBody,
        intl,
        ({ currentPassword, newPassword }: Values) => ({
          currentPassword,
          newPassword,
        }),
      )(values);
      if (!errors.newPassword && values.confirmPassword !== values.newPassword)
        errors.confirmPassword = intl.formatMessage({ id: 'validation.passwordMismatch' });
      return errors;
    },
  });
  const submit = form.onSubmit(async ({ currentPassword, newPassword }) => {
    setError(undefined);
    setDone(undefined);
    try {
      await authApi.changePassword({ currentPassword, newPassword });
      form.reset();
      setDone(intl.formatMessage({ id: 'account.passwordChanged' }));
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });
  return (
    <Card withBorder component="section" aria-labelledby="password-title">
      <Title order={2} size="h3" id="password-title" mb="md">
        {intl.formatMessage({ id: 'account.passwordTitle' })}
      </Title>
      <form onSubmit={submit} noValidate data-testid="password-form">
        <Stack maw={420}>
          <SuccessNote>{done}</SuccessNote>
          <ErrorAlert error={error} />
          <PasswordField
            label={intl.formatMessage({ id: 'account.currentPassword' })}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <PasswordField
            label={intl.formatMessage({ id: 'account.newPassword' })}
            description={intl.formatMessage({ id: 'account.passwordHint' })}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordField
            label={intl.formatMessage({ id: 'account.confirmPassword' })}
            autoComplete="new-password"
            required
            {...form.getInputProps('confirmPassword')}
          />
          <Button
            type="submit"
            loading={form.submitting}
            style={{ alignSelf: 'flex-start' }}
            data-testid="password-submit"
          >
            {intl.formatMessage({ id: 'account.passwordSubmit' })}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
