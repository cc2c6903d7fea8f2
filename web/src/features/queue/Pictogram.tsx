import {
  IconBriefcase,
  IconCalendarEvent,
  IconCoin,
  IconFileText,
  IconHelpCircle,
  IconId,
  IconUsers,
} from '@tabler/icons-react';
import type { QueuePictogram } from '@lotse/common';

const ICONS = {
  documents: IconFileText,
  question: IconHelpCircle,
  permit: IconId,
  calendar: IconCalendarEvent,
  money: IconCoin,
  family: IconUsers,
  work: IconBriefcase,
} as const;

/** The pictogram of a service (decorative: the service's name is always beside it). */
export function Pictogram({ name, size = 48 }: { name: QueuePictogram; size?: number }) {
  const Icon = ICONS[name] ?? IconHelpCircle;
  return <Icon size={size} aria-hidden />;
}
