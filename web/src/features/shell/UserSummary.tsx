import { useIntl } from 'react-intl';
import { Badge, Group, Stack, type StackProps, Text } from '@mantine/core';
import { useLabels } from '../../i18n/labels';
import { useMe } from '../auth/AuthProvider';

/** Name, agency and roles of the signed-in user. */
export function UserSummary({
  withMunicipality = false,
  ...props
}: StackProps & { withMunicipality?: boolean }) {
  const intl = useIntl();
  const me = useMe();
  const labels = useLabels();
  return (
    <Stack gap={2} miw={0} data-testid="user-summary" {...props}>
      {withMunicipality && (
        <Text size="xs" c="dimmed" lh={1.2} hiddenFrom="sm">
          <bdi>{me.municipality.name}</bdi>
        </Text>
      )}
      <Text size="sm" fw={600} lh={1.2} truncate data-testid="user-name">
        <bdi>{me.displayName}</bdi>
      </Text>
      <Text size="xs" c="dimmed" lh={1.2} truncate data-testid="user-agency">
        <bdi>{me.agency.name}</bdi>
      </Text>
      <Group gap={4} aria-label={intl.formatMessage({ id: 'shell.userRoles' })} role="list">
        {me.roles.map((role) => (
          <Badge key={role} size="xs" variant="light" role="listitem" data-testid={`user-role-${role}`}>
            {labels.role(role)}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}
