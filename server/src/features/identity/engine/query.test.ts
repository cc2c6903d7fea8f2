import { describe, expect, it } from 'vitest';
import { defaultModel } from './default-model';
import { parseQuery, queryKeys, scoreQuery } from './query';
import { blockingKeys, prepare } from './record';

const stored = prepare({
  id: 'p1',
  givenNames: 'Mohammed',
  familyName: 'Al-Hassan',
  givenNamesOriginal: 'محمد',
  familyNameOriginal: 'الحسن',
  dateOfBirth: '01.01.1990',
  identifiers: ['123456789'],
});
const keys = new Set(blockingKeys(stored));
const finds = (q: string) => queryKeys(parseQuery(q)).some((k) => keys.has(k));

describe('the search box', () => {
  it('takes a query apart into names, dates and identifiers', () => {
    const q = parseQuery('01.01.1990 hasan AZR 123456789');
    expect(q.nameTokens).toEqual(['hasan']);
    expect(q.dates.map((d) => d.certainty)).toEqual(['placeholder']);
    expect(q.identifiers).toContain('123456789');
  });

  it('finds a record by any spelling, either order, original script, family name and year, or identifier', () => {
    expect(finds('Mohammed Alhasan 1990')).toBe(true);
    expect(finds('Muhammad El Hassan')).toBe(true);
    expect(finds('Alhasan Mohamad')).toBe(true);
    expect(finds('الحسن محمد')).toBe(true);
    expect(finds('01.01.1990 hasan')).toBe(true);
    expect(finds('AZR 123456789')).toBe(true);
    expect(finds('123456789')).toBe(true);
    expect(finds('Alhassan')).toBe(true);
    expect(finds('Olena Shevchenko')).toBe(false);
  });

  it('ranks the right person first for a partial query and explains why', () => {
    const other = prepare({
      id: 'p2',
      givenNames: 'Hassan',
      familyName: 'Haddad',
      dateOfBirth: '1990-05-05',
    });
    const q = parseQuery('Al-Hassan 1990');
    const a = scoreQuery(defaultModel, q, stored);
    const b = scoreQuery(defaultModel, q, other);
    expect(a.weight).toBeGreaterThan(b.weight);
    expect(a.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['exact', 'placeholder_ignored']));
    const variant = scoreQuery(defaultModel, parseQuery('Alhasan 1990'), stored);
    expect(variant.reasons).toContainEqual({
      field: 'familyName',
      code: 'transliteration',
      text: 'family name is a transliteration variant',
    });
  });
});
