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

/** The hash of one entry: its content and the hash of the entry before it in the same chain. */
export function entryHash(e: Omit<repo.AuditRow, 'seq' | 'hash'>): string {
  const content = canonical([
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
    e.prevHash,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

/** Appends one entry to the municipality's hash chain, inside the caller's transaction. The one way to write audit. */
export async function recordAudit(tx: Tx, event: AuditEvent): Promise<number> {
  await repo.lockChain(tx, event.municipalityId);
  const prevHash = (await repo.lastHash(tx, event.municipalityId)) ?? GENESIS_HASH;
  const entry = {
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
    prevHash,
  };
  return repo.insertEntry(tx, { ...entry, hash: entryHash(entry) });
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
