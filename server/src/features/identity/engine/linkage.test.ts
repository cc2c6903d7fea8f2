import { describe, expect, it } from 'vitest';
import { defaultModel } from './default-model';
import { deduplicate, link, scorePair } from './linkage';
import { withPopulation } from './model';
import { blockingKeys, prepare, type IdentityRecord } from './record';

const model = withPopulation(defaultModel, 10_000);
const score = (a: Omit<IdentityRecord, 'id'>, b: Omit<IdentityRecord, 'id'>) =>
  scorePair(model, prepare({ id: 'a', ...a }), prepare({ id: 'b', ...b }));
const codes = (r: ReturnType<typeof score>) => r.reasons.map((x) => x.code);

const mohammed = { givenNames: 'Mohammed', familyName: 'Al-Hassan', dateOfBirth: '1990-03-15', sex: 'm' };

describe('scoring a pair', () => {
  it('matches transliteration variants of both names and says so', () => {
    const r = score(mohammed, {
      givenNames: 'Muhammad',
      familyName: 'Alhasan',
      dateOfBirth: '15.03.1990',
      sex: 'm',
    });
    expect(r.score).toBeGreaterThan(0.9);
    expect(r.reasons).toContainEqual({
      field: 'familyName',
      code: 'transliteration',
      text: 'family name is a transliteration variant',
    });
    expect(codes(r)).toContain('date_equal');
  });

  it('matches given and family names recorded the other way round', () => {
    const r = score(mohammed, { givenNames: 'Alhasan', familyName: 'Mohamad', dateOfBirth: '1990-03-15' });
    expect(r.score).toBeGreaterThan(0.9);
    expect(codes(r)).toContain('swapped_order');
  });

  it('matches a full name in any order, with or without a comma', () => {
    expect(
      score(mohammed, { fullName: 'Al-Hassan, Mohammed', dateOfBirth: '1990-03-15' }).score,
    ).toBeGreaterThan(0.9);
    expect(score(mohammed, { fullName: 'Alhasan Muhammad', dateOfBirth: '19900315' }).score).toBeGreaterThan(
      0.9,
    );
  });

  it('matches a record kept in the original script only', () => {
    const r = score(mohammed, {
      givenNamesOriginal: 'محمد',
      familyNameOriginal: 'الحسن',
      dateOfBirth: '1990-03-15',
    });
    expect(r.score).toBeGreaterThan(0.9);
    expect(codes(r)).toContain('original_script');
  });

  it('treats a placeholder date as unknown and compares only the year', () => {
    const r = score(mohammed, {
      givenNames: 'Mohamed',
      familyName: 'Al Hassan',
      dateOfBirth: '01.01.1990',
      sex: 'm',
    });
    expect(r.reasons).toContainEqual({
      field: 'dateOfBirth',
      code: 'placeholder_ignored',
      text: 'date 01.01 treated as unknown; year of birth equal',
    });
    // A known date against a placeholder of the same year says less than two placeholders (a person without
    // papers is recorded with a placeholder everywhere): with the commonest name of the population the first
    // stays a toss-up, the second is a match; a less common name matches either way.
    const placeholders = score(
      { ...mohammed, dateOfBirth: '01.01.1990' },
      { givenNames: 'Mohamed', familyName: 'Al Hassan', dateOfBirth: '00.00.1990', sex: 'm' },
    );
    expect(placeholders.score).toBeGreaterThan(0.5);
    expect(placeholders.score).toBeGreaterThan(r.score);
    const khaled = { givenNames: 'Khaled', familyName: 'Haddad', dateOfBirth: '1990-03-15', sex: 'm' };
    expect(
      score(khaled, { givenNames: 'Chalid', familyName: 'Hadad', dateOfBirth: '01.01.1990', sex: 'm' }).score,
    ).toBeGreaterThan(0.5);
  });

  it('forgives a typo in a name and in a date', () => {
    const r = score(mohammed, {
      givenNames: 'Mohamned',
      familyName: 'Al-Hassan',
      dateOfBirth: '1990-03-16',
      sex: 'm',
    });
    expect(codes(r)).toEqual(expect.arrayContaining(['typo', 'date_typo']));
    expect(r.score).toBeGreaterThan(0.5);
    expect(score(mohammed, { ...mohammed, dateOfBirth: '1990-15-03' }).reasons.map((x) => x.code)).toContain(
      'date_typo',
    );
  });

  it('does not match two persons who share a common name but not the date of birth', () => {
    const r = score(mohammed, { ...mohammed, dateOfBirth: '1985-07-02' });
    expect(r.score).toBeLessThan(0.5);
    expect(codes(r)).toContain('different');
    expect(score(mohammed, { ...mohammed, dateOfBirth: '1990-09-21' }).score).toBeLessThan(0.5);
  });

  it('knows the spellings offices produce that the skeleton alone does not merge', () => {
    const family = (a: Omit<IdentityRecord, 'id'>, b: Omit<IdentityRecord, 'id'>) =>
      score(a, b).reasons.find((r) => r.field === 'familyName')?.code;
    // Turkish letters without their cedilla, and the Turkish c that is dj.
    expect(family({ familyName: 'Çelik' }, { familyName: 'Celik' })).toBe('transliteration');
    expect(family({ familyName: 'Tschelik' }, { familyName: 'Celik' })).toBe('transliteration');
    expect(family({ familyName: 'Hatice' }, { familyName: 'Hatidsche' })).toBe('transliteration');
    expect(
      codes(score({ fullName: 'Şahin Ayse' }, { givenNames: 'Ayse', familyName: 'Sahin' })).sort(),
    ).toEqual(['exact', 'swapped_order', 'transliteration']);
    // kh written as h; the Persian q (gh) and final h (a vowel); the short vowel the Arabic script leaves out.
    expect(family({ familyName: 'Khouwa' }, { familyName: 'Houwa' })).toBe('transliteration');
    expect(family({ familyNameOriginal: 'قاسمی' }, { familyName: 'Ghasemi' })).toBe('original_script');
    expect(family({ familyNameOriginal: 'معصومه' }, { familyName: 'Massoumeh' })).toBe('original_script');
    expect(family({ familyNameOriginal: 'زهرا' }, { familyName: 'Sahra' })).toBe('original_script');
    expect(family({ familyNameOriginal: 'مرتضیی' }, { familyName: 'Mortezai' })).toBe('original_script');
    expect(family({ familyNameOriginal: 'العلي' }, { familyName: 'Al-Ali' })).toBe('exact');
  });

  it('matches the same names divided differently into given and family names', () => {
    const r = score(
      { givenNames: 'Ahmad', familyName: 'Abu Biz', dateOfBirth: '2008-10-15' },
      { fullName: 'Ahmad Abo Biz', dateOfBirth: '2008-10-15' },
    );
    expect(codes(r)[0]).toBe('split_differently');
    expect(r.score).toBeGreaterThan(0.9);
  });

  it('matches on a shared identifier even when names differ in spelling', () => {
    const r = score(
      { ...mohammed, identifiers: ['AZR 1234-5678'] },
      { givenNames: 'Mhd', familyName: 'Hasan', identifiers: ['azr12345678'] },
    );
    expect(codes(r)).toContain('identifier');
    expect(r.score).toBeGreaterThan(0.9);
  });
});

describe('blocking keys', () => {
  it('are the same for spelling variants and either name order', () => {
    const a = blockingKeys(prepare({ id: 'a', ...mohammed }));
    const b = blockingKeys(
      prepare({ id: 'b', givenNames: 'Alhasan', familyName: 'Muhammad', dateOfBirth: '1990' }),
    );
    expect(a.filter((k) => b.includes(k)).some((k) => k.startsWith('n:'))).toBe(true);
  });
});

describe('deduplicate and link', () => {
  const records: IdentityRecord[] = [
    { id: '1', ...mohammed },
    { id: '2', givenNames: 'Muhammad', familyName: 'Alhasan', dateOfBirth: '15.03.1990', sex: 'm' },
    { id: '3', ...mohammed, dateOfBirth: '1971-11-30' },
    { id: '4', givenNames: 'Olena', familyName: 'Shevchenko', dateOfBirth: '1980-02-03', sex: 'f' },
    { id: '5', fullName: 'Schewtschenko, Olena', dateOfBirth: '03.02.1980' },
    { id: '6', givenNames: 'Ali', familyName: 'Karimi', dateOfBirth: '1974-01-32' },
  ];

  it('finds the duplicates, leaves namesakes apart and reports impossible dates', () => {
    const r = deduplicate(records);
    expect(r.pairs.map((p) => [p.a, p.b].sort().join('-')).sort()).toEqual(['1-2', '4-5']);
    expect(r.problems).toEqual([
      { id: '6', field: 'dateOfBirth', message: 'date 1974-01-32 does not exist' },
    ]);
  });

  it('links two records through a third that is the same person as both', () => {
    const a = { id: 'a', givenNames: 'Mehdi', familyName: 'Rezaei', dateOfBirth: '2005-11-03', sex: 'm' };
    const c = { ...a, id: 'c', familyName: 'Rezaie', dateOfBirth: '03.11.2005', placeOfBirth: 'Herat' };
    const b = { id: 'b', givenNames: 'Mahdi', familyName: 'Rezaei', sex: 'm', placeOfBirth: 'Herat' };
    // A prior at which a and b alone (no date on b) stay just below even odds, b and c (one place) just above.
    const w = scorePair(defaultModel, prepare(a), prepare(b)).weight;
    const prior = 1 / (1 + 2 ** (w + 0.6));
    const r = deduplicate([a, b, c], {
      model: { ...defaultModel, matchesPerRecord: prior * 2 },
      train: false,
    });
    const ab = r.pairs.find((p) => [p.a, p.b].sort().join() === 'a,b');
    expect(r.pairs.map((p) => [p.a, p.b].sort().join('-')).sort()).toEqual(['a-b', 'a-c', 'b-c']);
    expect(ab?.reasons[0]).toMatchObject({ field: 'record', code: 'linked_through' });
    expect(ab?.score).toBeGreaterThanOrEqual(0.5);
  });

  it('links two files one to one', () => {
    const left = [records[0]!, records[2]!, records[3]!];
    const right = [records[1]!, records[4]!, { ...records[1]!, id: '2b' }];
    const r = link(left, right, { oneToOne: true });
    expect(r.pairs.map((p) => `${p.a}-${p.b}`).sort()).toEqual(['1-2', '4-5']);
    expect(
      link(left, right)
        .pairs.map((p) => `${p.a}-${p.b}`)
        .sort(),
    ).toEqual(['1-2', '1-2b', '4-5']);
  });

  it('survives empty records and names of 1,000 characters', () => {
    const r = deduplicate([
      { id: 'x' },
      { id: 'y', givenNames: 'A'.repeat(1000), familyName: '\u200F\u200B' },
      { id: 'z', fullName: 'محمد '.repeat(200) },
    ]);
    expect(r.pairs).toEqual([]);
  });
});
