import { useNavigate } from 'react-router';
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { CaseInput, stagesOfLife } from '@lotse/common';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Page } from '../../ui/Page';
import { useSchemaForm } from '../../ui/use-schema-form';
import { PersonPicker } from '../persons/PersonPicker';
import { casesApi } from './cases.api';
import { useCaseLabels } from './case-labels';

/** Opens a case: the person (found in the registry), a title and the stage of life. */
export function CaseCreatePage() {
  const l = useCaseLabels();
  const navigate = useNavigate();
  const { form, submit, error } = useSchemaForm({
    initialValues: { personId: null as string | null, title: '', stageOfLife: 'adult' },
    schema: CaseInput,
    toBody: (v) => ({ personId: v.personId ?? '', title: v.title, stageOfLife: v.stageOfLife }),
    save: async (body) => navigate(`/cases/${(await casesApi.open(body)).id}`),
    onSaved: () => undefined,
  });
  return (
    <Page title={l.t('cases.create.title')} testId="case-create">
      <form onSubmit={submit} noValidate>
        <Stack maw={640}>
          <ErrorAlert error={error} />
          <PersonPicker
            label={l.t('cases.field.person')}
            value={form.values.personId}
            onChange={(id) => form.setFieldValue('personId', id)}
            error={form.errors.personId as string | undefined}
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
