import { type ReactNode, useState } from 'react';
import { useIntl } from 'react-intl';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconFileDownload, IconPlus, IconSignature } from '@tabler/icons-react';
import type { Consent, Person, consentStatuses } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import type { MessageId } from '../../i18n/catalogues';
import { languages } from '../../i18n/languages';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';
import { Loading } from '../../ui/Loading';
import { SuccessNote } from '../../ui/SuccessNote';
import { useMe } from '../auth/AuthProvider';
import { usePersonFormat } from '../persons/person-format';
import { isDocumentLanguage } from './consent-form';
import { mayRecordConsent } from './permissions';
import { privacyApi } from './privacy.api';
import { RecordConsentDialog } from './RecordConsent';

type Status = (typeof consentStatuses)[number];

// Filled badges whose white text keeps 4.5:1 contrast.
const STATUS_COLOR: Record<Status, string> = {
  valid: 'teal.9',
  not_yet_valid: 'blue.9',
  expired: 'gray.7',
  revoked: 'red.9',
};

export function ConsentStatusBadge({ status }: { status: Status }) {
  const labels = useLabels();
  return (
    <Badge color={STATUS_COLOR[status]} variant="filled" data-testid="consent-status">
      {labels.consentStatus(status)}
    </Badge>
  );
}

/** Label and value pairs of one consent, as a description list. */
function Facts({ items }: { items: [label: string, value: ReactNode, testId?: string][] }) {
  return (
    <dl className="facts">
      {items.map(([label, value, testId]) => (
        <div key={label} className="facts-row">
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ConsentCard({ consent, onRevoke }: { consent: Consent; onRevoke?: () => void }) {
  const intl = useIntl();
  const labels = useLabels();
  const format = usePersonFormat();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const names = (refs: Consent['disclosing']) => (
    <Group gap={6} component="span">
      {refs.map((r) => (
        <Badge key={r.id} variant="outline" color="gray.8" component="span">
          <bdi>{r.name}</bdi>
        </Badge>
      ))}
    </Group>
  );
  const validity = consent.validUntil
    ? intl.formatMessage(
        { id: 'consent.validRange' },
        { from: format.date(consent.validFrom), until: format.date(consent.validUntil) },
      )
    : intl.formatMessage({ id: 'consent.untilRevoked' }, { from: format.date(consent.validFrom) });
  const text = intl.formatMessage(
    { id: 'consent.textLine' },
    {
      language: languages.find((l) => l.code === consent.language)?.name ?? consent.language,
      version: consent.templateVersion,
    },
  );
  const items: [string, ReactNode, string?][] = [
    [t('consent.disclosing'), names(consent.disclosing), 'consent-disclosing-names'],
    [t('consent.receiving'), names(consent.receiving), 'consent-receiving-names'],
    [
      t('consent.categories'),
      <Group gap={6} component="span" key="c">
        {consent.categories.map((c) => (
          <Badge key={c} variant="light" component="span">
            {labels.category(c)}
          </Badge>
        ))}
      </Group>,
      'consent-categories',
    ],
    [t('consent.validity'), validity],
    [t('consent.form'), `${labels.consentForm(consent.form)} · ${text}`],
    [
      t('consent.signedBy'),
      consent.signedBy === 'guardian' ? (
        <>
          {t('consent.signedBy.guardian')}: <bdi>{consent.guardianName}</bdi>
        </>
      ) : (
        t('consent.signedBy.person')
      ),
    ],
    [
      t('consent.recordedBy'),
      intl.formatMessage(
        { id: 'consent.recordedLine' },
        {
          name: consent.recordedBy.name,
          agency: consent.recordedBy.agencyName,
          date: format.dateTime(consent.recordedAt),
        },
      ),
    ],
  ];
  if (consent.purposeNote) items.push([t('consent.purposeNote'), <bdi key="p">{consent.purposeNote}</bdi>]);
  if (consent.note)
    items.push([
      t('consent.note'),
      <bdi dir="auto" key="n">
        {consent.note}
      </bdi>,
    ]);
  if (consent.scan)
    items.push([
      t('consent.scanFile'),
      <Anchor href={privacyApi.scanUrl(consent.id)} key="s" data-testid="consent-scan-link">
        <IconFileDownload size={16} aria-hidden style={{ verticalAlign: 'text-bottom' }} />{' '}
        <bdi>{consent.scan.fileName}</bdi>
      </Anchor>,
    ]);
  if (consent.revokedAt)
    items.push([
      t('consent.revokedAt'),
      <>
        {intl.formatMessage(
          { id: 'consent.revokedLine' },
          { date: format.dateTime(consent.revokedAt), name: consent.revokedByName ?? '—' },
        )}
        {consent.revocationNote && (
          <>
            {' – '}
            <bdi dir="auto">{consent.revocationNote}</bdi>
          </>
        )}
      </>,
    ]);

  return (
    <Paper
      withBorder
      p="md"
      component="li"
      data-testid="consent-row"
      data-status={consent.status}
      data-consent-id={consent.id}
      aria-labelledby={`consent-${consent.id}`}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Group gap="sm">
            <ConsentStatusBadge status={consent.status} />
            <Text fw={700} id={`consent-${consent.id}`}>
              {labels.purpose(consent.purpose)} · {validity}
            </Text>
          </Group>
          {onRevoke && (
            <Button size="xs" variant="outline" color="red.9" onClick={onRevoke} data-testid="consent-revoke">
              {t('consent.revoke')}
            </Button>
          )}
        </Group>
        <Facts items={items} />
      </Stack>
    </Paper>
  );
}

/** Asks before revoking, with an optional note; revocation applies to every later access at once. */
function RevokeForm({
  consent,
  onRevoked,
  onCancel,
}: {
  consent: Consent;
  onRevoked: (consent: Consent) => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setError(undefined);
    setBusy(true);
    try {
      onRevoked(await privacyApi.revokeConsent(consent.id, note.trim()));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
      data-testid="revoke-form"
    >
      <Stack>
        <ErrorAlert error={error} />
        <Text>{intl.formatMessage({ id: 'consent.revokeText' })}</Text>
        <Textarea
          label={intl.formatMessage({ id: 'consent.revokeNote' })}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={1000}
          data-autofocus
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onCancel}>
            {intl.formatMessage({ id: 'common.cancel' })}
          </Button>
          <Button type="submit" color="red.9" loading={busy} data-testid="revoke-confirm">
            {intl.formatMessage({ id: 'consent.revokeConfirm' })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The consents of a person: status, agencies, categories, purpose, validity, how given; record and revoke. */
export function ConsentsPanel({ person, onChanged }: { person: Person; onChanged: () => void }) {
  const intl = useIntl();
  const me = useMe();
  const consents = useApi<Consent[]>(privacyApi.consentsPath(person.id));
  const [recording, setRecording] = useState(false);
  const [revoking, setRevoking] = useState<Consent | null>(null);
  const [note, setNote] = useState<string>();
  const may = mayRecordConsent(me);
  const changed = (message: MessageId) => {
    setRecording(false);
    setRevoking(null);
    setNote(intl.formatMessage({ id: message }));
    consents.reload();
    // What the member sees of the person may have changed (if their agency receives under the consent).
    onChanged();
  };
  const preferred = person.contact?.preferredLanguage;

  return (
    <Stack gap="md" data-testid="consents-panel">
      <Group justify="space-between" gap="sm">
        <Text size="sm" maw={720}>
          {intl.formatMessage({ id: 'consent.intro' })}
        </Text>
        {may && (
          <Button
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => {
              setNote(undefined);
              setRecording(true);
            }}
            data-testid="consent-add"
          >
            {intl.formatMessage({ id: 'consent.record' })}
          </Button>
        )}
      </Group>
      <SuccessNote>{note}</SuccessNote>
      {consents.error?.code === 'CONSENT_REQUIRED' ? (
        <Text c="dimmed" data-testid="consents-withheld">
          {intl.formatMessage({ id: 'person.needsName' })}
        </Text>
      ) : (
        <ErrorAlert error={consents.error} />
      )}
      {consents.loading && !consents.data ? (
        <Loading />
      ) : consents.data && consents.data.length === 0 ? (
        <Group gap="xs">
          <IconSignature size={18} aria-hidden />
          <Text c="dimmed">{intl.formatMessage({ id: 'consent.empty' })}</Text>
        </Group>
      ) : (
        <Stack gap="sm" component="ul" className="plain-list" data-testid="consent-list">
          {(consents.data ?? []).map((c) => (
            <ConsentCard
              key={c.id}
              consent={c}
              onRevoke={
                may && (c.status === 'valid' || c.status === 'not_yet_valid')
                  ? () => {
                      setNote(undefined);
                      setRevoking(c);
                    }
                  : undefined
              }
            />
          ))}
        </Stack>
      )}
      <RecordConsentDialog
        opened={recording}
        onClose={() => setRecording(false)}
        personId={person.id}
        defaults={{
          disclosingAgencyIds: [me.agency.id],
          purpose: person.visibility.purpose,
          language: isDocumentLanguage(preferred) ? preferred : 'de',
        }}
        onSaved={() => changed('consent.recorded')}
      />
      <FormModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={intl.formatMessage({ id: 'consent.revokeTitle' })}
      >
        {revoking && (
          <RevokeForm
            consent={revoking}
            onRevoked={() => changed('consent.revoked')}
            onCancel={() => setRevoking(null)}
          />
        )}
      </FormModal>
    </Stack>
  );
}
