import { useIntl } from 'react-intl';
import { NativeSelect, Stack, TextInput } from '@mantine/core';
import { type IdentifierKind, IdentifierInput, type Organisation, identifierKinds } from '@lotse/common';
import { useApi } from '../../api/use-api';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { useSchemaForm } from '../../ui/use-schema-form';
import { personsApi } from './persons.api';

interface Values {
  kind: IdentifierKind;
  value: string;
  agencyId: string;
}

// '' means "my agency": the API then records the caller's agency.
const toBody = (v: Values) => ({
  kind: v.kind,
  value: v.value,
  ...(v.agencyId ? { agencyId: v.agencyId } : {}),
});

/** Adds one identifier (AZR-Nummer, Kundennummer, …) of an agency to a person. */
export function IdentifierForm({ personId, onSaved, onCancel }: FormProps) {
  const intl = useIntl();
  const labels = useLabels();
  const organisation = useApi<Organisation>('/api/organisation');
  const { form, submit, error } = useSchemaForm<Values, typeof IdentifierInput>({
    initialValues: { kind: 'azr', value: '', agencyId: '' },
    schema: IdentifierInput,
    toBody,
    save: (body) => personsApi.addIdentifier(personId, body),
    onSaved,
  });
  return (
    <form onSubmit={submit} noValidate data-testid="identifier-form">
      <Stack>
        <ErrorAlert error={error} />
        <NativeSelect
          label={intl.formatMessage({ id: 'identifier.kind' })}
          data={identifierKinds.map((k) => ({ value: k, label: labels.identifierKind(k) }))}
          data-autofocus
          {...form.getInputProps('kind')}
        />
        <TextInput
          label={intl.formatMessage({ id: 'identifier.value' })}
          description={intl.formatMessage({ id: 'identifier.valueHint' })}
          required
          dir="ltr"
          spellCheck={false}
          data-testid="identifier-value"
          {...form.getInputProps('value')}
        />
        <NativeSelect
          label={intl.formatMessage({ id: 'identifier.agency' })}
          data={[
            { value: '', label: intl.formatMessage({ id: 'identifier.myAgency' }) },
            ...(organisation.data?.agencies ?? [])
              .filter((a) => a.kind === 'agency' && a.active)
              .map((a) => ({ value: a.id, label: a.name })),
          ]}
          {...form.getInputProps('agencyId')}
        />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}

export interface FormProps {
  personId: string;
  onSaved: () => void;
  onCancel: () => void;
}
