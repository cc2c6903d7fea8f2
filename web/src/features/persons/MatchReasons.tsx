import { Badge, Group } from '@mantine/core';
import type { MatchReason } from '@lotse/common';
import { usePersonFormat } from './person-format';

/** Why a person matched: one small badge per reason, differences in another colour. */
export function MatchReasons({ reasons }: { reasons: MatchReason[] }) {
  const format = usePersonFormat();
  if (reasons.length === 0) return null;
  return (
    <Group gap={6} component="ul" className="plain-list" data-testid="match-reasons">
      {reasons.map((r, i) => (
        <Badge
          key={`${r.field}-${r.code}-${i}`}
          component="li"
          size="md"
          variant="outline"
          color={r.code === 'different' ? 'red.9' : 'lotse.9'}
          data-reason={r.code}
        >
          {format.reason(r)}
        </Badge>
      ))}
    </Group>
  );
}
