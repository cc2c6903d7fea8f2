import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { Checkbox, Stack, TextInput } from '@mantine/core';
import { type Agency, type Role, type Staff, StaffUpdate } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { fieldErrors } from '../../i18n/labels';
import { PasswordField } from '../../ui/PasswordField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { schemaValidator } from '../../ui/validation';
import { adminApi } from './admin.api';
import { AgencyAndRoles } from './StaffFields';

interface Values {
  displayName: string;
  email: string;
  agencyId: string;
  roles: Role[];
  active: boolean;
  password: string;
}

// An empty password field means "keep it"; an empty e-mail means "none".
const toBody = (values: Values) => ({
  displayName: values.displayName,
  email: values.email.trim() === '' ? null : values.email.trim(),
  agencyId: values.agencyId,
  roles: values.roles,
  active: values.active,
  ...(values.password === '' ? {} : { password: values.password }),
});

/** Changes name, e-mail, agency, roles, active state and, optionally, the password of a staff account. */
export function StaffEditForm({
  staff,
  agencies,
  onSaved,
  onCancel,
}: {
  staff: Staff;
  agencies: Agency[];
  onSaved: (staff: Staff) => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const [error, setError] = useState<ApiError>();
  const form = useForm<Values>({
    initialValues: {
      displayName: staff.displayName,
      email: staff.email ?? '',
      agencyId: staff.agencyId,
      roles: staff.roles,
      active: staff.active,
      password: '',
    },
    validate: schemaValidator(StaffUpdate, intl, toBody),
  });
  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      onSaved(await adminApi.updateStaff(staff.id, StaffUpdate.parse(toBody(values))));
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="staff-edit-form">
      <Stack>
        <ErrorAlert error={error} />
        <TextInput
          label={intl.formatMessage({ id: 'staff.username' })}
          value={staff.username}
          readOnly
          dir="ltr"
        />
        <TextInput
          label={intl.formatMessage({ id: 'staff.displayName' })}
          required
          data-autofocus
          {...form.getInputProps('displayName')}
        />
        <TextInput
          label={intl.formatMessage({ id: 'staff.email' })}
          type="email"
          dir="ltr"
          {...form.getInputProps('email')}
        />
        <AgencyAndRoles form={form} agencies={agencies} />
        <Checkbox
          label={intl.formatMessage({ id: 'staff.active' })}
          {...form.getInputProps('active', { type: 'checkbox' })}
        />
        <PasswordField
          label={intl.formatMessage({ id: 'staff.newPassword' })}
          description={intl.formatMessage({ id: 'staff.newPasswordHint' })}
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
