import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { NativeSelect, Stack } from '@mantine/core';
import { RelationInput, relationKinds } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { fieldErrors, useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { schemaValidator } from '../../ui/validation';
import type { FormProps } from './IdentifierForm';
import { PersonPicker } from './PersonPicker';
import { personsApi } from './persons.api';

interface Values {
  relation: (typeof relationKinds)[number];
  relatedPersonId: string;
}

/** Links the person to a family member: "this person is parent of …". */
export function RelationForm({ personId, onSaved, onCancel }: FormProps) {
  const intl = useIntl();
  const labels = useLabels();
  const [error, setError] = useState<ApiError>();
  const form = useForm<Values>({
    initialValues: { relation: 'parent_of', relatedPersonId: '' },
    validate: schemaValidator(RelationInput, intl),
  });
  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      await personsApi.addRelation(personId, values);
      onSaved();
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="relation-form">
      <Stack>
        <ErrorAlert error={error} />
        <NativeSelect
          label={intl.formatMessage({ id: 'relation.kind' })}
          data={relationKinds.map((k) => ({ value: k, label: labels.relation(k) }))}
          data-autofocus
          {...form.getInputProps('relation')}
        />
        <PersonPicker
          label={intl.formatMessage({ id: 'relation.person' })}
          value={form.values.relatedPersonId || null}
          onChange={(id) => form.setFieldValue('relatedPersonId', id ?? '')}
          error={form.errors.relatedPersonId as string | undefined}
          excludeId={personId}
        />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
