import { useIntl } from 'react-intl';
import { NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { ResidenceInput, residenceKinds } from '@lotse/common';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { useSchemaForm } from '../../ui/use-schema-form';
import type { FormProps } from './IdentifierForm';
import { personsApi } from './persons.api';

interface Values {
  kind: (typeof residenceKinds)[number];
  paragraph: string;
  validFrom: string;
  validUntil: string;
  note: string;
}

const orNull = (s: string) => (s.trim() === '' ? null : s);
const toBody = (v: Values) => ({
  kind: v.kind,
  paragraph: orNull(v.paragraph),
  validFrom: orNull(v.validFrom),
  validUntil: orNull(v.validUntil),
  note: orNull(v.note),
});

/** Records a residence status (title, Gestattung, Duldung, Fiktionsbescheinigung) with its validity. */
export function ResidenceForm({ personId, onSaved, onCancel }: FormProps) {
  const intl = useIntl();
  const labels = useLabels();
  const { form, submit, error } = useSchemaForm<Values, typeof ResidenceInput>({
    initialValues: { kind: 'aufenthaltserlaubnis', paragraph: '', validFrom: '', validUntil: '', note: '' },
    schema: ResidenceInput,
    toBody,
    save: (body) => personsApi.addResidence(personId, body),
    onSaved,
  });
  return (
    <form onSubmit={submit} noValidate data-testid="residence-form">
      <Stack>
        <ErrorAlert error={error} />
        <NativeSelect
          label={intl.formatMessage({ id: 'residence.kind' })}
          data={residenceKinds.map((k) => ({ value: k, label: labels.residenceKind(k) }))}
          data-autofocus
          {...form.getInputProps('kind')}
        />
        <TextInput
          label={intl.formatMessage({ id: 'residence.paragraph' })}
          description={intl.formatMessage({ id: 'residence.paragraphHint' })}
          {...form.getInputProps('paragraph')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={intl.formatMessage({ id: 'common.validFrom' })}
            {...form.getInputProps('validFrom')}
          />
          <TextInput
            type="date"
            label={intl.formatMessage({ id: 'common.validUntil' })}
            data-testid="residence-valid-until"
            {...form.getInputProps('validUntil')}
          />
        </SimpleGrid>
        <Textarea
          label={intl.formatMessage({ id: 'residence.note' })}
          autosize
          minRows={2}
          {...form.getInputProps('note')}
        />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
