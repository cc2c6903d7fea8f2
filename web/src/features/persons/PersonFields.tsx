import { useIntl } from 'react-intl';
import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { contactChannels, identifierKinds, nameOrders, sexes } from '@lotse/common';
import type { MessageId } from '../../i18n/catalogues';
import { useLabels } from '../../i18n/labels';
import { useCountryOptions, useLanguageOptions } from './choices';
import type { PersonValues } from './person-form';

/** The person's fields, shared by the create and the edit form; identifiers only when creating. */
export function PersonFields({
  form,
  withIdentifiers,
}: {
  form: UseFormReturnType<PersonValues>;
  withIdentifiers: boolean;
}) {
  const intl = useIntl();
  const labels = useLabels();
  const countries = useCountryOptions();
  const languageOptions = useLanguageOptions();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const selectedLanguages = languageOptions.filter((o) => form.values.languages.includes(o.value));
  const comboboxProps = { withinPortal: true };

  return (
    <Stack gap="md">
      <Fieldset legend={t('person.section.names')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('person.givenNames')}
            data-autofocus
            data-testid="field-given-names"
            {...form.getInputProps('name.givenNames')}
          />
          <TextInput
            label={t('person.familyName')}
            required
            data-testid="field-family-name"
            {...form.getInputProps('name.familyName')}
          />
          <TextInput
            label={t('person.givenNamesOriginal')}
            description={t('person.originalHint')}
            dir="auto"
            data-testid="field-given-names-original"
            {...form.getInputProps('name.givenNamesOriginal')}
          />
          <TextInput
            label={t('person.familyNameOriginal')}
            description={t('person.originalHint')}
            dir="auto"
            data-testid="field-family-name-original"
            {...form.getInputProps('name.familyNameOriginal')}
          />
          <NativeSelect
            label={t('person.nameOrder')}
            data={nameOrders.map((o) => ({ value: o, label: labels.nameOrder(o) }))}
            {...form.getInputProps('nameOrder')}
          />
          <div />
          <TextInput
            label={t('person.birthName')}
            description={t('person.birthNameHint')}
            {...form.getInputProps('birthName.familyName')}
          />
          <TextInput
            label={t('person.birthNameOriginal')}
            dir="auto"
            {...form.getInputProps('birthName.familyNameOriginal')}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend={t('person.section.personal')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('person.sex')}
            data={sexes.map((s) => ({ value: s, label: labels.sex(s) }))}
            data-testid="field-sex"
            {...form.getInputProps('sex')}
          />
          <TextInput
            label={t('person.dateOfBirth')}
            description={t('person.dateOfBirthHint')}
            dir="ltr"
            inputMode="numeric"
            autoComplete="off"
            data-testid="field-date-of-birth"
            {...form.getInputProps('dateOfBirth')}
          />
          <TextInput
            label={t('person.placeOfBirth')}
            dir="auto"
            data-testid="field-place-of-birth"
            {...form.getInputProps('placeOfBirth')}
          />
          <Select
            label={t('person.countryOfBirth')}
            data={countries}
            searchable
            clearable
            comboboxProps={comboboxProps}
            data-testid="field-country-of-birth"
            {...form.getInputProps('countryOfBirth')}
            value={form.values.countryOfBirth || null}
            onChange={(value) => form.setFieldValue('countryOfBirth', value ?? '')}
          />
          <MultiSelect
            label={t('person.nationalities')}
            data={countries}
            searchable
            maxValues={5}
            comboboxProps={comboboxProps}
            data-testid="field-nationalities"
            {...form.getInputProps('nationalities')}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend={t('person.section.languages')}>
        <Stack>
          <MultiSelect
            label={t('person.languages')}
            data={languageOptions}
            searchable
            comboboxProps={comboboxProps}
            data-testid="field-languages"
            {...form.getInputProps('languages')}
          />
          {selectedLanguages.length > 0 && (
            <Checkbox.Group label={t('person.interpreterFor')} {...form.getInputProps('interpreterFor')}>
              <Group mt="xs">
                {selectedLanguages.map((o) => (
                  <Checkbox key={o.value} value={o.value} label={o.label} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
        </Stack>
      </Fieldset>

      <Fieldset legend={t('person.section.contact')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('person.street')} {...form.getInputProps('address.street')} />
          <TextInput label={t('person.careOf')} {...form.getInputProps('address.careOf')} />
          <TextInput label={t('person.postcode')} dir="ltr" {...form.getInputProps('address.postcode')} />
          <TextInput label={t('person.city')} {...form.getInputProps('address.city')} />
          <TextInput
            label={t('person.phone')}
            type="tel"
            dir="ltr"
            autoComplete="off"
            {...form.getInputProps('contact.phone')}
          />
          <TextInput
            label={t('person.email')}
            type="email"
            dir="ltr"
            autoComplete="off"
            {...form.getInputProps('contact.email')}
          />
          <NativeSelect
            label={t('person.preferredChannel')}
            data={[
              { value: '', label: '—' },
              ...contactChannels.map((c) => ({ value: c, label: labels.channel(c) })),
            ]}
            {...form.getInputProps('contact.preferredChannel')}
          />
          <NativeSelect
            label={t('person.preferredLanguage')}
            data={[{ value: '', label: '—' }, ...languageOptions]}
            {...form.getInputProps('contact.preferredLanguage')}
          />
        </SimpleGrid>
      </Fieldset>

      {withIdentifiers && (
        <Fieldset legend={t('person.section.identifiers')}>
          <Stack>
            {form.values.identifiers.map((_, index) => (
              <Group key={index} align="flex-end" wrap="nowrap" data-testid="identifier-input">
                <NativeSelect
                  label={t('identifier.kind')}
                  data={identifierKinds.map((k) => ({ value: k, label: labels.identifierKind(k) }))}
                  {...form.getInputProps(`identifiers.${index}.kind`)}
                />
                <TextInput
                  label={t('identifier.value')}
                  required
                  dir="ltr"
                  style={{ flex: 1 }}
                  data-testid="identifier-value"
                  {...form.getInputProps(`identifiers.${index}.value`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  size="lg"
                  mb={form.errors[`identifiers.${index}.value`] ? 26 : 4}
                  onClick={() => form.removeListItem('identifiers', index)}
                  aria-label={intl.formatMessage({ id: 'identifier.removeNumbered' }, { number: index + 1 })}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="light"
                leftSection={<IconPlus size={18} aria-hidden />}
                onClick={() => form.insertListItem('identifiers', { kind: 'azr', value: '' })}
                data-testid="identifier-add-row"
              >
                {t('identifier.addRow')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
      )}
    </Stack>
  );
}
