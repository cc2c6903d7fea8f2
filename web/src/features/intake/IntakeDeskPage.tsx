import { useState } from 'react';
import { useIntl } from 'react-intl';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  FileButton,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconFileUpload, IconPrinter, IconTrash } from '@tabler/icons-react';
import {
  type DocumentClass,
  type DocumentLanguage,
  INTAKE_MAX_FILE_BYTES,
  documentClasses,
  documentLanguages,
} from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import type { MessageId } from '../../i18n/catalogues';
import { languages } from '../../i18n/languages';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { PersonPicker } from '../persons/PersonPicker';
import { type Intake, type IntakeRouting, intakeApi, readBase64 } from './intake.api';

type Row = { key: number; file: File; documentClass: DocumentClass; agencyId: string };

const receiptHref = (id: string) => `/api/intake/intakes/${id}/receipt`;

/**
 * The front desk: choose the person, add the documents they hand in (PDF, JPEG, PNG), classify each and check
 * where it goes, receive them, and print the receipt in German and the person's language.
 */
export function IntakeDeskPage() {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const routing = useApi<IntakeRouting>(intakeApi.routingPath);
  const recent = useApi<Intake[]>(intakeApi.intakesPath);
  const [personId, setPersonId] = useState<string | null>(null);
  const [language, setLanguage] = useState<DocumentLanguage>('de');
  const [rows, setRows] = useState<Row[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [done, setDone] = useState<Intake>();

  if (!routing.data) return routing.error ? <ErrorAlert error={routing.error} /> : <Loading />;
  const route = routing.data;
  const defaultAgency = (c: DocumentClass) =>
    route.classes.find((x) => x.documentClass === c)?.defaultAgencyId ?? '';

  const addFiles = (files: File[]) => {
    setRows((previous) => [
      ...previous,
      ...files.map((file, i) => ({
        key: nextKey + i,
        file,
        documentClass: 'other' as DocumentClass,
        agencyId: defaultAgency('other'),
      })),
    ]);
    setNextKey((k) => k + files.length);
    setDone(undefined);
  };
  const change = (key: number, patch: Partial<Row>) =>
    setRows((previous) => previous.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async () => {
    const found: Record<string, string> = {};
    if (!personId) found.personId = t('intake.personRequired');
    if (rows.length === 0) found.documents = t('intake.documentsRequired');
    rows.forEach((r, i) => {
      if (r.file.size > INTAKE_MAX_FILE_BYTES)
        found[`documents.${i}`] = t('intake.fileTooLarge', { name: r.file.name });
      if (!r.agencyId) found[`documents.${i}.agencyId`] = t('intake.agencyRequired');
    });
    setProblems(found);
    setError(undefined);
    if (Object.keys(found).length > 0 || !personId) return;
    setSubmitting(true);
    try {
      const documents = await Promise.all(
        rows.map(async (r) => ({
          fileName: r.file.name,
          documentClass: r.documentClass,
          agencyId: r.agencyId || null,
          contentBase64: await readBase64(r.file),
        })),
      );
      const intake = await intakeApi.receive(personId, language === 'de' ? 'de' : language, documents);
      setDone(intake);
      setRows([]);
      setPersonId(null);
      recent.reload();
    } catch (e) {
      const apiError = toApiError(e);
      const perRow: Record<string, string> = {};
      for (const path of Object.keys(apiError.fields)) {
        const m = /^documents\.(\d+)\.contentBase64$/.exec(path);
        const row = m ? rows[Number(m[1])] : undefined;
        if (row) perRow[`documents.${m![1]}`] = t('intake.fileRejected', { name: row.file.name });
      }
      setProblems(perRow);
      setError(apiError);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Page title={t('intake.desk.title')} testId="intake-desk">
      {done && (
        <Alert
          color="green.9"
          variant="light"
          icon={<IconCircleCheck aria-hidden />}
          title={t('intake.received', { reference: done.reference })}
          data-testid="intake-done"
          role="status"
        >
          <Stack gap="xs">
            <Text size="sm">{t('intake.receivedHint', { count: done.documents.length })}</Text>
            <Group>
              <Button
                component="a"
                href={receiptHref(done.id)}
                target="_blank"
                rel="noopener noreferrer"
                leftSection={<IconPrinter size={16} aria-hidden />}
                data-testid="intake-receipt"
              >
                {t('intake.printReceipt')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Card withBorder>
        <Stack>
          <PersonPicker
            label={t('intake.person')}
            value={personId}
            onChange={setPersonId}
            error={problems.personId}
          />
          <NativeSelect
            label={t('intake.language')}
            description={t('intake.languageHint')}
            value={language}
            onChange={(event) => {
              const next = event.currentTarget.value;
              const known = documentLanguages.find((l) => l === next);
              if (known) setLanguage(known);
            }}
            data={documentLanguages.map((l) => ({
              value: l,
              label: languages.find((x) => x.code === l)?.name ?? l,
            }))}
            data-testid="intake-language"
          />
          <Title order={2} size="h4">
            {t('intake.documents')}
          </Title>
          {rows.length > 0 && (
            <DataTable
              testId="intake-rows"
              minWidth={640}
              striped={false}
              head={
                <>
                  <Table.Th scope="col">{t('intake.file')}</Table.Th>
                  <Table.Th scope="col">{t('intake.class')}</Table.Th>
                  <Table.Th scope="col">{t('intake.agency')}</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t('intake.remove')}</span>
                  </Table.Th>
                </>
              }
            >
              {rows.map((r, i) => (
                <Table.Tr key={r.key} data-testid="intake-row">
                  <Table.Td>
                    <Text size="sm" dir="auto">
                      {r.file.name}
                    </Text>
                    {problems[`documents.${i}`] && (
                      <Text size="sm" c="red.8" data-testid="intake-row-error">
                        {problems[`documents.${i}`]}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={t('intake.classOf', { name: r.file.name })}
                      value={r.documentClass}
                      onChange={(event) => {
                        const c = documentClasses.find((x) => x === event.currentTarget.value);
                        if (c) change(r.key, { documentClass: c, agencyId: defaultAgency(c) });
                      }}
                      data={documentClasses.map((c) => ({ value: c, label: t(`intake.class.${c}`) }))}
                      data-testid="intake-row-class"
                    />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={t('intake.agencyOf', { name: r.file.name })}
                      value={r.agencyId}
                      onChange={(event) => change(r.key, { agencyId: event.currentTarget.value })}
                      data={[
                        { value: '', label: t('intake.chooseAgency') },
                        ...route.agencies.map((a) => ({ value: a.id, label: a.name })),
                      ]}
                      error={problems[`documents.${i}.agencyId`]}
                      data-testid="intake-row-agency"
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red.8"
                      aria-label={t('intake.removeFile', { name: r.file.name })}
                      onClick={() => setRows((previous) => previous.filter((x) => x.key !== r.key))}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
          {problems.documents && (
            <Text size="sm" c="red.8">
              {problems.documents}
            </Text>
          )}
          <Group>
            <FileButton onChange={addFiles} accept="application/pdf,image/png,image/jpeg" multiple>
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  leftSection={<IconFileUpload size={16} aria-hidden />}
                  data-testid="intake-add-files"
                >
                  {t('intake.addFiles')}
                </Button>
              )}
            </FileButton>
            <Text size="sm" c="dimmed">
              {t('intake.filesHint')}
            </Text>
          </Group>
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button onClick={() => void submit()} loading={submitting} data-testid="intake-submit">
              {t('intake.submit')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <Title order={2} size="h3">
        {t('intake.recent')}
      </Title>
      {recent.error && <ErrorAlert error={recent.error} />}
      {recent.data && recent.data.length === 0 && <Text c="dimmed">{t('intake.recentNone')}</Text>}
      {recent.data && recent.data.length > 0 && (
        <DataTable
          testId="intake-recent"
          minWidth={640}
          head={
            <>
              <Table.Th scope="col">{t('intake.reference')}</Table.Th>
              <Table.Th scope="col">{t('intake.person')}</Table.Th>
              <Table.Th scope="col">{t('intake.receivedAt')}</Table.Th>
              <Table.Th scope="col">{t('intake.documents')}</Table.Th>
              <Table.Th scope="col">{t('intake.receipt')}</Table.Th>
            </>
          }
        >
          {recent.data.map((i) => (
            <Table.Tr key={i.id} data-testid="intake-recent-row">
              <Table.Td>{i.reference}</Table.Td>
              <Table.Td dir="auto">{i.personName ?? t('intake.nameHidden')}</Table.Td>
              <Table.Td>{intl.formatDate(i.receivedAt, { dateStyle: 'short', timeStyle: 'short' })}</Table.Td>
              <Table.Td>{i.documents.length}</Table.Td>
              <Table.Td>
                <Button
                  component="a"
                  href={receiptHref(i.id)}
                  target="_blank"
                  rel="noopener noreferrer"
                  size="xs"
                  variant="default"
                  leftSection={<IconPrinter size={14} aria-hidden />}
                >
                  {t('intake.printReceipt')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Page>
  );
}
