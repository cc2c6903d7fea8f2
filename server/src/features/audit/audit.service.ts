import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerification } from '@lotse/common';
import type { Database, Tx } from '../../db/database';
import { type Actor, requireRole } from '../auth/actor';
import * as repo from './audit.repo';

export const GENESIS_HASH = '0'.repeat(64);

/** Who did something: absent for events before anyone is signed in. */
export type AuditActor = { staffId: string; agencyId: string } | null;

export type AuditEvent = {
  municipalityId: string | null;
  actor: AuditActor;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  purpose?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
};

// JSON with sorted keys, so that a jsonb round trip (which reorders keys) hashes the same.
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

// The fields of an entry in the order they are hashed; the previous hash comes last.
const hashedFields = (e: Omit<repo.AuditRow, 'seq' | 'hash' | 'prevHash'>) => [
  e.municipalityId,
  e.at.toISOString(),
  e.actorStaffId,
  e.actorAgencyId,
  e.action,
  e.subjectType,
  e.subjectId,
  e.purpose,
  e.requestId,
  e.details,
];

/** The hash of one entry: its content and the hash of the entry before it in the same chain. */
export function entryHash(e: Omit<repo.AuditRow, 'seq' | 'hash'>): string {
  return createHash('sha256')
    .update(canonical([...hashedFields(e), e.prevHash]))
    .digest('hex');
}

/**
 * The canonical text of an entry up to its last element, the previous hash (`[f1,…,f10,`): the database appends
 * `"<previous hash>"]` and hashes the whole under the chain's lock (migration 0015), giving `entryHash`.
 */
function hashPrefix(e: Omit<repo.AuditRow, 'seq' | 'hash' | 'prevHash'>): string {
  const all = canonical(hashedFields(e));
  return `${all.slice(0, -1)},`;
}

type PendingEntry = Omit<repo.AuditRow, 'seq' | 'prevHash' | 'hash'>;
const pending = new WeakMap<Tx, PendingEntry[]>();

/**
 * Records one audit entry in the caller's transaction. The one way to write audit. The entry is appended to the
 * municipality's hash chain at the end of the transaction, just before it commits (ADR 0008): the chain's lock is
 * then held only while the entries are linked and inserted, not through the whole transaction; if the transaction
 * rolls back, the entry goes with it.
 */
export async function recordAudit(tx: Tx, event: AuditEvent): Promise<void> {
  let entries = pending.get(tx);
  if (!entries) {
    pending.set(tx, (entries = []));
    const list = entries;
    tx.beforeCommit(() => appendToChains(tx, list));
  }
  entries.push({
    municipalityId: event.municipalityId,
    at: new Date(),
    actorStaffId: event.actor?.staffId ?? null,
    actorAgencyId: event.actor?.agencyId ?? null,
    action: event.action,
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId ?? null,
    purpose: event.purpose ?? null,
    requestId: event.requestId ?? null,
    details: event.details ?? {},
  });
}

/**
 * Appends a transaction's entries to their chains: one call per chain, chains in a fixed order, sent together with
 * COMMIT (`Tx.commitWith`), so that a chain's lock is held from the append to the commit inside the database only.
 */
async function appendToChains(tx: Tx, entries: PendingEntry[]): Promise<void> {
  pending.delete(tx);
  const chains = [...new Set(entries.map((e) => e.municipalityId))].sort((a, b) =>
    (a ?? '').localeCompare(b ?? ''),
  );
  for (const municipalityId of chains)
    tx.commitWith(
      repo.appendToChainStatement(
        municipalityId,
        entries
          .filter((e) => e.municipalityId === municipalityId)
          .map((e) => ({ ...e, prefix: hashPrefix(e) })),
      ),
    );
}

const BATCH = 5000;

async function verifyChain(
  tx: Tx,
  municipalityId: string | null,
): Promise<{ checked: number; broken: { seq: number; reason: string } | null }> {
  let expectedPrev = GENESIS_HASH;
  let prevSeq: number | null = null;
  let after = 0;
  let checked = 0;
  for (;;) {
    const batch = await repo.chainBatch(tx, municipalityId, after, BATCH);
    for (const row of batch) {
      checked++;
      if (row.prevHash !== expectedPrev) {
        const reason =
          prevSeq === null
            ? 'the first entry of the chain does not start from the genesis hash (entries before it were removed)'
            : `it does not link to entry ${prevSeq} (an entry between them was removed or changed)`;
        return { checked, broken: { seq: row.seq, reason } };
      }
      if (entryHash(row) !== row.hash) {
        return {
          checked,
          broken: { seq: row.seq, reason: 'its content does not match its hash (it was changed)' },
        };
      }
      expectedPrev = row.hash;
      prevSeq = row.seq;
    }
    if (batch.length < BATCH) return { checked, broken: null };
    after = batch[batch.length - 1]!.seq;
  }
}

/** Checks every chain (all municipalities and the system chain) and names the first broken entry. */
export async function verifyAll(db: Database): Promise<AuditVerification> {
  return db.system(async (tx) => {
    let checked = 0;
    let first: { seq: number; reason: string } | null = null;
    for (const chain of await repo.listChains(tx)) {
      const r = await verifyChain(tx, chain);
      checked += r.checked;
      if (r.broken && (!first || r.broken.seq < first.seq)) first = r.broken;
    }
    return { ok: first === null, checked, firstBroken: first };
  });
}

/** Checks the chain of the actor's municipality, with its row-level security in force. Administrators only. */
export async function verifyMunicipality(db: Database, actor: Actor): Promise<AuditVerification> {
  requireRole(actor, 'municipal_admin');
  return db.tenant(actor.municipalityId, async (tx) => {
    const r = await verifyChain(tx, actor.municipalityId);
    return { ok: r.broken === null, checked: r.checked, firstBroken: r.broken };
  });
}

/** A page of the actor's municipality's audit log, newest first. Administrators only. */
export async function listAudit(
  db: Database,
  actor: Actor,
  filter: { before: number | null; limit: number },
): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  requireRole(actor, 'municipal_admin');
  const rows = await db.tenant(actor.municipalityId, (tx) => repo.listPage(tx, filter));
  const entries = rows.map((r) => ({
    seq: r.seq,
    at: r.at.toISOString(),
    actorStaffId: r.actorStaffId,
    actorAgencyId: r.actorAgencyId,
    actorName: r.actorName,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    purpose: r.purpose,
    requestId: r.requestId,
  }));
  return { entries, nextBefore: rows.length === filter.limit ? rows[rows.length - 1]!.seq : null };
}
