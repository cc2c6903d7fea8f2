import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { Checkbox, Stack, TextInput } from '@mantine/core';
import { type Site, SiteInput } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { fieldErrors } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { schemaValidator } from '../../ui/validation';
import { adminApi } from './admin.api';

interface Props {
  site: Site | null;
  onSaved: (site: Site) => void;
  onCancel: () => void;
}

/** Adds a site, or changes one when `site` is given. */
export function SiteForm({ site, onSaved, onCancel }: Props) {
  const intl = useIntl();
  const [error, setError] = useState<ApiError>();
  const form = useForm<SiteInput>({
    initialValues: { name: site?.name ?? '', address: site?.address ?? '', active: site?.active ?? true },
    validate: schemaValidator(SiteInput, intl),
  });
  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      const body = SiteInput.parse(values);
      onSaved(site ? await adminApi.updateSite(site.id, body) : await adminApi.createSite(body));
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="site-form">
      <Stack>
        <ErrorAlert error={error} />
        <TextInput
          label={intl.formatMessage({ id: 'common.name' })}
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput label={intl.formatMessage({ id: 'sites.address' })} {...form.getInputProps('address')} />
        <Checkbox
          label={intl.formatMessage({ id: 'common.active' })}
          {...form.getInputProps('active', { type: 'checkbox' })}
        />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
