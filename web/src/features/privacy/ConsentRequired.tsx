import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAmbulance, IconLock, IconSignature } from '@tabler/icons-react';
import { type EmergencyAccess, type Organisation, RequiredConsent } from '@lotse/common';
import type { ApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useLabels } from '../../i18n/labels';
import { FormModal } from '../../ui/FormModal';
import { SuccessNote } from '../../ui/SuccessNote';
import { useMe } from '../auth/AuthProvider';
import { EmergencyAccessForm } from './EmergencyAccessForm';
import { mayOpenEmergency, mayRecordConsent } from './permissions';
import { RecordConsentDialog } from './RecordConsent';

/** The consent a CONSENT_REQUIRED answer names, if it names one. */
export function requiredConsentOf(error: ApiError): RequiredConsent | null {
  const body = error.body as { error?: { requiredConsent?: unknown } } | undefined;
  const parsed = RequiredConsent.safeParse(body?.error?.requiredConsent);
  return parsed.success ? parsed.data : null;
}

/**
 * What a member sees of a person they may see nothing of: the consent that would allow it (recipient, categories,
 * purpose), and the ways forward: record the consent the person gives, or break the glass in an emergency.
 */
export function ConsentRequired({
  personId,
  error,
  onChanged,
}: {
  personId: string;
  error: ApiError;
  onChanged: (emergency?: EmergencyAccess) => void;
}) {
  const intl = useIntl();
  const labels = useLabels();
  const me = useMe();
  const organisation = useApi<Organisation>('/api/organisation');
  const [dialog, setDialog] = useState<'consent' | 'emergency' | null>(null);
  const [note, setNote] = useState<string>();
  const required = requiredConsentOf(error);
  const recipient =
    required && required.receivingAgencyId !== me.agency.id
      ? (organisation.data?.agencies.find((a) => a.id === required.receivingAgencyId)?.name ?? '—')
      : me.agency.name;
  const close = () => setDialog(null);

  return (
    <Paper
      withBorder
      p="lg"
      component="section"
      aria-labelledby="consent-required-title"
      data-testid="consent-required"
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <IconLock size={28} aria-hidden />
          <Title order={2} size="h3" id="consent-required-title">
            {intl.formatMessage({ id: 'consentRequired.title' })}
          </Title>
        </Group>
        <SuccessNote>{note}</SuccessNote>
        <Text>{intl.formatMessage({ id: 'consentRequired.text' })}</Text>
        {required && (
          <dl className="facts" data-testid="required-consent">
            <div className="facts-row">
              <dt>{intl.formatMessage({ id: 'consentRequired.recipient' })}</dt>
              <dd data-testid="required-recipient">
                <bdi>{recipient}</bdi>
              </dd>
            </div>
            <div className="facts-row">
              <dt>{intl.formatMessage({ id: 'consent.categories' })}</dt>
              <dd>
                <Group gap={6} component="span">
                  {required.categories.map((c) => (
                    <Badge key={c} variant="light" component="span">
                      {labels.category(c)}
                    </Badge>
                  ))}
                </Group>
              </dd>
            </div>
            <div className="facts-row">
              <dt>{intl.formatMessage({ id: 'consent.purpose' })}</dt>
              <dd data-testid="required-purpose" data-purpose={required.purpose}>
                {labels.purpose(required.purpose)}
              </dd>
            </div>
          </dl>
        )}
        <Text size="sm" c="dimmed">
          {intl.formatMessage({ id: 'consentRequired.otherPurpose' })}
        </Text>
        <Group gap="sm">
          {mayRecordConsent(me) && (
            <Button
              leftSection={<IconSignature size={18} aria-hidden />}
              onClick={() => {
                setNote(undefined);
                setDialog('consent');
              }}
              data-testid="consent-record"
            >
              {intl.formatMessage({ id: 'consent.record' })}
            </Button>
          )}
          {mayOpenEmergency(me) && (
            <Button
              variant="outline"
              color="red.9"
              leftSection={<IconAmbulance size={18} aria-hidden />}
              onClick={() => setDialog('emergency')}
              data-testid="emergency-open"
            >
              {intl.formatMessage({ id: 'emergency.open' })}
            </Button>
          )}
        </Group>
      </Stack>
      <RecordConsentDialog
        opened={dialog === 'consent'}
        onClose={close}
        personId={personId}
        defaults={{
          receivingAgencyIds: [required?.receivingAgencyId ?? me.agency.id],
          categories: required?.categories ?? ['identity_contact'],
          purpose: required?.purpose ?? 'identification',
        }}
        // Recording the consent the person gives is identification work: the member sees whom it is for under
        // the identification legal basis, while their chosen purpose shows them nothing yet.
        requestPurpose="identification"
        onSaved={() => {
          close();
          setNote(intl.formatMessage({ id: 'consent.recorded' }));
          onChanged();
        }}
      />
      <FormModal
        opened={dialog === 'emergency'}
        onClose={close}
        title={intl.formatMessage({ id: 'emergency.title' })}
      >
        {dialog === 'emergency' && (
          <EmergencyAccessForm
            personId={personId}
            onOpened={(access) => {
              close();
              onChanged(access);
            }}
            onCancel={close}
          />
        )}
      </FormModal>
    </Paper>
  );
}
