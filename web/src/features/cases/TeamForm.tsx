import { Button, Group, MultiSelect, Select, Stack } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { type Case, type CaseManagerOption, CaseTeamInput, type Organisation } from '@lotse/common';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSchemaForm } from '../../ui/use-schema-form';
import { agencyOptions } from './CaseForms';
import { casesApi } from './cases.api';
import { useCaseLabels } from './case-labels';

/** The responsible case manager (grouped by agency or partner) and the participating agencies. */
export function TeamFields({
  agencies,
  manager,
  participants,
}: {
  agencies: Organisation['agencies'];
  manager: GetInputPropsReturnType;
  participants: GetInputPropsReturnType;
}) {
  const l = useCaseLabels();
  const managers = useApi<CaseManagerOption[]>(casesApi.managersPath);
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const m of managers.data ?? [])
    groups.set(m.agency.name, [...(groups.get(m.agency.name) ?? []), { value: m.id, label: m.name }]);
  return (
    <>
      <ErrorAlert error={managers.error} />
      <Select
        label={l.t('cases.field.manager')}
        description={l.t('cases.team.managerHint')}
        required
        searchable
        allowDeselect={false}
        data={[...groups.entries()].map(([group, items]) => ({ group, items }))}
        data-testid="case-manager"
        {...manager}
      />
      <MultiSelect
        label={l.t('cases.field.participatingAgencies')}
        description={l.t('cases.team.participantsHint')}
        searchable
        data={agencyOptions(agencies)}
        data-testid="case-participants"
        {...participants}
      />
    </>
  );
}

/** Changes the case manager (handing the case over to another agency) and the participating agencies. */
export function TeamForm({
  theCase,
  agencies,
  onSaved,
}: {
  theCase: Case;
  agencies: Organisation['agencies'];
  onSaved: (c: Case) => void;
}) {
  const l = useCaseLabels();
  const { form, submit, error } = useSchemaForm({
    initialValues: {
      managerId: theCase.manager.id as string | null,
      participatingAgencyIds: theCase.participatingAgencies.map((a) => a.id),
    },
    schema: CaseTeamInput,
    toBody: (v) => ({ managerId: v.managerId ?? '', participatingAgencyIds: v.participatingAgencyIds }),
    save: async (body) => onSaved(await casesApi.team(theCase.id, body)),
    onSaved: () => undefined,
  });
  return (
    <form onSubmit={submit} noValidate data-testid="team-form">
      <Stack gap="xs">
        <ErrorAlert error={error} />
        <Group grow align="flex-start">
          <TeamFields
            agencies={agencies.filter((a) => a.id !== theCase.agency.id)}
            manager={form.getInputProps('managerId')}
            participants={form.getInputProps('participatingAgencyIds')}
          />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" variant="default" loading={form.submitting} data-testid="team-submit">
            {l.t('cases.action.saveTeam')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
