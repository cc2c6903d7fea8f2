import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { type EmergencyAccess, EmergencyAccessInput } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { fieldErrors } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { schemaValidator } from '../../ui/validation';
import { privacyApi } from './privacy.api';

/** Break the glass: a mandatory reason opens 30 minutes of full view, audited and reviewed. */
export function EmergencyAccessForm({
  personId,
  onOpened,
  onCancel,
}: {
  personId: string;
  onOpened: (access: EmergencyAccess) => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const [error, setError] = useState<ApiError>();
  const form = useForm({
    initialValues: { reason: '' },
    validate: schemaValidator(EmergencyAccessInput, intl),
  });
  const submit = form.onSubmit(async ({ reason }) => {
    setError(undefined);
    try {
      onOpened(await privacyApi.openEmergency(personId, reason.trim()));
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="emergency-form">
      <Stack>
        <ErrorAlert error={error} />
        <Text size="sm">{intl.formatMessage({ id: 'emergency.intro' })}</Text>
        <Textarea
          label={intl.formatMessage({ id: 'emergency.reason' })}
          description={intl.formatMessage({ id: 'emergency.reasonHint' })}
          required
          autosize
          minRows={3}
          data-autofocus
          data-testid="emergency-reason"
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onCancel}>
            {intl.formatMessage({ id: 'common.cancel' })}
          </Button>
          <Button type="submit" color="red.9" loading={form.submitting} data-testid="form-submit">
            {intl.formatMessage({ id: 'emergency.submit' })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
