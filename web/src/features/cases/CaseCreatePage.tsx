import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { CaseInput, type Organisation, type Person, stagesOfLife } from '@lotse/common';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Page } from '../../ui/Page';
import { useSchemaForm } from '../../ui/use-schema-form';
import { useMe } from '../auth/AuthProvider';
import { PersonPicker } from '../persons/PersonPicker';
import { casesApi } from './cases.api';
import { useCaseLabels } from './case-labels';
import { TeamFields } from './TeamForm';

/**
 * Opens a case: the person (found in the registry), or a household of theirs as a whole, a title, the stage of life,
 * the responsible case manager (of any agency or partner, e.g. a welfare association) and participating agencies.
 */
export function CaseCreatePage() {
  const l = useCaseLabels();
  const labels = useLabels();
  const me = useMe();
  const navigate = useNavigate();
  const organisation = useApi<Organisation>('/api/organisation');
  const [loaded, setLoaded] = useState<{ personId: string; households: Person['households'] }>();
  const { form, submit, error } = useSchemaForm({
    initialValues: {
      personId: null as string | null,
      householdId: null as string | null,
      title: '',
      stageOfLife: 'adult',
      managerId: me.id as string | null,
      participatingAgencyIds: [] as string[],
    },
    schema: CaseInput,
    toBody: (v) => ({
      personId: v.personId ?? '',
      householdId: v.householdId,
      title: v.title,
      stageOfLife: v.stageOfLife,
      managerId: v.managerId,
      participatingAgencyIds: v.participatingAgencyIds,
    }),
    save: async (body) => navigate(`/cases/${(await casesApi.open(body)).id}`),
    onSaved: () => undefined,
  });
  const personId = form.values.personId;
  // The households of the chosen person (a case may accompany one as a whole).
  useEffect(() => {
    let current = true;
    if (personId)
      api
        .get<Person>(`/api/persons/${personId}`)
        .then((p) => current && setLoaded({ personId, households: p.households }))
        .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [personId]);
  const households = loaded && loaded.personId === personId ? loaded.households : [];

  return (
    <Page title={l.t('cases.create.title')} testId="case-create">
      <form onSubmit={submit} noValidate>
        <Stack maw={640}>
          <ErrorAlert error={error} />
          <PersonPicker
            label={l.t('cases.field.person')}
            value={form.values.personId}
            onChange={(id) => {
              form.setFieldValue('personId', id);
              form.setFieldValue('householdId', null);
            }}
            error={form.errors.personId as string | undefined}
          />
          <Select
            label={l.t('cases.field.household')}
            description={l.t('cases.create.householdHint')}
            placeholder={l.t('cases.create.personOnly')}
            clearable
            disabled={households.length === 0}
            data={households.map((h) => ({
              value: h.id,
              label: `${labels.householdKind(h.kind)}: ${h.members.map((m) => m.displayName).join(', ')}`,
            }))}
            data-testid="case-household"
            {...form.getInputProps('householdId')}
          />
          <TextInput
            label={l.t('cases.field.title')}
            required
            data-testid="case-title"
            {...form.getInputProps('title')}
          />
          <Select
            label={l.t('cases.field.stageOfLife')}
            required
            allowDeselect={false}
            data={stagesOfLife.map((s) => ({ value: s, label: l.stage(s) }))}
            data-testid="case-stage"
            {...form.getInputProps('stageOfLife')}
          />
          <TeamFields
            agencies={(organisation.data?.agencies ?? []).filter((a) => a.id !== me.agency.id)}
            manager={form.getInputProps('managerId')}
            participants={form.getInputProps('participatingAgencyIds')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting} data-testid="case-create-submit">
              {l.t('cases.action.newCase')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
