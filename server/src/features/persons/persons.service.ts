import { randomUUID } from 'node:crypto';
import type {
  BenefitInput,
  ExpiringResidence,
  Household,
  HouseholdInput,
  HouseholdMemberInput,
  IdentifierInput,
  NameInput,
  Person,
  PersonCreate,
  PersonHistory,
  PersonNoteInput,
  PersonInput,
  PersonSummary,
  PersonUpdate,
  RelationInput,
  RelationKind,
  ResidenceInput,
  SearchHit,
} from '@lotse/common';
import type { Database, Tx } from '../../db/database';
import { AppError } from '../../errors';
import {
  type Activity,
  type Holding,
  mayPerson,
  type PersonAction,
  type PersonGrant,
  requirePersonAccess,
  showSummaries,
} from '../access/access.service';
import {
  overwrittenHoldings,
  personHoldings,
  redactHistory,
  redactPerson,
  redactSummary,
  summaryHoldings,
} from '../access/redact';
import type { Actor } from '../auth/actor';
import { findLikelyDuplicates, indexPerson, normaliseIdentifier } from '../identity/identity.service';
import { parseBirthDate, todayInGermany } from './persons.dates';
import * as repo from './persons.repo';

// ---------------------------------------------------------------------------------------------------------------
// Cleaning input

// Bidi controls (LRM, RLM, embeddings, overrides, isolates, Arabic letter mark) and zero-width characters: invisible,
// pasted in from documents and mail, and they make equal names compare unequal.
const INVISIBLE = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C\u200B-\u200D\u2060\uFEFF]/gu;

/** A name as stored: Unicode NFC, without invisible marks, with single spaces. */
export function cleanName(value: string): string {
  return value.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}
const cleanOptional = (value: string | null | undefined): string | null => {
  const cleaned = value == null ? '' : cleanName(value);
  return cleaned === '' ? null : cleaned;
};

function invalid(field: string, problem: string): AppError {
  return new AppError('VALIDATION_FAILED', `The request is not valid: ${field} ${problem}.`, {
    [field]: problem,
  });
}

/** Cleans a name; at least a family name or a given name must remain. `path` names the field in errors. */
function cleanNameInput(name: Partial<NameInput>, path: string): repo.NameJson {
  const out = {
    givenNames: cleanName(name.givenNames ?? ''),
    familyName: cleanName(name.familyName ?? ''),
    givenNamesOriginal: cleanOptional(name.givenNamesOriginal),
    familyNameOriginal: cleanOptional(name.familyNameOriginal),
  };
  if (out.givenNames === '' && out.familyName === '') {
    const field =
      name.familyName !== undefined || name.givenNames === undefined ? 'familyName' : 'givenNames';
    throw invalid(
      `${path}.${field}`,
      'is empty (after removing invisible characters); enter a family name or a given name',
    );
  }
  return out;
}

type Field =
  | 'name'
  | 'nameOrder'
  | 'birthName'
  | 'formerNames'
  | 'sex'
  | 'dateOfBirth'
  | 'placeOfBirth'
  | 'countryOfBirth'
  | 'nationalities'
  | 'languages'
  | 'address'
  | 'contact';
const FIELDS: Field[] = [
  'name',
  'nameOrder',
  'birthName',
  'formerNames',
  'sex',
  'dateOfBirth',
  'placeOfBirth',
  'countryOfBirth',
  'nationalities',
  'languages',
  'address',
  'contact',
];

const cleanRecord = <T extends Record<string, unknown>>(o: T | null): T | null => {
  if (!o) return null;
  const out = Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? cleanOptional(v) : v]),
  ) as T;
  return Object.values(out).some((v) => v !== null && v !== false) ? out : null;
};

/** Turns the given fields of an input into stored columns; throws 400 naming the field. */
function toColumns(input: PersonUpdate, base: repo.NameJson | null): Partial<repo.PersonFields> {
  const out: Partial<repo.PersonFields> = {};
  if (input.name !== undefined) {
    const merged = { ...(base ?? {}), ...stripUndefined(input.name) };
    Object.assign(out, cleanNameInput(merged, 'name'));
  }
  if (input.nameOrder !== undefined) out.nameOrder = input.nameOrder;
  if (input.birthName !== undefined)
    out.birthName = input.birthName === null ? null : cleanNameInput(input.birthName, 'birthName');
  if (input.formerNames !== undefined)
    out.formerNames = input.formerNames.map((n, i) => cleanNameInput(n, `formerNames.${i}`));
  if (input.sex !== undefined) out.sex = input.sex;
  if (input.dateOfBirth !== undefined) {
    const parsed = parseBirthDate(input.dateOfBirth);
    if (!parsed.ok) throw invalid('dateOfBirth', parsed.problem);
    out.birthDate = parsed.value.birthDate;
    out.birthYear = parsed.value.birthYear;
    out.birthDateCertainty = parsed.value.certainty;
    out.birthDateRecorded = parsed.value.recorded;
  }
  if (input.placeOfBirth !== undefined) out.placeOfBirth = cleanOptional(input.placeOfBirth);
  if (input.countryOfBirth !== undefined) out.countryOfBirth = input.countryOfBirth;
  if (input.nationalities !== undefined) out.nationalities = [...new Set(input.nationalities)];
  if (input.languages !== undefined) out.languages = input.languages;
  if (input.address !== undefined) out.address = cleanRecord(input.address);
  if (input.contact !== undefined) out.contact = cleanRecord(input.contact);
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// The API value of one field of a stored record: what history and provenance speak about.
function fieldValue(r: repo.PersonFields, field: Field): unknown {
  switch (field) {
    case 'name':
      return {
        givenNames: r.givenNames,
        familyName: r.familyName,
        givenNamesOriginal: r.givenNamesOriginal,
        familyNameOriginal: r.familyNameOriginal,
      };
    case 'dateOfBirth':
      return {
        value: r.birthDate,
        year: r.birthYear,
        certainty: r.birthDateCertainty,
        asRecorded: r.birthDateRecorded,
      };
    default:
      return r[field];
  }
}

const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.values(v as object).every((x) => x === null || x === ''));

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

const displayName = (r: Pick<repo.SummaryRow, 'givenNames' | 'familyName' | 'nameOrder'>) =>
  (r.nameOrder === 'family_first' ? [r.familyName, r.givenNames] : [r.givenNames, r.familyName])
    .filter(Boolean)
    .join(' ');

type ShownSummary = PersonSummary & Pick<repo.SummaryRow, 'provenance'>;

function toSummary(r: repo.SummaryRow): ShownSummary {
  const original =
    r.nameOrder === 'family_first'
      ? [r.familyNameOriginal, r.givenNamesOriginal]
      : [r.givenNamesOriginal, r.familyNameOriginal];
  return {
    id: r.id as PersonSummary['id'],
    displayName: displayName(r),
    originalName: original.filter(Boolean).join(' ') || null,
    dateOfBirth: {
      value: r.birthDateCertainty === 'exact' ? r.birthDate : null,
      year: r.birthYear,
      certainty: r.birthDateCertainty,
      asRecorded: r.birthDateRecorded,
    },
    sex: r.sex,
    nationalities: r.nationalities,
    placeOfBirth: r.placeOfBirth,
    provenance: r.provenance,
  };
}

async function summaries(tx: Tx, ids: string[]): Promise<Map<string, ShownSummary>> {
  return new Map((await repo.loadSummaries(tx, ids)).map((r) => [r.id, toSummary(r)]));
}

const iso = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d).toISOString();

/** The person as the API shows it: the surviving record with everything of the records merged into it. */
async function buildPerson(tx: Tx, rootId: string): Promise<Person> {
  const root = await repo.getPerson(tx, rootId);
  if (!root) throw new AppError('NOT_FOUND', 'No such person.');
  const tree = await repo.listTree(tx, rootId);
  const [identifiers, residence, benefits, relationRows, householdRows, merges, notes] = [
    await repo.listIdentifiers(tx, tree),
    await repo.listResidence(tx, tree),
    await repo.listBenefits(tx, tree),
    await repo.listRelations(tx, tree),
    await repo.listHouseholdsOf(tx, tree),
    await repo.listActiveMerges(
      tx,
      tree.filter((id) => id !== rootId),
    ),
    await repo.listNotes(tx, tree),
  ];
  const members = await repo.listMembers(
    tx,
    householdRows.map((h) => h.id),
  );
  const names = await summaries(tx, [
    ...relationRows.map((r) => r.relatedPersonId),
    ...members.map((m) => m.rootId),
  ]);
  const provenanceAgencies = await repo.agencyNames(
    tx,
    Object.values(root.provenance).map((p) => p.agencyId),
  );

  const relations: Person['relations'] = [];
  const seenRelations = new Set<string>();
  for (const r of relationRows) {
    const key = `${r.relatedPersonId}:${r.relation}`;
    if (r.relatedPersonId === rootId || seenRelations.has(key)) continue;
    seenRelations.add(key);
    relations.push({
      relatedPersonId: r.relatedPersonId as Person['id'],
      relation: r.relation as RelationKind,
      relatedDisplayName: names.get(r.relatedPersonId)?.displayName ?? '',
      agencyId: r.agencyId,
    });
  }

  return {
    id: root.id as Person['id'],
    name: fieldValue(root, 'name') as NameInput,
    nameOrder: root.nameOrder,
    birthName: root.birthName,
    formerNames: root.formerNames,
    displayName: displayName(root),
    sex: root.sex,
    dateOfBirth: fieldValue(root, 'dateOfBirth') as Person['dateOfBirth'],
    placeOfBirth: root.placeOfBirth,
    countryOfBirth: root.countryOfBirth,
    nationalities: root.nationalities,
    languages: root.languages,
    address: root.address as Person['address'],
    contact: root.contact as Person['contact'],
    identifiers: identifiers.map((i) => ({
      id: i.id,
      kind: i.kind,
      value: i.value,
      agencyId: i.agencyId,
      agencyName: i.agencyName,
      recordedAt: iso(i.recordedAt),
      personId: i.personId as Person['id'],
    })),
    residence: residence.map(toResidence),
    benefits: benefits.map((b) => ({
      id: b.id,
      system: b.system as BenefitInput['system'],
      validFrom: b.validFrom,
      validUntil: b.validUntil,
      reference: b.reference,
      agencyId: b.agencyId,
      agencyName: b.agencyName,
      recordedAt: iso(b.recordedAt),
    })),
    relations,
    households: householdRows.map((h) => toHousehold(h, members, names)),
    notes: notes.map((n) => ({
      id: n.id,
      category: n.category,
      title: n.title,
      body: n.body,
      occurredOn: n.occurredOn,
      agencyId: n.agencyId,
      agencyName: n.agencyName,
      recordedAt: iso(n.recordedAt),
    })),
    provenance: Object.fromEntries(
      Object.entries(root.provenance).map(([field, p]) => [
        field,
        {
          agencyId: p.agencyId,
          agencyName: p.agencyId ? (provenanceAgencies.get(p.agencyId) ?? null) : null,
          recordedAt: iso(p.recordedAt),
        },
      ]),
    ),
    mergedRecords: merges.map((m) => ({
      personId: m.personId as Person['id'],
      mergeId: m.mergeId,
      mergedAt: iso(m.mergedAt),
    })),
    createdAt: iso(root.createdAt),
    updatedAt: iso(root.updatedAt),
    // Decided by the access function when the person is shown (`present`).
    visibility: { purpose: 'identification', categories: [], emergency: false },
  };
}

function toResidence(r: repo.ResidenceRow): Person['residence'][number] {
  return {
    id: r.id,
    kind: r.kind as ResidenceInput['kind'],
    paragraph: r.paragraph,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    note: r.note,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    recordedAt: iso(r.recordedAt),
  };
}

function toHousehold(
  h: repo.HouseholdRow,
  members: repo.MemberRow[],
  names: Map<string, PersonSummary>,
): Household {
  const seen = new Set<string>();
  const own = members.filter((m) => {
    if (m.householdId !== h.id || seen.has(m.rootId)) return false;
    seen.add(m.rootId);
    return true;
  });
  return {
    id: h.id as Household['id'],
    kind: h.kind,
    bgNumber: h.bgNumber,
    members: own.map((m) => ({
      personId: m.rootId as Household['members'][number]['personId'],
      role: m.role as Household['members'][number]['role'],
      displayName: names.get(m.rootId)?.displayName ?? '',
    })),
    agencyId: h.agencyId,
    agencyName: h.agencyName,
    createdAt: iso(h.createdAt),
  };
}

/** The record behind an id, or 404 (another municipality's record is invisible by row-level security). */
async function findRecord(tx: Tx, id: string): Promise<repo.PersonRow> {
  const row = await repo.getPerson(tx, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such person.');
  return row;
}

/** The surviving record behind an id that is about to change; a merged record refuses changes. */
async function findChangeable(tx: Tx, id: string): Promise<repo.PersonRow> {
  const row = await findRecord(tx, id);
  if (row.rootId !== row.id)
    throw new AppError(
      'CONFLICT',
      `This record was merged into person ${row.rootId}; change the surviving person instead (or undo the merge).`,
      { id: `was merged into ${row.rootId}` },
    );
  await repo.lockPerson(tx, row.id);
  return row;
}

// A refusal before any work, written through the one access function (it audits the denial and throws).
async function refuseEarly(tx: Tx, actor: Actor, action: PersonAction, purpose: Activity): Promise<void> {
  if (!mayPerson(actor, action)) await requirePersonAccess(tx, { actor, action, personIds: [], purpose });
}

/** Whose names (related persons, household members) the caller may see; a read of each, audited. */
async function namesVisible(
  tx: Tx,
  actor: Actor,
  ids: string[],
  activity: Activity,
  via: string,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const shown = await showSummaries(tx, { actor, action: 'read', purpose: activity, details: { via } }, [
    ...(await summaries(tx, ids)).values(),
  ]);
  return new Set(shown.map((x) => x.id as string));
}

/**
 * The person as the caller may see it, through the one access function: everything the record holds is
 * decided item by item (agency, category, consent, legal basis, purpose), the access is audited once for the
 * person (and once for each related person whose name is shown), and what is not covered is left out.
 */
async function present(
  tx: Tx,
  actor: Actor,
  rootId: string,
  action: PersonAction,
  activity: Activity,
  details: Record<string, unknown> = {},
  decided?: PersonGrant,
): Promise<Person> {
  const full = await buildPerson(tx, rootId);
  const grant =
    decided ??
    (await requirePersonAccess(tx, {
      actor,
      action,
      personIds: [rootId],
      purpose: activity,
      holdings: new Map([[rootId, personHoldings(full)]]),
      details,
    }));
  const family = (x: { agencyId: string | null }) =>
    grant.sees(rootId, { category: 'family', agencyId: x.agencyId });
  const related = new Set([
    ...full.relations.filter(family).map((r) => r.relatedPersonId as string),
    ...full.households.filter(family).flatMap((h) => h.members.map((m) => m.personId as string)),
  ]);
  related.delete(rootId);
  const names = await namesVisible(tx, actor, [...related], activity, rootId);
  return redactPerson(full, grant, (id) => names.has(id));
}

/**
 * The same inside a transaction another feature holds (consent form, export): the person as the caller may see
 * it for the given action and activity, audited.
 */
export async function showPerson(
  tx: Tx,
  actor: Actor,
  id: string,
  action: PersonAction,
  activity: Activity,
  details: Record<string, unknown> = {},
): Promise<Person> {
  const row = await findRecord(tx, id);
  return present(tx, actor, row.rootId, action, activity, details);
}

/** A person with everything the caller may see of it; a merged record answers with the surviving person. Audited. */
export async function getPerson(
  db: Database,
  actor: Actor,
  id: string,
  activity: Activity = 'case_work',
): Promise<Person> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const row = await findRecord(tx, id);
    return present(tx, actor, row.rootId, 'read', activity, row.rootId === id ? {} : { requestedId: id });
  });
}

/**
 * The changes of a person (and of the records merged into it), newest first, with agency and staff names: the
 * changes the caller may see (category and agency of each change), old values only where visible too.
 */
export async function getHistory(db: Database, actor: Actor, id: string): Promise<PersonHistory> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const row = await findRecord(tx, id);
    const full = await buildPerson(tx, row.rootId);
    const grant = await requirePersonAccess(tx, {
      actor,
      action: 'read',
      personIds: [row.rootId],
      purpose: 'case_work',
      holdings: new Map([[row.rootId, personHoldings(full)]]),
      details: { view: 'history' },
    });
    const changes = await repo.listChanges(tx, await repo.listTree(tx, row.rootId));
    const all = changes.map((c) => ({
      recordId: c.personId as Person['id'],
      field: c.field,
      oldValue: c.oldValue,
      newValue: c.newValue,
      agencyId: c.agencyId,
      agencyName: c.agencyName,
      staffName: c.staffName,
      at: iso(c.at),
    }));
    return redactHistory(row.rootId, all, grant);
  });
}

/**
 * Summaries of persons for result lists of other features, through the access function: persons the caller may
 * not see are left out, the rest shown with what the caller may see; audited.
 */
export async function personSummaries(
  tx: Tx,
  actor: Actor,
  ids: string[],
  access: { action: PersonAction; purpose: Activity; details?: Record<string, unknown> },
): Promise<PersonSummary[]> {
  const map = await summaries(tx, ids);
  return showSummaries(
    tx,
    { actor, ...access },
    ids.map((id) => map.get(id)).filter((x): x is ShownSummary => x !== undefined),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

type Writer = { municipalityId: string; agencyId: string; staffId: string | null };
const writerOf = (actor: Actor): Writer => ({
  municipalityId: actor.municipalityId,
  agencyId: actor.agencyId,
  staffId: actor.staffId,
});

async function addIdentifiers(
  tx: Tx,
  w: Writer,
  personId: string,
  identifiers: IdentifierInput[],
  fieldPrefix: string,
  existing: repo.IdentifierRow[] = [],
): Promise<{ kind: string; value: string; agencyId: string }[]> {
  const added: { kind: string; value: string; agencyId: string }[] = [];
  for (const [i, ident] of identifiers.entries()) {
    const agencyId = ident.agencyId ?? w.agencyId;
    // Foreign keys ignore row-level security: prove the agency is one of this municipality's.
    if ((await repo.agencyNames(tx, [agencyId])).size === 0)
      throw invalid(`${fieldPrefix}${i}.agencyId`, 'is not an agency of this municipality');
    const value = cleanName(ident.value);
    const valueNormalised = normaliseIdentifier(value);
    if (valueNormalised === '') throw invalid(`${fieldPrefix}${i}.value`, 'is empty');
    const known = [
      ...existing,
      ...added.map((a) => ({ ...a, valueNormalised: normaliseIdentifier(a.value) })),
    ];
    if (
      known.some(
        (e) => e.kind === ident.kind && e.valueNormalised === valueNormalised && e.agencyId === agencyId,
      )
    )
      continue;
    await repo.insertIdentifier(tx, {
      municipalityId: w.municipalityId,
      personId,
      kind: ident.kind,
      value,
      valueNormalised,
      agencyId,
      recordedBy: w.staffId,
    });
    added.push({ kind: ident.kind, value, agencyId });
  }
  return added;
}

/**
 * Inserts a new person record with provenance and history for every given field, its identifiers, and its
 * search keys, in the caller's transaction. The caller has checked access and duplicates.
 */
async function insertNewPerson(
  tx: Tx,
  w: Writer,
  columns: repo.PersonFields,
  identifierInputs: IdentifierInput[],
): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const provenance: repo.ProvenanceJson = {};
  for (const f of FIELDS)
    if (
      !isEmpty(fieldValue(columns, f)) &&
      !(f === 'dateOfBirth' && columns.birthDateCertainty === 'unknown')
    )
      provenance[f] = { agencyId: w.agencyId, recordedAt: now };
  await repo.insertPerson(tx, {
    ...columns,
    id,
    municipalityId: w.municipalityId,
    provenance,
    createdByAgency: w.agencyId,
  });
  for (const f of Object.keys(provenance))
    await repo.insertChange(tx, {
      ...w,
      personId: id,
      field: f,
      oldValue: null,
      newValue: fieldValue(columns, f as Field),
    });
  const identifiers = await addIdentifiers(tx, w, id, identifierInputs, 'identifiers.');
  if (identifiers.length > 0)
    await repo.insertChange(tx, {
      ...w,
      personId: id,
      field: 'identifiers',
      oldValue: null,
      newValue: identifiers,
    });
  await indexPerson(tx, w.municipalityId, id);
  return id;
}

/**
 * For an agency's import, in the import's one transaction: registers a new person (validated like a create;
 * throws AppError naming the field) and returns its id. Access is checked by the caller for the whole import.
 */
export async function importNewPerson(tx: Tx, actor: Actor, input: PersonInput): Promise<string> {
  return insertNewPerson(tx, writerOf(actor), toColumns(input, null) as repo.PersonFields, input.identifiers);
}

/** For an import line that matched a known person: adds the line's identifiers to it (others are kept). */
export async function importIdentifiers(
  tx: Tx,
  actor: Actor,
  personId: string,
  identifiers: IdentifierInput[],
) {
  const w = writerOf(actor);
  const added = await addIdentifiers(
    tx,
    w,
    personId,
    identifiers,
    'identifiers.',
    await repo.listIdentifiers(tx, [personId]),
  );
  if (added.length > 0) {
    await repo.insertChange(tx, { ...w, personId, field: 'identifiers', oldValue: null, newValue: added });
    await indexPerson(tx, w.municipalityId, personId);
  }
  return added.length;
}

/** Checks a person input as a create would (names, dates, codes) without writing; throws AppError naming the field. */
export function validatePersonInput(input: PersonInput): void {
  toColumns(input, null);
}

export type CreateOutcome =
  { kind: 'created'; person: Person } | { kind: 'duplicates'; candidates: SearchHit[] };

/**
 * Registers a person. Unless the caller confirms, likely duplicates (score at least 0.5) are answered instead and
 * nothing is saved. Everything happens in one transaction: a refusal halfway leaves nothing behind.
 */
export async function createPerson(db: Database, actor: Actor, input: PersonCreate): Promise<CreateOutcome> {
  const columns = toColumns(input, null) as repo.PersonFields;
  return db.tenant(actor.municipalityId, async (tx) => {
    await refuseEarly(tx, actor, 'create', 'registration');
    const w = writerOf(actor);
    if (!input.confirmNew) {
      const likely = (
        await findLikelyDuplicates(
          tx,
          actor.municipalityId,
          {
            name: fieldValue(columns, 'name') as NameInput,
            dateOfBirth: input.dateOfBirth,
            identifiers: input.identifiers,
          },
          { limit: 10 },
        )
      ).filter((c) => c.score >= 0.5);
      if (likely.length > 0) {
        const shown = new Map(
          (
            await personSummaries(
              tx,
              actor,
              likely.map((c) => c.personId),
              {
                action: 'search',
                purpose: 'registration',
                details: { check: 'likely_duplicates_before_create' },
              },
            )
          ).map((x) => [x.id as string, x]),
        );
        return {
          kind: 'duplicates',
          candidates: likely
            .filter((c) => shown.has(c.personId))
            .map((c) => ({ person: shown.get(c.personId)!, score: c.score, reasons: c.reasons })),
        };
      }
    }

    const id = await insertNewPerson(tx, w, columns, input.identifiers);
    return {
      kind: 'created',
      person: await present(tx, actor, id, 'create', 'registration', { confirmedNew: input.confirmNew }),
    };
  });
}

/**
 * Changes the given fields of a person: one history row per changed field (old and new value, agency, staff,
 * time), provenance for those fields, re-indexing. A merged record refuses: the surviving person is changed.
 */
export async function updatePerson(
  db: Database,
  actor: Actor,
  id: string,
  input: PersonUpdate,
): Promise<Person> {
  return db.tenant(actor.municipalityId, async (tx) => {
    await refuseEarly(tx, actor, 'update', 'case_work');
    const row = await findChangeable(tx, id);
    const w = writerOf(actor);
    const columns = toColumns(input, fieldValue(row, 'name') as repo.NameJson);
    const next = { ...row, ...columns };
    const changed = FIELDS.filter((f) => canonical(fieldValue(row, f)) !== canonical(fieldValue(next, f)));
    // Decided before anything is written: the caller must see the person, and every value the change overwrites.
    const before = await buildPerson(tx, id);
    const grant = await requirePersonAccess(tx, {
      actor,
      action: 'update',
      personIds: [id],
      purpose: 'case_work',
      holdings: new Map([[id, personHoldings(before)]]),
      overwrites: new Map([
        [
          id,
          overwrittenHoldings(
            before,
            changed.map((f) => (f === 'nameOrder' ? 'name' : f)),
          ),
        ],
      ]),
      details: { changed: [...changed, ...(input.identifiers?.length ? ['identifiers'] : [])] },
    });
    const now = new Date().toISOString();
    const provenance = { ...row.provenance };
    for (const f of changed) {
      provenance[f] = { agencyId: w.agencyId, recordedAt: now };
      await repo.insertChange(tx, {
        ...w,
        personId: id,
        field: f,
        oldValue: fieldValue(row, f),
        newValue: fieldValue(next, f),
      });
    }
    if (changed.length > 0) await repo.updatePerson(tx, id, columns, provenance);
    let addedIdentifiers: unknown[] = [];
    if (input.identifiers?.length) {
      addedIdentifiers = await addIdentifiers(
        tx,
        w,
        id,
        input.identifiers,
        'identifiers.',
        await repo.listIdentifiers(tx, await repo.listTree(tx, id)),
      );
      if (addedIdentifiers.length > 0) {
        await repo.insertChange(tx, {
          ...w,
          personId: id,
          field: 'identifiers',
          oldValue: null,
          newValue: addedIdentifiers,
        });
        if (changed.length === 0) await repo.touchPerson(tx, id);
      }
    }
    if (changed.length > 0 || addedIdentifiers.length > 0) await indexPerson(tx, actor.municipalityId, id);
    return present(tx, actor, id, 'update', 'case_work', {}, grant);
  });
}

/** What one change to a person writes into its history (and which record, when not the root). */
type RecordedChange = {
  personId?: string;
  oldValue: unknown;
  newValue: unknown;
  details?: Record<string, unknown>;
  /** Re-index this record's search keys (identifiers changed). */
  reindex?: string;
};

/**
 * The frame of every single change to a person: refuse early, find the changeable record, let `change` write,
 * then the history row, the touch, the audit through the access function, and the whole person as the answer.
 */
async function changeRecord(
  db: Database,
  actor: Actor,
  id: string,
  field: string,
  change: (tx: Tx, row: repo.PersonRow, w: Writer) => Promise<RecordedChange>,
): Promise<Person> {
  return db.tenant(actor.municipalityId, async (tx) => {
    await refuseEarly(tx, actor, 'update', 'case_work');
    const row = await findChangeable(tx, id);
    const w = writerOf(actor);
    const c = await change(tx, row, w);
    await repo.insertChange(tx, {
      ...w,
      personId: c.personId ?? row.id,
      field,
      oldValue: c.oldValue,
      newValue: c.newValue,
    });
    await repo.touchPerson(tx, row.id);
    if (c.reindex) await indexPerson(tx, actor.municipalityId, c.reindex);
    return present(tx, actor, row.id, 'update', 'case_work', { changed: [field], ...c.details });
  });
}

/** Adds an identifier (one agency's number) to a person. */
export async function addIdentifier(
  db: Database,
  actor: Actor,
  id: string,
  input: IdentifierInput,
): Promise<Person> {
  return changeRecord(db, actor, id, 'identifiers', async (tx, row, w) => {
    const existing = await repo.listIdentifiers(tx, await repo.listTree(tx, row.id));
    const added = await addIdentifiers(tx, w, row.id, [input], 'identifiers.', existing);
    // The path of the single identifier is the body itself, not identifiers.0.
    if (added.length === 0)
      throw new AppError('CONFLICT', 'The person already carries this identifier of this agency.', {
        value: 'is already recorded',
      });
    return { oldValue: null, newValue: added, reindex: row.id };
  });
}

/** Removes an identifier from a person (or from a record merged into it). */
export async function removeIdentifier(
  db: Database,
  actor: Actor,
  id: string,
  identifierId: string,
): Promise<Person> {
  return changeRecord(db, actor, id, 'identifiers', async (tx, row) => {
    const identifier = (await repo.listIdentifiers(tx, await repo.listTree(tx, row.id))).find(
      (i) => i.id === identifierId,
    );
    if (!identifier) throw new AppError('NOT_FOUND', 'This person carries no such identifier.');
    // An agency's number is that agency's record: only the agency that issued it takes it away.
    if (identifier.agencyId && identifier.agencyId !== actor.agencyId)
      throw new AppError('NOT_PERMITTED', 'Only the agency that issued an identifier may remove it.', {
        identifierId: 'was issued by another agency',
      });
    await repo.deleteIdentifier(tx, identifierId);
    return {
      personId: identifier.personId,
      oldValue: [{ kind: identifier.kind, value: identifier.value, agencyId: identifier.agencyId }],
      newValue: null,
      details: { removedIdentifier: identifierId },
      reindex: identifier.personId,
    };
  });
}

function assertPeriod(from: string | null, until: string | null) {
  if (from && until && until < from) throw invalid('validUntil', `must not be before validFrom (${from})`);
}

/** Records a residence title or permission with its validity. */
export async function addResidence(
  db: Database,
  actor: Actor,
  id: string,
  input: ResidenceInput,
): Promise<Person> {
  assertPeriod(input.validFrom, input.validUntil);
  return changeRecord(db, actor, id, 'residence', async (tx, row, w) => {
    const residence = {
      ...input,
      paragraph: cleanOptional(input.paragraph),
      note: cleanOptional(input.note),
    };
    await repo.insertResidence(tx, {
      ...residence,
      municipalityId: w.municipalityId,
      personId: row.id,
      agencyId: w.agencyId,
      recordedBy: w.staffId,
    });
    return { oldValue: null, newValue: residence };
  });
}

/**
 * Adds a record entry of employment, education, health or case notes: owned by the caller's agency, shown to
 * other agencies only on a consent or legal basis for its category. History field `notes.<category>`.
 */
export async function addNote(
  db: Database,
  actor: Actor,
  id: string,
  input: PersonNoteInput,
): Promise<Person> {
  return changeRecord(db, actor, id, `notes.${input.category}`, async (tx, row, w) => {
    const noteId = await repo.insertNote(tx, {
      municipalityId: w.municipalityId,
      personId: row.id,
      category: input.category,
      title: cleanName(input.title),
      body: input.body.normalize('NFC').replace(INVISIBLE, ''),
      occurredOn: input.occurredOn,
      agencyId: w.agencyId,
      staffId: w.staffId,
    });
    // History names the entry, not its content (health and case notes are sensitive).
    return { oldValue: null, newValue: { noteId, title: cleanName(input.title) }, details: { noteId } };
  });
}

/**
 * Records a period of benefit-system membership. Membership changes over time (AsylbLG, then SGB II): periods of
 * different systems may follow or overlap each other, two periods of the same system may not overlap.
 */
export async function addBenefit(
  db: Database,
  actor: Actor,
  id: string,
  input: BenefitInput,
): Promise<Person> {
  assertPeriod(input.validFrom, input.validUntil);
  return changeRecord(db, actor, id, 'benefits', async (tx, row, w) => {
    const tree = await repo.listTree(tx, row.id);
    const [overlap] = await repo.findOverlappingBenefits(
      tx,
      tree,
      input.system,
      input.validFrom,
      input.validUntil,
    );
    if (overlap)
      throw new AppError(
        'CONFLICT',
        `The person already has a ${input.system} period from ${overlap.validFrom} ${
          overlap.validUntil ? `to ${overlap.validUntil}` : 'without end'
        } that overlaps this one; end that period first.`,
        { validFrom: `overlaps the ${input.system} period from ${overlap.validFrom}` },
      );
    const benefit = { ...input, reference: cleanOptional(input.reference) };
    await repo.insertBenefit(tx, {
      ...benefit,
      municipalityId: w.municipalityId,
      personId: row.id,
      agencyId: w.agencyId,
      recordedBy: w.staffId,
    });
    return { oldValue: null, newValue: benefit };
  });
}

const INVERSE: Record<RelationKind, RelationKind> = {
  parent_of: 'child_of',
  child_of: 'parent_of',
  spouse_of: 'spouse_of',
  guardian_of: 'ward_of',
  ward_of: 'guardian_of',
  sibling_of: 'sibling_of',
};

/** The relation seen from the other person: parent_of <-> child_of, guardian_of <-> ward_of, the rest symmetric. */
export const inverseRelation = (r: RelationKind): RelationKind => INVERSE[r];

/** Links two persons (parent, spouse, guardian, sibling) and stores the inverse link on the other person. */
export async function addRelation(
  db: Database,
  actor: Actor,
  id: string,
  input: RelationInput,
): Promise<Person> {
  return db.tenant(actor.municipalityId, async (tx) => {
    await refuseEarly(tx, actor, 'update', 'case_work');
    const row = await findChangeable(tx, id);
    const related = await repo.getPerson(tx, input.relatedPersonId);
    if (!related) throw invalid('relatedPersonId', 'is not a person of this municipality');
    const other = related.rootId;
    if (other === row.id) throw invalid('relatedPersonId', 'is this person (or merged into it)');
    const w = writerOf(actor);
    const existing = await repo.listRelations(tx, [row.id]);
    if (!existing.some((r) => r.relatedPersonId === other && r.relation === input.relation)) {
      const inverse = inverseRelation(input.relation);
      await repo.insertRelation(tx, {
        municipalityId: w.municipalityId,
        personId: row.id,
        relatedPersonId: other,
        relation: input.relation,
        agencyId: w.agencyId,
      });
      await repo.insertRelation(tx, {
        municipalityId: w.municipalityId,
        personId: other,
        relatedPersonId: row.id,
        relation: inverse,
        agencyId: w.agencyId,
      });
      await repo.insertChange(tx, {
        ...w,
        personId: row.id,
        field: 'relations',
        oldValue: null,
        newValue: { relatedPersonId: other, relation: input.relation },
      });
      await repo.insertChange(tx, {
        ...w,
        personId: other,
        field: 'relations',
        oldValue: null,
        newValue: { relatedPersonId: row.id, relation: inverse },
      });
      await repo.touchPerson(tx, row.id);
      await repo.touchPerson(tx, other);
    }
    // The other person changed too (the inverse link): audited as its own change.
    await requirePersonAccess(tx, {
      actor,
      action: 'update',
      personIds: [other],
      purpose: 'case_work',
      details: { changed: ['relations'], relation: inverseRelation(input.relation), via: row.id },
    });
    return present(tx, actor, row.id, 'update', 'case_work', {
      changed: ['relations'],
      relation: input.relation,
    });
  });
}

/**
 * A household after a change, through the access function: the change is audited for the persons it touched,
 * and member names are shown only where the caller may see them.
 */
async function presentHousehold(
  tx: Tx,
  actor: Actor,
  id: string,
  changed: string[],
  details: Record<string, unknown>,
): Promise<Household> {
  const h = await repo.getHousehold(tx, id);
  if (!h) throw new AppError('NOT_FOUND', 'No such household.');
  const members = await repo.listMembers(tx, [id]);
  // The changed persons too: one just removed is no member any more, but the change concerns them.
  const names = await summaries(tx, [...new Set([...members.map((m) => m.rootId), ...changed])]);
  const grant = await requirePersonAccess(tx, {
    actor,
    action: 'update',
    personIds: changed,
    purpose: 'case_work',
    holdings: new Map(changed.map((p) => [p, names.has(p) ? summaryHoldings(names.get(p)!) : []])),
    details: { changed: ['households'], householdId: id, ...details },
  });
  const others = await namesVisible(
    tx,
    actor,
    members.map((m) => m.rootId).filter((m) => !changed.includes(m)),
    'case_work',
    id,
  );
  const visible = (p: string) => others.has(p) || (changed.includes(p) && seesName(grant, names.get(p)));
  const household = toHousehold(h, members, names);
  return {
    ...household,
    members: household.members.map((m) => (visible(m.personId) ? m : { ...m, displayName: '' })),
  };
}

const seesName = (grant: PersonGrant, s: ShownSummary | undefined) =>
  s !== undefined &&
  grant.sees(s.id, {
    category: 'identity_contact',
    agencyId: s.provenance.name?.agencyId ?? null,
    field: 'name',
  });

// Members are always the surviving persons; an unknown id is a 400 naming its place in the request.
async function memberRoots(tx: Tx, ids: string[], field: (i: number) => string): Promise<string[]> {
  const roots = await repo.rootsOf(tx, ids);
  return ids.map((id, i) => {
    const root = roots.get(id);
    if (!root) throw invalid(field(i), 'is not a person of this municipality');
    return root;
  });
}

/** Creates a household (a Bedarfsgemeinschaft with its BG-Nummer, or a family) with its members. */
export async function createHousehold(db: Database, actor: Actor, input: HouseholdInput): Promise<Household> {
  return db.tenant(actor.municipalityId, async (tx) => {
    await refuseEarly(tx, actor, 'update', 'case_work');
    const w = writerOf(actor);
    const roots = await memberRoots(
      tx,
      input.members.map((m) => m.personId),
      (i) => `members.${i}.personId`,
    );
    if (new Set(roots).size !== roots.length) throw invalid('members', 'names the same person twice');
    const householdId = await repo.insertHousehold(tx, {
      municipalityId: w.municipalityId,
      kind: input.kind,
      bgNumber: cleanOptional(input.bgNumber),
      agencyId: w.agencyId,
    });
    for (const [i, personId] of roots.entries()) {
      await repo.upsertMember(tx, {
        municipalityId: w.municipalityId,
        householdId,
        personId,
        role: input.members[i]!.role,
      });
      await repo.insertChange(tx, {
        ...w,
        personId,
        field: 'households',
        oldValue: null,
        newValue: { householdId, kind: input.kind, role: input.members[i]!.role },
      });
      await repo.touchPerson(tx, personId);
    }
    return presentHousehold(tx, actor, householdId, roots, {});
  });
}

/**
 * The frame of a change to one household member: refuse early, find the household, let `change` write and name
 * the member (root) and what the history records, then history, touch, audit, and the household as the answer.
 */
async function changeMembership(
  db: Database,
  actor: Actor,
  householdId: string,
  change: (
    tx: Tx,
    w: Writer,
  ) => Promise<{ personId: string; oldValue: unknown; newValue: unknown; details?: Record<string, unknown> }>,
): Promise<Household> {
  return db.tenant(actor.municipalityId, async (tx) => {
    await refuseEarly(tx, actor, 'update', 'case_work');
    if (!(await repo.getHousehold(tx, householdId))) throw new AppError('NOT_FOUND', 'No such household.');
    const w = writerOf(actor);
    const c = await change(tx, w);
    await repo.insertChange(tx, {
      ...w,
      personId: c.personId,
      field: 'households',
      oldValue: c.oldValue,
      newValue: c.newValue,
    });
    await repo.touchPerson(tx, c.personId);
    return presentHousehold(tx, actor, householdId, [c.personId], c.details ?? {});
  });
}

/** Adds a person to a household (or changes the person's role in it). */
export async function addHouseholdMember(
  db: Database,
  actor: Actor,
  householdId: string,
  input: HouseholdMemberInput,
): Promise<Household> {
  return changeMembership(db, actor, householdId, async (tx, w) => {
    const [personId] = await memberRoots(tx, [input.personId], () => 'personId');
    await repo.upsertMember(tx, {
      municipalityId: w.municipalityId,
      householdId,
      personId: personId!,
      role: input.role,
    });
    return { personId: personId!, oldValue: null, newValue: { householdId, role: input.role } };
  });
}

/** Removes a person (and any record merged into it) from a household. */
export async function removeHouseholdMember(
  db: Database,
  actor: Actor,
  householdId: string,
  personId: string,
): Promise<Household> {
  return changeMembership(db, actor, householdId, async (tx) => {
    const root = (await repo.rootsOf(tx, [personId])).get(personId);
    if (!root) throw new AppError('NOT_FOUND', 'No such person.');
    const removed = await repo.deleteMembers(tx, householdId, await repo.listTree(tx, root));
    if (removed === 0) throw new AppError('NOT_FOUND', 'This person is not a member of the household.');
    return { personId: root, oldValue: { householdId }, newValue: null, details: { removed: true } };
  });
}

const DAY = 24 * 60 * 60 * 1000;
const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * Residence titles of the municipality's persons that end within the next N weeks, soonest first: the list a case
 * manager works through to book extension appointments. Only each person's latest title counts.
 */
export async function listExpiringResidence(
  db: Database,
  actor: Actor,
  weeks: number,
): Promise<ExpiringResidence> {
  return db.tenant(actor.municipalityId, async (tx) => {
    await refuseEarly(tx, actor, 'search', 'case_work');
    const today = todayInGermany();
    const rows = await repo.listExpiringResidence(tx, today, addDays(today, weeks * 7));
    const people = await summaries(
      tx,
      rows.map((r) => r.rootId),
    );
    // Listed: persons whose name and expiring title the caller may see.
    const title = (r: (typeof rows)[number]): Holding => ({ category: 'residence', agencyId: r.agencyId });
    const grant = await requirePersonAccess(tx, {
      actor,
      action: 'search',
      personIds: rows.map((r) => r.rootId),
      purpose: 'case_work',
      holdings: new Map(
        rows
          .filter((r) => people.has(r.rootId))
          .map((r) => [r.rootId, [...summaryHoldings(people.get(r.rootId)!), title(r)]]),
      ),
      list: true,
      details: { list: 'residence_expiring', weeks },
    });
    return {
      weeks,
      items: rows
        .filter(
          (r) =>
            people.has(r.rootId) && seesName(grant, people.get(r.rootId)) && grant.sees(r.rootId, title(r)),
        )
        .map((r) => ({
          person: redactSummary(people.get(r.rootId)!, grant),
          residence: toResidence(r),
          daysLeft: Math.round(
            (Date.parse(`${r.validUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY,
          ),
        })),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Seeding (demo data): the same rules, in a transaction the caller holds, without a signed-in actor.

export type SeedPerson = {
  key: string;
  input: PersonInput;
  agencyId: string;
  staffId: string | null;
  residence?: (ResidenceInput & { agencyId: string })[];
  benefits?: (BenefitInput & { agencyId: string })[];
};

/**
 * Inserts persons with identifiers, residence and benefit histories (no duplicate check: the demo has deliberate
 * duplicates) and indexes them; returns the new ids by key. For seeding only.
 */
export async function seedPersons(
  tx: Tx,
  municipalityId: string,
  seeds: SeedPerson[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const s of seeds) {
    const w: Writer = { municipalityId, agencyId: s.agencyId, staffId: s.staffId };
    const columns = toColumns(s.input, null) as repo.PersonFields;
    const id = await insertNewPerson(tx, w, columns, s.input.identifiers);
    for (const r of s.residence ?? [])
      await repo.insertResidence(tx, { ...r, municipalityId, personId: id, recordedBy: w.staffId });
    for (const b of s.benefits ?? [])
      await repo.insertBenefit(tx, { ...b, municipalityId, personId: id, recordedBy: w.staffId });
    ids.set(s.key, id);
  }
  return ids;
}

/** Links two seeded persons with a relation and its inverse. For seeding only. */
export async function seedRelation(
  tx: Tx,
  municipalityId: string,
  agencyId: string,
  personId: string,
  relatedPersonId: string,
  relation: RelationKind,
): Promise<void> {
  await repo.insertRelation(tx, { municipalityId, personId, relatedPersonId, relation, agencyId });
  await repo.insertRelation(tx, {
    municipalityId,
    personId: relatedPersonId,
    relatedPersonId: personId,
    relation: inverseRelation(relation),
    agencyId,
  });
}

/** Adds a record entry to a seeded person. For seeding only. */
export async function seedNote(
  tx: Tx,
  municipalityId: string,
  agencyId: string,
  personId: string,
  note: PersonNoteInput,
): Promise<void> {
  await repo.insertNote(tx, { municipalityId, personId, agencyId, staffId: null, ...note });
}

/** Creates a seeded household with its members. For seeding only. */
export async function seedHousehold(
  tx: Tx,
  municipalityId: string,
  agencyId: string,
  household: {
    kind: 'bedarfsgemeinschaft' | 'family';
    bgNumber: string | null;
    members: { personId: string; role: string }[];
  },
): Promise<string> {
  const householdId = await repo.insertHousehold(tx, {
    municipalityId,
    kind: household.kind,
    bgNumber: household.bgNumber,
    agencyId,
  });
  for (const m of household.members) await repo.upsertMember(tx, { municipalityId, householdId, ...m });
  return householdId;
}
