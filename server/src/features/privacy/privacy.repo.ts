import type { Tx } from '../../db/database';

// ---- legal bases ----

export type LegalBasisRow = {
  id: string;
  paragraph: string;
  title: string;
  description: string;
  fromAgencyIds: string[];
  toAgencyIds: string[];
  categories: string[];
  fields: string[];
  purposes: string[];
  servedOnly: boolean;
  active: boolean;
};

const LEGAL_BASIS = `id, paragraph, title, description, from_agency_ids AS "fromAgencyIds", to_agency_ids AS "toAgencyIds",
  categories, fields, purposes, served_only AS "servedOnly", active`;

export async function listLegalBases(tx: Tx): Promise<LegalBasisRow[]> {
  return (await tx.query<LegalBasisRow>(`SELECT ${LEGAL_BASIS} FROM legal_basis ORDER BY paragraph, title`))
    .rows;
}

export async function getLegalBasis(tx: Tx, id: string): Promise<LegalBasisRow | null> {
  return (
    (await tx.query<LegalBasisRow>(`SELECT ${LEGAL_BASIS} FROM legal_basis WHERE id = $1`, [id])).rows[0] ??
    null
  );
}

type LegalBasisFields = Omit<LegalBasisRow, 'id'>;

// The columns after the first parameter, in the order of the INSERT and UPDATE below.
const basisParams = (b: LegalBasisFields) => [
  b.paragraph,
  b.title,
  b.description,
  b.fromAgencyIds,
  b.toAgencyIds,
  b.categories,
  b.fields,
  b.purposes,
  b.servedOnly,
  b.active,
];

export async function insertLegalBasis(tx: Tx, municipalityId: string, b: LegalBasisFields): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO legal_basis (municipality_id, paragraph, title, description, from_agency_ids, to_agency_ids,
                              categories, fields, purposes, served_only, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [municipalityId, ...basisParams(b)],
  );
  return rows[0]!.id;
}

export async function updateLegalBasis(tx: Tx, id: string, b: LegalBasisFields): Promise<void> {
  await tx.query(
    `UPDATE legal_basis SET paragraph = $2, title = $3, description = $4, from_agency_ids = $5, to_agency_ids = $6,
            categories = $7, fields = $8, purposes = $9, served_only = $10, active = $11, updated_at = now()
      WHERE id = $1`,
    [id, ...basisParams(b)],
  );
}

// ---- agencies ----

export type AgencyRow = { id: string; name: string; kind: 'agency' | 'partner'; active: boolean };

export async function listAgencies(tx: Tx): Promise<AgencyRow[]> {
  return (await tx.query<AgencyRow>(`SELECT id, name, kind, active FROM agency ORDER BY name`)).rows;
}

// ---- consent templates ----

export type TemplateRow = {
  id: string;
  key: string;
  version: number;
  language: string;
  title: string;
  body: string;
  createdAt: Date;
};

const TEMPLATE = `id, key, version, language, title, body, created_at AS "createdAt"`;

export async function listTemplates(tx: Tx): Promise<TemplateRow[]> {
  return (
    await tx.query<TemplateRow>(
      `SELECT ${TEMPLATE} FROM consent_template ORDER BY key, language, version DESC`,
    )
  ).rows;
}

/** The template in a language: the given version, or the newest. */
export async function findTemplate(
  tx: Tx,
  key: string,
  language: string,
  version: number | null,
): Promise<TemplateRow | null> {
  const { rows } = await tx.query<TemplateRow>(
    `SELECT ${TEMPLATE} FROM consent_template
      WHERE key = $1 AND language = $2 AND ($3::int IS NULL OR version = $3::int)
      ORDER BY version DESC LIMIT 1`,
    [key, language, version],
  );
  return rows[0] ?? null;
}

export async function insertTemplate(
  tx: Tx,
  t: {
    municipalityId: string;
    key: string;
    language: string;
    title: string;
    body: string;
    createdBy: string | null;
  },
): Promise<string> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('consent_template:' || $1 || ':' || $2))`, [
    t.municipalityId,
    t.key,
  ]);
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO consent_template (municipality_id, key, version, language, title, body, created_by)
     SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3, $4, $5, $6
       FROM consent_template WHERE municipality_id = $1 AND key = $2 AND language = $3
     RETURNING id`,
    [t.municipalityId, t.key, t.language, t.title, t.body, t.createdBy],
  );
  return rows[0]!.id;
}

export async function getTemplate(tx: Tx, id: string): Promise<TemplateRow | null> {
  return (
    (await tx.query<TemplateRow>(`SELECT ${TEMPLATE} FROM consent_template WHERE id = $1`, [id])).rows[0] ??
    null
  );
}

// ---- consents ----

export type ConsentRow = {
  id: string;
  personId: string;
  rootId: string;
  disclosingAgencyIds: string[];
  receivingAgencyIds: string[];
  categories: string[];
  purpose: string;
  purposeNote: string;
  validFrom: string;
  validUntil: string | null;
  form: 'signed_paper' | 'electronic' | 'oral';
  note: string;
  templateKey: string;
  templateVersion: number;
  language: string;
  signedBy: 'person' | 'guardian';
  guardianName: string;
  guardianPersonId: string | null;
  recordedBy: string;
  recordedByName: string;
  recordedByAgencyName: string;
  recordedAt: Date;
  revokedAt: Date | null;
  revokedByName: string | null;
  revocationNote: string | null;
  scanFileName: string | null;
  scanMediaType: string | null;
  scanSize: number | null;
  scanSha256: string | null;
};

const CONSENT = `c.id, c.person_id AS "personId", p.root_id AS "rootId",
  c.disclosing_agency_ids AS "disclosingAgencyIds", c.receiving_agency_ids AS "receivingAgencyIds",
  c.categories, c.purpose, c.purpose_note AS "purposeNote", c.valid_from::text AS "validFrom",
  c.valid_until::text AS "validUntil", c.form, c.note, c.template_key AS "templateKey",
  c.template_version AS "templateVersion", c.language, c.signed_by AS "signedBy", c.guardian_name AS "guardianName",
  c.guardian_person_id AS "guardianPersonId", c.recorded_by AS "recordedBy", rs.display_name AS "recordedByName",
  ra.name AS "recordedByAgencyName", c.recorded_at AS "recordedAt", c.revoked_at AS "revokedAt",
  vs.display_name AS "revokedByName", c.revocation_note AS "revocationNote",
  cs.file_name AS "scanFileName", cs.media_type AS "scanMediaType", length(cs.content) AS "scanSize",
  cs.sha256 AS "scanSha256"`;
const CONSENT_FROM = `consent c JOIN person p ON p.id = c.person_id
  JOIN staff rs ON rs.id = c.recorded_by JOIN agency ra ON ra.id = c.recorded_by_agency
  LEFT JOIN staff vs ON vs.id = c.revoked_by LEFT JOIN consent_scan cs ON cs.consent_id = c.id`;

export async function listConsents(tx: Tx, rootId: string): Promise<ConsentRow[]> {
  return (
    await tx.query<ConsentRow>(
      `SELECT ${CONSENT} FROM ${CONSENT_FROM} WHERE p.root_id = $1 ORDER BY c.recorded_at DESC, c.id`,
      [rootId],
    )
  ).rows;
}

export async function getConsent(tx: Tx, id: string): Promise<ConsentRow | null> {
  return (
    (await tx.query<ConsentRow>(`SELECT ${CONSENT} FROM ${CONSENT_FROM} WHERE c.id = $1`, [id])).rows[0] ??
    null
  );
}

export async function insertConsent(
  tx: Tx,
  c: Omit<
    ConsentRow,
    | 'id'
    | 'rootId'
    | 'recordedByName'
    | 'recordedByAgencyName'
    | 'recordedAt'
    | 'revokedAt'
    | 'revokedByName'
    | 'revocationNote'
    | 'scanFileName'
    | 'scanMediaType'
    | 'scanSize'
    | 'scanSha256'
  > & { municipalityId: string; recordedByAgency: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO consent (municipality_id, person_id, disclosing_agency_ids, receiving_agency_ids, categories, purpose,
        purpose_note, valid_from, valid_until, form, note, template_key, template_version, language, signed_by,
        guardian_name, guardian_person_id, recorded_by, recorded_by_agency)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
    [
      c.municipalityId,
      c.personId,
      c.disclosingAgencyIds,
      c.receivingAgencyIds,
      c.categories,
      c.purpose,
      c.purposeNote,
      c.validFrom,
      c.validUntil,
      c.form,
      c.note,
      c.templateKey,
      c.templateVersion,
      c.language,
      c.signedBy,
      c.guardianName,
      c.guardianPersonId,
      c.recordedBy,
      c.recordedByAgency,
    ],
  );
  return rows[0]!.id;
}

export async function insertScan(
  tx: Tx,
  s: {
    consentId: string;
    municipalityId: string;
    fileName: string;
    mediaType: string;
    sha256: string;
    content: Buffer;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO consent_scan (consent_id, municipality_id, file_name, media_type, sha256, content)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [s.consentId, s.municipalityId, s.fileName, s.mediaType, s.sha256, s.content],
  );
}

export async function getScan(
  tx: Tx,
  consentId: string,
): Promise<{ fileName: string; mediaType: string; content: Buffer } | null> {
  const { rows } = await tx.query<{ fileName: string; mediaType: string; content: Uint8Array }>(
    `SELECT file_name AS "fileName", media_type AS "mediaType", content FROM consent_scan WHERE consent_id = $1`,
    [consentId],
  );
  const r = rows[0];
  return r ? { ...r, content: Buffer.from(r.content) } : null;
}

/** Revokes a consent unless it already is; answers whether this call revoked it. */
export async function revokeConsent(tx: Tx, id: string, staffId: string, note: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE consent SET revoked_at = now(), revoked_by = $2, revocation_note = $3 WHERE id = $1 AND revoked_at IS NULL`,
    [id, staffId, note],
  );
  return rowCount > 0;
}

export async function isGuardianOf(tx: Tx, guardianRootId: string, personRootId: string): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM person_relation r JOIN person g ON g.id = r.person_id JOIN person w ON w.id = r.related_person_id
      WHERE g.root_id = $1 AND w.root_id = $2 AND r.relation IN ('parent_of', 'guardian_of') LIMIT 1`,
    [guardianRootId, personRootId],
  );
  return rows.length > 0;
}

// ---- emergency access ----

export type EmergencyRow = {
  id: string;
  personId: string;
  staffName: string;
  agencyName: string;
  reason: string;
  startedAt: Date;
  expiresAt: Date;
  reviewedAt: Date | null;
  reviewedByName: string | null;
  reviewNote: string | null;
};

const EMERGENCY = `e.id, e.person_id AS "personId", s.display_name AS "staffName", a.name AS "agencyName", e.reason,
  e.started_at AS "startedAt", e.expires_at AS "expiresAt", e.reviewed_at AS "reviewedAt",
  r.display_name AS "reviewedByName", e.review_note AS "reviewNote"`;
const EMERGENCY_FROM = `emergency_access e JOIN staff s ON s.id = e.staff_id JOIN agency a ON a.id = e.agency_id
  LEFT JOIN staff r ON r.id = e.reviewed_by`;

export async function insertEmergency(
  tx: Tx,
  e: {
    municipalityId: string;
    personId: string;
    staffId: string;
    agencyId: string;
    reason: string;
    minutes: number;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO emergency_access (municipality_id, person_id, staff_id, agency_id, reason, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6)) RETURNING id`,
    [e.municipalityId, e.personId, e.staffId, e.agencyId, e.reason, e.minutes],
  );
  return rows[0]!.id;
}

export async function getEmergency(tx: Tx, id: string): Promise<EmergencyRow | null> {
  return (
    (await tx.query<EmergencyRow>(`SELECT ${EMERGENCY} FROM ${EMERGENCY_FROM} WHERE e.id = $1`, [id]))
      .rows[0] ?? null
  );
}

export async function listEmergencies(tx: Tx, reviewed: boolean | null): Promise<EmergencyRow[]> {
  return (
    await tx.query<EmergencyRow>(
      `SELECT ${EMERGENCY} FROM ${EMERGENCY_FROM}
        WHERE $1::boolean IS NULL OR (e.reviewed_at IS NOT NULL) = $1::boolean
        ORDER BY e.started_at DESC LIMIT 500`,
      [reviewed],
    )
  ).rows;
}

export async function reviewEmergency(tx: Tx, id: string, staffId: string, note: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE emergency_access SET reviewed_at = now(), reviewed_by = $2, review_note = $3
      WHERE id = $1 AND reviewed_at IS NULL`,
    [id, staffId, note],
  );
  return rowCount > 0;
}

// ---- the transparency list ----

export type AccessRow = {
  at: Date;
  agencyName: string | null;
  action: string;
  purpose: string | null;
  details: Record<string, unknown>;
};

/** Every audit entry about the persons (as subject, or listed by a search), oldest first. */
export async function accessesOf(tx: Tx, personIds: string[]): Promise<AccessRow[]> {
  const { rows } = await tx.query<AccessRow>(
    `SELECT l.at, a.name AS "agencyName", l.action, l.purpose, l.details
       FROM audit_log l LEFT JOIN agency a ON a.id = l.actor_agency_id
      WHERE l.action LIKE 'person.%' AND l.action NOT LIKE '%.denied'
        AND ((l.subject_type = 'person' AND l.subject_id = ANY($1::text[]))
          OR (l.details -> 'personIds') ?| $1::text[])
      ORDER BY l.seq`,
    [personIds],
  );
  return rows;
}

export async function treeOf(tx: Tx, id: string): Promise<{ rootId: string; ids: string[] } | null> {
  const { rows } = await tx.query<{ rootId: string; ids: string[] }>(
    `SELECT t.root_id AS "rootId", array_agg(x.id::text) AS ids
       FROM person t JOIN person x ON x.root_id = t.root_id WHERE t.id = $1 GROUP BY t.root_id`,
    [id],
  );
  return rows[0] ?? null;
}

export type PersonBasics = {
  id: string;
  rootId: string;
  birthDate: string | null;
  birthYear: number | null;
};

export async function personBasics(tx: Tx, id: string): Promise<PersonBasics | null> {
  const { rows } = await tx.query<PersonBasics>(
    `SELECT id, root_id AS "rootId", birth_date::text AS "birthDate", birth_year AS "birthYear"
       FROM person WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function municipalityName(tx: Tx): Promise<string> {
  return (await tx.query<{ name: string }>(`SELECT name FROM municipality LIMIT 1`)).rows[0]?.name ?? '';
}
