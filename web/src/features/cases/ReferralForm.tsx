import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { type Case, type Organisation, ReferralInput, type RequiredConsent } from '@lotse/common';
import type { ApiError } from '../../api/client';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSchemaForm } from '../../ui/use-schema-form';
import { useMe } from '../auth/AuthProvider';
import { requiredConsentOf } from '../privacy/ConsentRequired';
import { RecordConsentDialog } from '../privacy/RecordConsent';
import { casesApi } from './cases.api';
import { useCaseLabels } from './case-labels';

/**
 * Refers a need to an agency or partner. When no consent covers the disclosure, the answer names the consent
 * needed: it can be recorded on the spot (the privacy feature's dialog, filled in), and the referral is sent again.
 */
export function ReferralForm({
  theCase,
  agencies,
  onSaved,
}: {
  theCase: Case;
  agencies: Organisation['agencies'];
  onSaved: () => void;
}) {
  const l = useCaseLabels();
  const labels = useLabels();
  const me = useMe();
  const [required, setRequired] = useState<RequiredConsent | null>(null);
  const [consentOpen, setConsentOpen] = useState(false);
  const { form, submit, error } = useSchemaForm({
    initialValues: { toAgencyId: '', need: '', handoverNote: '', dueOn: '' },
    schema: ReferralInput,
    toBody: (v) => ({ ...v }),
    save: async (body) => {
      setRequired(null);
      try {
        await casesApi.refer(theCase.id, body);
      } catch (e) {
        setRequired(requiredConsentOf(e as ApiError));
        throw e;
      }
    },
    onSaved: () => {
      form.reset();
      onSaved();
    },
  });
  const receiver = agencies.find((a) => a.id === required?.receivingAgencyId);
  return (
    // The consent dialog stays outside the form: its own submit must not bubble into this one.
    <>
      <form onSubmit={submit} noValidate data-testid="referral-form">
        <Stack gap="xs">
          {required ? (
            <Alert color="orange" variant="light" role="alert" data-testid="referral-consent-required">
              <Stack gap="xs">
                <span>
                  {l.t('cases.consentNeeded', {
                    receiver: receiver?.name ?? '',
                    categories: labels.list(required.categories.map((c) => labels.category(c))),
                    purpose: labels.purpose(required.purpose),
                  })}
                </span>
                <Group>
                  <Button
                    variant="default"
                    onClick={() => setConsentOpen(true)}
                    data-testid="referral-record-consent"
                  >
                    {l.t('cases.action.recordConsent')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : (
            <ErrorAlert error={error} />
          )}
          <Group grow align="flex-start">
            <Select
              label={l.t('cases.field.toAgency')}
              required
              searchable
              data={agencies
                .filter((a) => a.active && a.id !== me.agency.id)
                .map((a) => ({ value: a.id, label: a.name }))}
              data-testid="referral-to"
              {...form.getInputProps('toAgencyId')}
            />
            <TextInput
              type="date"
              label={l.t('cases.field.dueOn')}
              required
              data-testid="referral-due"
              {...form.getInputProps('dueOn')}
            />
          </Group>
          <TextInput
            label={l.t('cases.field.needText')}
            required
            data-testid="referral-need"
            {...form.getInputProps('need')}
          />
          <Textarea
            label={l.t('cases.field.handoverNote')}
            autosize
            data-testid="referral-note"
            {...form.getInputProps('handoverNote')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting} data-testid="referral-submit">
              {l.t('cases.action.refer')}
            </Button>
          </Group>
        </Stack>
      </form>
      {required && (
        <RecordConsentDialog
          opened={consentOpen}
          onClose={() => setConsentOpen(false)}
          personId={theCase.personId}
          defaults={{
            disclosingAgencyIds: [me.agency.id],
            receivingAgencyIds: [required.receivingAgencyId],
            categories: required.categories,
            purpose: required.purpose,
          }}
          requestPurpose="case_management"
          onSaved={() => {
            setConsentOpen(false);
            setRequired(null);
            void submit();
          }}
        />
      )}
    </>
  );
}
