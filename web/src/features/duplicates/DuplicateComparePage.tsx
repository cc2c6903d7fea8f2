import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useIntl } from 'react-intl';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconGitMerge, IconX } from '@tabler/icons-react';
import type { Person } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import type { MessageId } from '../../i18n/catalogues';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { SuccessNote } from '../../ui/SuccessNote';
import { MatchReasons } from '../persons/MatchReasons';
import { PersonName } from '../persons/PersonSummaryCard';
import { usePersonFormat } from '../persons/person-format';
import { type Comparison, duplicatesApi } from './duplicates.api';

interface Row {
  key: string;
  label: MessageId;
  a: string;
  b: string;
  auto?: boolean;
}

/** Two suspected duplicates side by side, field by field with differences marked; merge, reject or undo. */
export function DuplicateComparePage() {
  const { id = '' } = useParams();
  const intl = useIntl();
  const labels = useLabels();
  const format = usePersonFormat();
  const comparison = useApi<Comparison>(duplicatesApi.comparisonPath(id));
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [note, setNote] = useState<string>();
  const [mergeId, setMergeId] = useState<string | null>();
  const data = comparison.data;

  const act = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    setError(undefined);
    setNote(undefined);
    try {
      await action();
      comparison.reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };

  if (!data) {
    return (
      <Page title={intl.formatMessage({ id: 'compare.title' })}>
        {comparison.error ? <ErrorAlert error={comparison.error} /> : <Loading />}
      </Page>
    );
  }

  const { candidate, a, b } = data;
  const currentMergeId = mergeId === undefined ? candidate.mergeId : mergeId;
  const open = candidate.status === 'open';
  const merge = (survivor: Person) =>
    act(survivor.id === a.id ? 'a' : 'b', async () => {
      const result = await duplicatesApi.merge(candidate.id, survivor.id);
      setMergeId(result.mergeId);
      setNote(
        intl.formatMessage(
          { id: 'compare.merged' },
          { name: survivor.displayName || intl.formatMessage({ id: 'person.nameWithheld' }) },
        ),
      );
    });
  const reject = () =>
    act('reject', async () => {
      await duplicatesApi.reject(candidate.id);
      setNote(intl.formatMessage({ id: 'compare.rejected' }));
    });
  const undo = (m: string) =>
    act('undo', async () => {
      await duplicatesApi.undo(m);
      setMergeId(null);
      setNote(intl.formatMessage({ id: 'merge.undone' }));
    });

  const original = (p: Person) =>
    [p.name.givenNamesOriginal, p.name.familyNameOriginal].filter(Boolean).join(' ');
  const birthName = (p: Person) =>
    p.birthName ? [p.birthName.familyName, p.birthName.familyNameOriginal].filter(Boolean).join(' · ') : '';
  const identifiers = (p: Person) =>
    p.identifiers
      .map((i) => `${labels.identifierKind(i.kind)} ${i.value} (${i.agencyName ?? '—'})`)
      .join('\n');
  const address = (p: Person) =>
    p.address ? [p.address.street, p.address.postcode, p.address.city].filter(Boolean).join(' ') : '';
  const row = (key: string, label: MessageId, value: (p: Person) => string, auto = false): Row => ({
    key,
    label,
    a: value(a),
    b: value(b),
    auto,
  });
  const rows: Row[] = [
    row('givenNames', 'person.givenNames', (p) => p.name.givenNames),
    row('familyName', 'person.familyName', (p) => p.name.familyName),
    row('original', 'person.originalScript', original, true),
    row('birthName', 'person.birthName', birthName, true),
    row('sex', 'person.sex', (p) => labels.sex(p.sex)),
    row('dateOfBirth', 'person.dateOfBirth', (p) => format.dateOfBirth(p.dateOfBirth)),
    row('placeOfBirth', 'person.placeOfBirth', (p) => p.placeOfBirth ?? '', true),
    row('countryOfBirth', 'person.countryOfBirth', (p) =>
      p.countryOfBirth ? format.country(p.countryOfBirth) : '',
    ),
    row('nationalities', 'person.nationalities', (p) => p.nationalities.map(format.country).join(', ')),
    row('identifiers', 'person.section.identifiers', identifiers),
    row('address', 'person.address', address, true),
  ];

  const cell = (value: string, differs: boolean, auto?: boolean): ReactNode => (
    <Table.Td className={differs ? 'differs' : undefined} style={{ whiteSpace: 'pre-line' }}>
      {value ? <bdi dir={auto ? 'auto' : undefined}>{value}</bdi> : '—'}
    </Table.Td>
  );
  const column = (p: Person, letter: 'A' | 'B') => (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {intl.formatMessage({ id: letter === 'A' ? 'duplicates.personA' : 'duplicates.personB' })}
      </Text>
      <Anchor component={Link} to={`/persons/${p.id}`} fw={700}>
        <PersonName displayName={p.displayName} originalName={original(p) || null} />
      </Anchor>
    </Stack>
  );

  return (
    <Page
      title={intl.formatMessage({ id: 'compare.title' })}
      actions={
        <Badge size="lg" variant="light" data-testid="candidate-status">
          {labels.duplicateStatus(candidate.status)}
        </Badge>
      }
    >
      <Text>
        <Anchor component={Link} to="/duplicates">
          {intl.formatMessage({ id: 'compare.back' })}
        </Anchor>
      </Text>
      <SuccessNote>{note}</SuccessNote>
      <ErrorAlert error={error} />
      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={6}>
            <Title order={2} size="h3">
              {intl.formatMessage({ id: 'compare.reasons' })}
            </Title>
            <MatchReasons reasons={candidate.reasons} />
          </Stack>
          <Text fw={700} size="xl" data-testid="compare-score">
            {intl.formatMessage({ id: 'search.score' }, { score: format.percent(candidate.score) })}
          </Text>
        </Group>
      </Paper>
      <Table.ScrollContainer minWidth={720}>
        <Table withTableBorder withColumnBorders data-testid="duplicate-compare">
          <caption className="visually-hidden">{intl.formatMessage({ id: 'compare.caption' })}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w="22%">
                {intl.formatMessage({ id: 'compare.field' })}
              </Table.Th>
              <Table.Th scope="col">{column(a, 'A')}</Table.Th>
              <Table.Th scope="col">{column(b, 'B')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const differs = r.a !== r.b;
              return (
                <Table.Tr key={r.key} data-testid="compare-row" data-field={r.key} data-differs={differs}>
                  <Table.Th scope="row" fw={600}>
                    {intl.formatMessage({ id: r.label })}
                    {differs && (
                      <Badge ms={6} size="xs" color="yellow.4" autoContrast variant="filled">
                        {intl.formatMessage({ id: 'compare.differs' })}
                      </Badge>
                    )}
                  </Table.Th>
                  {cell(r.a, differs, r.auto)}
                  {cell(r.b, differs, r.auto)}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="flex-end" gap="sm">
        {open && (
          <>
            <Button
              variant="default"
              leftSection={<IconX size={18} aria-hidden />}
              loading={busy === 'reject'}
              disabled={busy !== undefined}
              onClick={() => void reject()}
              data-testid="reject-duplicate"
            >
              {intl.formatMessage({ id: 'compare.reject' })}
            </Button>
            <Button
              leftSection={<IconGitMerge size={18} aria-hidden />}
              loading={busy === 'a'}
              disabled={busy !== undefined}
              onClick={() => void merge(a)}
              data-testid="merge-keep-a"
            >
              {intl.formatMessage({ id: 'compare.keepA' })}
            </Button>
            <Button
              leftSection={<IconGitMerge size={18} aria-hidden />}
              loading={busy === 'b'}
              disabled={busy !== undefined}
              onClick={() => void merge(b)}
              data-testid="merge-keep-b"
            >
              {intl.formatMessage({ id: 'compare.keepB' })}
            </Button>
          </>
        )}
        {(candidate.status === 'merged' || mergeId) && currentMergeId && (
          <Button
            variant="default"
            leftSection={<IconArrowBackUp size={18} aria-hidden className="flip-rtl" />}
            loading={busy === 'undo'}
            onClick={() => void undo(currentMergeId)}
            data-testid="undo-merge"
          >
            {intl.formatMessage({ id: 'merge.undo' })}
          </Button>
        )}
      </Group>
    </Page>
  );
}
