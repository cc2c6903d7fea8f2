import { type RemovalKind, type RetentionRemoval, type RetentionRule, removalKinds } from '@lotse/common';

const kindOrder = (kind: RemovalKind) => removalKinds.indexOf(kind);

/** The rules in force by agency (alphabetical in German) and then in the order of the record types. */
export function sortRules(rules: RetentionRule[]): RetentionRule[] {
  return [...rules].sort(
    (a, b) =>
      a.agencyName.localeCompare(b.agencyName, 'de') || kindOrder(a.recordType) - kindOrder(b.recordType),
  );
}

/** Lines of the removal record that belong together: one run (or erasure), one rule, one kind, one action. */
export interface RemovalGroup {
  key: string;
  runId: string;
  reason: RetentionRemoval['reason'];
  /** The latest removal of the group. */
  removedAt: string;
  paragraph: string | null;
  agencyName: string | null;
  recordType: RemovalKind;
  action: RetentionRemoval['action'];
  count: number;
}

/**
 * The removal record as staff read it: how many records of which kind a run removed under which rule, instead of
 * one line per record id. Keeps the order of the record (newest first).
 */
export function groupRemovals(removals: RetentionRemoval[]): RemovalGroup[] {
  const groups = new Map<string, RemovalGroup>();
  for (const r of removals) {
    const key = [r.runId, r.ruleId ?? '', r.agencyId ?? '', r.recordType, r.action].join('|');
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      if (r.removedAt > group.removedAt) group.removedAt = r.removedAt;
    } else
      groups.set(key, {
        key,
        runId: r.runId,
        reason: r.reason,
        removedAt: r.removedAt,
        paragraph: r.paragraph,
        agencyName: r.agencyName,
        recordType: r.recordType,
        action: r.action,
        count: 1,
      });
  }
  return [...groups.values()];
}

/** The first part of a run's id: enough to tell runs apart on screen (the whole id is in the link). */
export const shortId = (id: string) => id.slice(0, 8);
