import { useState } from 'react';
import { Button, Group, NumberInput, Stack, TagsInput, Text } from '@mantine/core';
import { CaseSettings } from '@lotse/common';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { SuccessNote } from '../../ui/SuccessNote';
import { useSchemaForm } from '../../ui/use-schema-form';
import { useMe } from '../auth/AuthProvider';
import { casesApi } from './cases.api';
import { useCaseLabels } from './case-labels';

/**
 * Case management's settings for the municipality: the phases in order (the last one closes a case), how many weeks
 * ahead deadlines arrive as tasks, and the vocabulary of structural obstacles. The administrator changes them;
 * agency leads see what applies to their case managers.
 */
export function CaseSettingsPage() {
  const l = useCaseLabels();
  const settings = useApi<CaseSettings>(casesApi.settingsPath);
  return (
    <Page title={l.t('cases.settings.title')} testId="case-settings-page">
      <Text>{l.t('cases.settings.intro')}</Text>
      <ErrorAlert error={settings.error} />
      {settings.data ? (
        <SettingsForm key={JSON.stringify(settings.data)} saved={settings.data} onSaved={settings.reload} />
      ) : (
        !settings.error && <Loading />
      )}
    </Page>
  );
}

function SettingsForm({ saved, onSaved }: { saved: CaseSettings; onSaved: () => void }) {
  const l = useCaseLabels();
  const mayChange = useMe().roles.includes('municipal_admin');
  const [done, setDone] = useState<string>();
  const { form, submit, error } = useSchemaForm({
    initialValues: saved,
    schema: CaseSettings,
    toBody: (v) => v,
    save: async (body) => {
      setDone(undefined);
      await casesApi.saveSettings(body);
    },
    onSaved: () => {
      setDone(l.t('cases.settings.saved'));
      onSaved();
    },
  });
  const names = (codes: string[], name: (c: string) => string) => codes.map(name).join(' → ');
  return (
    <form onSubmit={submit} noValidate data-testid="case-settings-form">
      <Stack maw={720}>
        {!mayChange && <Text c="dimmed">{l.t('cases.settings.readOnly')}</Text>}
        <SuccessNote>{done}</SuccessNote>
        <ErrorAlert error={error} />
        <TagsInput
          label={l.t('cases.settings.phases')}
          description={l.t('cases.settings.phasesHint')}
          required
          disabled={!mayChange}
          data-testid="settings-phases"
          {...form.getInputProps('phases')}
        />
        <Text size="sm" data-testid="settings-phase-names">
          {names(form.values.phases, l.phase)}
        </Text>
        <Group grow align="flex-start">
          <NumberInput
            label={l.t('cases.settings.residenceExpiryWeeks')}
            description={l.t('cases.settings.residenceExpiryHint')}
            required
            min={1}
            max={52}
            allowDecimal={false}
            disabled={!mayChange}
            data-testid="settings-residence-weeks"
            {...form.getInputProps('residenceExpiryWeeks')}
          />
          <NumberInput
            label={l.t('cases.settings.courseEndWeeks')}
            description={l.t('cases.settings.courseEndHint')}
            required
            min={0}
            max={26}
            allowDecimal={false}
            disabled={!mayChange}
            data-testid="settings-course-weeks"
            {...form.getInputProps('courseEndWeeks')}
          />
        </Group>
        <TagsInput
          label={l.t('cases.settings.obstacleTags')}
          description={l.t('cases.settings.obstacleTagsHint')}
          required
          disabled={!mayChange}
          data-testid="settings-obstacle-tags"
          {...form.getInputProps('obstacleTags')}
        />
        <Text size="sm">{form.values.obstacleTags.map(l.obstacle).join(' · ')}</Text>
        {mayChange && (
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting} data-testid="settings-submit">
              {l.t('cases.settings.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
