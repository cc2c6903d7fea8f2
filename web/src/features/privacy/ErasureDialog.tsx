import { useState } from 'react';
import { Link } from 'react-router';
import { useIntl } from 'react-intl';
import { Alert, Anchor, Button, Checkbox, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconEraser } from '@tabler/icons-react';
import { type ErasureResult, ErasureRequest } from '@lotse/common';
import type { MessageId } from '../../i18n/catalogues';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';
import { useSchemaForm } from '../../ui/use-schema-form';
import { usePersonFormat } from '../persons/person-format';
import { DataTable } from '../../ui/DataTable';
import { privacyApi } from './privacy.api';
import { shortId } from './retention';

/** The reason for the erasure and the officer's confirmation that it cannot be undone. */
function ErasureForm({
  personId,
  onErased,
  onCancel,
}: {
  personId: string;
  onErased: (result: ErasureResult) => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const [confirmed, setConfirmed] = useState(false);
  const { form, submit, error } = useSchemaForm<{ reason: string }, typeof ErasureRequest>({
    initialValues: { reason: '' },
    schema: ErasureRequest,
    toBody: (v) => v,
    save: async (body) => onErased(await privacyApi.erasePerson(personId, body)),
    onSaved: () => undefined,
  });
  return (
    <form onSubmit={submit} noValidate data-testid="erasure-form">
      <Stack>
        <Text>{t('erasure.intro')}</Text>
        <ErrorAlert error={error} />
        <Textarea
          label={t('erasure.reason')}
          description={t('erasure.reasonHint')}
          required
          autosize
          minRows={3}
          dir="auto"
          data-autofocus
          data-testid="erasure-reason"
          {...form.getInputProps('reason')}
        />
        <Checkbox
          label={t('erasure.confirm')}
          checked={confirmed}
          onChange={(event) => setConfirmed(event.currentTarget.checked)}
          data-testid="erasure-confirm"
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            color="red.9"
            disabled={!confirmed}
            loading={form.submitting}
            data-testid="erasure-submit"
          >
            {t('erasure.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** What the erasure did: deleted per kind, kept because of which retention duty until when, anonymised or not. */
function ErasureOutcome({ result }: { result: ErasureResult }) {
  const intl = useIntl();
  const format = usePersonFormat();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const erased = result.erased.filter((e) => e.count > 0);
  return (
    <Stack data-testid="erasure-result" data-anonymised={result.anonymised}>
      <Alert
        color={result.anonymised ? 'teal' : 'lotse'}
        variant="light"
        role="status"
        title={t(result.anonymised ? 'erasure.anonymised' : 'erasure.partly')}
        data-testid="erasure-summary"
      >
        {t(result.anonymised ? 'erasure.anonymisedText' : 'erasure.partlyText')}
      </Alert>
      {erased.length === 0 ? (
        <Text data-testid="erasure-nothing-erased">{t('erasure.nothingErased')}</Text>
      ) : (
        <DataTable
          caption={t('erasure.erasedCaption')}
          testId="erasure-erased"
          minWidth={360}
          head={
            <>
              <Table.Th scope="col">{t('retention.recordType')}</Table.Th>
              <Table.Th scope="col">{t('retention.count')}</Table.Th>
            </>
          }
        >
          {erased.map((e) => (
            <Table.Tr key={e.recordType} data-testid="erasure-erased-row" data-record-type={e.recordType}>
              <Table.Td>{t(`recordKind.${e.recordType}`)}</Table.Td>
              <Table.Td>{intl.formatNumber(e.count)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {result.kept.length > 0 && (
        <DataTable
          caption={t('erasure.keptCaption')}
          testId="erasure-kept"
          minWidth={640}
          head={
            <>
              <Table.Th scope="col">{t('retention.recordType')}</Table.Th>
              <Table.Th scope="col">{t('retention.agency')}</Table.Th>
              <Table.Th scope="col">{t('erasure.duty')}</Table.Th>
              <Table.Th scope="col">{t('erasure.keepUntil')}</Table.Th>
              <Table.Th scope="col">{t('retention.count')}</Table.Th>
            </>
          }
        >
          {result.kept.map((k) => (
            <Table.Tr key={`${k.recordType}|${k.agencyName}|${k.paragraph}`} data-testid="erasure-kept-row">
              <Table.Td>{t(`recordKind.${k.recordType}`)}</Table.Td>
              <Table.Td>
                <bdi>{k.agencyName}</bdi>
              </Table.Td>
              <Table.Td>
                <bdi>{k.paragraph}</bdi>
              </Table.Td>
              <Table.Td>{k.keepUntil ? format.date(k.keepUntil) : t('erasure.periodOpen')}</Table.Td>
              <Table.Td>{intl.formatNumber(k.count)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <Text size="sm" data-testid="erasure-consents">
        {intl.formatMessage({ id: 'erasure.consentsKept' }, { count: result.consents.kept })}
      </Text>
      <Text size="sm">
        {intl.formatMessage(
          { id: 'erasure.record' },
          {
            run: (
              <Anchor
                component={Link}
                to={`/privacy/retention?runId=${result.runId}`}
                ff="monospace"
                data-testid="erasure-run-link"
              >
                {shortId(result.runId)}
              </Anchor>
            ),
          },
        )}
      </Text>
    </Stack>
  );
}

/**
 * Erasure on request (Art. 17 DSGVO, § 84 SGB X) for the data protection officer: a button on the person's page
 * that asks for the reason and a confirmation, then shows what was deleted, what a retention duty keeps and whether
 * the person was anonymised. `onErased` when the dialog closes after an erasure: the page reloads what is left.
 */
export function ErasureDialog({ personId, onErased }: { personId: string; onErased: () => void }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const [opened, setOpened] = useState(false);
  const [result, setResult] = useState<ErasureResult>();
  const close = () => {
    setOpened(false);
    if (result) {
      setResult(undefined);
      onErased();
    }
  };
  return (
    <>
      <Button
        variant="outline"
        color="red.9"
        leftSection={<IconEraser size={18} aria-hidden />}
        onClick={() => setOpened(true)}
        data-testid="person-erase"
      >
        {t('erasure.button')}
      </Button>
      <FormModal opened={opened} onClose={close} title={t('erasure.title')}>
        {result ? (
          <Stack>
            <ErasureOutcome result={result} />
            <Group justify="flex-end">
              <Button onClick={close} data-testid="erasure-close">
                {t('erasure.close')}
              </Button>
            </Group>
          </Stack>
        ) : (
          opened && <ErasureForm personId={personId} onErased={setResult} onCancel={close} />
        )}
      </FormModal>
    </>
  );
}
