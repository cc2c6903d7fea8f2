import type { Tx } from '../../db/database';

export type AgencyRow = { id: string; kind: 'agency' | 'partner'; name: string; legalDomains: string[] };

export async function getAgencies(tx: Tx): Promise<AgencyRow[]> {
  return (
    await tx.query<AgencyRow>(
      `SELECT id, kind, name, legal_domains AS "legalDomains" FROM agency ORDER BY name`,
    )
  ).rows;
}

export type ConsentGrantRow = {
  id: string;
  rootId: string;
  disclosing: string[];
  receiving: string[];
  categories: string[];
  purpose: string;
  validFrom: string;
};

/** Consents of the persons' trees in force on `today` (not revoked, within their dates), naming `agencyId` as recipient. */
export async function consentsInForce(
  tx: Tx,
  rootIds: string[],
  agencyId: string,
  today: string,
): Promise<ConsentGrantRow[]> {
  if (rootIds.length === 0) return [];
  return (
    await tx.query<ConsentGrantRow>(
      `SELECT c.id, p.root_id AS "rootId", c.disclosing_agency_ids AS disclosing,
              c.receiving_agency_ids AS receiving, c.categories, c.purpose, c.valid_from::text AS "validFrom"
         FROM consent c JOIN person p ON p.id = c.person_id
        WHERE p.root_id = ANY($1::uuid[]) AND $2::uuid = ANY(c.receiving_agency_ids)
          AND c.revoked_at IS NULL AND c.valid_from <= $3::date
          AND (c.valid_until IS NULL OR c.valid_until >= $3::date)`,
      [rootIds, agencyId, today],
    )
  ).rows;
}

export type LegalBasisRow = {
  id: string;
  paragraph: string;
  title: string;
  fromAgencyIds: string[];
  toAgencyIds: string[];
  categories: string[];
  fields: string[];
  purposes: string[];
  servedOnly: boolean;
};

export async function activeLegalBases(tx: Tx): Promise<LegalBasisRow[]> {
  return (
    await tx.query<LegalBasisRow>(
      `SELECT id, paragraph, title, from_agency_ids AS "fromAgencyIds", to_agency_ids AS "toAgencyIds",
              categories, fields, purposes, served_only AS "servedOnly"
         FROM legal_basis WHERE active ORDER BY paragraph, id`,
    )
  ).rows;
}

export type EmergencyRow = { id: string; rootId: string };

export async function emergencyInForce(tx: Tx, staffId: string, rootIds: string[]): Promise<EmergencyRow[]> {
  if (rootIds.length === 0) return [];
  return (
    await tx.query<EmergencyRow>(
      `SELECT e.id, p.root_id AS "rootId" FROM emergency_access e JOIN person p ON p.id = e.person_id
        WHERE e.staff_id = $1 AND p.root_id = ANY($2::uuid[]) AND e.expires_at > now()`,
      [staffId, rootIds],
    )
  ).rows;
}

/** The persons (surviving records) of whom the agency holds data of its own: the persons it serves. */
export async function servedPersons(tx: Tx, rootIds: string[], agencyId: string): Promise<Set<string>> {
  if (rootIds.length === 0) return new Set();
  const { rows } = await tx.query<{ rootId: string }>(
    `SELECT DISTINCT p.root_id AS "rootId" FROM person p
      WHERE p.root_id = ANY($1::uuid[]) AND (
        p.created_by_agency = $2::uuid
        OR EXISTS (SELECT 1 FROM jsonb_each(p.provenance) e WHERE e.value ->> 'agencyId' = $2::text)
        OR EXISTS (SELECT 1 FROM person_identifier x WHERE x.person_id = p.id AND x.agency_id = $2::uuid)
        OR EXISTS (SELECT 1 FROM person_residence x WHERE x.person_id = p.id AND x.agency_id = $2::uuid)
        OR EXISTS (SELECT 1 FROM person_benefit x WHERE x.person_id = p.id AND x.agency_id = $2::uuid)
        OR EXISTS (SELECT 1 FROM person_note x WHERE x.person_id = p.id AND x.agency_id = $2::uuid)
        OR EXISTS (SELECT 1 FROM person_relation x WHERE x.person_id = p.id AND x.agency_id = $2::uuid)
        OR EXISTS (SELECT 1 FROM household_member m JOIN household h ON h.id = m.household_id
                    WHERE m.person_id = p.id AND h.agency_id = $2::uuid))`,
    [rootIds, agencyId],
  );
  return new Set(rows.map((r) => r.rootId));
}
