import { useIntl } from 'react-intl';
import { NativeSelect, NumberInput, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import {
  type Agency,
  type RetentionRecordType,
  type RetentionRule,
  RetentionRuleInput,
  retentionRecordTypes,
} from '@lotse/common';
import type { MessageId } from '../../i18n/catalogues';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { useSchemaForm } from '../../ui/use-schema-form';
import { privacyApi } from './privacy.api';

interface Values {
  agencyId: string;
  recordType: RetentionRecordType;
  years: number | string;
  paragraph: string;
  description: string;
}

// An empty number field is no number: the schema then says what is missing.
const toBody = (v: Values) => ({ ...v, years: v.years === '' ? undefined : Number(v.years) });

/**
 * Adds the retention rule of an agency for a record type, or changes the one in force (`rule`): the server keeps
 * one rule per agency and record type, so a change names the same two and only the period and provision change.
 */
export function RetentionRuleForm({
  rule,
  agencies,
  onSaved,
  onCancel,
}: {
  rule: RetentionRule | null;
  agencies: Agency[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const { form, submit, error } = useSchemaForm<Values, typeof RetentionRuleInput>({
    initialValues: {
      agencyId: rule?.agencyId ?? '',
      recordType: rule?.recordType ?? 'residence',
      years: rule?.years ?? '',
      paragraph: rule?.paragraph ?? '',
      description: rule?.description ?? '',
    },
    schema: RetentionRuleInput,
    toBody,
    save: (body) => privacyApi.saveRetentionRule(body),
    onSaved,
  });
  const agencyOptions = agencies
    .filter((a) => a.active || a.id === form.values.agencyId)
    .map((a) => ({ value: a.id, label: a.name }));

  return (
    <form onSubmit={submit} noValidate data-testid="retention-rule-form">
      <Stack>
        <ErrorAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('retention.agency')}
            required
            disabled={rule !== null}
            data={[{ value: '', label: t('retention.chooseAgency'), disabled: true }, ...agencyOptions]}
            data-autofocus
            data-testid="retention-rule-agency"
            {...form.getInputProps('agencyId')}
          />
          <NativeSelect
            label={t('retention.recordType')}
            description={t(`retentionHint.${form.values.recordType}`)}
            required
            disabled={rule !== null}
            data={retentionRecordTypes.map((type) => ({ value: type, label: t(`recordKind.${type}`) }))}
            data-testid="retention-rule-type"
            {...form.getInputProps('recordType')}
          />
        </SimpleGrid>
        <NumberInput
          label={t('retention.years')}
          description={t('retention.yearsHint')}
          required
          min={0}
          max={100}
          allowDecimal={false}
          allowNegative={false}
          w={220}
          data-testid="retention-rule-years"
          {...form.getInputProps('years')}
        />
        <TextInput
          label={t('retention.paragraph')}
          description={t('retention.paragraphHint')}
          required
          data-testid="retention-rule-paragraph"
          {...form.getInputProps('paragraph')}
        />
        <Textarea
          label={t('retention.description')}
          autosize
          minRows={2}
          dir="auto"
          data-testid="retention-rule-description"
          {...form.getInputProps('description')}
        />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
