import { describe, expect, it } from 'vitest';
import { parseBirthDate } from './dates';

const today = new Date('2026-06-01T00:00:00Z');

describe('parseBirthDate', () => {
  it('reads the forms authorities use', () => {
    for (const s of ['1990-03-15', '19900315', '15.03.1990', '15/03/1990']) {
      expect(parseBirthDate(s, today)).toMatchObject({ value: '1990-03-15', certainty: 'exact', year: 1990 });
    }
    expect(parseBirthDate('5.3.1990', today).value).toBe('1990-03-05');
  });

  it('takes 01.01.YYYY and 00.00.YYYY as placeholders with the year only', () => {
    expect(parseBirthDate('01.01.1990', today)).toMatchObject({
      value: null,
      year: 1990,
      certainty: 'placeholder',
    });
    expect(parseBirthDate('00.00.1985', today)).toMatchObject({
      value: null,
      year: 1985,
      certainty: 'placeholder',
    });
    expect(parseBirthDate('1985-00-00', today).certainty).toBe('placeholder');
  });

  it('takes 1 January in ISO form as a real date', () => {
    expect(parseBirthDate('1990-01-01', today)).toMatchObject({ value: '1990-01-01', certainty: 'exact' });
  });

  it('takes a bare year as year only', () => {
    expect(parseBirthDate('1990', today)).toMatchObject({ year: 1990, certainty: 'year_only' });
  });

  it('reports a date that does not exist and keeps a plausible year', () => {
    expect(parseBirthDate('1974-01-32', today)).toMatchObject({
      value: null,
      year: 1974,
      certainty: 'unknown',
      problem: 'date 1974-01-32 does not exist',
    });
    expect(parseBirthDate('31.02.2000', today).problem).toBe('date 2000-02-31 does not exist');
  });

  it('reports dates in the future and text that is no date', () => {
    expect(parseBirthDate('2030-05-01', today)).toMatchObject({
      certainty: 'unknown',
      problem: 'date 2030-05-01 is in the future',
    });
    expect(parseBirthDate('unbekannt', today).problem).toMatch(/not in a known form/);
    expect(parseBirthDate('', today)).toMatchObject({ certainty: 'unknown', problem: null });
    expect(parseBirthDate(null, today).certainty).toBe('unknown');
  });
});
