import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { AccessBasis, PersonVisibility } from '@lotse/common';
import { useLabels } from '../../i18n/labels';

/** One basis in words: the kind in the reader's language; a legal basis also by its paragraph and title. */
function BasisText({ basis }: { basis: AccessBasis }) {
  const labels = useLabels();
  if (basis.kind !== 'legal_basis') return <>{labels.basisKind(basis.kind)}</>;
  return (
    <>
      {labels.basisKind(basis.kind)}: <bdi>{basis.label}</bdi>
    </>
  );
}

/**
 * "Visible to you": which categories of the person the member sees, for which purpose and on which basis, and that
 * other data may exist but is withheld without consent or legal basis.
 */
export function VisibilityPanel({
  visibility,
  action,
}: {
  visibility: PersonVisibility;
  action?: ReactNode;
}) {
  const intl = useIntl();
  const labels = useLabels();
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="visibility-title"
      data-testid="visibility-panel"
      bg="gray.0"
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="sm">
          <Title order={2} size="h4" id="visibility-title">
            {intl.formatMessage({ id: 'visibility.title' })}
          </Title>
          <Group gap="sm">
            <Text size="sm" data-testid="visibility-purpose" data-purpose={visibility.purpose}>
              {intl.formatMessage(
                { id: 'visibility.purpose' },
                { purpose: labels.purpose(visibility.purpose) },
              )}
            </Text>
            {action}
          </Group>
        </Group>
        <Stack gap={4} component="ul" className="plain-list">
          {visibility.categories.map(({ category, bases }) => (
            <Group
              key={category}
              component="li"
              gap="xs"
              wrap="nowrap"
              align="baseline"
              data-testid="visibility-category"
              data-category={category}
            >
              <Badge variant="light">{labels.category(category)}</Badge>
              <Text size="sm">
                {bases.map((basis, i) => (
                  <span key={`${basis.kind}-${basis.id ?? i}`}>
                    {i > 0 && ' · '}
                    <BasisText basis={basis} />
                  </span>
                ))}
              </Text>
            </Group>
          ))}
        </Stack>
        <Text size="sm" c="dimmed" data-testid="visibility-withheld">
          {intl.formatMessage({ id: 'visibility.withheld' })}
        </Text>
      </Stack>
    </Paper>
  );
}
