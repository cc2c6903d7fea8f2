import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useIntl } from 'react-intl';
import { Anchor, Button, Group, NativeSelect, Table, Text } from '@mantine/core';
import { IconScan } from '@tabler/icons-react';
import { duplicateStatuses } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { SuccessNote } from '../../ui/SuccessNote';
import { MatchReasons } from '../persons/MatchReasons';
import { PersonName } from '../persons/PersonSummaryCard';
import { usePersonFormat } from '../persons/person-format';
import { type DuplicateStatus, type Queue, type Scan, duplicatesApi } from './duplicates.api';

const isStatus = (value: string | null): value is DuplicateStatus =>
  duplicateStatuses.some((s) => s === value);

/** The review queue of suspected duplicates, and the scan that fills it. */
export function DuplicatesPage() {
  const intl = useIntl();
  const labels = useLabels();
  const format = usePersonFormat();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: DuplicateStatus = isStatus(raw) ? raw : 'open';
  const queue = useApi<Queue>(duplicatesApi.listPath(status));
  const [scan, setScan] = useState<Scan>();
  const [scanning, setScanning] = useState(false);
  const [scanError, setScanError] = useState<ApiError>();
  const candidates = queue.data?.candidates ?? [];

  const runScan = async () => {
    setScanning(true);
    setScanError(undefined);
    setScan(undefined);
    try {
      setScan(await duplicatesApi.scan());
      queue.reload();
    } catch (e) {
      setScanError(toApiError(e));
    } finally {
      setScanning(false);
    }
  };

  return (
    <Page
      title={intl.formatMessage({ id: 'duplicates.title' })}
      actions={
        <Button
          leftSection={<IconScan size={18} aria-hidden />}
          onClick={() => void runScan()}
          loading={scanning}
          data-testid="duplicate-scan"
        >
          {intl.formatMessage({ id: 'duplicates.scan' })}
        </Button>
      }
    >
      <Text>{intl.formatMessage({ id: 'duplicates.intro' })}</Text>
      <ErrorAlert error={scanError ?? queue.error} />
      <div data-testid="scan-result">
        <SuccessNote>
          {scan &&
            intl.formatMessage(
              { id: 'duplicates.scanResult' },
              {
                persons: scan.persons,
                pairs: scan.pairsCompared,
                found: scan.candidatesFound,
                fresh: scan.newCandidates,
                seconds: intl.formatNumber(scan.durationMs / 1000, { maximumFractionDigits: 1 }),
              },
            )}
        </SuccessNote>
      </div>
      <Group align="flex-end">
        <NativeSelect
          label={intl.formatMessage({ id: 'duplicates.statusFilter' })}
          data={duplicateStatuses.map((s) => ({ value: s, label: labels.duplicateStatus(s) }))}
          value={status}
          onChange={(event) => setParams({ status: event.currentTarget.value }, { replace: true })}
          data-testid="duplicate-status"
        />
      </Group>
      {queue.loading && !queue.data ? (
        <Loading />
      ) : candidates.length === 0 ? (
        <Text c="dimmed" data-testid="duplicates-empty">
          {intl.formatMessage({ id: 'duplicates.empty' })}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="duplicate-count">
            {intl.formatMessage(
              { id: 'duplicates.count' },
              { count: queue.data?.total ?? candidates.length },
            )}
          </Text>
          <Table.ScrollContainer minWidth={900}>
            <Table striped data-testid="duplicates-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'duplicates.personA' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'duplicates.personB' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'duplicates.score' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'duplicates.reasons' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'duplicates.detectedAt' })}</Table.Th>
                  <Table.Th scope="col">{intl.formatMessage({ id: 'common.actions' })}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {candidates.map((c) => (
                  <Table.Tr key={c.id} data-testid="duplicate-row" data-candidate-id={c.id}>
                    {[c.a, c.b].map((p) => (
                      <Table.Td key={p.id}>
                        <Text fw={600} size="sm">
                          <PersonName displayName={p.displayName} originalName={p.originalName} />
                        </Text>
                        <Text size="xs">{format.dateOfBirth(p.dateOfBirth)}</Text>
                      </Table.Td>
                    ))}
                    <Table.Td fw={600}>{format.percent(c.score)}</Table.Td>
                    <Table.Td>
                      <MatchReasons reasons={c.reasons} />
                    </Table.Td>
                    <Table.Td>{format.dateTime(c.detectedAt)}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/duplicates/${c.id}`} data-testid="duplicate-open">
                        {intl.formatMessage({ id: 'duplicates.review' })}
                        <span className="visually-hidden">
                          {' '}
                          {intl.formatMessage(
                            { id: 'duplicates.reviewPair' },
                            {
                              a: c.a.displayName || intl.formatMessage({ id: 'person.nameWithheld' }),
                              b: c.b.displayName || intl.formatMessage({ id: 'person.nameWithheld' }),
                            },
                          )}
                        </span>
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Page>
  );
}
