import { spawn } from 'node:child_process';
import { PersonCreate, type PersonId } from '@lotse/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../db/database';
import { givenMunicipality, testDb } from '../../../test/harness';
import type { Actor } from '../auth/actor';
import { createPerson } from '../persons/persons.service';
import * as repo from './intake.repo';
import { cleanupStore, type DocumentVault, receiveDocuments } from './intake.service';
import { FileDocumentStore, unseal, type WriteStep } from './intake.storage';

/**
 * A document acknowledged to the person is never lost, also when the server dies in the middle of an upload: the
 * files are durable before the rows are committed, a crash at any step leaves no row without its file, and the
 * temporary files it leaves are removed at start.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const key = randomBytes(32);
let root: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'lotse-durability-'));
  // Opening and migrating the embedded database takes a while on a busy machine: not on a test's clock.
  await testDb();
}, 120_000);
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function filesBelow(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await fs.readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(p);
    }
  };
  await walk(dir);
  return out;
}

/** Every row names a file that is there and decrypts to the bytes of its checksum. */
async function everyRowHasItsFile(db: Database, municipalityId: string, vault: DocumentVault) {
  const rows = await db.tenant(municipalityId, (tx) => repo.allStored(tx));
  for (const r of rows) {
    const content = unseal(vault.key, r.storageKey, await vault.store.get(r.storageKey));
    expect(createHash('sha256').update(content).digest('hex')).toBe(r.sha256);
  }
  return rows;
}

async function givenDesk(db: Database) {
  const m = await givenMunicipality(db, { sharing: 'registry' });
  const staffOf = (username: string) => m.staff.get(username)!;
  const actor = (username: string, roles: Actor['roles']): Actor => ({
    staffId: staffOf(username).id,
    municipalityId: m.municipality.id,
    agencyId: staffOf(username).agencyId,
    roles,
    authMethod: 'password',
    sessionIdHash: 'test',
    requestId: randomUUID(),
  });
  const caseworker = actor(m.users.caseworker, ['caseworker']);
  const created = await createPerson(
    db,
    caseworker,
    PersonCreate.parse({
      name: { givenNames: 'Amal', familyName: `Durable${randomBytes(3).toString('hex')}` },
      confirmNew: true,
    }),
  );
  if (created.kind !== 'created') throw new Error('no person');
  return { m, desk: actor(m.users.front_desk, ['front_desk']), personId: created.person.id as string };
}

const input = (personId: string, n = 2) => ({
  personId: personId as PersonId,
  language: null,
  documents: Array.from({ length: n }, (_, i) => ({
    fileName: `scan-${i + 1}.pdf`,
    documentClass: 'passport' as const,
    agencyId: null,
    note: '',
    contentBase64: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2048)]).toString('base64'),
  })),
});

class Crash extends Error {}

describe('a crash in the middle of an upload', () => {
  const steps: WriteStep[] = ['written', 'synced', 'renamed', 'directory-synced'];

  it.each(steps)(
    'after the step "%s" of the second file: nothing acknowledged, no row without its file, earlier intakes intact',
    async (step) => {
      const db = await testDb();
      const { m, desk, personId } = await givenDesk(db);
      const dir = path.join(root, `step-${step}`);
      const vault: DocumentVault = { store: new FileDocumentStore(dir), key };
      const before = await receiveDocuments(db, vault, desk, input(personId));

      let files = 0;
      const crashing: DocumentVault = {
        key,
        store: new FileDocumentStore(dir, (s) => {
          if (s === step && ++files === 2) throw new Crash(step);
        }),
      };
      await expect(receiveDocuments(db, crashing, desk, input(personId))).rejects.toBeInstanceOf(Crash);

      // Only the first intake has rows, and each names a file that is there and intact.
      const rows = await everyRowHasItsFile(db, m.municipality.id, vault);
      expect(new Set(rows.map((r) => r.reference))).toEqual(new Set([before.reference]));
      // What the crash left is either a temporary file (removed at start) or nothing.
      await cleanupStore(vault);
      const left = await filesBelow(dir);
      expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(left).toHaveLength(2);
      // The reference number of the failed intake was not used up: the next one follows the first.
      const next = await receiveDocuments(db, vault, desk, input(personId, 1));
      expect(Number(next.reference.slice(-6))).toBe(Number(before.reference.slice(-6)) + 1);
    },
  );

  it('removes temporary files of interrupted writes at start, and keeps the files rows name', async () => {
    const dir = path.join(root, 'cleanup');
    const store = new FileDocumentStore(dir);
    const k = `${randomUUID()}/${randomUUID()}/${randomUUID()}`;
    await store.put(k, Buffer.from('sealed'));
    const temp = path.join(dir, ...k.split('/')) + `.${randomUUID()}.tmp`;
    await fs.writeFile(temp, 'half');
    expect(await store.cleanup()).toBe(1);
    expect((await store.get(k)).toString()).toBe('sealed');
    await expect(fs.access(temp)).rejects.toThrow();
  });

  it('when the process is killed with SIGKILL mid-upload, every acknowledged intake is complete', async () => {
    const url = inject('testDatabaseUrl');
    const target = url || path.join(root, 'pglite');
    const storeDir = path.join(root, 'killed');
    // One process (no tsx wrapper that would outlive its killed child): node with tsx's loader.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'intake.crash-child.ts'), target, storeDir, key.toString('base64')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const acked: string[] = [];
    let municipalityId = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const killed = new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          const [word, value = ''] = line.split(' ');
          if (word === 'READY') municipalityId = value;
          if (word === 'ACK') acked.push(value);
          // In the middle of the fourth upload: a few milliseconds into it.
          if (word === 'BEGIN' && acked.length >= 3)
            setTimeout(() => child.kill('SIGKILL'), 5 + Math.floor(Math.random() * 40));
        }
      });
      child.on('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended ${code}: ${stderr}`)),
      );
    });
    await killed;
    expect(acked.length).toBeGreaterThanOrEqual(3);

    const db = url ? await testDb() : await openDatabase({ dataDir: target });
    try {
      const vault: DocumentVault = { store: new FileDocumentStore(storeDir), key };
      await cleanupStore(vault);
      const rows = await everyRowHasItsFile(db, municipalityId, vault);
      const intakes = new Map<string, number>();
      for (const r of rows) intakes.set(r.reference, (intakes.get(r.reference) ?? 0) + 1);
      // Every acknowledged intake is there with both files; at most the interrupted one more.
      for (const id of acked) {
        const intake = await db.tenant(municipalityId, (tx) => repo.getIntake(tx, id));
        expect(intake, id).not.toBeNull();
        expect(intakes.get(intake!.reference)).toBe(2);
      }
      expect(intakes.size - acked.length).toBeLessThanOrEqual(1);
      expect((await filesBelow(storeDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      if (!url) await db.close();
    }
  }, 120_000);
});
