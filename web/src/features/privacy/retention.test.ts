import { describe, expect, it } from 'vitest';
import type { RetentionRemoval, RetentionRule } from '@lotse/common';
import { recordLanguageFor } from './processing-record';
import { groupRemovals, shortId, sortRules } from './retention';

const rule = (agencyName: string, recordType: RetentionRule['recordType']): RetentionRule =>
  ({
    id: `${agencyName}-${recordType}`,
    agencyId: '11111111-1111-4111-8111-111111111111',
    agencyName,
    recordType,
    years: 10,
    paragraph: '§ 68 AufenthV',
    description: '',
    createdAt: '2026-01-01T00:00:00.000Z',
  }) as RetentionRule;

const RUN = 'aaaaaaaa-0000-4000-8000-000000000001';
const ERASURE = 'bbbbbbbb-0000-4000-8000-000000000002';
const RULE = 'cccccccc-0000-4000-8000-000000000003';
let nextId = 1;
const removal = (over: Partial<RetentionRemoval>): RetentionRemoval =>
  ({
    id: nextId++,
    runId: RUN,
    reason: 'retention',
    ruleId: RULE,
    paragraph: '§ 68 AufenthV',
    agencyId: null,
    agencyName: 'Ausländerbehörde',
    recordType: 'residence',
    recordId: String(nextId),
    personId: null,
    action: 'deleted',
    removedAt: '2026-03-01T02:30:00.000Z',
    ...over,
  }) as RetentionRemoval;

describe('the retention page', () => {
  it('lists the rules by agency in German alphabetical order, then in the order of the record types', () => {
    const sorted = sortRules([
      rule('Kommunales Integrationszentrum', 'note.education'),
      rule('Ausländerbehörde', 'identifier'),
      rule('Ausländerbehörde', 'residence'),
      rule('Übergangsheim', 'person'),
    ]);
    expect(sorted.map((r) => r.id)).toEqual([
      'Ausländerbehörde-residence',
      'Ausländerbehörde-identifier',
      'Kommunales Integrationszentrum-note.education',
      'Übergangsheim-person',
    ]);
  });

  it('counts the removal record per run, rule, kind and action, newest first, with the latest time of each group', () => {
    const erasure = { runId: ERASURE, reason: 'erasure_request', ruleId: null, paragraph: null } as const;
    const groups = groupRemovals([
      removal({ ...erasure, recordType: 'history' }),
      removal({ ...erasure, recordType: 'history' }),
      removal({ ...erasure, recordType: 'person', action: 'anonymised' }),
      removal({ removedAt: '2026-03-01T02:30:05.000Z' }),
      removal({}),
    ]);
    expect(groups.map((g) => [g.runId, g.recordType, g.action, g.count])).toEqual([
      [ERASURE, 'history', 'deleted', 2],
      [ERASURE, 'person', 'anonymised', 1],
      [RUN, 'residence', 'deleted', 2],
    ]);
    expect(groups[2]!.removedAt).toBe('2026-03-01T02:30:05.000Z');
    expect(groups.every((g) => !('recordId' in g))).toBe(true);
  });

  it('tells runs apart by the first eight characters of their id', () => {
    expect(shortId(RUN)).toBe('aaaaaaaa');
  });
});

describe('the record of processing activities', () => {
  it('comes in the reader’s language where the server writes it, else in German', () => {
    expect(recordLanguageFor('en')).toBe('en');
    expect(recordLanguageFor('de')).toBe('de');
    expect(recordLanguageFor('ar')).toBe('de');
  });
});
