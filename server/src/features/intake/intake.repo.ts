import type { Tx } from '../../db/database';

export type AgencyRow = { id: string; name: string; legalDomains: string[] };

/** Agencies (not partners) whose inbox can receive documents, in name order. */
export async function receivingAgencies(tx: Tx): Promise<AgencyRow[]> {
  const { rows } = await tx.query<AgencyRow>(
    `SELECT id, name, legal_domains AS "legalDomains" FROM agency
      WHERE kind = 'agency' AND active ORDER BY name`,
  );
  return rows;
}

/** The next reference number of the year, e.g. E-2026-000123 (one counter per municipality and year). */
export async function nextReference(tx: Tx, municipalityId: string, year: number): Promise<string> {
  const { rows } = await tx.query<{ last: number }>(
    `INSERT INTO intake_counter (municipality_id, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (municipality_id, year) DO UPDATE SET last = intake_counter.last + 1
     RETURNING last`,
    [municipalityId, year],
  );
  return `E-${year}-${String(rows[0]!.last).padStart(6, '0')}`;
}

export type IntakeInsert = {
  id: string;
  municipalityId: string;
  reference: string;
  personId: string;
  language: string;
  receivedBy: string;
  receivedByAgency: string;
  receivedAt?: Date;
};

export async function insertIntake(tx: Tx, i: IntakeInsert): Promise<void> {
  await tx.query(
    `INSERT INTO document_intake (id, municipality_id, reference, person_id, language, received_by,
                                  received_by_agency, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8, now()))`,
    [
      i.id,
      i.municipalityId,
      i.reference,
      i.personId,
      i.language,
      i.receivedBy,
      i.receivedByAgency,
      i.receivedAt ?? null,
    ],
  );
}

export type DocumentInsert = {
  id: string;
  municipalityId: string;
  intakeId: string;
  position: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  documentClass: string;
  note: string;
  agencyId: string;
  storageKey: string;
};

export async function insertDocuments(tx: Tx, docs: DocumentInsert[]): Promise<void> {
  if (docs.length === 0) return;
  await tx.query(
    `INSERT INTO intake_document (id, municipality_id, intake_id, position, file_name, media_type, size, sha256,
                                  document_class, note, agency_id, storage_key)
     SELECT x.id, x.municipality_id, x.intake_id, x.position, x.file_name, x.media_type, x.size, x.sha256,
            x.document_class, x.note, x.agency_id, x.storage_key
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, municipality_id uuid, intake_id uuid, position integer,
            file_name text, media_type text, size integer, sha256 text, document_class text, note text,
            agency_id uuid, storage_key text)`,
    [
      JSON.stringify(
        docs.map((d) => ({
          id: d.id,
          municipality_id: d.municipalityId,
          intake_id: d.intakeId,
          position: d.position,
          file_name: d.fileName,
          media_type: d.mediaType,
          size: d.size,
          sha256: d.sha256,
          document_class: d.documentClass,
          note: d.note,
          agency_id: d.agencyId,
          storage_key: d.storageKey,
        })),
      ),
    ],
  );
}

export type DocumentRow = {
  id: string;
  intakeId: string;
  reference: string;
  position: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  documentClass: string;
  note: string;
  agencyId: string;
  agencyName: string;
  personId: string;
  receivedAt: Date;
  status: 'new' | 'processed';
  processedAt: Date | null;
  processedByName: string | null;
  processedNote: string;
  storageKey: string;
};

const DOCUMENT_SELECT = `
  SELECT d.id, d.intake_id AS "intakeId", i.reference, d.position, d.file_name AS "fileName",
         d.media_type AS "mediaType", d.size, d.sha256, d.document_class AS "documentClass", d.note,
         d.agency_id AS "agencyId", a.name AS "agencyName", p.root_id AS "personId", i.received_at AS "receivedAt",
         d.status, d.processed_at AS "processedAt", s.display_name AS "processedByName",
         d.processed_note AS "processedNote", d.storage_key AS "storageKey"
    FROM intake_document d
    JOIN document_intake i ON i.id = d.intake_id
    JOIN person p ON p.id = i.person_id
    JOIN agency a ON a.id = d.agency_id
    LEFT JOIN staff s ON s.id = d.processed_by`;

/** The inbox of an agency: documents of a status (or all), oldest new first, newest processed first. */
export async function inbox(
  tx: Tx,
  agencyId: string,
  status: 'new' | 'processed' | 'all',
  limit: number,
): Promise<DocumentRow[]> {
  const { rows } = await tx.query<DocumentRow>(
    `${DOCUMENT_SELECT}
      WHERE d.agency_id = $1 AND ($2 = 'all' OR d.status = $2)
      ORDER BY (d.status = 'processed'), CASE WHEN d.status = 'new' THEN i.received_at END,
               coalesce(d.processed_at, i.received_at) DESC, d.position
      LIMIT $3`,
    [agencyId, status, limit],
  );
  return rows;
}

export async function getDocument(tx: Tx, id: string, lock = false): Promise<DocumentRow | null> {
  const { rows } = await tx.query<DocumentRow>(
    `${DOCUMENT_SELECT} WHERE d.id = $1${lock ? ' FOR UPDATE OF d' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function documentsOfIntakes(tx: Tx, intakeIds: string[]): Promise<DocumentRow[]> {
  if (intakeIds.length === 0) return [];
  const { rows } = await tx.query<DocumentRow>(
    `${DOCUMENT_SELECT} WHERE d.intake_id = ANY($1::uuid[]) ORDER BY d.intake_id, d.position`,
    [intakeIds],
  );
  return rows;
}

/** Marks a new document processed; false when it was not new any more. */
export async function markProcessed(tx: Tx, id: string, staffId: string, note: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE intake_document SET status = 'processed', processed_at = now(), processed_by = $2, processed_note = $3
      WHERE id = $1 AND status = 'new'`,
    [id, staffId, note],
  );
  return rowCount > 0;
}

export type IntakeRow = {
  id: string;
  reference: string;
  personId: string;
  language: string;
  receivedAt: Date;
  receivedByName: string;
  receivedByAgency: string;
};

const INTAKE_SELECT = `
  SELECT i.id, i.reference, p.root_id AS "personId", i.language, i.received_at AS "receivedAt",
         s.display_name AS "receivedByName", i.received_by_agency AS "receivedByAgency"
    FROM document_intake i JOIN staff s ON s.id = i.received_by JOIN person p ON p.id = i.person_id`;

export async function getIntake(tx: Tx, id: string): Promise<IntakeRow | null> {
  const { rows } = await tx.query<IntakeRow>(`${INTAKE_SELECT} WHERE i.id = $1`, [id]);
  return rows[0] ?? null;
}

/** The latest intakes an agency's desk received, optionally of one person (any record of its tree). */
export async function intakesOfDesk(
  tx: Tx,
  agencyId: string,
  personRootId: string | null,
  limit: number,
): Promise<IntakeRow[]> {
  const { rows } = await tx.query<IntakeRow>(
    `${INTAKE_SELECT}
      WHERE i.received_by_agency = $1
        AND ($2::uuid IS NULL OR p.root_id = $2::uuid)
      ORDER BY i.received_at DESC, i.reference DESC
      LIMIT $3`,
    [agencyId, personRootId, limit],
  );
  return rows;
}

/** Which of the storage keys rows name (after a failed intake: which written files are orphans). */
export async function namedStorageKeys(tx: Tx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { rows } = await tx.query<{ key: string }>(
    `SELECT storage_key AS key FROM intake_document WHERE storage_key = ANY($1::text[])`,
    [keys],
  );
  return new Set(rows.map((r) => r.key));
}

/** Every stored document with its key and checksum (consistency checks). */
export async function allStored(
  tx: Tx,
): Promise<{ id: string; storageKey: string; sha256: string; reference: string }[]> {
  const { rows } = await tx.query<{ id: string; storageKey: string; sha256: string; reference: string }>(
    `SELECT d.id, d.storage_key AS "storageKey", d.sha256, i.reference
       FROM intake_document d JOIN document_intake i ON i.id = d.intake_id ORDER BY i.reference, d.position`,
  );
  return rows;
}

export async function municipalityName(tx: Tx): Promise<string> {
  return (await tx.query<{ name: string }>(`SELECT name FROM municipality LIMIT 1`)).rows[0]?.name ?? '';
}

/** A surviving person by exact name (demo seed only). */
export async function personByName(tx: Tx, givenNames: string, familyName: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT root_id AS id FROM person WHERE given_names = $1 AND family_name = $2 ORDER BY created_at LIMIT 1`,
    [givenNames, familyName],
  );
  return rows[0]?.id ?? null;
}

/** The documents handed in for a person (any record of the person's tree), newest first, for the timeline. */
export async function documentsOfPerson(
  tx: Tx,
  rootId: string,
): Promise<
  { id: string; at: Date; reference: string; documentClass: string; agencyId: string; agencyName: string }[]
> {
  const { rows } = await tx.query<{
    id: string;
    at: Date;
    reference: string;
    documentClass: string;
    agencyId: string;
    agencyName: string;
  }>(
    `SELECT d.id, i.received_at AS at, i.reference, d.document_class AS "documentClass", d.agency_id AS "agencyId",
            a.name AS "agencyName"
       FROM intake_document d JOIN document_intake i ON i.id = d.intake_id JOIN agency a ON a.id = d.agency_id
      WHERE i.person_id IN (SELECT id FROM person WHERE root_id = $1)
      ORDER BY i.received_at DESC, d.position LIMIT 200`,
    [rootId],
  );
  return rows;
}
