import { describe, expect, it } from 'vitest';
import { type MessageFormatElement, TYPE, parse } from '@formatjs/icu-messageformat-parser';
import { languages } from './languages';
import { catalogues } from './catalogues';

const de = catalogues.de;
const germanKeys = Object.keys(de).sort();

/** Names of all arguments a message uses, including those nested in plural and select branches. */
function placeholders(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    found.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) placeholders(option.value, found);
    if (element.type === TYPE.tag) placeholders(element.children, found);
  }
  return found;
}

/** The plural arguments of a message with the categories each one spells out. */
function pluralCategories(elements: MessageFormatElement[], found: Set<string>[] = []): Set<string>[] {
  for (const element of elements) {
    if (element.type !== TYPE.plural) continue;
    found.push(new Set(Object.keys(element.options)));
    for (const option of Object.values(element.options)) pluralCategories(option.value, found);
  }
  return found;
}

describe('the message catalogues', () => {
  for (const { code } of languages) {
    const messages: Record<string, string> = catalogues[code];

    it(`gives ${code} a message for every German key and no keys that German lacks`, () => {
      expect(Object.keys(messages).sort()).toEqual(germanKeys);
    });

    it(`parses every ${code} message as ICU and uses the same placeholders as German`, () => {
      for (const key of germanKeys) {
        const message = messages[key];
        expect(message, key).toBeTypeOf('string');
        const ast = parse(message!);
        const expected = [...placeholders(parse(de[key as keyof typeof de]))].sort();
        expect([...placeholders(ast)].sort(), key).toEqual(expected);
        expect(message!.trim(), key).not.toBe('');
      }
    });

    it(`spells out every plural category ${code} has in each plural message`, () => {
      const required = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
      for (const key of germanKeys) {
        for (const categories of pluralCategories(parse(messages[key]!))) {
          for (const category of required) expect(categories.has(category), `${key}: ${category}`).toBe(true);
        }
      }
    });
  }

  it('spells out the six Arabic plural forms zero, one, two, few, many and other', () => {
    const pluralKeys = germanKeys.filter(
      (key) => pluralCategories(parse(de[key as keyof typeof de])).length > 0,
    );
    expect(pluralKeys.length).toBeGreaterThan(0);
    for (const key of pluralKeys) {
      for (const categories of pluralCategories(parse(catalogues.ar[key as keyof typeof de])))
        expect([...categories].sort(), key).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    }
  });

  it('leaves no English text in the languages other than German and English, except names and law titles', () => {
    const sameEverywhere = new Set(['app.name', 'app.pageTitle', 'shell.demoBadge']);
    const en: Record<string, string> = catalogues.en;
    for (const { code } of languages) {
      if (code === 'de' || code === 'en') continue;
      const messages: Record<string, string> = catalogues[code];
      const copied = germanKeys.filter(
        (key) => !key.startsWith('domain.') && !sameEverywhere.has(key) && messages[key] === en[key],
      );
      expect(copied, code).toEqual([]);
    }
  });
});
