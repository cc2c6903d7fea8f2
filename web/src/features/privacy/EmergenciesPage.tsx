import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, Textarea } from '@mantine/core';
import { type EmergencyAccess, EmergencyReviewInput } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import type { MessageId } from '../../i18n/catalogues';
import { fieldErrors } from '../../i18n/labels';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { FormModal } from '../../ui/FormModal';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { SuccessNote } from '../../ui/SuccessNote';
import { schemaValidator } from '../../ui/validation';
import { usePersonFormat } from '../persons/person-format';
import { type EmergencyStatus, privacyApi } from './privacy.api';

const STATUSES: EmergencyStatus[] = ['open', 'reviewed', 'all'];
const isStatus = (value: string | null): value is EmergencyStatus => STATUSES.some((s) => s === value);

/** The data protection officer's verdict on one emergency access. */
function ReviewForm({
  access,
  onReviewed,
  onCancel,
}: {
  access: EmergencyAccess;
  onReviewed: () => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const [error, setError] = useState<ApiError>();
  const form = useForm({
    initialValues: { note: '' },
    validate: schemaValidator(EmergencyReviewInput, intl),
  });
  const submit = form.onSubmit(async ({ note }) => {
    setError(undefined);
    try {
      await privacyApi.reviewEmergency(access.id, note.trim());
      onReviewed();
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="review-form">
      <Stack>
        <ErrorAlert error={error} />
        <Text size="sm">
          <strong>{intl.formatMessage({ id: 'emergency.reason' })}:</strong>{' '}
          <bdi dir="auto">{access.reason}</bdi>
        </Text>
        <Textarea
          label={intl.formatMessage({ id: 'emergencies.reviewNote' })}
          description={intl.formatMessage({ id: 'emergencies.reviewNoteHint' })}
          required
          autosize
          minRows={3}
          data-autofocus
          data-testid="review-note"
          {...form.getInputProps('note')}
        />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}

/** Emergency accesses ("break the glass") for the data protection officer to review, with the reason given. */
export function EmergenciesPage() {
  const intl = useIntl();
  const format = usePersonFormat();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: EmergencyStatus = isStatus(raw) ? raw : 'open';
  const list = useApi<EmergencyAccess[]>(privacyApi.emergenciesPath(status));
  const [reviewing, setReviewing] = useState<EmergencyAccess | null>(null);
  const [saved, setSaved] = useState<string>();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const accesses = list.data ?? [];

  return (
    <Page title={t('emergencies.title')} testId="emergencies-page">
      <Text>{t('emergencies.intro')}</Text>
      <NativeSelect
        label={t('emergencies.filter')}
        value={status}
        onChange={(event) => {
          setSaved(undefined);
          setParams({ status: event.currentTarget.value });
        }}
        data={STATUSES.map((s) => ({ value: s, label: t(`emergencies.status.${s}`) }))}
        w={220}
        data-testid="emergencies-filter"
      />
      <SuccessNote>{saved}</SuccessNote>
      <ErrorAlert error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : accesses.length === 0 ? (
        <Text c="dimmed" data-testid="emergencies-empty">
          {t('emergencies.empty')}
        </Text>
      ) : (
        <DataTable
          testId="emergencies-table"
          minWidth={900}
          head={
            <>
              <Table.Th scope="col">{t('emergencies.startedAt')}</Table.Th>
              <Table.Th scope="col">{t('emergencies.staff')}</Table.Th>
              <Table.Th scope="col">{t('emergencies.person')}</Table.Th>
              <Table.Th scope="col">{t('emergency.reason')}</Table.Th>
              <Table.Th scope="col">{t('common.status')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </>
          }
        >
          {accesses.map((a) => (
            <Table.Tr key={a.id} data-testid="emergency-row" data-reviewed={a.reviewedAt !== null}>
              <Table.Td>
                {format.dateTime(a.startedAt)}
                <Text size="xs" c="dimmed">
                  {intl.formatMessage({ id: 'emergencies.until' }, { time: format.dateTime(a.expiresAt) })}
                </Text>
              </Table.Td>
              <Table.Td>
                <bdi>{a.staffName}</bdi>
                <Text size="xs" c="dimmed">
                  <bdi>{a.agencyName}</bdi>
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/persons/${a.personId}`} data-testid="emergency-person">
                  {intl.formatMessage({ id: 'emergencies.openPerson' }, { id: a.personId.slice(0, 8) })}
                </Anchor>
              </Table.Td>
              <Table.Td maw={320}>
                <bdi dir="auto">{a.reason}</bdi>
              </Table.Td>
              <Table.Td>
                {a.reviewedAt ? (
                  <Stack gap={2}>
                    <Badge color="teal.9" variant="filled">
                      {t('emergencies.status.reviewed')}
                    </Badge>
                    <Text size="xs">
                      {intl.formatMessage(
                        { id: 'emergencies.reviewedLine' },
                        { date: format.dateTime(a.reviewedAt), name: a.reviewedByName ?? '—' },
                      )}
                    </Text>
                    {a.reviewNote && (
                      <Text size="xs">
                        <bdi dir="auto">{a.reviewNote}</bdi>
                      </Text>
                    )}
                  </Stack>
                ) : (
                  <Badge color="red.9" variant="filled">
                    {t('emergencies.status.open')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {!a.reviewedAt && (
                  <Group>
                    <Button
                      size="xs"
                      onClick={() => {
                        setSaved(undefined);
                        setReviewing(a);
                      }}
                      data-testid="emergency-review"
                    >
                      {t('emergencies.review')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <FormModal
        opened={reviewing !== null}
        onClose={() => setReviewing(null)}
        title={t('emergencies.reviewTitle')}
      >
        {reviewing && (
          <ReviewForm
            access={reviewing}
            onReviewed={() => {
              setReviewing(null);
              setSaved(t('emergencies.reviewSaved'));
              list.reload();
            }}
            onCancel={() => setReviewing(null)}
          />
        )}
      </FormModal>
    </Page>
  );
}
