import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { Checkbox, Group, NativeSelect, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import {
  type Agency,
  AgencyInput,
  type LegalDomain,
  type OrganisationKind,
  type Site,
  legalDomains,
  organisationKinds,
} from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { fieldErrors, useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { schemaValidator } from '../../ui/validation';
import { adminApi } from './admin.api';

interface Values {
  kind: OrganisationKind;
  code: string;
  name: string;
  legalDomains: LegalDomain[];
  siteId: string;
  active: boolean;
}

// The site select uses '' for "no site"; the API wants null.
const toBody = (values: Values) => ({ ...values, siteId: values.siteId === '' ? null : values.siteId });

interface Props {
  agency: Agency | null;
  sites: Site[];
  onSaved: (agency: Agency) => void;
  onCancel: () => void;
}

/** Adds an agency or partner, or changes one when `agency` is given. */
export function AgencyForm({ agency, sites, onSaved, onCancel }: Props) {
  const intl = useIntl();
  const labels = useLabels();
  const [error, setError] = useState<ApiError>();
  const form = useForm<Values>({
    initialValues: {
      kind: agency?.kind ?? 'agency',
      code: agency?.code ?? '',
      name: agency?.name ?? '',
      legalDomains: agency?.legalDomains ?? [],
      siteId: agency?.siteId ?? '',
      active: agency?.active ?? true,
    },
    validate: schemaValidator(AgencyInput, intl, toBody),
  });
  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      const body = AgencyInput.parse(toBody(values));
      onSaved(agency ? await adminApi.updateAgency(agency.id, body) : await adminApi.createAgency(body));
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="agency-form">
      <Stack>
        <ErrorAlert error={error} />
        <Radio.Group
          label={intl.formatMessage({ id: 'agencies.kind' })}
          required
          {...form.getInputProps('kind')}
        >
          <Group mt="xs">
            {organisationKinds.map((kind) => (
              <Radio key={kind} value={kind} label={labels.kind(kind)} />
            ))}
          </Group>
        </Radio.Group>
        <TextInput
          label={intl.formatMessage({ id: 'common.name' })}
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput
          label={intl.formatMessage({ id: 'agencies.code' })}
          description={intl.formatMessage({ id: 'agencies.codeHint' })}
          required
          dir="ltr"
          autoCapitalize="none"
          spellCheck={false}
          {...form.getInputProps('code')}
        />
        <Checkbox.Group
          label={intl.formatMessage({ id: 'agencies.legalDomains' })}
          description={intl.formatMessage({ id: 'agencies.legalDomainsHint' })}
          required
          {...form.getInputProps('legalDomains')}
        >
          <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs" spacing="xs">
            {legalDomains.map((domain) => (
              <Checkbox key={domain} value={domain} label={labels.domain(domain)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <NativeSelect
          label={intl.formatMessage({ id: 'agencies.site' })}
          data={[
            { value: '', label: intl.formatMessage({ id: 'agencies.noSite' }) },
            ...sites.map((site) => ({ value: site.id, label: site.name })),
          ]}
          {...form.getInputProps('siteId')}
        />
        <Checkbox
          label={intl.formatMessage({ id: 'common.active' })}
          {...form.getInputProps('active', { type: 'checkbox' })}
        />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
