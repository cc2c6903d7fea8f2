import { sharedIdentifierKinds } from '@lotse/common';
import type { Tx } from '../../db/database';

/** The fields the identity engine needs of a stored person (one source record). */
export type IdentityRow = {
  id: string;
  rootId: string;
  givenNames: string;
  familyName: string;
  givenNamesOriginal: string | null;
  familyNameOriginal: string | null;
  birthName: { givenNames: string; familyName: string } | null;
  formerNames: { givenNames: string; familyName: string }[];
  birthDateRecorded: string | null;
  birthDate: string | null;
  sex: string;
  placeOfBirth: string | null;
  nationalities: string[];
  /** Identifiers issued to this one person (not those a household shares, see sharedIdentifierKinds). */
  identifiers: string[];
  /** Identifiers the person shares with others (the BG-Nummer of the Bedarfsgemeinschaft). */
  sharedIdentifiers: string[];
};

// Constant kinds from the shared contract (letters and underscores only), safe to inline as an array literal.
const SHARED = sharedIdentifierKinds.join(',');
const IDENTITY_COLUMNS = `p.id, p.root_id AS "rootId", p.given_names AS "givenNames", p.family_name AS "familyName",
  p.given_names_original AS "givenNamesOriginal", p.family_name_original AS "familyNameOriginal",
  p.birth_name AS "birthName", p.former_names AS "formerNames", p.birth_date_recorded AS "birthDateRecorded",
  p.birth_date::text AS "birthDate", p.sex, p.place_of_birth AS "placeOfBirth", p.nationalities,
  coalesce((SELECT array_agg(i.value_normalised) FROM person_identifier i
             WHERE i.person_id = p.id AND i.kind <> ALL('{${SHARED}}')), '{}') AS identifiers,
  coalesce((SELECT array_agg(i.value_normalised) FROM person_identifier i
             WHERE i.person_id = p.id AND i.kind = ANY('{${SHARED}}')), '{}') AS "sharedIdentifiers"`;

export async function loadIdentityRows(tx: Tx, ids: string[]): Promise<IdentityRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<IdentityRow>(
    `SELECT ${IDENTITY_COLUMNS} FROM person p WHERE p.id = ANY($1::uuid[])`,
    [ids],
  );
  return rows;
}

export async function replaceSearchKeys(
  tx: Tx,
  municipalityId: string,
  personId: string,
  searchName: string,
  keys: string[],
): Promise<void> {
  await tx.query(`DELETE FROM person_search_key WHERE person_id = $1`, [personId]);
  if (keys.length > 0)
    await tx.query(
      `INSERT INTO person_search_key (municipality_id, person_id, key)
       SELECT $1, $2, k FROM unnest($3::text[]) AS k ON CONFLICT DO NOTHING`,
      [municipalityId, personId, keys],
    );
  await tx.query(`UPDATE person SET search_name = $2 WHERE id = $1`, [personId, searchName]);
}

/** Adds name tokens to the municipality's vocabulary (kept when persons change: a token once known stays). */
export async function addNameTokens(tx: Tx, municipalityId: string, tokens: string[]): Promise<void> {
  if (tokens.length === 0) return;
  await tx.query(
    `INSERT INTO name_token (municipality_id, token) SELECT $1, t FROM unnest($2::text[]) AS t ON CONFLICT DO NOTHING`,
    [municipalityId, tokens],
  );
}

/** The known name tokens nearest to a typed token (trigram similarity), best first. */
export async function nearestNameTokens(tx: Tx, token: string, limit: number): Promise<string[]> {
  const { rows } = await tx.query<{ token: string }>(
    `SELECT token FROM name_token WHERE municipality_id = current_municipality_id() AND token % $1
      ORDER BY similarity(token, $1) DESC LIMIT $2`,
    [token, limit],
  );
  return rows.map((r) => r.token);
}

/**
 * Source records (merged or not) carrying the keys, those that carry the most of them first (a record that shares
 * the name pair, the family name with the year and the date beats one that shares only the name); callers map
 * them to their root.
 */
export async function findByKeys(tx: Tx, keys: string[], limit: number): Promise<string[]> {
  if (keys.length === 0) return [];
  const { rows } = await tx.query<{ id: string }>(
    `SELECT person_id AS id FROM person_search_key
      WHERE municipality_id = current_municipality_id() AND key = ANY($1::text[])
      GROUP BY person_id ORDER BY count(*) DESC LIMIT $2`,
    [keys, limit],
  );
  return rows.map((r) => r.id);
}

/** Records whose normalised identifier equals one of the values (in the transaction's municipality). */
export async function findByIdentifiers(
  tx: Tx,
  values: string[],
  opts: { personalOnly?: boolean } = {},
): Promise<string[]> {
  if (values.length === 0) return [];
  const { rows } = await tx.query<{ id: string }>(
    `SELECT DISTINCT person_id AS id FROM person_identifier
      WHERE municipality_id = current_municipality_id() AND value_normalised = ANY($1::text[])
        AND kind <> ALL($2::text[])`,
    [values, opts.personalOnly ? sharedIdentifierKinds : []],
  );
  return rows.map((r) => r.id);
}

export type SummaryRow = {
  id: string;
  givenNames: string;
  familyName: string;
  givenNamesOriginal: string | null;
  familyNameOriginal: string | null;
  nameOrder: 'given_first' | 'family_first';
  birthDate: string | null;
  birthYear: number | null;
  birthDateCertainty: 'exact' | 'year_only' | 'placeholder' | 'unknown';
  birthDateRecorded: string | null;
  sex: 'female' | 'male' | 'diverse' | 'unspecified';
  nationalities: string[];
  placeOfBirth: string | null;
  provenance: Record<string, { agencyId: string | null }>;
};

/** What a result list shows of each person. */
export async function loadSummaries(tx: Tx, ids: string[]): Promise<SummaryRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<SummaryRow>(
    `SELECT id, given_names AS "givenNames", family_name AS "familyName", given_names_original AS "givenNamesOriginal",
            family_name_original AS "familyNameOriginal", name_order AS "nameOrder", birth_date::text AS "birthDate",
            birth_year AS "birthYear", birth_date_certainty AS "birthDateCertainty",
            birth_date_recorded AS "birthDateRecorded", sex, nationalities, place_of_birth AS "placeOfBirth", provenance
       FROM person WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows;
}

/** Every source record of a municipality with its root, for a full duplicate scan. */
export async function loadAllIdentityRows(tx: Tx, municipalityId: string): Promise<IdentityRow[]> {
  const { rows } = await tx.query<IdentityRow>(
    `SELECT ${IDENTITY_COLUMNS} FROM person p WHERE p.municipality_id = $1`,
    [municipalityId],
  );
  return rows;
}

/**
 * Removes tokens of the vocabulary that no person's search name contains any more. The test is a substring test
 * on the stored search name, so it keeps a token when in doubt; one dropped wrongly comes back when its person is
 * indexed again.
 */
export async function deleteUnusedNameTokens(tx: Tx, tokens: string[]): Promise<number> {
  if (tokens.length === 0) return 0;
  const { rowCount } = await tx.query(
    `DELETE FROM name_token nt
      WHERE nt.municipality_id = current_municipality_id() AND nt.token = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM person p
                         WHERE p.municipality_id = nt.municipality_id
                           AND lower(p.search_name) LIKE '%' || nt.token || '%')`,
    [tokens],
  );
  return rowCount ?? 0;
}
