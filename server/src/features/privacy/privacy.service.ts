import { createHash } from 'node:crypto';
import type {
  AccessBasis,
  AccessLog,
  Consent,
  ConsentInput,
  ConsentTemplate,
  ConsentTemplateInput,
  DataCategory,
  EmergencyAccess,
  LegalBasis,
  LegalBasisInput,
  Person,
  PersonId,
  Purpose,
} from '@lotse/common';
import type { Database, Tx } from '../../db/database';
import { AppError } from '../../errors';
import { hasMediaType } from '../../lib/file-type';
import { mayPerson, requirePersonAccess } from '../access/access.service';
import { recordAudit } from '../audit/audit.service';
import { type Actor, requireRole } from '../auth/actor';
import { personSummaries, showPerson } from '../persons/persons.service';
import { todayInGermany } from '../persons/persons.dates';
import * as repo from './privacy.repo';

const iso = (d: Date) => d.toISOString();
const invalid = (field: string, problem: string) =>
  new AppError('VALIDATION_FAILED', `${field} ${problem}.`, { [field]: problem });

// ---------------------------------------------------------------------------------------------------------------
// Legal bases: configuration per municipality (administrators and the data protection officer change them; every
// staff member may read them, so that the paths data may take are visible).

const CONFIGURERS = ['municipal_admin', 'data_protection_officer'] as const;

const toLegalBasis = (r: repo.LegalBasisRow): LegalBasis => r as unknown as LegalBasis;

export async function listLegalBases(db: Database, actor: Actor): Promise<LegalBasis[]> {
  return db.tenant(actor.municipalityId, async (tx) => (await repo.listLegalBases(tx)).map(toLegalBasis));
}

async function checkAgencies(tx: Tx, ids: string[], field: string, kinds: ('agency' | 'partner')[]) {
  const known = new Map((await repo.listAgencies(tx)).map((a) => [a.id, a]));
  ids.forEach((id, i) => {
    const a = known.get(id);
    if (!a) throw invalid(`${field}.${i}`, 'is not an agency or partner of this municipality');
    if (!kinds.includes(a.kind))
      throw invalid(
        `${field}.${i}`,
        'is a partner; legal bases apply between agencies only (partners need consent)',
      );
  });
}

export async function saveLegalBasis(
  db: Database,
  actor: Actor,
  input: LegalBasisInput,
  id: string | null,
): Promise<LegalBasis> {
  requireRole(actor, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    await checkAgencies(tx, input.fromAgencyIds, 'fromAgencyIds', ['agency']);
    await checkAgencies(tx, input.toAgencyIds, 'toAgencyIds', ['agency']);
    if (input.fields.length > 0 && !input.categories.includes('identity_contact'))
      throw invalid('fields', 'limit identity_contact; name that category too or leave fields empty');
    const fields = { ...input, description: input.description };
    let savedId = id;
    if (id) {
      if (!(await repo.getLegalBasis(tx, id))) throw new AppError('NOT_FOUND', 'No such legal basis.');
      await repo.updateLegalBasis(tx, id, fields);
    } else savedId = await repo.insertLegalBasis(tx, actor.municipalityId, fields);
    await recordConfig(tx, actor, id ? 'legal_basis.update' : 'legal_basis.create', savedId!, {
      paragraph: input.paragraph,
    });
    return toLegalBasis((await repo.getLegalBasis(tx, savedId!))!);
  });
}

async function recordConfig(tx: Tx, actor: Actor, action: string, subjectId: string, details: object) {
  await recordAudit(tx, {
    municipalityId: actor.municipalityId,
    actor: { staffId: actor.staffId, agencyId: actor.agencyId },
    action,
    subjectType: action.split('.')[0]!,
    subjectId,
    requestId: actor.requestId,
    details: { ...details },
  });
}

/** Seeds a legal basis (provisioning, demo, tests). */
export async function seedLegalBasis(
  tx: Tx,
  municipalityId: string,
  b: Omit<LegalBasisInput, 'fromAgencyIds' | 'toAgencyIds'> & {
    fromAgencyIds: string[];
    toAgencyIds: string[];
  },
): Promise<string> {
  return repo.insertLegalBasis(tx, municipalityId, b);
}

// ---------------------------------------------------------------------------------------------------------------
// Consent templates: per municipality, per language, versioned (a consent names the version the person saw).

const toTemplate = (r: repo.TemplateRow): ConsentTemplate => ({
  id: r.id,
  key: r.key,
  version: r.version,
  language: r.language as ConsentTemplate['language'],
  title: r.title,
  body: r.body,
  createdAt: iso(r.createdAt),
});

export async function listTemplates(db: Database, actor: Actor): Promise<ConsentTemplate[]> {
  return db.tenant(actor.municipalityId, async (tx) => (await repo.listTemplates(tx)).map(toTemplate));
}

/** A new version of a template text in one language; older versions stay (consents name them). */
export async function addTemplateVersion(
  db: Database,
  actor: Actor,
  input: ConsentTemplateInput,
): Promise<ConsentTemplate> {
  requireRole(actor, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    const id = await repo.insertTemplate(tx, {
      municipalityId: actor.municipalityId,
      ...input,
      createdBy: actor.staffId,
    });
    await recordConfig(tx, actor, 'consent_template.create', id, {
      key: input.key,
      language: input.language,
    });
    return toTemplate((await repo.getTemplate(tx, id))!);
  });
}

/** Seeds the standard texts for a new municipality (provisioning, demo). */
export async function seedTemplates(
  tx: Tx,
  municipalityId: string,
  texts: { key: string; language: string; title: string; body: string }[],
): Promise<void> {
  for (const t of texts) await repo.insertTemplate(tx, { municipalityId, ...t, createdBy: null });
}

// ---------------------------------------------------------------------------------------------------------------
// Consents

function statusOf(r: repo.ConsentRow, today: string): Consent['status'] {
  if (r.revokedAt) return 'revoked';
  if (r.validFrom > today) return 'not_yet_valid';
  if (r.validUntil && r.validUntil < today) return 'expired';
  return 'valid';
}

function toConsent(r: repo.ConsentRow, names: Map<string, string>, today: string): Consent {
  const ref = (id: string) => ({ id: id as Consent['disclosing'][number]['id'], name: names.get(id) ?? '' });
  return {
    id: r.id,
    personId: r.rootId as PersonId,
    disclosing: r.disclosingAgencyIds.map(ref),
    receiving: r.receivingAgencyIds.map(ref),
    categories: r.categories as DataCategory[],
    purpose: r.purpose as Purpose,
    purposeNote: r.purposeNote,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    form: r.form,
    note: r.note,
    scan: r.scanFileName
      ? {
          fileName: r.scanFileName,
          mediaType: r.scanMediaType!,
          size: Number(r.scanSize),
          sha256: r.scanSha256!,
        }
      : null,
    templateKey: r.templateKey,
    templateVersion: r.templateVersion,
    language: r.language as Consent['language'],
    signedBy: r.signedBy,
    guardianName: r.guardianName,
    guardianPersonId: r.guardianPersonId as PersonId | null,
    recordedBy: {
      staffId: r.recordedBy as Consent['recordedBy']['staffId'],
      name: r.recordedByName,
      agencyName: r.recordedByAgencyName,
    },
    recordedAt: iso(r.recordedAt),
    revokedAt: r.revokedAt ? iso(r.revokedAt) : null,
    revokedByName: r.revokedByName,
    revocationNote: r.revocationNote,
    status: statusOf(r, today),
  };
}

const agencyNames = async (tx: Tx) => new Map((await repo.listAgencies(tx)).map((a) => [a.id, a.name]));

/**
 * The person behind an id, if the caller may see it (by name, for the purpose of the request); refused with
 * CONSENT_REQUIRED otherwise, the same whether the person exists or not beyond the id the caller holds.
 */
async function visiblePerson(
  tx: Tx,
  actor: Actor,
  id: string,
  details: Record<string, unknown>,
  action: 'read' | 'export' = 'read',
): Promise<repo.PersonBasics & { displayName: string }> {
  const basics = await repo.personBasics(tx, id);
  if (!basics) throw new AppError('NOT_FOUND', 'No such person.');
  const [shown] = await personSummaries(tx, actor, [basics.rootId], {
    action,
    purpose: 'case_work',
    details,
  });
  if (!shown)
    throw new AppError(
      'CONSENT_REQUIRED',
      "Seeing this person needs the person's consent (or a legal basis) for your agency and purpose.",
    );
  return { ...basics, id: basics.rootId, displayName: shown.displayName };
}

/** Age in whole years on a day, when the date of birth says it; null when it cannot be told. */
export function ageOn(
  day: string,
  birth: { birthDate: string | null; birthYear: number | null },
): { min: number; max: number } | null {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (birth.birthDate) {
    const [by, bm, bd] = birth.birthDate.split('-').map(Number) as [number, number, number];
    const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
    return { min: age, max: age };
  }
  if (birth.birthYear) return { min: y - birth.birthYear - 1, max: y - birth.birthYear };
  return null;
}

// The signed form: PDF or an image, checked by its first bytes, at most 10 MB.
function decodeScan(scan: NonNullable<ConsentInput['scan']>): Buffer {
  const content = Buffer.from(scan.contentBase64, 'base64');
  if (content.length === 0) throw invalid('scan.contentBase64', 'is empty');
  if (content.length > 10 * 1024 * 1024) throw invalid('scan.contentBase64', 'must be at most 10 MB');
  if (!hasMediaType(content, scan.mediaType))
    throw invalid('scan.contentBase64', `is not a ${scan.mediaType} file`);
  return content;
}

/**
 * Records a consent as the person gave it (§ 67b SGB X): who may disclose and receive, categories, purpose, dates,
 * how it was given (signed paper with its scan, electronic, or oral with a note), the text version and language
 * shown, who recorded it. A person under 15 needs a guardian's consent (who signed is stored).
 */
export async function recordConsent(
  db: Database,
  actor: Actor,
  personId: string,
  input: ConsentInput,
): Promise<Consent> {
  return db.tenant(actor.municipalityId, async (tx) => {
    if (!mayPerson(actor, 'consent'))
      await requirePersonAccess(tx, { actor, action: 'consent', personIds: [], purpose: 'case_work' });
    const person = await visiblePerson(tx, actor, personId, { view: 'consent_record' });
    await checkAgencies(tx, input.disclosingAgencyIds, 'disclosingAgencyIds', ['agency', 'partner']);
    await checkAgencies(tx, input.receivingAgencyIds, 'receivingAgencyIds', ['agency', 'partner']);
    if (input.validUntil && input.validUntil < input.validFrom)
      throw invalid('validUntil', `must not be before validFrom (${input.validFrom})`);
    if (input.form === 'oral' && !input.note)
      throw invalid('note', 'must say how and to whom the oral consent was given (§ 67b Abs. 2 SGB X)');
    if (input.form === 'signed_paper' && !input.scan)
      throw invalid('scan', 'must attach the signed form for a consent on paper');
    const content = input.scan ? decodeScan(input.scan) : null;
    if (!(await repo.findTemplate(tx, input.templateKey, input.language, input.templateVersion)))
      throw invalid(
        'templateVersion',
        `names no text: there is no version ${input.templateVersion} of "${input.templateKey}" in ${input.language}`,
      );
    const age = ageOn(input.validFrom, person);
    if (input.signedBy === 'guardian' && !input.guardianName)
      throw invalid('guardianName', 'must name the guardian who signed');
    if (age && age.min < 15 && input.signedBy !== 'guardian')
      throw invalid(
        'signedBy',
        age.max < 15
          ? "must be guardian: the person is under 15 and needs a guardian's consent"
          : 'must be guardian: the person may be under 15 (only the year of birth is known)',
      );
    let guardianPersonId: string | null = null;
    if (input.guardianPersonId) {
      const guardian = await repo.personBasics(tx, input.guardianPersonId);
      if (!guardian) throw invalid('guardianPersonId', 'is not a person of this municipality');
      if (!(await repo.isGuardianOf(tx, guardian.rootId, person.rootId)))
        throw invalid('guardianPersonId', 'is not recorded as parent or guardian of the person');
      guardianPersonId = guardian.rootId;
    }
    const id = await repo.insertConsent(tx, {
      municipalityId: actor.municipalityId,
      personId: person.rootId,
      disclosingAgencyIds: [...new Set(input.disclosingAgencyIds)],
      receivingAgencyIds: [...new Set(input.receivingAgencyIds)],
      categories: [...new Set(input.categories)],
      purpose: input.purpose,
      purposeNote: input.purposeNote,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      form: input.form,
      note: input.note,
      templateKey: input.templateKey,
      templateVersion: input.templateVersion,
      language: input.language,
      signedBy: input.signedBy,
      guardianName: input.signedBy === 'guardian' ? input.guardianName : '',
      guardianPersonId,
      recordedBy: actor.staffId,
      recordedByAgency: actor.agencyId,
    });
    if (input.scan && content)
      await repo.insertScan(tx, {
        consentId: id,
        municipalityId: actor.municipalityId,
        fileName: input.scan.fileName,
        mediaType: input.scan.mediaType,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
      });
    await requirePersonAccess(tx, {
      actor,
      action: 'consent',
      personIds: [person.rootId],
      purpose: 'case_work',
      details: { consentId: id, recorded: true, categories: input.categories, consentPurpose: input.purpose },
    });
    return toConsent((await repo.getConsent(tx, id))!, await agencyNames(tx), todayInGermany());
  });
}

/** Records a consent without a signed-in actor (demo seed), with the same stored fields. For seeding only. */
export async function seedConsent(
  tx: Tx,
  municipalityId: string,
  c: Omit<ConsentInput, 'scan' | 'guardianPersonId'> & {
    personId: string;
    recordedBy: string;
    recordedByAgency: string;
  },
): Promise<string> {
  return repo.insertConsent(tx, { ...c, municipalityId, guardianPersonId: null });
}

/** The consents of a person (of every record merged into it), newest first, with their status today. */
export async function listConsents(db: Database, actor: Actor, personId: string): Promise<Consent[]> {
  return db.tenant(actor.municipalityId, async (tx) => {
    if (!mayPerson(actor, 'consent'))
      await requirePersonAccess(tx, { actor, action: 'consent', personIds: [], purpose: 'case_work' });
    const person = await visiblePerson(tx, actor, personId, { view: 'consents' });
    const names = await agencyNames(tx);
    const today = todayInGermany();
    return (await repo.listConsents(tx, person.rootId)).map((r) => toConsent(r, names, today));
  });
}

/** Revokes a consent: effective for every later access at once; the consent and its history stay. */
export async function revokeConsent(
  db: Database,
  actor: Actor,
  consentId: string,
  note: string,
): Promise<Consent> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const row = await repo.getConsent(tx, consentId);
    if (!row) throw new AppError('NOT_FOUND', 'No such consent.');
    if (!mayPerson(actor, 'consent'))
      await requirePersonAccess(tx, {
        actor,
        action: 'consent',
        personIds: [row.rootId],
        purpose: 'case_work',
      });
    if (!(await repo.revokeConsent(tx, consentId, actor.staffId, note)))
      throw new AppError('CONFLICT', 'This consent was already revoked.');
    await requirePersonAccess(tx, {
      actor,
      action: 'consent',
      personIds: [row.rootId],
      purpose: 'case_work',
      details: { consentId, revoked: true },
    });
    return toConsent((await repo.getConsent(tx, consentId))!, await agencyNames(tx), todayInGermany());
  });
}

/** The signed form of a paper consent, for staff who may see the person. Audited. */
export async function consentScan(db: Database, actor: Actor, consentId: string) {
  return db.tenant(actor.municipalityId, async (tx) => {
    const row = await repo.getConsent(tx, consentId);
    if (!row) throw new AppError('NOT_FOUND', 'No such consent.');
    await visiblePerson(tx, actor, row.rootId, { view: 'consent_scan', consentId });
    const scan = await repo.getScan(tx, consentId);
    if (!scan) throw new AppError('NOT_FOUND', 'This consent has no scan.');
    return scan;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Emergency access ("break the glass")

export const EMERGENCY_MINUTES = 30;

const toEmergency = (r: repo.EmergencyRow): EmergencyAccess => ({
  id: r.id,
  personId: r.personId as PersonId,
  staffName: r.staffName,
  agencyName: r.agencyName,
  reason: r.reason,
  startedAt: iso(r.startedAt),
  expiresAt: iso(r.expiresAt),
  reviewedAt: r.reviewedAt ? iso(r.reviewedAt) : null,
  reviewedByName: r.reviewedByName,
  reviewNote: r.reviewNote,
});

/**
 * Opens an emergency access to one person for 30 minutes: every category becomes visible to the caller, every
 * access in that time is marked in the audit log, and the access is listed for the data protection officer.
 */
export async function openEmergencyAccess(
  db: Database,
  actor: Actor,
  personId: string,
  reason: string,
): Promise<EmergencyAccess> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const basics = await repo.personBasics(tx, personId);
    if (!basics) throw new AppError('NOT_FOUND', 'No such person.');
    const id = await repo.insertEmergency(tx, {
      municipalityId: actor.municipalityId,
      personId: basics.rootId,
      staffId: actor.staffId,
      agencyId: actor.agencyId,
      reason,
      minutes: EMERGENCY_MINUTES,
    });
    await requirePersonAccess(tx, {
      actor,
      action: 'emergency',
      personIds: [basics.rootId],
      purpose: 'case_work',
      details: { emergencyAccessId: id, reason, emergency: true },
    });
    return toEmergency((await repo.getEmergency(tx, id))!);
  });
}

export async function listEmergencies(
  db: Database,
  actor: Actor,
  reviewed: boolean | null,
): Promise<EmergencyAccess[]> {
  requireRole(actor, 'data_protection_officer');
  return db.tenant(actor.municipalityId, async (tx) =>
    (await repo.listEmergencies(tx, reviewed)).map(toEmergency),
  );
}

export async function reviewEmergency(
  db: Database,
  actor: Actor,
  id: string,
  note: string,
): Promise<EmergencyAccess> {
  requireRole(actor, 'data_protection_officer');
  return db.tenant(actor.municipalityId, async (tx) => {
    if (!(await repo.getEmergency(tx, id))) throw new AppError('NOT_FOUND', 'No such emergency access.');
    if (!(await repo.reviewEmergency(tx, id, actor.staffId, note)))
      throw new AppError('CONFLICT', 'This emergency access was already reviewed.');
    await recordConfig(tx, actor, 'emergency_access.review', id, {});
    return toEmergency((await repo.getEmergency(tx, id))!);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Transparency: every access to a person's data, as the person may see it.

const ACCESS_ACTIONS = new Set([
  'read',
  'search',
  'create',
  'update',
  'merge',
  'review',
  'import',
  'consent',
  'emergency',
  'export',
  'erase',
]);

/**
 * The list of every access to the person's data: which agency and role, when, which categories, for what
 * purpose, on which consent or legal basis. Readable by staff who may see the person (and the data protection
 * officer); reading it is itself an access and appears in the list.
 */
export async function accessLog(db: Database, actor: Actor, personId: string): Promise<AccessLog> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const tree = await repo.treeOf(tx, personId);
    if (!tree) throw new AppError('NOT_FOUND', 'No such person.');
    const person = await visiblePerson(
      tx,
      actor,
      tree.rootId,
      { view: 'access_log' },
      actor.roles.includes('data_protection_officer') ? 'export' : 'read',
    );
    const rows = await repo.accessesOf(tx, tree.ids);
    const entries = rows
      .map((r) => {
        const action = r.action.replace(/^person\./, '');
        const d = r.details as {
          roles?: string[];
          categories?: DataCategory[];
          bases?: AccessBasis[];
          emergency?: boolean;
        };
        return {
          at: iso(new Date(r.at)),
          agencyName: r.agencyName,
          roles: d.roles ?? [],
          action,
          categories: d.categories ?? [],
          purpose: r.purpose,
          bases: d.bases ?? [],
          emergency: d.emergency === true,
        };
      })
      .filter((e) => ACCESS_ACTIONS.has(e.action));
    return { personId: tree.rootId as PersonId, displayName: person.displayName, entries };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Right of access (Art. 15 DSGVO, § 83 SGB X): everything Lotse holds on a person.

export type PersonExport = {
  generatedAt: string;
  person: Person;
  consents: Consent[];
  accessLog: AccessLog['entries'];
};

export async function exportPerson(db: Database, actor: Actor, personId: string): Promise<PersonExport> {
  requireRole(actor, 'data_protection_officer');
  const data = await db.tenant(actor.municipalityId, async (tx) => {
    const person = await showPerson(tx, actor, personId, 'export', 'case_work', { view: 'art15_export' });
    const names = await agencyNames(tx);
    const today = todayInGermany();
    const consents = (await repo.listConsents(tx, person.id)).map((r) => toConsent(r, names, today));
    return { person, consents };
  });
  const log = await accessLog(db, actor, data.person.id);
  return { generatedAt: new Date().toISOString(), ...data, accessLog: log.entries };
}
