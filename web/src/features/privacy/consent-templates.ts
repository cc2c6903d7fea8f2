import { type ConsentTemplate, documentLanguages } from '@lotse/common';

/** A consent text version as the overview lists it: whether it is the one printed and recorded from now on. */
export interface TemplateRow extends ConsentTemplate {
  current: boolean;
}

/** The placeholders the server fills into a consent text when it prints the form (ConsentTemplateInput.body). */
export const templatePlaceholders = [
  '{personName}',
  '{dateOfBirth}',
  '{disclosing}',
  '{receiving}',
  '{categories}',
  '{purpose}',
  '{validity}',
  '{validFrom}',
  '{validUntil}',
] as const;

const languageOrder = (language: string) => documentLanguages.findIndex((l) => l === language);

/**
 * Every version of every consent text, by key, then language (in the order of the interface's languages), newest
 * version first; the newest version of a key in a language is the current one (the server prints and records it).
 */
export function templateOverview(templates: ConsentTemplate[]): TemplateRow[] {
  const newest = new Map<string, number>();
  for (const t of templates) {
    const id = `${t.key}|${t.language}`;
    newest.set(id, Math.max(newest.get(id) ?? 0, t.version));
  }
  return [...templates]
    .sort(
      (a, b) =>
        a.key.localeCompare(b.key) ||
        languageOrder(a.language) - languageOrder(b.language) ||
        b.version - a.version,
    )
    .map((t) => ({ ...t, current: newest.get(`${t.key}|${t.language}`) === t.version }));
}
