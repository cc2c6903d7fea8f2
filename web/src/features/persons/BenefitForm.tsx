import { useIntl } from 'react-intl';
import { NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { BenefitInput, benefitSystems } from '@lotse/common';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { useSchemaForm } from '../../ui/use-schema-form';
import type { FormProps } from './IdentifierForm';
import { personsApi } from './persons.api';

interface Values {
  system: (typeof benefitSystems)[number];
  validFrom: string;
  validUntil: string;
  reference: string;
}

const toBody = (v: Values) => ({
  system: v.system,
  validFrom: v.validFrom,
  validUntil: v.validUntil.trim() === '' ? null : v.validUntil,
  reference: v.reference.trim() === '' ? null : v.reference,
});

/** Records that a person belongs to a benefit system from a date (membership changes over time). */
export function BenefitForm({ personId, onSaved, onCancel }: FormProps) {
  const intl = useIntl();
  const labels = useLabels();
  const { form, submit, error } = useSchemaForm<Values, typeof BenefitInput>({
    initialValues: { system: 'SGB_II', validFrom: '', validUntil: '', reference: '' },
    schema: BenefitInput,
    toBody,
    save: (body) => personsApi.addBenefit(personId, body),
    onSaved,
  });
  return (
    <form onSubmit={submit} noValidate data-testid="benefit-form">
      <Stack>
        <ErrorAlert error={error} />
        <NativeSelect
          label={intl.formatMessage({ id: 'benefit.system' })}
          data={benefitSystems.map((s) => ({ value: s, label: labels.benefitSystem(s) }))}
          data-autofocus
          {...form.getInputProps('system')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            required
            label={intl.formatMessage({ id: 'common.validFrom' })}
            {...form.getInputProps('validFrom')}
          />
          <TextInput
            type="date"
            label={intl.formatMessage({ id: 'common.validUntil' })}
            {...form.getInputProps('validUntil')}
          />
        </SimpleGrid>
        <TextInput
          label={intl.formatMessage({ id: 'benefit.reference' })}
          dir="ltr"
          {...form.getInputProps('reference')}
        />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
