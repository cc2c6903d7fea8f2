import type { Tx } from '../../db/database';

// ---- scope ----

/**
 * Scopes a transaction opened with the owner's privileges (Database.system) to one municipality and switches it to
 * the restricted role, as Database.tenant does: everything after this runs under row-level security. Only the
 * history functions below step out of it, for the one statement each that the restricted role may not run.
 */
export async function enterMunicipality(tx: Tx, municipalityId: string): Promise<void> {
  await tx.query(`SELECT set_config('lotse.municipality_id', $1, true)`, [municipalityId]);
  await tx.query(`SET LOCAL ROLE lotse_app`);
}

/** One retention run or erasure at a time per municipality. */
export async function lockRetention(tx: Tx, municipalityId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(727003, hashtext($1))`, [municipalityId]);
}

/** Municipalities with at least one retention rule in force (runs as owner, before any tenant scope). */
export async function municipalitiesWithRules(tx: Tx): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT DISTINCT municipality_id AS id FROM retention_rule WHERE retired_at IS NULL ORDER BY 1`,
  );
  return rows.map((r) => r.id);
}

// ---- rules ----

export type RuleRow = {
  id: string;
  agencyId: string;
  agencyName: string;
  recordType: string;
  years: number;
  paragraph: string;
  description: string;
  createdAt: Date;
};

const RULE = `r.id, r.agency_id AS "agencyId", a.name AS "agencyName", r.record_type AS "recordType", r.years,
  r.paragraph, r.description, r.created_at AS "createdAt"`;
const RULE_FROM = `retention_rule r JOIN agency a ON a.id = r.agency_id`;

/** The rules in force (retired versions are left out). */
export async function listRules(tx: Tx): Promise<RuleRow[]> {
  return (
    await tx.query<RuleRow>(
      `SELECT ${RULE} FROM ${RULE_FROM} WHERE r.retired_at IS NULL ORDER BY a.name, r.record_type`,
    )
  ).rows;
}

export async function getRule(tx: Tx, id: string): Promise<RuleRow | null> {
  const { rows } = await tx.query<RuleRow>(`SELECT ${RULE} FROM ${RULE_FROM} WHERE r.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function findCurrentRule(tx: Tx, agencyId: string, recordType: string): Promise<RuleRow | null> {
  const { rows } = await tx.query<RuleRow>(
    `SELECT ${RULE} FROM ${RULE_FROM} WHERE r.agency_id = $1 AND r.record_type = $2 AND r.retired_at IS NULL`,
    [agencyId, recordType],
  );
  return rows[0] ?? null;
}

/** Serialises changes to the rules of a municipality (a replace is a retire and an insert). */
export async function lockRules(tx: Tx, municipalityId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(727004, hashtext($1))`, [municipalityId]);
}

export async function insertRule(
  tx: Tx,
  r: {
    municipalityId: string;
    agencyId: string;
    recordType: string;
    years: number;
    paragraph: string;
    description: string;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO retention_rule (municipality_id, agency_id, record_type, years, paragraph, description)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [r.municipalityId, r.agencyId, r.recordType, r.years, r.paragraph, r.description],
  );
  return rows[0]!.id;
}

/** Retires a rule in force; answers whether there was one with this id. */
export async function retireRule(tx: Tx, id: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE retention_rule SET retired_at = now() WHERE id = $1 AND retired_at IS NULL`,
    [id],
  );
  return rowCount > 0;
}

// ---- agencies ----

export type AgencyRow = {
  id: string;
  name: string;
  kind: 'agency' | 'partner';
  legalDomains: string[];
  active: boolean;
};

export async function listAgencies(tx: Tx): Promise<AgencyRow[]> {
  return (
    await tx.query<AgencyRow>(
      `SELECT id, name, kind, legal_domains AS "legalDomains", active FROM agency ORDER BY kind, name`,
    )
  ).rows;
}

/** For each agency, the purposes of consents (not revoked) that name it as receiving. No person data. */
export async function consentPurposesByReceiver(tx: Tx): Promise<{ agencyId: string; purposes: string[] }[]> {
  const { rows } = await tx.query<{ agencyId: string; purposes: string[] }>(
    `SELECT r.agency_id AS "agencyId", array_agg(DISTINCT c.purpose ORDER BY c.purpose) AS purposes
       FROM consent c CROSS JOIN LATERAL unnest(c.receiving_agency_ids) AS r(agency_id)
      WHERE c.revoked_at IS NULL
      GROUP BY r.agency_id`,
  );
  return rows;
}

// ---- items of person data the rules apply to ----

/** One item of person data with the rule in force for its agency and record type, if any. */
export type ItemRow = {
  recordType: string;
  id: string;
  /** The source record that holds the item. */
  personId: string;
  rootId: string;
  agencyId: string | null;
  ruleId: string | null;
  years: number | null;
  paragraph: string | null;
  /** The reference date plus the rule's years: the last day the item is kept; null without rule or reference. */
  keepUntil: string | null;
};

const BERLIN_DAY = (column: string) => `(${column} AT TIME ZONE 'Europe/Berlin')::date`;

// The items of every record type with their reference dates (see RetentionRecordType in common).
const itemsSql = (where: (alias: string) => string) => `
  WITH item AS (
    -- A title without an end (Niederlassungserlaubnis) is valid, never due; like an open benefit period.
    SELECT 'residence'::text AS record_type, x.id, x.person_id, x.agency_id, x.valid_until AS ref
      FROM person_residence x ${where('x')}
    UNION ALL
    SELECT 'benefit', x.id, x.person_id, x.agency_id, x.valid_until
      FROM person_benefit x ${where('x')}
    UNION ALL
    SELECT 'identifier', x.id, x.person_id, x.agency_id, ${BERLIN_DAY('x.recorded_at')}
      FROM person_identifier x ${where('x')}
    UNION ALL
    SELECT 'note.' || x.category, x.id, x.person_id, x.agency_id, coalesce(x.occurred_on, ${BERLIN_DAY('x.recorded_at')})
      FROM person_note x ${where('x')}
  ), ruled AS (
    SELECT item.*, rr.id AS rule_id, rr.years, rr.paragraph,
           (item.ref + make_interval(years => rr.years))::date AS keep_until
      FROM item
      LEFT JOIN retention_rule rr
        ON rr.agency_id = item.agency_id AND rr.record_type = item.record_type AND rr.retired_at IS NULL
  )
  SELECT ruled.record_type AS "recordType", ruled.id::text AS id, ruled.person_id AS "personId",
         p.root_id AS "rootId", ruled.agency_id AS "agencyId", ruled.rule_id AS "ruleId", ruled.years,
         ruled.paragraph, ruled.keep_until::text AS "keepUntil"
    FROM ruled JOIN person p ON p.id = ruled.person_id`;

/** Items whose period under a rule ended before the day: what retention deletes on that day. */
export async function dueItems(tx: Tx, today: string): Promise<ItemRow[]> {
  const { rows } = await tx.query<ItemRow>(
    `${itemsSql(() => '')} WHERE ruled.keep_until < $1::date ORDER BY ruled.record_type, ruled.id`,
    [today],
  );
  return rows;
}

/** Every item held by the given source records, with its rule (if any). */
export async function itemsOf(tx: Tx, recordIds: string[]): Promise<ItemRow[]> {
  const { rows } = await tx.query<ItemRow>(
    `${itemsSql((x) => `WHERE ${x}.person_id = ANY($1::uuid[])`)} ORDER BY ruled.record_type, ruled.id`,
    [recordIds],
  );
  return rows;
}

/**
 * Persons (surviving records) whose person rule's period since their last change ended before the day and who
 * were not anonymised before. The rule is the longest person rule of the agencies that registered the person's
 * records or recorded one of their fields; a person none of whose agencies has a person rule is never due.
 * Whether every item is gone is the caller's to check.
 */
export async function personCandidates(
  tx: Tx,
  today: string,
): Promise<{ rootId: string; ruleId: string; agencyId: string; years: number; paragraph: string }[]> {
  const { rows } = await tx.query<{
    rootId: string;
    ruleId: string;
    agencyId: string;
    years: number;
    paragraph: string;
  }>(
    `WITH tree AS (
       SELECT p.root_id, max(p.updated_at) AS last_changed,
              array_agg(DISTINCT x.agency_id) FILTER (WHERE x.agency_id IS NOT NULL) AS agencies
         FROM person p
         LEFT JOIN LATERAL (
           SELECT p.created_by_agency AS agency_id
           UNION SELECT (e.value ->> 'agencyId')::uuid FROM jsonb_each(p.provenance) e
         ) x ON true
        GROUP BY p.root_id
     )
     SELECT t.root_id AS "rootId", rr.id AS "ruleId", rr.agency_id AS "agencyId", rr.years, rr.paragraph
       FROM tree t
       JOIN LATERAL (
         SELECT r.id, r.agency_id, r.years, r.paragraph FROM retention_rule r
          WHERE r.record_type = 'person' AND r.retired_at IS NULL AND r.agency_id = ANY(t.agencies)
          ORDER BY r.years DESC, r.created_at, r.id LIMIT 1
       ) rr ON true
      WHERE (${BERLIN_DAY('t.last_changed')} + make_interval(years => rr.years))::date < $1::date
        AND NOT EXISTS (
          SELECT 1 FROM retention_removal x WHERE x.person_id = t.root_id AND x.action = 'anonymised')
      ORDER BY t.root_id`,
    [today],
  );
  return rows;
}

/** The source records of the given persons' trees. */
export async function treeRecords(tx: Tx, rootIds: string[]): Promise<{ id: string; rootId: string }[]> {
  if (rootIds.length === 0) return [];
  const { rows } = await tx.query<{ id: string; rootId: string }>(
    `SELECT id, root_id AS "rootId" FROM person WHERE root_id = ANY($1::uuid[]) ORDER BY root_id, id`,
    [rootIds],
  );
  return rows;
}

export async function wasAnonymised(tx: Tx, rootId: string): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM retention_removal WHERE person_id = $1 AND action = 'anonymised' LIMIT 1`,
    [rootId],
  );
  return rows.length > 0;
}

const TABLES: Record<string, string> = {
  residence: 'person_residence',
  benefit: 'person_benefit',
  identifier: 'person_identifier',
  note: 'person_note',
};

/** Deletes items of one record type (note.<category> for notes). */
export async function deleteItems(tx: Tx, recordType: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const table = TABLES[recordType.split('.')[0]!];
  if (!table) throw new Error(`unknown record type ${recordType}`);
  const { rowCount } = await tx.query(`DELETE FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
  return rowCount;
}

/** The identifiers themselves (their values are needed to find them in the history). */
export async function identifierValues(
  tx: Tx,
  ids: string[],
): Promise<{ id: string; personId: string; kind: string; value: string; agencyId: string | null }[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<{
    id: string;
    personId: string;
    kind: string;
    value: string;
    agencyId: string | null;
  }>(
    `SELECT id, person_id AS "personId", kind, value, agency_id AS "agencyId"
       FROM person_identifier WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows;
}

// ---- relations and households (of an erased or anonymised person) ----

/** Deletes the relations of the records in both directions (the inverse rows on the related persons too). */
export async function deleteRelationsOf(
  tx: Tx,
  recordIds: string[],
): Promise<{ id: string; personId: string; relatedPersonId: string }[]> {
  const { rows } = await tx.query<{ id: string; personId: string; relatedPersonId: string }>(
    `DELETE FROM person_relation WHERE person_id = ANY($1::uuid[]) OR related_person_id = ANY($1::uuid[])
     RETURNING id, person_id AS "personId", related_person_id AS "relatedPersonId"`,
    [recordIds],
  );
  return rows;
}

export async function deleteMembershipsOf(
  tx: Tx,
  recordIds: string[],
): Promise<{ householdId: string; personId: string }[]> {
  const { rows } = await tx.query<{ householdId: string; personId: string }>(
    `DELETE FROM household_member WHERE person_id = ANY($1::uuid[])
     RETURNING household_id AS "householdId", person_id AS "personId"`,
    [recordIds],
  );
  return rows;
}

// ---- anonymisation ----

/**
 * Anonymises source records: names replaced by the marker, dates, places, nationality, languages, contact and
 * address emptied, provenance cleared; search keys and open duplicate candidates deleted.
 */
export async function anonymise(tx: Tx, recordIds: string[], marker: string): Promise<void> {
  await tx.query(
    `UPDATE person SET given_names = '', family_name = $2, given_names_original = NULL, family_name_original = NULL,
            birth_name = NULL, former_names = '[]'::jsonb, sex = 'unspecified', birth_date = NULL, birth_year = NULL,
            birth_date_certainty = 'unknown', birth_date_recorded = NULL, place_of_birth = NULL,
            country_of_birth = NULL, nationalities = '{}', languages = '[]'::jsonb, address = NULL, contact = NULL,
            provenance = '{}'::jsonb, search_name = '', updated_at = now()
      WHERE id = ANY($1::uuid[])`,
    [recordIds, marker],
  );
  await tx.query(`DELETE FROM person_search_key WHERE person_id = ANY($1::uuid[])`, [recordIds]);
  await tx.query(
    `DELETE FROM duplicate_candidate
      WHERE status = 'open' AND (person_a = ANY($1::uuid[]) OR person_b = ANY($1::uuid[]))`,
    [recordIds],
  );
}

export async function countConsents(tx: Tx, recordIds: string[]): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM consent WHERE person_id = ANY($1::uuid[])`,
    [recordIds],
  );
  return rows[0]?.n ?? 0;
}

// ---- history rows that carry removed values ----

export type HistoryRow = { id: number; personId: string; oldValue: unknown; newValue: unknown };

/**
 * History rows of residence titles, benefit periods and notes, found by their values before the items are deleted
 * (the history names no item ids, except notes), with the item each row speaks about.
 */
export async function historyOfItems(
  tx: Tx,
  ids: { residence: string[]; benefit: string[]; note: string[] },
): Promise<{ id: number; itemId: string }[]> {
  const { rows } = await tx.query<{ id: number; itemId: string }>(
    `SELECT c.id, r.id::text AS "itemId" FROM person_change c JOIN person_residence r ON r.person_id = c.person_id
      WHERE r.id = ANY($1::uuid[]) AND c.field = 'residence' AND c.agency_id IS NOT DISTINCT FROM r.agency_id
        AND coalesce(c.new_value, c.old_value) @> jsonb_build_object('kind', r.kind, 'paragraph', r.paragraph,
              'validFrom', r.valid_from::text, 'validUntil', r.valid_until::text, 'note', r.note)
     UNION
     SELECT c.id, b.id::text FROM person_change c JOIN person_benefit b ON b.person_id = c.person_id
      WHERE b.id = ANY($2::uuid[]) AND c.field = 'benefits' AND c.agency_id IS NOT DISTINCT FROM b.agency_id
        AND coalesce(c.new_value, c.old_value) @> jsonb_build_object('system', b.system,
              'validFrom', b.valid_from::text, 'validUntil', b.valid_until::text, 'reference', b.reference)
     UNION
     SELECT c.id, n.id::text FROM person_change c JOIN person_note n ON n.person_id = c.person_id
      WHERE n.id = ANY($3::uuid[]) AND c.field = 'notes.' || n.category
        AND (c.new_value ->> 'noteId' = n.id::text OR c.old_value ->> 'noteId' = n.id::text)
     ORDER BY 1`,
    [ids.residence, ids.benefit, ids.note],
  );
  return rows;
}

/** History rows of the given fields of the records (identifiers, relations, households). */
export async function historyOfFields(tx: Tx, recordIds: string[], fields: string[]): Promise<HistoryRow[]> {
  if (recordIds.length === 0) return [];
  const { rows } = await tx.query<HistoryRow>(
    `SELECT id, person_id AS "personId", old_value AS "oldValue", new_value AS "newValue" FROM person_change
      WHERE person_id = ANY($1::uuid[]) AND field = ANY($2::text[]) ORDER BY id`,
    [recordIds, fields],
  );
  return rows;
}

/** Every history row of the records (an anonymised person keeps no history). */
export async function historyOfRecords(
  tx: Tx,
  recordIds: string[],
): Promise<{ id: number; personId: string }[]> {
  if (recordIds.length === 0) return [];
  const { rows } = await tx.query<{ id: number; personId: string }>(
    `SELECT id, person_id AS "personId" FROM person_change WHERE person_id = ANY($1::uuid[]) ORDER BY id`,
    [recordIds],
  );
  return rows;
}

// The history is append-only for the restricted role: these two step out of it for one statement each, and name
// the municipality themselves (row-level security does not apply to the owner).

export async function deleteHistory(tx: Tx, municipalityId: string, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  await tx.query(`SET LOCAL ROLE NONE`);
  const { rowCount } = await tx.query(
    `DELETE FROM person_change WHERE municipality_id = $1 AND id = ANY($2::bigint[])`,
    [municipalityId, ids],
  );
  await tx.query(`SET LOCAL ROLE lotse_app`);
  return rowCount;
}

/** Replaces the values of history rows (a row that named a removed identifier besides others keeps the others). */
export async function rewriteHistory(
  tx: Tx,
  municipalityId: string,
  rows: { id: number; oldValue: unknown; newValue: unknown }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(`SET LOCAL ROLE NONE`);
  await tx.query(
    `UPDATE person_change c SET old_value = x.old_value, new_value = x.new_value
       FROM jsonb_to_recordset($2::jsonb) AS x(id bigint, old_value jsonb, new_value jsonb)
      WHERE c.municipality_id = $1 AND c.id = x.id`,
    [
      municipalityId,
      JSON.stringify(rows.map((r) => ({ id: r.id, old_value: r.oldValue, new_value: r.newValue }))),
    ],
  );
  await tx.query(`SET LOCAL ROLE lotse_app`);
}

// ---- the removal record ----

export type RemovalInsert = {
  ruleId: string | null;
  agencyId: string | null;
  recordType: string;
  recordId: string;
  personId: string | null;
  action: 'deleted' | 'anonymised';
};

export async function insertRemovals(
  tx: Tx,
  run: { municipalityId: string; runId: string; reason: 'retention' | 'erasure_request' },
  rows: RemovalInsert[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO retention_removal (municipality_id, run_id, reason, rule_id, agency_id, record_type, record_id,
                                    person_id, action)
     SELECT $1, $2, $3, x.rule_id, x.agency_id, x.record_type, x.record_id, x.person_id, x.action
       FROM jsonb_to_recordset($4::jsonb)
         AS x(rule_id uuid, agency_id uuid, record_type text, record_id text, person_id uuid, action text)`,
    [
      run.municipalityId,
      run.runId,
      run.reason,
      JSON.stringify(
        rows.map((r) => ({
          rule_id: r.ruleId,
          agency_id: r.agencyId,
          record_type: r.recordType,
          record_id: r.recordId,
          person_id: r.personId,
          action: r.action,
        })),
      ),
    ],
  );
}

export type RemovalRow = {
  id: number;
  runId: string;
  reason: 'retention' | 'erasure_request';
  ruleId: string | null;
  paragraph: string | null;
  agencyId: string | null;
  agencyName: string | null;
  recordType: string;
  recordId: string;
  personId: string | null;
  action: 'deleted' | 'anonymised';
  removedAt: Date;
};

/** The removal record: one run's lines, or the latest lines of all runs. */
export async function listRemovals(tx: Tx, runId: string | null, limit: number): Promise<RemovalRow[]> {
  const { rows } = await tx.query<RemovalRow>(
    `SELECT x.id, x.run_id AS "runId", x.reason, x.rule_id AS "ruleId", r.paragraph, x.agency_id AS "agencyId",
            a.name AS "agencyName", x.record_type AS "recordType", x.record_id AS "recordId",
            x.person_id AS "personId", x.action, x.removed_at AS "removedAt"
       FROM retention_removal x
       LEFT JOIN retention_rule r ON r.id = x.rule_id
       LEFT JOIN agency a ON a.id = x.agency_id
      WHERE $1::uuid IS NULL OR x.run_id = $1::uuid
      ORDER BY x.removed_at DESC, x.id
      LIMIT $2`,
    [runId, limit],
  );
  return rows;
}
