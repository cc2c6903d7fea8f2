import { useIntl } from 'react-intl';
import type { CaseTask, residenceKinds } from '@lotse/common';
import { isMessageId, type MessageId } from '../../i18n/catalogues';
import { useLabels } from '../../i18n/labels';

/**
 * Translated names of case management's values. Phases and obstacle tags are configurable per municipality: a code
 * the catalogue does not know is shown as it is.
 */
export function useCaseLabels() {
  const intl = useIntl();
  const labels = useLabels();
  const known = (prefix: string, code: string) => {
    const id = `cases.${prefix}.${code}`;
    return isMessageId(id) ? intl.formatMessage({ id }) : code;
  };
  return {
    t: (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values),
    phase: (code: string) => known('phase', code),
    area: (code: string) => known('area', code),
    stage: (code: string) => known('stage', code),
    need: (code: string) => known('need', code),
    closing: (code: string) => known('closing', code),
    stepStatus: (code: string) => known('stepStatus', code),
    stepKind: (code: string) => known('stepKind', code),
    taskSource: (code: string) => known('taskSource', code),
    referralStatus: (code: string) => known('referralStatus', code),
    obstacle: (code: string) => known('obstacle', code),
    source: (code: string) => known('source', code),
    event: (code: string) => known('event', code),
    /** A task's title; a derived one is a code with parameters (the residence kind named as the persons pages do). */
    taskTitle: (task: Pick<CaseTask, 'title' | 'source' | 'params'>) => {
      const kind = task.params.residenceKind;
      if (task.source !== 'residence_expiry' || !kind) return task.title;
      const name = isMessageId(`residenceKind.${kind}`)
        ? labels.residenceKind(kind as (typeof residenceKinds)[number])
        : kind;
      return task.params.paragraph ? `${name} (${task.params.paragraph})` : name;
    },
    date: (day: string | null) =>
      day ? intl.formatDate(`${day.slice(0, 10)}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' }) : '—',
    dateTime: (at: string) => intl.formatDate(at, { dateStyle: 'medium', timeStyle: 'short' }),
  };
}
