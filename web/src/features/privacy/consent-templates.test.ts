import { describe, expect, it } from 'vitest';
import { type ConsentTemplate, ConsentTemplateInput } from '@lotse/common';
import { templateOverview, templatePlaceholders } from './consent-templates';

const template = (key: string, language: string, version: number): ConsentTemplate =>
  ({
    id: `${key}-${language}-${version}`,
    key,
    language,
    version,
    title: 'Einwilligung',
    body: 'Text',
    createdAt: '2026-01-01T00:00:00.000Z',
  }) as ConsentTemplate;

describe('the consent texts page', () => {
  it('marks the newest version of each key in each language as current, and only that one', () => {
    const rows = templateOverview([
      template('standard', 'de', 1),
      template('standard', 'ar', 1),
      template('standard', 'de', 2),
      template('jugend', 'de', 1),
    ]);
    expect(rows.map((r) => [r.id, r.current])).toEqual([
      ['jugend-de-1', true],
      ['standard-de-2', true],
      ['standard-de-1', false],
      ['standard-ar-1', true],
    ]);
  });

  it('names the placeholders the shared contract documents for a consent text', () => {
    const documented = ConsentTemplateInput.shape.body.description ?? '';
    expect(documented.match(/\{\w+\}/g)).toEqual([...templatePlaceholders]);
  });
});
