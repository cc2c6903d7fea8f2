import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { Checkbox, Fieldset, MultiSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import {
  type Agency,
  type DataCategory,
  type IdentityField,
  type LegalBasis,
  LegalBasisInput,
  type Purpose,
  dataCategories,
  identityFields,
  purposes,
} from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import type { MessageId } from '../../i18n/catalogues';
import { fieldErrors, useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { schemaValidator } from '../../ui/validation';
import { usePersonFormat } from '../persons/person-format';
import { privacyApi } from './privacy.api';

interface Values {
  paragraph: string;
  title: string;
  description: string;
  fromAgencyIds: string[];
  toAgencyIds: string[];
  categories: DataCategory[];
  fields: IdentityField[];
  purposes: Purpose[];
  servedOnly: boolean;
  active: boolean;
}

// Fields limit identity_contact only: without that category they would be refused.
const toBody = (v: Values) => ({
  ...v,
  fields: v.categories.includes('identity_contact') ? v.fields : [],
});

// A list item's problem (`toAgencyIds.0`) belongs to the list.
const atFields = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([path, message]) => [path.split('.')[0] ?? path, message]));

/** Adds a legal basis for sharing between agencies, or changes one when `basis` is given. */
export function LegalBasisForm({
  basis,
  agencies,
  onSaved,
  onCancel,
}: {
  basis: LegalBasis | null;
  agencies: Agency[];
  onSaved: (basis: LegalBasis) => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const labels = useLabels();
  const format = usePersonFormat();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const [error, setError] = useState<ApiError>();
  const form = useForm<Values>({
    initialValues: {
      paragraph: basis?.paragraph ?? '',
      title: basis?.title ?? '',
      description: basis?.description ?? '',
      fromAgencyIds: basis?.fromAgencyIds ?? [],
      toAgencyIds: basis?.toAgencyIds ?? [],
      categories: basis?.categories ?? [],
      fields: basis?.fields ?? [],
      purposes: basis?.purposes ?? [],
      servedOnly: basis?.servedOnly ?? false,
      active: basis?.active ?? true,
    },
    validate: schemaValidator(LegalBasisInput, intl, toBody),
  });
  // Legal bases apply between agencies; partners only ever receive on consent.
  const agencyOptions = agencies
    .filter(
      (a) =>
        a.kind === 'agency' &&
        (a.active || [...form.values.fromAgencyIds, ...form.values.toAgencyIds].includes(a.id)),
    )
    .map((a) => ({ value: a.id, label: a.name }));
  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      const body = LegalBasisInput.parse(toBody(values));
      onSaved(
        basis ? await privacyApi.updateLegalBasis(basis.id, body) : await privacyApi.createLegalBasis(body),
      );
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(atFields(fieldErrors(intl, apiError)));
      setError(apiError);
    }
  });

  return (
    <form onSubmit={submit} noValidate data-testid="legal-basis-form">
      <Stack>
        <ErrorAlert error={error} />
        <TextInput
          label={t('legalBases.paragraph')}
          description={t('legalBases.paragraphHint')}
          required
          data-autofocus
          data-testid="legal-basis-paragraph"
          {...form.getInputProps('paragraph')}
        />
        <TextInput
          label={t('legalBases.name')}
          required
          data-testid="legal-basis-title"
          {...form.getInputProps('title')}
        />
        <Textarea
          label={t('legalBases.description')}
          autosize
          minRows={2}
          {...form.getInputProps('description')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect
            label={t('legalBases.from')}
            description={t('legalBases.agenciesHint')}
            placeholder={form.values.fromAgencyIds.length === 0 ? t('legalBases.allAgencies') : undefined}
            data={agencyOptions}
            searchable
            comboboxProps={{ withinPortal: true }}
            data-testid="legal-basis-from"
            {...form.getInputProps('fromAgencyIds')}
          />
          <MultiSelect
            label={t('legalBases.to')}
            description={t('legalBases.agenciesHint')}
            placeholder={form.values.toAgencyIds.length === 0 ? t('legalBases.allAgencies') : undefined}
            data={agencyOptions}
            searchable
            comboboxProps={{ withinPortal: true }}
            data-testid="legal-basis-to"
            {...form.getInputProps('toAgencyIds')}
          />
        </SimpleGrid>
        <Checkbox.Group label={t('consent.categories')} required {...form.getInputProps('categories')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
            {dataCategories.map((c) => (
              <Checkbox
                key={c}
                value={c}
                label={labels.category(c)}
                data-testid={`legal-basis-category-${c}`}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {form.values.categories.includes('identity_contact') && (
          <Fieldset legend={t('legalBases.fields')}>
            <Checkbox.Group
              aria-label={t('legalBases.fields')}
              description={t('legalBases.fieldsHint')}
              {...form.getInputProps('fields')}
            >
              <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs" spacing="xs">
                {identityFields.map((f) => (
                  <Checkbox key={f} value={f} label={format.field(f)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          </Fieldset>
        )}
        <Checkbox.Group label={t('legalBases.purposes')} required {...form.getInputProps('purposes')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
            {purposes.map((p) => (
              <Checkbox
                key={p}
                value={p}
                label={labels.purpose(p)}
                data-testid={`legal-basis-purpose-${p}`}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Checkbox
          label={t('legalBases.servedOnly')}
          description={t('legalBases.servedOnlyHint')}
          {...form.getInputProps('servedOnly', { type: 'checkbox' })}
        />
        <Checkbox label={t('common.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
