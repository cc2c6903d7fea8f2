import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { Stack } from '@mantine/core';
import { type Person, PersonUpdate } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { fieldErrors } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { schemaValidator } from '../../ui/validation';
import { PersonFields } from './PersonFields';
import { type PersonValues, changedFieldsBody, personFieldsBody, personValues } from './person-form';
import { personsApi } from './persons.api';

/** Changes a person's names and personal data; the server keeps the old values in the history. */
export function PersonEditForm({
  person,
  onSaved,
  onCancel,
}: {
  person: Person;
  onSaved: (person: Person) => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const [error, setError] = useState<ApiError>();
  const form = useForm<PersonValues>({
    initialValues: personValues(person),
    validate: schemaValidator(PersonUpdate, intl, personFieldsBody),
  });
  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      onSaved(await personsApi.update(person.id, PersonUpdate.parse(changedFieldsBody(person, values))));
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="person-edit-form">
      <Stack>
        <ErrorAlert error={error} />
        <PersonFields form={form} withIdentifiers={false} />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
