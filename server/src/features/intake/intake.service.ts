import { createHash, randomUUID } from 'node:crypto';
import {
  type DocumentClass,
  type DocumentLanguage,
  type InboxQuery,
  type Intake,
  type IntakeDocument,
  type IntakeInput,
  type IntakeRouting,
  type PersonId,
  type Role,
  type TimelineEntry,
  INTAKE_MAX_FILE_BYTES,
  INTAKE_MAX_TOTAL_BYTES,
  defaultRouting,
  documentCategory,
  documentLanguages,
} from '@lotse/common';
import type { Database, Tx } from '../../db/database';
import { AppError } from '../../errors';
import { sniffMediaType } from '../../lib/file-type';
import { requirePersonAccess, visibleItems } from '../access/access.service';
import { recordAudit } from '../audit/audit.service';
import { type Actor, requireRole } from '../auth/actor';
import { personSummaries, showPerson } from '../persons/persons.service';
import { todayInGermany } from '../persons/persons.dates';
import * as repo from './intake.repo';
import { receiptPdf } from './intake.receipt';
import { type DocumentStore, seal, unseal } from './intake.storage';

/**
 * Document intake at the front desk (issue 5): documents handed in are checked by their content, classified,
 * routed to an agency's inbox and linked to the person; the person gets a receipt under a reference number. The
 * receiving agency opens the files and marks them processed. See README.md for the durability rules.
 */

/** The encrypted store and its key. */
export type DocumentVault = { store: DocumentStore; key: Buffer };

const DESK: Role[] = ['front_desk', 'caseworker', 'case_manager', 'agency_lead'];
const INBOX: Role[] = ['caseworker', 'case_manager', 'agency_lead'];

const iso = (d: Date) => d.toISOString();
const invalid = (field: string, problem: string) =>
  new AppError('VALIDATION_FAILED', `${field} ${problem}.`, { [field]: problem });
const MEDIA_NAMES = 'a PDF, JPEG or PNG file';

type Decoded = { index: number; content: Buffer; mediaType: 'application/pdf' | 'image/jpeg' | 'image/png' };

/** Decodes the files and checks each by its content: type by its first bytes, size, the total. */
function decodeDocuments(documents: IntakeInput['documents']): Decoded[] {
  let total = 0;
  return documents.map((d, index) => {
    const field = `documents.${index}.contentBase64`;
    const content = Buffer.from(d.contentBase64, 'base64');
    if (content.length === 0) throw invalid(field, `is empty: "${d.fileName}" has no content`);
    if (content.length > INTAKE_MAX_FILE_BYTES)
      throw invalid(field, `is too large: "${d.fileName}" has more than 10 MB`);
    total += content.length;
    if (total > INTAKE_MAX_TOTAL_BYTES) throw invalid(field, 'is too much: all files together at most 25 MB');
    const mediaType = sniffMediaType(content);
    if (!mediaType)
      throw invalid(
        field,
        `is not ${MEDIA_NAMES}: "${d.fileName}" (recognised by its content, not its name)`,
      );
    return { index, content, mediaType };
  });
}

/** The default receiving agency of each class: the first active agency with one of its legal domains. */
function defaults(agencies: repo.AgencyRow[]): Map<DocumentClass, string | null> {
  return new Map(
    (Object.keys(defaultRouting) as DocumentClass[]).map((c) => {
      for (const domain of defaultRouting[c]) {
        const a = agencies.find((x) => x.legalDomains.includes(domain));
        if (a) return [c, a.id];
      }
      return [c, null];
    }),
  );
}

/** Where documents go: the default agency per class and the agencies that can receive. */
export async function routing(db: Database, actor: Actor): Promise<IntakeRouting> {
  requireRole(actor, ...DESK);
  return db.tenant(actor.municipalityId, async (tx) => {
    const agencies = await repo.receivingAgencies(tx);
    const byClass = defaults(agencies);
    return {
      classes: [...byClass.entries()].map(([documentClass, id]) => ({
        documentClass,
        defaultAgencyId: id as IntakeRouting['classes'][number]['defaultAgencyId'],
      })),
      agencies: agencies.map((a) => ({ id: a.id as IntakeRouting['agencies'][number]['id'], name: a.name })),
    };
  });
}

const nameOf = (p: { displayName: string; originalName?: string | null }) =>
  p.originalName ? `${p.displayName} (${p.originalName})` : p.displayName;

/** The names of persons as the caller may see them for identification (through the access function; audited). */
async function namesOf(tx: Tx, actor: Actor, ids: string[], details: Record<string, unknown>) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, string>();
  const shown = await personSummaries(tx, actor, unique, {
    action: 'read',
    purpose: 'identification',
    details,
  });
  return new Map(shown.map((s) => [s.id as string, nameOf(s)]));
}

function toDocument(r: repo.DocumentRow, personName: string | null): IntakeDocument {
  return {
    id: r.id,
    intakeId: r.intakeId,
    reference: r.reference,
    position: r.position,
    fileName: r.fileName,
    mediaType: r.mediaType as IntakeDocument['mediaType'],
    size: r.size,
    sha256: r.sha256,
    documentClass: r.documentClass as DocumentClass,
    note: r.note,
    agencyId: r.agencyId as IntakeDocument['agencyId'],
    agencyName: r.agencyName,
    personId: r.personId as PersonId,
    personName,
    receivedAt: iso(r.receivedAt),
    status: r.status,
    processedAt: r.processedAt ? iso(r.processedAt) : null,
    processedByName: r.processedByName,
    processedNote: r.processedNote,
  };
}

async function loadIntakes(tx: Tx, rows: repo.IntakeRow[], names: Map<string, string>): Promise<Intake[]> {
  const docs = await repo.documentsOfIntakes(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const personName = names.get(r.personId) ?? null;
    return {
      id: r.id,
      reference: r.reference,
      personId: r.personId as PersonId,
      personName,
      language: r.language as DocumentLanguage,
      receivedAt: iso(r.receivedAt),
      receivedByName: r.receivedByName,
      documents: docs.filter((d) => d.intakeId === r.id).map((d) => toDocument(d, personName)),
    };
  });
}

type StoredDocument = {
  fileName: string;
  documentClass: DocumentClass;
  agencyId: string;
  note: string;
  content: Buffer;
  mediaType: string;
};

/**
 * Writes the files (encrypted, durable) and then the rows, in the caller's transaction: a row never names a file
 * that is not on disk. `written` collects the keys, so that a failed transaction can remove its orphans.
 */
async function storeIntake(
  tx: Tx,
  vault: DocumentVault,
  written: string[],
  intake: Omit<repo.IntakeInsert, 'id' | 'reference'>,
  documents: StoredDocument[],
): Promise<{ id: string; reference: string }> {
  const id = randomUUID();
  const reference = await repo.nextReference(tx, intake.municipalityId, Number(todayInGermany().slice(0, 4)));
  const rows: repo.DocumentInsert[] = [];
  for (const [i, d] of documents.entries()) {
    const docId = randomUUID();
    const storageKey = `${intake.municipalityId}/${id}/${docId}`;
    written.push(storageKey);
    await vault.store.put(storageKey, seal(vault.key, storageKey, d.content));
    rows.push({
      id: docId,
      municipalityId: intake.municipalityId,
      intakeId: id,
      position: i + 1,
      fileName: d.fileName,
      mediaType: d.mediaType,
      size: d.content.length,
      sha256: createHash('sha256').update(d.content).digest('hex'),
      documentClass: d.documentClass,
      note: d.note,
      agencyId: d.agencyId,
      storageKey,
    });
  }
  await repo.insertIntake(tx, { ...intake, id, reference });
  await repo.insertDocuments(tx, rows);
  return { id, reference };
}

/** After a failed intake: removes the files it wrote that no row names (nothing was acknowledged). */
async function removeOrphans(db: Database, vault: DocumentVault, municipalityId: string, keys: string[]) {
  if (keys.length === 0) return;
  try {
    const named = await db.tenant(municipalityId, (tx) => repo.namedStorageKeys(tx, keys));
    for (const key of keys) if (!named.has(key)) await vault.store.remove(key);
  } catch {
    // Unknown whether the rows exist: keep the files (an orphan file is harmless, a missing one is not).
  }
}

/**
 * Receives documents at the desk: checks each file by its content, routes each to its agency (the class's default
 * unless chosen), links the intake to the person (seen through the access function) and stores the files
 * encrypted before the rows are committed. Answers the intake with its reference number for the receipt.
 */
export async function receiveDocuments(
  db: Database,
  vault: DocumentVault,
  actor: Actor,
  input: IntakeInput,
): Promise<Intake> {
  requireRole(actor, ...DESK);
  const decoded = decodeDocuments(input.documents);
  const written: string[] = [];
  try {
    return await db.tenant(actor.municipalityId, async (tx) => {
      const agencies = await repo.receivingAgencies(tx);
      const byClass = defaults(agencies);
      const receiving = input.documents.map((d, i) => {
        if (d.agencyId) {
          if (!agencies.some((a) => a.id === d.agencyId))
            throw invalid(
              `documents.${i}.agencyId`,
              'is not an agency of this municipality that receives documents',
            );
          return d.agencyId;
        }
        const id = byClass.get(d.documentClass);
        if (!id)
          throw invalid(
            `documents.${i}.agencyId`,
            `must be chosen: "${d.documentClass}" has no default agency`,
          );
        return id;
      });
      const person = await showPerson(tx, actor, input.personId, 'read', 'registration', {
        view: 'document_intake',
      });
      const spoken = person.languages
        .map((l) => l.code)
        .find((c): c is DocumentLanguage => documentLanguages.some((x) => x === c));
      const language = input.language ?? spoken ?? 'de';
      const { id, reference } = await storeIntake(
        tx,
        vault,
        written,
        {
          municipalityId: actor.municipalityId,
          personId: person.id,
          language,
          receivedBy: actor.staffId,
          receivedByAgency: actor.agencyId,
        },
        input.documents.map((d, i) => ({
          fileName: d.fileName,
          documentClass: d.documentClass,
          agencyId: receiving[i]!,
          note: d.note,
          content: decoded[i]!.content,
          mediaType: decoded[i]!.mediaType,
        })),
      );
      await recordAudit(tx, {
        municipalityId: actor.municipalityId,
        actor: { staffId: actor.staffId, agencyId: actor.agencyId },
        action: 'document_intake.create',
        subjectType: 'document_intake',
        subjectId: id,
        requestId: actor.requestId,
        details: {
          reference,
          personId: person.id,
          documents: input.documents.map((d, i) => ({
            documentClass: d.documentClass,
            agencyId: receiving[i],
            mediaType: decoded[i]!.mediaType,
            size: decoded[i]!.content.length,
          })),
        },
      });
      const row = (await repo.getIntake(tx, id))!;
      const [intake] = await loadIntakes(tx, [row], new Map([[person.id as string, nameOf(person)]]));
      return intake!;
    });
  } catch (err) {
    await removeOrphans(db, vault, actor.municipalityId, written);
    throw err;
  }
}

/** The latest intakes of the caller's desk (agency), optionally of one person, with the names it may see. */
export async function listIntakes(
  db: Database,
  actor: Actor,
  query: { personId?: string; limit: number },
): Promise<Intake[]> {
  requireRole(actor, ...DESK);
  return db.tenant(actor.municipalityId, async (tx) => {
    const rows = await repo.intakesOfDesk(tx, actor.agencyId, query.personId ?? null, query.limit);
    const names = await namesOf(
      tx,
      actor,
      rows.map((r) => r.personId),
      { view: 'document_intakes' },
    );
    return loadIntakes(tx, rows, names);
  });
}

/** The receipt of an intake as PDF (German and the person's language), for the desk that received it. */
export async function intakeReceipt(db: Database, actor: Actor, intakeId: string): Promise<Buffer> {
  requireRole(actor, ...DESK);
  const { intake, municipality } = await db.tenant(actor.municipalityId, async (tx) => {
    const row = await repo.getIntake(tx, intakeId);
    if (!row || row.receivedByAgency !== actor.agencyId)
      throw new AppError('NOT_FOUND', 'No such intake at your desk.');
    const names = await namesOf(tx, actor, [row.personId], { view: 'intake_receipt', intakeId });
    const [intake] = await loadIntakes(tx, [row], names);
    return { intake: intake!, municipality: await repo.municipalityName(tx) };
  });
  return receiptPdf(intake, municipality);
}

/** Refuses a document of another agency's inbox (audited, although the transaction rolls back). */
function requireOwnInbox(actor: Actor, doc: repo.DocumentRow): void {
  if (doc.agencyId === actor.agencyId) return;
  const error = new AppError('NOT_PERMITTED', "This document was routed to another agency's inbox.");
  error.afterRollback = (tx) =>
    recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: { staffId: actor.staffId, agencyId: actor.agencyId },
      action: 'intake_document.denied',
      subjectType: 'intake_document',
      subjectId: doc.id,
      requestId: actor.requestId,
      details: { agencyId: doc.agencyId },
    });
  throw error;
}

/** The inbox of the caller's agency: new documents (or processed, or all), with the persons' names it may see. */
export async function agencyInbox(db: Database, actor: Actor, query: InboxQuery): Promise<IntakeDocument[]> {
  requireRole(actor, ...INBOX);
  return db.tenant(actor.municipalityId, async (tx) => {
    const rows = await repo.inbox(tx, actor.agencyId, query.status, query.limit);
    const names = await namesOf(
      tx,
      actor,
      rows.map((r) => r.personId),
      { view: 'intake_inbox' },
    );
    return rows.map((r) => toDocument(r, names.get(r.personId) ?? null));
  });
}

/**
 * One document's file, decrypted, for the receiving agency: read through the access function with the data
 * category of its class (passport: identity, residence permit: residence, …), audited.
 */
export async function documentFile(
  db: Database,
  vault: DocumentVault,
  actor: Actor,
  id: string,
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  requireRole(actor, ...INBOX);
  const doc = await db.tenant(actor.municipalityId, async (tx) => {
    const doc = await repo.getDocument(tx, id);
    if (!doc) throw new AppError('NOT_FOUND', 'No such document.');
    requireOwnInbox(actor, doc);
    const category = documentCategory[doc.documentClass as DocumentClass];
    await requirePersonAccess(tx, {
      actor,
      action: 'read',
      personIds: [doc.personId],
      purpose: 'case_work',
      holdings: new Map([[doc.personId, [{ category, agencyId: doc.agencyId }]]]),
      details: { view: 'intake_document', documentId: doc.id, reference: doc.reference },
    });
    return doc;
  });
  const content = unseal(vault.key, doc.storageKey, await vault.store.get(doc.storageKey));
  if (createHash('sha256').update(content).digest('hex') !== doc.sha256)
    throw new Error(`Stored document ${doc.id} does not match its checksum`);
  return { fileName: doc.fileName, mediaType: doc.mediaType, content };
}

/** Marks a new document of the caller's inbox processed, with an optional note; audited. */
export async function processDocument(
  db: Database,
  actor: Actor,
  id: string,
  note: string,
): Promise<IntakeDocument> {
  requireRole(actor, ...INBOX);
  return db.tenant(actor.municipalityId, async (tx) => {
    const doc = await repo.getDocument(tx, id, true);
    if (!doc) throw new AppError('NOT_FOUND', 'No such document.');
    requireOwnInbox(actor, doc);
    if (!(await repo.markProcessed(tx, id, actor.staffId, note)))
      throw new AppError('CONFLICT', 'This document was already marked processed.');
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: { staffId: actor.staffId, agencyId: actor.agencyId },
      action: 'intake_document.process',
      subjectType: 'intake_document',
      subjectId: id,
      requestId: actor.requestId,
      details: { reference: doc.reference, personId: doc.personId, documentClass: doc.documentClass, note },
    });
    const names = await namesOf(tx, actor, [doc.personId], { view: 'intake_inbox', documentId: id });
    return toDocument((await repo.getDocument(tx, id))!, names.get(doc.personId) ?? null);
  });
}

/** Removes temporary files that interrupted writes left behind (at start). */
export async function cleanupStore(vault: Pick<DocumentVault, 'store'>): Promise<number> {
  return vault.store.cleanup();
}

/**
 * Removes stored files that no row names and that were written before `before`: what a crash between storing a
 * file and committing its intake left (never acknowledged, so nothing is lost). `before` lies well in the past
 * (a day at start), so that the files of an upload still in its transaction, here or on another instance, stay.
 * A store (folder or bucket and prefix) belongs to one installation, as the data folder does. Answers how many.
 */
export async function sweepOrphans(db: Database, store: DocumentStore, before: Date): Promise<number> {
  let removed = 0;
  const pending = new Map<string, string[]>();
  const sweep = async (municipalityId: string, keys: string[]) => {
    pending.delete(municipalityId);
    const named = await db.tenant(municipalityId, (tx) => repo.namedStorageKeys(tx, keys));
    for (const key of keys)
      if (!named.has(key)) {
        await store.remove(key);
        removed++;
      }
  };
  for await (const key of store.list(before)) {
    const municipalityId = key.slice(0, key.indexOf('/'));
    const keys = pending.get(municipalityId) ?? [];
    pending.set(municipalityId, keys);
    keys.push(key);
    if (keys.length >= 500) await sweep(municipalityId, keys);
  }
  for (const [municipalityId, keys] of [...pending]) await sweep(municipalityId, keys);
  return removed;
}

/** Records an intake without a signed-in actor (demo seed), stored like a real one. For seeding only. */
export async function seedIntake(
  db: Database,
  vault: DocumentVault,
  seed: {
    municipalityId: string;
    personId: string;
    language: DocumentLanguage;
    receivedBy: string;
    receivedByAgency: string;
    documents: { fileName: string; documentClass: DocumentClass; agencyId: string; content: Buffer }[];
    processedBy?: string;
  },
): Promise<string> {
  const written: string[] = [];
  return db.tenant(seed.municipalityId, async (tx) => {
    const { id } = await storeIntake(
      tx,
      vault,
      written,
      {
        municipalityId: seed.municipalityId,
        personId: seed.personId,
        language: seed.language,
        receivedBy: seed.receivedBy,
        receivedByAgency: seed.receivedByAgency,
      },
      seed.documents.map((d) => ({
        ...d,
        note: '',
        mediaType: sniffMediaType(d.content) ?? 'application/pdf',
      })),
    );
    if (seed.processedBy)
      for (const d of await repo.documentsOfIntakes(tx, [id]))
        await repo.markProcessed(tx, d.id, seed.processedBy, 'Demo');
    return id;
  });
}

/** A person of the demo by name, for seeding. */
export async function demoPersonId(db: Database, municipalityId: string, given: string, family: string) {
  return db.tenant(municipalityId, (tx) => repo.personByName(tx, given, family));
}

/**
 * The person's timeline source "document": documents handed in for the person, each shown where the caller may
 * see the category of its class from the receiving agency (as for opening the file).
 */
export async function documentTimeline(
  db: Database,
  actor: Actor,
  personId: string,
): Promise<TimelineEntry[]> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const rows = await repo.documentsOfPerson(tx, personId);
    const items = rows.map((r) => ({
      holding: { category: documentCategory[r.documentClass as DocumentClass], agencyId: r.agencyId },
      item: {
        at: new Date(r.at).toISOString(),
        source: 'document',
        kind: `document.${r.documentClass}`,
        title: r.reference,
        agencyName: r.agencyName,
        link: null,
      },
    }));
    return visibleItems(tx, actor, personId, items, 'timeline.documents');
  });
}
