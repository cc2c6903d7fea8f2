import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useIntl } from 'react-intl';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Input,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconInfoCircle, IconPlayerPlay, IconUpload } from '@tabler/icons-react';
import { type ImportReport, importFields } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import type { MessageId } from '../../i18n/catalogues';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Page } from '../../ui/Page';
import { SuccessNote } from '../../ui/SuccessNote';
import { type Preview, fileAsBase64, importsApi } from './imports.api';

type Field = (typeof importFields)[number];
type Outcome = ImportReport['lines'][number]['outcome'];

const outcomeColour: Record<Outcome, string> = {
  create: 'teal.9',
  match: 'lotse.8',
  reject: 'red.9',
  skip: 'gray.7',
};
const DELIMITERS = [',', ';', '\t'] as const;
const isDelimiter = (d: string): d is (typeof DELIMITERS)[number] => DELIMITERS.some((x) => x === d);

/** Brings an agency's CSV export into the registry: preview, column mapping, dry run, then all or nothing. */
export function ImportPage() {
  const intl = useIntl();
  const labels = useLabels();
  const fileId = useId();
  const [file, setFile] = useState<{ name: string; content: string }>();
  const [preview, setPreview] = useState<Preview>();
  const [mapping, setMapping] = useState<Record<string, Field>>({});
  const [report, setReport] = useState<ImportReport>();
  const [busy, setBusy] = useState<'preview' | 'dry' | 'apply'>();
  const [error, setError] = useState<ApiError>();
  const t = (id: MessageId) => intl.formatMessage({ id });

  const run = async (what: 'preview' | 'dry' | 'apply', action: () => Promise<void>) => {
    setBusy(what);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };

  const choose = (chosen: File | undefined) => {
    setPreview(undefined);
    setReport(undefined);
    setFile(undefined);
    if (!chosen) return;
    void run('preview', async () => {
      const content = await fileAsBase64(chosen);
      const answer = await importsApi.preview(chosen.name, content);
      setFile({ name: chosen.name, content });
      setPreview(answer);
      setMapping(Object.fromEntries(answer.columns.map((c) => [c, answer.suggestedMapping[c] ?? 'ignore'])));
    });
  };
  const dryRun = () =>
    run('dry', async () => {
      if (!file || !preview) return;
      setReport(
        await importsApi.dryRun({
          fileName: file.name,
          content: file.content,
          mapping,
          ...(isDelimiter(preview.delimiter) ? { delimiter: preview.delimiter } : {}),
        }),
      );
    });
  const apply = () =>
    run('apply', async () => {
      if (report) setReport(await importsApi.apply(report.id));
    });

  const applied = report?.status === 'applied';

  return (
    <Page title={t('import.title')}>
      <Text>{t('import.intro')}</Text>
      <Alert
        color="lotse"
        variant="light"
        icon={<IconInfoCircle aria-hidden />}
        data-testid="import-all-or-nothing"
      >
        {t('import.allOrNothing')}
      </Alert>
      <ErrorAlert error={error} />

      <Paper withBorder p="md">
        <Input.Wrapper id={fileId} label={t('import.file')} description={t('import.fileHint')}>
          <Group mt={6} gap="sm">
            <IconUpload size={18} aria-hidden />
            <input
              id={fileId}
              type="file"
              accept=".csv,text/csv,text/plain"
              onChange={(event) => choose(event.currentTarget.files?.[0])}
              data-testid="import-file"
            />
          </Group>
        </Input.Wrapper>
        {busy === 'preview' && (
          <Text size="sm" mt="sm" role="status">
            {t('app.loading')}
          </Text>
        )}
      </Paper>

      {preview && (
        <Paper
          withBorder
          p="md"
          component="section"
          aria-labelledby="import-preview-title"
          data-testid="import-preview"
        >
          <Title order={2} size="h3" id="import-preview-title" mb="xs">
            {t('import.previewTitle')}
          </Title>
          <Text size="sm" mb="sm">
            {intl.formatMessage(
              { id: 'import.detected' },
              {
                encoding: preview.encoding,
                delimiter: preview.delimiter === '\t' ? 'Tab' : preview.delimiter,
                columns: preview.columns.length,
              },
            )}
          </Text>
          <Table.ScrollContainer minWidth={600}>
            <Table striped withTableBorder data-testid="import-sample">
              <caption className="visually-hidden">{t('import.sampleCaption')}</caption>
              <Table.Thead>
                <Table.Tr>
                  {preview.columns.map((c) => (
                    <Table.Th key={c} scope="col">
                      <bdi>{c}</bdi>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.sample.map((cells, i) => (
                  <Table.Tr key={i}>
                    {preview.columns.map((c, j) => (
                      <Table.Td key={c}>
                        <bdi dir="auto">{cells[j] ?? ''}</bdi>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>

          <Title order={3} size="h4" mt="md" mb="xs">
            {t('import.mappingTitle')}
          </Title>
          <Text size="sm" mb="sm">
            {t('import.mappingHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} data-testid="import-mapping">
            {preview.columns.map((c) => (
              <NativeSelect
                key={c}
                label={<bdi>{c}</bdi>}
                data={importFields.map((f) => ({ value: f, label: labels.importField(f) }))}
                value={mapping[c] ?? 'ignore'}
                onChange={(event) => {
                  const value = event.currentTarget.value as Field;
                  setReport(undefined);
                  setMapping((m) => ({ ...m, [c]: value }));
                }}
                data-testid={`mapping-${c}`}
              />
            ))}
          </SimpleGrid>
          <Group justify="flex-end" mt="md">
            <Button
              leftSection={<IconPlayerPlay size={18} aria-hidden className="flip-rtl" />}
              loading={busy === 'dry'}
              disabled={busy !== undefined || applied}
              onClick={() => void dryRun()}
              data-testid="import-dry-run"
            >
              {t('import.dryRun')}
            </Button>
          </Group>
        </Paper>
      )}

      {report && (
        <Paper
          withBorder
          p="md"
          component="section"
          aria-labelledby="import-report-title"
          data-testid="import-report"
        >
          <Title order={2} size="h3" id="import-report-title" mb="xs">
            {t(applied ? 'import.appliedTitle' : 'import.reportTitle')}
          </Title>
          <SuccessNote>
            {applied
              ? intl.formatMessage({ id: 'import.applied' }, { count: report.summary.create })
              : undefined}
          </SuccessNote>
          <Group gap="sm" my="sm" data-testid="import-summary" aria-live="polite">
            <Text fw={600}>
              {intl.formatMessage({ id: 'import.lines' }, { count: report.summary.lines })}
            </Text>
            {(['create', 'match', 'reject', 'skip'] as const).map((o) => (
              <Badge
                key={o}
                color={outcomeColour[o]}
                variant="filled"
                size="lg"
                data-testid={`import-count-${o}`}
              >
                {intl.formatMessage({ id: `import.count.${o}` }, { count: report.summary[o] })}
              </Badge>
            ))}
          </Group>
          <Table.ScrollContainer minWidth={720}>
            <Table striped data-testid="import-lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('import.line')}</Table.Th>
                  <Table.Th scope="col">{t('import.outcome')}</Table.Th>
                  <Table.Th scope="col">{t('common.name')}</Table.Th>
                  <Table.Th scope="col">{t('import.person')}</Table.Th>
                  <Table.Th scope="col">{t('import.problems')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.lines.map((line) => (
                  <Table.Tr key={line.line} data-testid="import-line" data-outcome={line.outcome}>
                    <Table.Td>{line.line}</Table.Td>
                    <Table.Td>
                      <Badge color={outcomeColour[line.outcome]} variant="filled">
                        {t(`import.outcome.${line.outcome}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{line.displayName ? <bdi dir="auto">{line.displayName}</bdi> : '—'}</Table.Td>
                    <Table.Td>
                      {line.personId ? (
                        <Anchor component={Link} to={`/persons/${line.personId}`}>
                          {line.score !== null
                            ? intl.formatMessage(
                                { id: 'import.openPersonScore' },
                                {
                                  score: intl.formatNumber(line.score, {
                                    style: 'percent',
                                    maximumFractionDigits: 0,
                                  }),
                                },
                              )
                            : t('import.openPerson')}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      {line.problems.length === 0 ? (
                        '—'
                      ) : (
                        <Stack gap={2} component="ul" className="plain-list">
                          {line.problems.map((p, i) => (
                            <Text key={i} component="li" size="sm" data-testid="import-problem">
                              <strong>{labels.importProblemField(p.field)}</strong>: {p.message}
                            </Text>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {!applied && (
            <Group justify="flex-end" mt="md">
              <Button
                color="teal.9"
                loading={busy === 'apply'}
                disabled={busy !== undefined}
                onClick={() => void apply()}
                data-testid="import-apply"
              >
                {t('import.apply')}
              </Button>
            </Group>
          )}
        </Paper>
      )}
    </Page>
  );
}
