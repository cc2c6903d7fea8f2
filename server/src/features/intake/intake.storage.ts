import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config';
import { S3DocumentStore } from './intake.s3';

/**
 * Where the files of handed-in documents live: encrypted (AES-256-GCM) in a store that answers only when a file
 * is durable. The database names a file only after `put` has resolved, so a crash at any moment leaves at most a
 * file that no row names (a temporary one is removed by `cleanup` at start), never a row without its file.
 */
export interface DocumentStore {
  /** Stores the bytes under the key; resolves once they survive a crash or a power cut. */
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
  /** Removes what interrupted writes left behind; answers how many files. */
  cleanup(): Promise<number>;
  /** The keys of the stored files last written before the date (for removing files no row names). */
  list(before: Date): AsyncIterable<string>;
}

/** The steps of a durable write, named for tests that simulate a crash after each. */
export type WriteStep = 'written' | 'synced' | 'renamed' | 'directory-synced';

const TEMP = /\.[0-9a-f-]{36}\.tmp$/;
const KEY = /^[0-9a-f-]{36}(\/[0-9a-f-]{36}){2}$/;

/** A document's storage key: `<municipality>/<intake>/<document>`, three UUIDs. */
export function isDocumentKey(key: string): boolean {
  return KEY.test(key);
}

export function assertDocumentKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Invalid document key ${key}`);
}

/**
 * The filesystem store: one file per document below the root. A write goes to a temporary name, is flushed to the
 * disk (fsync), renamed to its name (atomic on POSIX) and the folder flushed too, so that the new name itself is
 * durable. `afterStep` lets tests stop the write after each step as a crash would.
 */
export class FileDocumentStore implements DocumentStore {
  constructor(
    readonly root: string,
    private readonly afterStep?: (step: WriteStep, key: string) => void | Promise<void>,
  ) {}

  private pathOf(key: string): string {
    assertDocumentKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.pathOf(key);
    const dir = path.dirname(file);
    await this.makeDurableDir(dir);
    const temp = `${file}.${randomUUID()}.tmp`;
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await this.afterStep?.('written', key);
      await handle.sync();
      await this.afterStep?.('synced', key);
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
    await this.afterStep?.('renamed', key);
    await syncDir(dir);
    await this.afterStep?.('directory-synced', key);
  }

  async get(key: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async cleanup(): Promise<number> {
    let removed = 0;
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (TEMP.test(e.name)) {
          await fs.rm(p, { force: true });
          removed++;
        }
      }
    };
    await walk(this.root);
    return removed;
  }

  async *list(before: Date): AsyncIterable<string> {
    const walk = async function* (dir: string, parts: string[]): AsyncGenerator<string> {
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) yield* walk(p, [...parts, e.name]);
        else {
          const key = [...parts, e.name].join('/');
          const stat = KEY.test(key) ? await fs.stat(p).catch(() => null) : null;
          if (stat && stat.mtime < before) yield key;
        }
      }
    };
    yield* walk(this.root, []);
  }

  /** Creates the folder and its missing parents, flushing each parent so the new folders are durable too. */
  private async makeDurableDir(dir: string): Promise<void> {
    const missing: string[] = [];
    for (let d = dir; ; d = path.dirname(d)) {
      try {
        await fs.access(d);
        break;
      } catch {
        missing.unshift(d);
        if (path.dirname(d) === d) break;
      }
    }
    for (const d of missing) {
      await fs.mkdir(d, { recursive: true, mode: 0o700 });
      await syncDir(path.dirname(d));
    }
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Encryption at rest: AES-256-GCM, a fresh nonce per file, the file's key as associated data (a file copied to
// another name does not decrypt). Layout: "LTD1" | nonce (12) | tag (16) | ciphertext.

const MAGIC = Buffer.from('LTD1');

export function seal(key: Buffer, storageKey: string, plain: Buffer): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(storageKey));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, nonce, cipher.getAuthTag(), body]);
}

/** Decrypts a sealed file; throws when it was altered, moved to another name or sealed with another key. */
export function unseal(key: Buffer, storageKey: string, sealed: Buffer): Buffer {
  if (sealed.length < 32 || !sealed.subarray(0, 4).equals(MAGIC)) throw new Error('Not a sealed document');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(4, 16));
  decipher.setAAD(Buffer.from(storageKey));
  decipher.setAuthTag(sealed.subarray(16, 32));
  return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]);
}

/**
 * The key that encrypts documents: LOTSE_DOCUMENT_KEY (32 bytes, base64). Without it, demo mode generates one and
 * keeps it in the data folder (document.key); production refuses to store documents.
 */
export async function documentKey(config: Pick<Config, 'documentKey' | 'dataDir' | 'mode'>): Promise<Buffer> {
  if (config.documentKey) return parseKey(config.documentKey);
  if (config.mode === 'production')
    throw new Error('LOTSE_DOCUMENT_KEY must be set in production (32 random bytes, base64).');
  const file = path.join(config.dataDir, 'document.key');
  try {
    return parseKey(await fs.readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await fs.mkdir(config.dataDir, { recursive: true });
  try {
    await fs.writeFile(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return parseKey(await fs.readFile(file, 'utf8'));
}

function parseKey(value: string): Buffer {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== 32) throw new Error('The document key must be 32 bytes, base64-encoded.');
  return key;
}

/**
 * The document store of the configuration: the folder `documents` in the data folder, or the S3-compatible bucket
 * when LOTSE_DOCUMENT_STORE is s3 (intake.s3.ts).
 */
export function documentStore(
  config: Pick<Config, 'dataDir'> & Partial<Pick<Config, 'documentStore'>>,
): DocumentStore {
  if (config.documentStore?.kind === 's3') return new S3DocumentStore(config.documentStore.s3);
  return new FileDocumentStore(path.join(config.dataDir, 'documents'));
}
