import { useState } from 'react';
import { Button, Group, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import {
  AssessmentInput,
  type Case,
  closingReasons,
  ConferenceInput,
  GoalInput,
  lifeAreas,
  MinutesInput,
  needLevels,
  ObstacleInput,
  type Organisation,
  PhaseInput,
  StepInput,
  stepKinds,
  TaskInput,
} from '@lotse/common';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSchemaForm } from '../../ui/use-schema-form';
import { casesApi } from './cases.api';
import { useCaseLabels } from './case-labels';

type Saved = (c: Case) => void;
type Agencies = Organisation['agencies'];
export const agencyOptions = (agencies: Agencies) =>
  agencies.filter((a) => a.active).map((a) => ({ value: a.id, label: a.name }));

/** Moves the case to another phase; the last phase closes it with a reason. */
export function PhaseForm({ theCase, onSaved }: { theCase: Case; onSaved: Saved }) {
  const l = useCaseLabels();
  const { form, submit, error } = useSchemaForm({
    initialValues: { phase: theCase.phase, closingReason: '' },
    schema: PhaseInput,
    toBody: (v) => ({ phase: v.phase, closingReason: v.closingReason || null }),
    save: async (body) => onSaved(await casesApi.phase(theCase.id, body)),
    onSaved: () => undefined,
  });
  const closing = form.values.phase === theCase.phases[theCase.phases.length - 1];
  return (
    <form onSubmit={submit} noValidate data-testid="phase-form">
      <ErrorAlert error={error} />
      <Group align="flex-end">
        <Select
          label={l.t('cases.field.phase')}
          allowDeselect={false}
          data={theCase.phases.map((p) => ({ value: p, label: l.phase(p) }))}
          data-testid="phase-select"
          {...form.getInputProps('phase')}
        />
        {closing && (
          <Select
            label={l.t('cases.field.closingReason')}
            required
            data={closingReasons.map((r) => ({ value: r, label: l.closing(r) }))}
            data-testid="closing-reason"
            {...form.getInputProps('closingReason')}
          />
        )}
        <Button type="submit" variant="default" loading={form.submitting} data-testid="phase-submit">
          {l.t('cases.action.changePhase')}
        </Button>
      </Group>
    </form>
  );
}

/** Assesses one life area at a time: the situation, the person's own goal, the need. */
export function AssessmentForm({ theCase, onSaved }: { theCase: Case; onSaved: Saved }) {
  const l = useCaseLabels();
  const ordered = [
    ...theCase.suggestedAreas,
    ...lifeAreas.filter((a) => !theCase.suggestedAreas.includes(a)),
  ];
  const { form, submit, error } = useSchemaForm({
    initialValues: { area: ordered[0] as string, situation: '', goal: '', need: 'medium' },
    schema: AssessmentInput,
    toBody: (v) => ({ entries: [{ area: v.area, situation: v.situation, goal: v.goal, need: v.need }] }),
    save: async (body) => onSaved(await casesApi.assess(theCase.id, body)),
    onSaved: () => {
      form.setValues({ situation: '', goal: '' });
    },
  });
  return (
    <form onSubmit={submit} noValidate data-testid="assessment-form">
      <Stack gap="xs">
        <ErrorAlert error={error} />
        <Group grow align="flex-start">
          <Select
            label={l.t('cases.field.area')}
            allowDeselect={false}
            data={ordered.map((a) => ({ value: a, label: l.area(a) }))}
            data-testid="assessment-area"
            {...form.getInputProps('area')}
          />
          <Select
            label={l.t('cases.field.need')}
            allowDeselect={false}
            data={needLevels.map((n) => ({ value: n, label: l.need(n) }))}
            data-testid="assessment-need"
            {...form.getInputProps('need')}
          />
        </Group>
        <Textarea
          label={l.t('cases.field.situation')}
          autosize
          data-testid="assessment-situation"
          {...form.getInputProps('situation')}
        />
        <TextInput
          label={l.t('cases.field.personGoal')}
          data-testid="assessment-goal"
          {...form.getInputProps('goal')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting} data-testid="assessment-submit">
            {l.t('cases.action.saveAssessment')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Adds a goal to the plan. */
export function GoalForm({ theCase, onSaved }: { theCase: Case; onSaved: Saved }) {
  const l = useCaseLabels();
  const { form, submit, error } = useSchemaForm({
    initialValues: { title: '', area: (theCase.suggestedAreas[0] ?? 'work') as string },
    schema: GoalInput,
    toBody: (v) => v,
    save: async (body) => onSaved(await casesApi.addGoal(theCase.id, body)),
    onSaved: () => {
      form.setValues({ title: '' });
    },
  });
  return (
    <form onSubmit={submit} noValidate data-testid="goal-form">
      <ErrorAlert error={error} />
      <Group align="flex-end" grow>
        <TextInput
          label={l.t('cases.field.goal')}
          required
          data-testid="goal-title"
          {...form.getInputProps('title')}
        />
        <Select
          label={l.t('cases.field.area')}
          allowDeselect={false}
          data={lifeAreas.map((a) => ({ value: a, label: l.area(a) }))}
          {...form.getInputProps('area')}
        />
        <Button type="submit" variant="default" loading={form.submitting} data-testid="goal-submit">
          {l.t('cases.action.addGoal')}
        </Button>
      </Group>
    </form>
  );
}

/** Adds a step to a goal: responsible agency or partner, due date, kind. */
export function StepForm({
  theCase,
  goalId,
  agencies,
  onSaved,
}: {
  theCase: Case;
  goalId: string;
  agencies: Agencies;
  onSaved: Saved;
}) {
  const l = useCaseLabels();
  const { form, submit, error } = useSchemaForm({
    initialValues: { title: '', kind: 'step', agencyId: '', dueOn: '' },
    schema: StepInput,
    toBody: (v) => ({ title: v.title, kind: v.kind, agencyId: v.agencyId || null, dueOn: v.dueOn || null }),
    save: async (body) => onSaved(await casesApi.addStep(theCase.id, goalId, body)),
    onSaved: () => {
      form.setValues({ title: '', dueOn: '' });
    },
  });
  return (
    <form onSubmit={submit} noValidate data-testid="step-form">
      <ErrorAlert error={error} />
      <Group align="flex-end" grow>
        <TextInput
          label={l.t('cases.field.step')}
          required
          data-testid="step-title"
          {...form.getInputProps('title')}
        />
        <Select
          label={l.t('cases.field.kind')}
          allowDeselect={false}
          data={stepKinds.map((k) => ({ value: k, label: l.stepKind(k) }))}
          {...form.getInputProps('kind')}
        />
        <Select
          label={l.t('cases.field.agency')}
          clearable
          searchable
          data={agencyOptions(agencies)}
          data-testid="step-agency"
          {...form.getInputProps('agencyId')}
        />
        <TextInput
          type="date"
          label={l.t('cases.field.dueOn')}
          data-testid="step-due"
          {...form.getInputProps('dueOn')}
        />
        <Button type="submit" variant="default" loading={form.submitting} data-testid="step-submit">
          {l.t('cases.action.addStep')}
        </Button>
      </Group>
    </form>
  );
}

/** Records the person's agreement to the plan. */
export function AgreementForm({ theCase, onSaved }: { theCase: Case; onSaved: Saved }) {
  const l = useCaseLabels();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Parameters<typeof ErrorAlert>[0]['error']>();
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await casesApi.agree(theCase.id, note));
    } catch (e) {
      setError(e as typeof error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <ErrorAlert error={error} />
      <Group align="flex-end">
        <TextInput
          label={l.t('cases.field.agreementNote')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="agreement-note"
        />
        <Button variant="default" loading={busy} onClick={() => void save()} data-testid="agreement-submit">
          {l.t('cases.action.agree')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Adds a task for the case manager. */
export function TaskForm({ theCase, onSaved }: { theCase: Case; onSaved: Saved }) {
  const l = useCaseLabels();
  const { form, submit, error } = useSchemaForm({
    initialValues: { title: '', dueOn: '' },
    schema: TaskInput,
    toBody: (v) => ({ title: v.title, dueOn: v.dueOn || null }),
    save: async (body) => onSaved(await casesApi.addTask(theCase.id, body)),
    onSaved: () => {
      form.setValues({ title: '', dueOn: '' });
    },
  });
  return (
    <form onSubmit={submit} noValidate data-testid="task-form">
      <ErrorAlert error={error} />
      <Group align="flex-end" grow>
        <TextInput label={l.t('cases.field.task')} required {...form.getInputProps('title')} />
        <TextInput type="date" label={l.t('cases.field.dueOn')} {...form.getInputProps('dueOn')} />
        <Button type="submit" variant="default" loading={form.submitting}>
          {l.t('cases.action.addTask')}
        </Button>
      </Group>
    </form>
  );
}

/** Plans a case conference. */
export function ConferenceForm({
  theCase,
  agencies,
  onSaved,
}: {
  theCase: Case;
  agencies: Agencies;
  onSaved: () => void;
}) {
  const l = useCaseLabels();
  const { form, submit, error } = useSchemaForm({
    initialValues: { scheduledAt: '', agenda: '', participantAgencyIds: [] as string[] },
    schema: ConferenceInput,
    toBody: (v) => ({
      scheduledAt: v.scheduledAt ? new Date(v.scheduledAt).toISOString() : '',
      agenda: v.agenda,
      participantAgencyIds: v.participantAgencyIds,
    }),
    save: (body) => casesApi.planConference(theCase.id, body),
    onSaved: () => {
      form.reset();
      onSaved();
    },
  });
  return (
    <form onSubmit={submit} noValidate data-testid="conference-form">
      <Stack gap="xs">
        <ErrorAlert error={error} />
        <Group grow align="flex-start">
          <TextInput
            type="datetime-local"
            label={l.t('cases.field.scheduledAt')}
            required
            data-testid="conference-at"
            {...form.getInputProps('scheduledAt')}
          />
          <MultiSelect
            label={l.t('cases.field.participants')}
            required
            searchable
            data={agencyOptions(agencies)}
            data-testid="conference-participants"
            {...form.getInputProps('participantAgencyIds')}
          />
        </Group>
        <Textarea
          label={l.t('cases.field.agenda')}
          required
          autosize
          data-testid="conference-agenda"
          {...form.getInputProps('agenda')}
        />
        <Group justify="flex-end">
          <Button type="submit" variant="default" loading={form.submitting} data-testid="conference-submit">
            {l.t('cases.action.planConference')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Records the minutes of a conference; each decision becomes a plan step (under a goal) or a task. */
export function MinutesForm({
  theCase,
  conferenceId,
  onSaved,
}: {
  theCase: Case;
  conferenceId: string;
  onSaved: () => void;
}) {
  const l = useCaseLabels();
  const { form, submit, error } = useSchemaForm({
    initialValues: {
      minutes: '',
      decisions: [] as { text: string; becomes: string; goalId: string; dueOn: string }[],
    },
    schema: MinutesInput,
    toBody: (v) => ({
      minutes: v.minutes,
      decisions: v.decisions.map((d) => ({
        text: d.text,
        becomes: d.becomes,
        goalId: d.becomes === 'step' ? d.goalId || null : null,
        dueOn: d.dueOn || null,
      })),
    }),
    save: (body) => casesApi.minutes(conferenceId, body),
    onSaved,
  });
  return (
    <form onSubmit={submit} noValidate data-testid="minutes-form">
      <Stack gap="xs">
        <ErrorAlert error={error} />
        <Textarea
          label={l.t('cases.field.minutes')}
          required
          autosize
          data-testid="minutes-text"
          {...form.getInputProps('minutes')}
        />
        {form.values.decisions.map((d, i) => (
          <Group key={i} grow align="flex-end" data-testid="decision-row">
            <TextInput
              label={l.t('cases.field.decision')}
              required
              data-testid="decision-text"
              {...form.getInputProps(`decisions.${i}.text`)}
            />
            <Select
              label={l.t('cases.field.becomes')}
              allowDeselect={false}
              data={(['task', 'step'] as const).map((b) => ({
                value: b,
                label: l.t(b === 'step' ? 'cases.becomes.step' : 'cases.becomes.task'),
              }))}
              {...form.getInputProps(`decisions.${i}.becomes`)}
            />
            {d.becomes === 'step' && (
              <Select
                label={l.t('cases.field.goal')}
                data={theCase.goals.map((g) => ({ value: g.id, label: g.title }))}
                {...form.getInputProps(`decisions.${i}.goalId`)}
              />
            )}
            <TextInput
              type="date"
              label={l.t('cases.field.dueOn')}
              {...form.getInputProps(`decisions.${i}.dueOn`)}
            />
          </Group>
        ))}
        <Group justify="space-between">
          <Button
            variant="subtle"
            onClick={() =>
              form.insertListItem('decisions', { text: '', becomes: 'task', goalId: '', dueOn: '' })
            }
            data-testid="decision-add"
          >
            {l.t('cases.action.addDecision')}
          </Button>
          <Button type="submit" loading={form.submitting} data-testid="minutes-submit">
            {l.t('cases.action.recordMinutes')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Tags a structural obstacle (from the municipality's vocabulary) with an anonymised example. */
export function ObstacleForm({ theCase, tags, onSaved }: { theCase: Case; tags: string[]; onSaved: Saved }) {
  const l = useCaseLabels();
  const { form, submit, error } = useSchemaForm({
    initialValues: { tag: tags[0] ?? '', note: '' },
    schema: ObstacleInput,
    toBody: (v) => v,
    save: async (body) => onSaved(await casesApi.addObstacle(theCase.id, body)),
    onSaved: () => {
      form.setValues({ note: '' });
    },
  });
  return (
    <form onSubmit={submit} noValidate data-testid="obstacle-form">
      <ErrorAlert error={error} />
      <Group align="flex-end" grow>
        <Select
          label={l.t('cases.field.tag')}
          allowDeselect={false}
          data={tags.map((t) => ({ value: t, label: l.obstacle(t) }))}
          data-testid="obstacle-tag"
          {...form.getInputProps('tag')}
        />
        <TextInput
          label={l.t('cases.field.obstacleNote')}
          data-testid="obstacle-note"
          {...form.getInputProps('note')}
        />
        <Button type="submit" variant="default" loading={form.submitting} data-testid="obstacle-submit">
          {l.t('cases.action.addObstacle')}
        </Button>
      </Group>
    </form>
  );
}
