import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { Checkbox, NativeSelect, Stack, TextInput } from '@mantine/core';
import { HouseholdInput, type Person, householdKinds } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { fieldErrors, useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { schemaValidator } from '../../ui/validation';
import { personsApi } from './persons.api';

interface Values {
  kind: (typeof householdKinds)[number];
  bgNumber: string;
  others: string[];
}

type Role = 'head' | 'partner' | 'child' | 'other';
// The person's relation to a family member says which role that member has in the household.
const roleOf = (relation: Person['relations'][number]['relation']): Role =>
  relation === 'parent_of' || relation === 'guardian_of'
    ? 'child'
    : relation === 'spouse_of'
      ? 'partner'
      : 'other';

/** Forms a Bedarfsgemeinschaft or family from the person (as head) and the family members already linked. */
export function HouseholdForm({
  person,
  onSaved,
  onCancel,
}: {
  person: Person;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const labels = useLabels();
  const [error, setError] = useState<ApiError>();
  const toBody = (v: Values) => ({
    kind: v.kind,
    bgNumber: v.bgNumber.trim() === '' ? null : v.bgNumber,
    members: [
      { personId: person.id, role: 'head' as Role },
      ...person.relations
        .filter((r) => v.others.includes(r.relatedPersonId))
        .map((r) => ({ personId: r.relatedPersonId, role: roleOf(r.relation) })),
    ],
  });
  const form = useForm<Values>({
    initialValues: { kind: 'bedarfsgemeinschaft', bgNumber: '', others: [] },
    validate: schemaValidator(HouseholdInput, intl, toBody),
  });
  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      await personsApi.createHousehold(toBody(values));
      onSaved();
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="household-form">
      <Stack>
        <ErrorAlert error={error} />
        <NativeSelect
          label={intl.formatMessage({ id: 'household.kind' })}
          data={householdKinds.map((k) => ({ value: k, label: labels.householdKind(k) }))}
          data-autofocus
          {...form.getInputProps('kind')}
        />
        <TextInput
          label={intl.formatMessage({ id: 'household.bgNumber' })}
          dir="ltr"
          {...form.getInputProps('bgNumber')}
        />
        <Checkbox.Group
          label={intl.formatMessage({ id: 'household.members' })}
          description={intl.formatMessage({ id: 'household.membersHint' })}
          {...form.getInputProps('others')}
        >
          <Stack gap="xs" mt="xs">
            {person.relations.map((r) => (
              <Checkbox
                key={r.relatedPersonId}
                value={r.relatedPersonId}
                label={
                  <>
                    <bdi>{r.relatedDisplayName}</bdi> ({labels.relation(r.relation)})
                  </>
                }
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
