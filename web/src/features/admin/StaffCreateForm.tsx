import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { Stack, TextInput } from '@mantine/core';
import { type Agency, type Role, type Staff, StaffCreate } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { fieldErrors } from '../../i18n/labels';
import { PasswordField } from '../../ui/PasswordField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { schemaValidator } from '../../ui/validation';
import { adminApi } from './admin.api';
import { AgencyAndRoles } from './StaffFields';

interface Values {
  username: string;
  displayName: string;
  email: string;
  agencyId: string;
  roles: Role[];
  password: string;
}

const toBody = (values: Values) => ({
  ...values,
  email: values.email.trim() === '' ? null : values.email.trim(),
});

/** Creates a staff account with an initial password. */
export function StaffCreateForm({
  agencies,
  onSaved,
  onCancel,
}: {
  agencies: Agency[];
  onSaved: (staff: Staff) => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const [error, setError] = useState<ApiError>();
  const form = useForm<Values>({
    initialValues: { username: '', displayName: '', email: '', agencyId: '', roles: [], password: '' },
    validate: schemaValidator(StaffCreate, intl, toBody),
  });
  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      onSaved(await adminApi.createStaff(StaffCreate.parse(toBody(values))));
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="staff-create-form">
      <Stack>
        <ErrorAlert error={error} />
        <TextInput
          label={intl.formatMessage({ id: 'staff.username' })}
          description={intl.formatMessage({ id: 'staff.usernameHint' })}
          required
          dir="ltr"
          autoCapitalize="none"
          spellCheck={false}
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('username')}
        />
        <TextInput
          label={intl.formatMessage({ id: 'staff.displayName' })}
          required
          {...form.getInputProps('displayName')}
        />
        <TextInput
          label={intl.formatMessage({ id: 'staff.email' })}
          type="email"
          dir="ltr"
          {...form.getInputProps('email')}
        />
        <AgencyAndRoles form={form} agencies={agencies} />
        <PasswordField
          label={intl.formatMessage({ id: 'staff.password' })}
          description={intl.formatMessage({ id: 'staff.passwordHint' })}
          required
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
