import type { Tx } from '../../db/database';

/** The stored columns of one source record, in TypeScript names. */
export type PersonFields = {
  givenNames: string;
  familyName: string;
  givenNamesOriginal: string | null;
  familyNameOriginal: string | null;
  nameOrder: 'given_first' | 'family_first';
  birthName: NameJson | null;
  formerNames: NameJson[];
  sex: 'female' | 'male' | 'diverse' | 'unspecified';
  birthDate: string | null;
  birthYear: number | null;
  birthDateCertainty: 'exact' | 'year_only' | 'placeholder' | 'unknown';
  birthDateRecorded: string | null;
  placeOfBirth: string | null;
  countryOfBirth: string | null;
  nationalities: string[];
  languages: { code: string; interpreterNeeded: boolean }[];
  address: Record<string, unknown> | null;
  contact: Record<string, unknown> | null;
};
export type NameJson = {
  givenNames: string;
  familyName: string;
  givenNamesOriginal: string | null;
  familyNameOriginal: string | null;
};
export type ProvenanceJson = Record<string, { agencyId: string | null; recordedAt: string }>;

export type PersonRow = PersonFields & {
  id: string;
  municipalityId: string;
  rootId: string;
  mergedInto: string | null;
  provenance: ProvenanceJson;
  createdAt: Date;
  updatedAt: Date;
};

// TypeScript field -> column, and which columns hold JSON.
const COLUMNS: Record<keyof PersonFields, string> = {
  givenNames: 'given_names',
  familyName: 'family_name',
  givenNamesOriginal: 'given_names_original',
  familyNameOriginal: 'family_name_original',
  nameOrder: 'name_order',
  birthName: 'birth_name',
  formerNames: 'former_names',
  sex: 'sex',
  birthDate: 'birth_date',
  birthYear: 'birth_year',
  birthDateCertainty: 'birth_date_certainty',
  birthDateRecorded: 'birth_date_recorded',
  placeOfBirth: 'place_of_birth',
  countryOfBirth: 'country_of_birth',
  nationalities: 'nationalities',
  languages: 'languages',
  address: 'address',
  contact: 'contact',
};
const JSON_COLUMNS = new Set<keyof PersonFields>([
  'birthName',
  'formerNames',
  'languages',
  'address',
  'contact',
]);

const PERSON = `p.id, p.municipality_id AS "municipalityId", p.root_id AS "rootId", p.merged_into AS "mergedInto",
  ${Object.entries(COLUMNS)
    .map(([k, c]) => (c === 'birth_date' ? `p.birth_date::text AS "birthDate"` : `p.${c} AS "${k}"`))
    .join(', ')},
  p.provenance, p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

const param = (k: keyof PersonFields, v: unknown) =>
  JSON_COLUMNS.has(k) && v !== null ? JSON.stringify(v) : v;

export async function insertPerson(
  tx: Tx,
  p: PersonFields & {
    id: string;
    municipalityId: string;
    provenance: ProvenanceJson;
    createdByAgency: string;
  },
): Promise<void> {
  const keys = Object.keys(COLUMNS) as (keyof PersonFields)[];
  const cols = [
    'id',
    'municipality_id',
    'root_id',
    'provenance',
    'created_by_agency',
    ...keys.map((k) => COLUMNS[k]),
  ];
  const values = [
    p.id,
    p.municipalityId,
    p.id,
    JSON.stringify(p.provenance),
    p.createdByAgency,
    ...keys.map((k) => param(k, p[k])),
  ];
  await tx.query(
    `INSERT INTO person (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
    values,
  );
}

/** One source record by id (row-level security hides other municipalities' records). */
export async function getPerson(tx: Tx, id: string): Promise<PersonRow | null> {
  const { rows } = await tx.query<PersonRow>(`SELECT ${PERSON} FROM person p WHERE p.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Locks a record for a change, so two concurrent changes write their history one after the other. */
export async function lockPerson(tx: Tx, id: string): Promise<void> {
  await tx.query(`SELECT id FROM person WHERE id = $1 FOR UPDATE`, [id]);
}

export async function updatePerson(
  tx: Tx,
  id: string,
  fields: Partial<PersonFields>,
  provenance: ProvenanceJson,
): Promise<void> {
  const keys = Object.keys(fields) as (keyof PersonFields)[];
  const sets = keys.map((k, i) => `${COLUMNS[k]} = $${i + 3}`);
  await tx.query(
    `UPDATE person SET ${[...sets, 'provenance = $2', 'updated_at = now()'].join(', ')} WHERE id = $1`,
    [id, JSON.stringify(provenance), ...keys.map((k) => param(k, fields[k]))],
  );
}

/** Marks a record as changed (sub-records such as identifiers or residence were added). */
export async function touchPerson(tx: Tx, id: string): Promise<void> {
  await tx.query(`UPDATE person SET updated_at = now() WHERE id = $1`, [id]);
}

/** The records of a person's tree: the surviving record and every record merged into it. */
export async function listTree(tx: Tx, rootId: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM person WHERE root_id = $1 ORDER BY (id = $1) DESC, created_at, id`,
    [rootId],
  );
  return rows.map((r) => r.id);
}

/** The surviving person of each given record that exists in the municipality. */
export async function rootsOf(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<{ id: string; rootId: string }>(
    `SELECT id, root_id AS "rootId" FROM person WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.rootId]));
}

export type SummaryRow = Pick<
  PersonRow,
  | 'id'
  | 'givenNames'
  | 'familyName'
  | 'givenNamesOriginal'
  | 'familyNameOriginal'
  | 'nameOrder'
  | 'birthDate'
  | 'birthYear'
  | 'birthDateCertainty'
  | 'birthDateRecorded'
  | 'sex'
  | 'nationalities'
  | 'placeOfBirth'
  | 'provenance'
>;

export async function loadSummaries(tx: Tx, ids: string[]): Promise<SummaryRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<SummaryRow>(
    `SELECT id, given_names AS "givenNames", family_name AS "familyName",
            given_names_original AS "givenNamesOriginal", family_name_original AS "familyNameOriginal",
            name_order AS "nameOrder", birth_date::text AS "birthDate", birth_year AS "birthYear",
            birth_date_certainty AS "birthDateCertainty", birth_date_recorded AS "birthDateRecorded", sex,
            nationalities, place_of_birth AS "placeOfBirth", provenance
       FROM person WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows;
}

/** Agencies (and partners) of the municipality among the ids, with their names. */
export async function agencyNames(tx: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const { rows } = await tx.query<{ id: string; name: string }>(
    `SELECT id, name FROM agency WHERE id = ANY($1::uuid[])`,
    [wanted],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---- history ----

export type ChangeRow = {
  personId: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  agencyId: string | null;
  agencyName: string | null;
  staffName: string | null;
  at: Date;
};

export async function insertChange(
  tx: Tx,
  c: {
    municipalityId: string;
    personId: string;
    field: string;
    oldValue: unknown;
    newValue: unknown;
    agencyId: string | null;
    staffId: string | null;
  },
): Promise<void> {
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  await tx.query(
    `INSERT INTO person_change (municipality_id, person_id, field, old_value, new_value, agency_id, staff_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [c.municipalityId, c.personId, c.field, json(c.oldValue), json(c.newValue), c.agencyId, c.staffId],
  );
}

export async function listChanges(tx: Tx, personIds: string[]): Promise<ChangeRow[]> {
  const { rows } = await tx.query<ChangeRow>(
    `SELECT c.person_id AS "personId", c.field, c.old_value AS "oldValue", c.new_value AS "newValue",
            c.agency_id AS "agencyId", a.name AS "agencyName", s.display_name AS "staffName", c.at
       FROM person_change c
       LEFT JOIN agency a ON a.id = c.agency_id
       LEFT JOIN staff s ON s.id = c.staff_id
      WHERE c.person_id = ANY($1::uuid[])
      ORDER BY c.at DESC, c.id DESC`,
    [personIds],
  );
  return rows;
}

// ---- identifiers ----

export type IdentifierRow = {
  id: string;
  personId: string;
  kind: 'azr' | 'kundennummer' | 'bg_nummer' | 'aktenzeichen' | 'other';
  value: string;
  valueNormalised: string;
  agencyId: string | null;
  agencyName: string | null;
  recordedAt: Date;
};

export async function insertIdentifier(
  tx: Tx,
  i: {
    municipalityId: string;
    personId: string;
    kind: string;
    value: string;
    valueNormalised: string;
    agencyId: string;
    recordedBy: string | null;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO person_identifier (municipality_id, person_id, kind, value, value_normalised, agency_id, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [i.municipalityId, i.personId, i.kind, i.value, i.valueNormalised, i.agencyId, i.recordedBy],
  );
  return rows[0]!.id;
}

export async function listIdentifiers(tx: Tx, personIds: string[]): Promise<IdentifierRow[]> {
  const { rows } = await tx.query<IdentifierRow>(
    `SELECT i.id, i.person_id AS "personId", i.kind, i.value, i.value_normalised AS "valueNormalised",
            i.agency_id AS "agencyId", a.name AS "agencyName", i.recorded_at AS "recordedAt"
       FROM person_identifier i LEFT JOIN agency a ON a.id = i.agency_id
      WHERE i.person_id = ANY($1::uuid[])
      ORDER BY i.recorded_at, a.name, i.kind, i.value`,
    [personIds],
  );
  return rows;
}

export async function deleteIdentifier(tx: Tx, id: string): Promise<void> {
  await tx.query(`DELETE FROM person_identifier WHERE id = $1`, [id]);
}

// ---- residence ----

export type ResidenceRow = {
  id: string;
  personId: string;
  kind: string;
  paragraph: string | null;
  validFrom: string | null;
  validUntil: string | null;
  note: string | null;
  agencyId: string | null;
  agencyName: string | null;
  recordedAt: Date;
};

const RESIDENCE = `r.id, r.person_id AS "personId", r.kind, r.paragraph, r.valid_from::text AS "validFrom",
  r.valid_until::text AS "validUntil", r.note, r.agency_id AS "agencyId", a.name AS "agencyName",
  r.recorded_at AS "recordedAt"`;

export async function insertResidence(
  tx: Tx,
  r: {
    municipalityId: string;
    personId: string;
    kind: string;
    paragraph: string | null;
    validFrom: string | null;
    validUntil: string | null;
    note: string | null;
    agencyId: string;
    recordedBy: string | null;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO person_residence (municipality_id, person_id, kind, paragraph, valid_from, valid_until, note,
                                   agency_id, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      r.municipalityId,
      r.personId,
      r.kind,
      r.paragraph,
      r.validFrom,
      r.validUntil,
      r.note,
      r.agencyId,
      r.recordedBy,
    ],
  );
  return rows[0]!.id;
}

export async function listResidence(tx: Tx, personIds: string[]): Promise<ResidenceRow[]> {
  const { rows } = await tx.query<ResidenceRow>(
    `SELECT ${RESIDENCE} FROM person_residence r LEFT JOIN agency a ON a.id = r.agency_id
      WHERE r.person_id = ANY($1::uuid[])
      ORDER BY r.valid_from NULLS FIRST, r.recorded_at`,
    [personIds],
  );
  return rows;
}

/**
 * Each person's latest title (by end of validity) when it ends between the two dates, soonest first. A title
 * followed by a later one (an extension) is not listed: the person's current title is what expires.
 */
export async function listExpiringResidence(
  tx: Tx,
  from: string,
  until: string,
): Promise<(ResidenceRow & { rootId: string })[]> {
  const { rows } = await tx.query<ResidenceRow & { rootId: string }>(
    `SELECT * FROM (
       SELECT DISTINCT ON (p.root_id) ${RESIDENCE}, p.root_id AS "rootId"
         FROM person_residence r
         JOIN person p ON p.id = r.person_id
         LEFT JOIN agency a ON a.id = r.agency_id
        ORDER BY p.root_id, coalesce(r.valid_until, 'infinity'::date) DESC, r.recorded_at DESC
     ) latest
     WHERE "validUntil" IS NOT NULL AND "validUntil"::date BETWEEN $1::date AND $2::date
     ORDER BY "validUntil", "rootId"`,
    [from, until],
  );
  return rows;
}

// ---- benefits ----

export type BenefitRow = {
  id: string;
  personId: string;
  system: string;
  validFrom: string;
  validUntil: string | null;
  reference: string | null;
  agencyId: string | null;
  agencyName: string | null;
  recordedAt: Date;
};

const BENEFIT = `b.id, b.person_id AS "personId", b.system, b.valid_from::text AS "validFrom",
  b.valid_until::text AS "validUntil", b.reference, b.agency_id AS "agencyId", a.name AS "agencyName",
  b.recorded_at AS "recordedAt"`;

export async function insertBenefit(
  tx: Tx,
  b: {
    municipalityId: string;
    personId: string;
    system: string;
    validFrom: string;
    validUntil: string | null;
    reference: string | null;
    agencyId: string;
    recordedBy: string | null;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO person_benefit (municipality_id, person_id, system, valid_from, valid_until, reference, agency_id,
                                 recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      b.municipalityId,
      b.personId,
      b.system,
      b.validFrom,
      b.validUntil,
      b.reference,
      b.agencyId,
      b.recordedBy,
    ],
  );
  return rows[0]!.id;
}

export async function listBenefits(tx: Tx, personIds: string[]): Promise<BenefitRow[]> {
  const { rows } = await tx.query<BenefitRow>(
    `SELECT ${BENEFIT} FROM person_benefit b LEFT JOIN agency a ON a.id = b.agency_id
      WHERE b.person_id = ANY($1::uuid[])
      ORDER BY b.valid_from, b.recorded_at`,
    [personIds],
  );
  return rows;
}

/** Periods of the same system that share at least one day with [from, until] (open ends run forever). */
export async function findOverlappingBenefits(
  tx: Tx,
  personIds: string[],
  system: string,
  from: string,
  until: string | null,
): Promise<BenefitRow[]> {
  const { rows } = await tx.query<BenefitRow>(
    `SELECT ${BENEFIT} FROM person_benefit b LEFT JOIN agency a ON a.id = b.agency_id
      WHERE b.person_id = ANY($1::uuid[]) AND b.system = $2
        AND b.valid_from <= coalesce($4::date, 'infinity'::date)
        AND coalesce(b.valid_until, 'infinity'::date) >= $3::date
      ORDER BY b.valid_from`,
    [personIds, system, from, until],
  );
  return rows;
}

// ---- relations ----

export type RelationRow = {
  personId: string;
  relatedPersonId: string;
  relation: string;
  agencyId: string | null;
};

export async function insertRelation(
  tx: Tx,
  r: {
    municipalityId: string;
    personId: string;
    relatedPersonId: string;
    relation: string;
    agencyId: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO person_relation (municipality_id, person_id, related_person_id, relation, agency_id)
     VALUES ($1, $2, $3, $4, $5)`,
    [r.municipalityId, r.personId, r.relatedPersonId, r.relation, r.agencyId],
  );
}

/** Relations held by any of the records, with the surviving person of the related record. */
export async function listRelations(tx: Tx, personIds: string[]): Promise<RelationRow[]> {
  const { rows } = await tx.query<RelationRow>(
    `SELECT r.person_id AS "personId", rp.root_id AS "relatedPersonId", r.relation, r.agency_id AS "agencyId"
       FROM person_relation r JOIN person rp ON rp.id = r.related_person_id
      WHERE r.person_id = ANY($1::uuid[])
      ORDER BY r.recorded_at, r.id`,
    [personIds],
  );
  return rows;
}

// ---- households ----

export type HouseholdRow = {
  id: string;
  kind: 'bedarfsgemeinschaft' | 'family';
  bgNumber: string | null;
  agencyId: string | null;
  agencyName: string | null;
  createdAt: Date;
};
export type MemberRow = { householdId: string; personId: string; rootId: string; role: string };

const HOUSEHOLD = `h.id, h.kind, h.bg_number AS "bgNumber", h.agency_id AS "agencyId", a.name AS "agencyName",
  h.created_at AS "createdAt"`;

export async function insertHousehold(
  tx: Tx,
  h: { municipalityId: string; kind: string; bgNumber: string | null; agencyId: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO household (municipality_id, kind, bg_number, agency_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [h.municipalityId, h.kind, h.bgNumber, h.agencyId],
  );
  return rows[0]!.id;
}

export async function getHousehold(tx: Tx, id: string): Promise<HouseholdRow | null> {
  const { rows } = await tx.query<HouseholdRow>(
    `SELECT ${HOUSEHOLD} FROM household h LEFT JOIN agency a ON a.id = h.agency_id WHERE h.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Households that one of the records belongs to. */
export async function listHouseholdsOf(tx: Tx, personIds: string[]): Promise<HouseholdRow[]> {
  const { rows } = await tx.query<HouseholdRow>(
    `SELECT ${HOUSEHOLD} FROM household h LEFT JOIN agency a ON a.id = h.agency_id
      WHERE h.id IN (SELECT household_id FROM household_member WHERE person_id = ANY($1::uuid[]))
      ORDER BY h.created_at, h.id`,
    [personIds],
  );
  return rows;
}

export async function listMembers(tx: Tx, householdIds: string[]): Promise<MemberRow[]> {
  if (householdIds.length === 0) return [];
  const { rows } = await tx.query<MemberRow>(
    `SELECT m.household_id AS "householdId", m.person_id AS "personId", p.root_id AS "rootId", m.role
       FROM household_member m JOIN person p ON p.id = m.person_id
      WHERE m.household_id = ANY($1::uuid[])
      ORDER BY CASE m.role WHEN 'head' THEN 0 WHEN 'partner' THEN 1 WHEN 'child' THEN 2 ELSE 3 END,
               p.birth_year NULLS LAST, p.family_name, p.given_names`,
    [householdIds],
  );
  return rows;
}

/** Adds or re-roles a member. */
export async function upsertMember(
  tx: Tx,
  m: { municipalityId: string; householdId: string; personId: string; role: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO household_member (household_id, person_id, municipality_id, role) VALUES ($1, $2, $3, $4)
     ON CONFLICT (household_id, person_id) DO UPDATE SET role = excluded.role`,
    [m.householdId, m.personId, m.municipalityId, m.role],
  );
}

export async function deleteMembers(tx: Tx, householdId: string, personIds: string[]): Promise<number> {
  const { rowCount } = await tx.query(
    `DELETE FROM household_member WHERE household_id = $1 AND person_id = ANY($2::uuid[])`,
    [householdId, personIds],
  );
  return rowCount;
}

// ---- merges ----

export async function listActiveMerges(
  tx: Tx,
  mergedIds: string[],
): Promise<{ personId: string; mergeId: string; mergedAt: Date }[]> {
  if (mergedIds.length === 0) return [];
  const { rows } = await tx.query<{ personId: string; mergeId: string; mergedAt: Date }>(
    `SELECT merged_id AS "personId", id AS "mergeId", merged_at AS "mergedAt"
       FROM person_merge WHERE merged_id = ANY($1::uuid[]) AND undone_at IS NULL
      ORDER BY merged_at`,
    [mergedIds],
  );
  return rows;
}

// ---- notes (record entries of employment, education, health, case notes) ----

export type NoteRow = {
  id: string;
  category: 'employment' | 'education' | 'health' | 'case_notes';
  title: string;
  body: string;
  occurredOn: string | null;
  agencyId: string | null;
  agencyName: string | null;
  recordedAt: Date;
};

export async function listNotes(tx: Tx, personIds: string[]): Promise<NoteRow[]> {
  const { rows } = await tx.query<NoteRow>(
    `SELECT n.id, n.category, n.title, n.body, n.occurred_on::text AS "occurredOn", n.agency_id AS "agencyId",
            a.name AS "agencyName", n.recorded_at AS "recordedAt"
       FROM person_note n LEFT JOIN agency a ON a.id = n.agency_id
      WHERE n.person_id = ANY($1::uuid[])
      ORDER BY n.recorded_at DESC, n.id`,
    [personIds],
  );
  return rows;
}

export async function insertNote(
  tx: Tx,
  n: {
    municipalityId: string;
    personId: string;
    category: string;
    title: string;
    body: string;
    occurredOn: string | null;
    agencyId: string;
    staffId: string | null;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO person_note (municipality_id, person_id, category, title, body, occurred_on, agency_id, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [n.municipalityId, n.personId, n.category, n.title, n.body, n.occurredOn, n.agencyId, n.staffId],
  );
  return rows[0]!.id;
}
