import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useIntl } from 'react-intl';
import { Anchor, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { SearchHit } from '@lotse/common';
import { useLabels } from '../../i18n/labels';
import { MatchReasons } from './MatchReasons';
import { usePersonFormat } from './person-format';

/**
 * Name in Latin letters and, where known, in the original script; both isolated for mixed directions. A name the
 * member may not see (empty from the API) reads "name not released", so a link to the person keeps a text.
 */
export function PersonName({
  displayName,
  originalName,
}: {
  displayName: string;
  originalName: string | null;
}) {
  const intl = useIntl();
  if (!displayName && !originalName)
    return (
      <Text span inherit fs="italic" data-name-withheld>
        {intl.formatMessage({ id: 'person.nameWithheld' })}
      </Text>
    );
  return (
    <>
      <bdi>{displayName}</bdi>
      {originalName && (
        <>
          {' · '}
          <bdi dir="auto">{originalName}</bdi>
        </>
      )}
    </>
  );
}

/** A search hit or duplicate candidate: who it is, how sure the match is and why; links to the person. */
export function PersonHitCard({
  hit,
  testId = 'search-hit',
  children,
}: {
  hit: SearchHit;
  testId?: string;
  children?: ReactNode;
}) {
  const intl = useIntl();
  const labels = useLabels();
  const format = usePersonFormat();
  const { person, score } = hit;
  return (
    <Paper withBorder p="md" component="li" data-testid={testId} data-person-id={person.id}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Anchor component={Link} to={`/persons/${person.id}`} fw={700} size="lg" data-testid="hit-link">
            <PersonName displayName={person.displayName} originalName={person.originalName} />
          </Anchor>
          <Stack gap={2} miw={110} align="flex-end">
            <Text size="sm" fw={600} data-testid="hit-score">
              {intl.formatMessage({ id: 'search.score' }, { score: format.percent(score) })}
            </Text>
            <Progress value={Math.round(score * 100)} w={110} size="sm" aria-hidden />
          </Stack>
        </Group>
        <Text size="sm">
          {[
            `${intl.formatMessage({ id: 'person.dateOfBirth' })}: ${format.dateOfBirth(person.dateOfBirth)}`,
            labels.sex(person.sex),
            person.nationalities.length > 0
              ? `${intl.formatMessage({ id: 'person.nationalities' })}: ${person.nationalities.map(format.country).join(', ')}`
              : null,
          ]
            .filter((part): part is string => part !== null)
            .join(' · ')}
          {person.placeOfBirth && (
            <>
              {' · '}
              {intl.formatMessage({ id: 'person.placeOfBirth' })}: <bdi>{person.placeOfBirth}</bdi>
            </>
          )}
        </Text>
        <MatchReasons reasons={hit.reasons} />
        {children}
      </Stack>
    </Paper>
  );
}
