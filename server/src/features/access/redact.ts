import type { DataCategory, IdentityField, Person, PersonChange, PersonSummary } from '@lotse/common';
import type { Holding, PersonGrant } from './access.service';

/**
 * What a person's record holds, item by item, for the access function: each identity field with the agency that
 * recorded its current value, each identifier, title, benefit period, relation, household and note with its own.
 * Only the access function's grant then decides what of it the caller sees (`redactPerson`).
 */

type Provenanced = { provenance: Record<string, { agencyId: string | null }> };

// Identity fields as the person API names them, and whether a value is there at all.
const IDENTITY_VALUES: Record<Exclude<IdentityField, 'identifiers'>, (p: Person) => boolean> = {
  name: (p) => Boolean(p.name.givenNames || p.name.familyName),
  birthName: (p) => p.birthName !== null,
  formerNames: (p) => p.formerNames.length > 0,
  sex: (p) => p.sex !== 'unspecified',
  dateOfBirth: (p) => p.dateOfBirth.certainty !== 'unknown',
  placeOfBirth: (p) => p.placeOfBirth !== null,
  countryOfBirth: (p) => p.countryOfBirth !== null,
  nationalities: (p) => p.nationalities.length > 0,
  languages: (p) => p.languages.length > 0,
  address: (p) => p.address !== null,
  contact: (p) => p.contact !== null,
};
const identityFieldsOf = Object.keys(IDENTITY_VALUES) as Exclude<IdentityField, 'identifiers'>[];

const fieldHolding = (p: Provenanced, field: IdentityField): Holding => ({
  category: 'identity_contact',
  agencyId: p.provenance[field]?.agencyId ?? null,
  field,
});

export function personHoldings(p: Person): Holding[] {
  const out: Holding[] = identityFieldsOf.filter((f) => IDENTITY_VALUES[f](p)).map((f) => fieldHolding(p, f));
  for (const i of p.identifiers)
    out.push({ category: 'identity_contact', agencyId: i.agencyId, field: 'identifiers' });
  for (const r of p.residence) out.push({ category: 'residence', agencyId: r.agencyId });
  for (const b of p.benefits) out.push({ category: 'benefits', agencyId: b.agencyId });
  for (const r of p.relations) out.push({ category: 'family', agencyId: r.agencyId });
  for (const h of p.households) out.push({ category: 'family', agencyId: h.agencyId });
  for (const n of p.notes) out.push({ category: n.category, agencyId: n.agencyId });
  return out;
}

/**
 * The identity fields a change would overwrite, as holdings: only fields that hold a value (an empty field is no
 * one's data) with the agency that recorded it. The access function refuses a change of any the caller cannot see.
 */
export function overwrittenHoldings(
  p: Person,
  fields: readonly Exclude<IdentityField, 'identifiers'>[],
): Holding[] {
  return [...new Set(fields)].filter((f) => IDENTITY_VALUES[f](p)).map((f) => fieldHolding(p, f));
}

/** The holdings a result list shows of a person: its name, date of birth, sex, nationalities, place of birth. */
export function summaryHoldings(p: Provenanced): Holding[] {
  return (['name', 'dateOfBirth', 'sex', 'nationalities', 'placeOfBirth'] as const).map((f) =>
    fieldHolding(p, f),
  );
}

const NO_DATE: Person['dateOfBirth'] = { value: null, year: null, certainty: 'unknown', asRecorded: null };
const NO_NAME: Person['name'] = {
  givenNames: '',
  familyName: '',
  givenNamesOriginal: null,
  familyNameOriginal: null,
};

/**
 * The person as the caller may see it: every item the grant does not cover is left out (lists) or emptied
 * (fields), so that the answer looks the same whether withheld data exists or not. `nameVisible` says whose
 * names (related persons, household members) the caller may see.
 */
export function redactPerson(p: Person, grant: PersonGrant, nameVisible: (id: string) => boolean): Person {
  const id = p.id;
  const sees = (f: IdentityField) => grant.sees(id, fieldHolding(p, f));
  const item = (category: DataCategory) => (x: { agencyId: string | null }) =>
    grant.sees(id, { category, agencyId: x.agencyId });
  const name = sees('name');
  const visibleFields = new Set(identityFieldsOf.filter(sees));
  return {
    ...p,
    name: name ? p.name : NO_NAME,
    displayName: name ? p.displayName : '',
    birthName: visibleFields.has('birthName') ? p.birthName : null,
    formerNames: visibleFields.has('formerNames') ? p.formerNames : [],
    sex: visibleFields.has('sex') ? p.sex : 'unspecified',
    dateOfBirth: visibleFields.has('dateOfBirth') ? p.dateOfBirth : NO_DATE,
    placeOfBirth: visibleFields.has('placeOfBirth') ? p.placeOfBirth : null,
    countryOfBirth: visibleFields.has('countryOfBirth') ? p.countryOfBirth : null,
    nationalities: visibleFields.has('nationalities') ? p.nationalities : [],
    languages: visibleFields.has('languages') ? p.languages : [],
    address: visibleFields.has('address') ? p.address : null,
    contact: visibleFields.has('contact') ? p.contact : null,
    identifiers: p.identifiers.filter((i) =>
      grant.sees(id, { category: 'identity_contact', agencyId: i.agencyId, field: 'identifiers' }),
    ),
    residence: p.residence.filter(item('residence')),
    benefits: p.benefits.filter(item('benefits')),
    relations: p.relations
      .filter(item('family'))
      .map((r) => (nameVisible(r.relatedPersonId) ? r : { ...r, relatedDisplayName: '' })),
    households: p.households.filter(item('family')).map((h) => ({
      ...h,
      members: h.members.map((m) =>
        m.personId === id || nameVisible(m.personId) ? m : { ...m, displayName: '' },
      ),
    })),
    notes: p.notes.filter((n) => grant.sees(id, { category: n.category, agencyId: n.agencyId })),
    provenance: Object.fromEntries(
      Object.entries(p.provenance).filter(([f]) =>
        f === 'nameOrder' ? name : visibleFields.has(f as never),
      ),
    ),
    visibility: grant.visibility(id),
  };
}

/** A result-list entry as the caller may see it (the caller sees the name, or the entry is not listed). */
export function redactSummary(s: PersonSummary & Provenanced, grant: PersonGrant): PersonSummary {
  const sees = (f: IdentityField) => grant.sees(s.id, fieldHolding(s, f));
  return {
    id: s.id,
    displayName: s.displayName,
    originalName: s.originalName,
    dateOfBirth: sees('dateOfBirth') ? s.dateOfBirth : NO_DATE,
    sex: sees('sex') ? s.sex : 'unspecified',
    nationalities: sees('nationalities') ? s.nationalities : [],
    placeOfBirth: sees('placeOfBirth') ? s.placeOfBirth : null,
  };
}

// History fields -> category (identity fields are themselves; `notes.<category>` names its category).
function categoryOfChange(field: string): { category: DataCategory; field?: IdentityField } {
  if (field === 'residence') return { category: 'residence' };
  if (field === 'benefits') return { category: 'benefits' };
  if (field === 'relations' || field === 'households') return { category: 'family' };
  if (field.startsWith('notes.')) return { category: field.slice(6) as DataCategory };
  if (field === 'nameOrder') return { category: 'identity_contact', field: 'name' };
  return { category: 'identity_contact', field: field as IdentityField };
}

/**
 * The history as the caller may see it: a change is shown when the caller sees its category from the agency that
 * made it; its old value only when the change before it (of the same field) is visible too.
 */
export function redactHistory<C extends PersonChange & { recordId: string }>(
  personId: string,
  changes: C[],
  grant: PersonGrant,
): C[] {
  const visible = (c: C) => grant.sees(personId, { ...categoryOfChange(c.field), agencyId: c.agencyId });
  // Oldest first to know, per field, whether the value before a change was visible.
  const chronological = [...changes].reverse();
  const previousVisible = new Map<C, boolean>();
  const last = new Map<string, boolean>();
  for (const c of chronological) {
    previousVisible.set(c, last.get(c.field) ?? true);
    last.set(c.field, visible(c));
  }
  return changes.filter(visible).map((c) => (previousVisible.get(c) ? c : { ...c, oldValue: null }));
}
