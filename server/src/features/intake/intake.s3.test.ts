import { createRequire } from 'node:module';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Role } from '@lotse/common';
import { type S3StoreConfig, loadConfig } from '../../config';
import { givenMunicipality, signIn, type TestApp, testApp } from '../../../test/harness';
import { S3DocumentStore, s3Client } from './intake.s3';
import type { Actor } from '../auth/actor';
import * as repo from './intake.repo';
import { type DocumentVault, receiveDocuments, sweepOrphans } from './intake.service';
import { documentStore, seal, unseal } from './intake.storage';

/**
 * The S3-compatible document store against a real S3 server: s3rver (@20minutes/s3rver, the maintained fork of
 * s3rver: pure JavaScript, objects in a folder), started in this process on a free port with a temporary folder.
 * Requests are signed (SigV4) and the server checks the signatures with its default credentials (S3RVER).
 *
 * One flaw of s3rver is worked around: for a request on the bucket itself (ListObjectsV2, `GET /<bucket>/?…`) it
 * computes the signature over `/<bucket>` instead of the path sent, `/<bucket>/`, and refuses the SDK's correct
 * signature (AWS S3 and MinIO accept it). Those requests go to a second s3rver on the same folder that does not
 * check signatures; every request on an object (PUT, GET, DELETE) goes to the one that does.
 */

type S3rverApp = {
  callback(): http.RequestListener;
  configureBuckets(): Promise<unknown>;
  logger: { close(): void };
};
type S3rverClass = new (options: {
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
  allowMismatchedSignatures: boolean;
}) => S3rverApp;
const S3rver = createRequire(import.meta.url)('@20minutes/s3rver') as S3rverClass;

/** s3rver on a free port of 127.0.0.1, path-style, with the bucket; bucket-level requests as said above. */
async function startS3(directory: string, bucket: string) {
  const options = { silent: true, directory, configureBuckets: [{ name: bucket }] };
  const strict = new S3rver({ ...options, allowMismatchedSignatures: false });
  const listing = new S3rver({ ...options, allowMismatchedSignatures: true });
  await strict.configureBuckets();
  const objects = strict.callback();
  const buckets = listing.callback();
  const server = http.createServer((req, res) =>
    /^\/[^/]+\/?(\?|$)/.test(req.url ?? '') ? buckets(req, res) : objects(req, res),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      strict.logger.close();
      listing.logger.close();
    },
  };
}

const BUCKET = 'lotse-documents';
const key = randomBytes(32);
let server: Awaited<ReturnType<typeof startS3>>;
let dir: string;
let settings: S3StoreConfig;
let store: S3DocumentStore;

const newKey = () => `${randomUUID()}/${randomUUID()}/${randomUUID()}`;
/** The object's bytes as the bucket holds them, read past the store. */
async function rawObject(objectKey: string): Promise<Buffer> {
  const res = await s3Client(settings).send(new GetObjectCommand({ Bucket: BUCKET, Key: objectKey }));
  return Buffer.from(await res.Body!.transformToByteArray());
}
async function rawKeys(): Promise<string[]> {
  const res = await s3Client(settings).send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (res.Contents ?? []).map((o) => o.Key!);
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lotse-s3-'));
  server = await startS3(path.join(dir, 's3'), BUCKET);
  settings = {
    endpoint: `http://127.0.0.1:${server.port}`,
    region: 'eu-central-1',
    bucket: BUCKET,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    prefix: 'lotse/documents',
  };
  store = new S3DocumentStore(settings);
});
afterAll(async () => {
  store?.destroy();
  await server?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the S3-compatible store', () => {
  it('stores, reads and removes a sealed file under the prefix; the bucket never holds the plaintext', async () => {
    const k = newKey();
    const plain = Buffer.from(`%PDF-1.4\n% Reisepass Haddad ${randomBytes(8).toString('hex')}\n%%EOF\n`);
    await store.put(k, seal(key, k, plain));
    expect(await rawKeys()).toContain(`lotse/documents/${k}`);

    const stored = await rawObject(`lotse/documents/${k}`);
    expect(stored.includes(plain.subarray(9))).toBe(false);
    expect(stored.subarray(0, 4).toString()).toBe('LTD1');
    expect(unseal(key, k, await store.get(k)).equals(plain)).toBe(true);
    // Another key, or the object read under another name, does not decrypt.
    expect(() => unseal(randomBytes(32), k, stored)).toThrow();
    expect(() => unseal(key, newKey(), stored)).toThrow();

    await store.remove(k);
    await expect(store.get(k)).rejects.toThrow();
    expect(await rawKeys()).not.toContain(`lotse/documents/${k}`);
    // Removing what is not there succeeds; nothing to clean up after interrupted writes.
    await expect(store.remove(k)).resolves.toBeUndefined();
    expect(await store.cleanup()).toBe(0);
  });

  it('refuses a key that is not a document key, before any request', async () => {
    await expect(store.put('../etc/passwd', Buffer.from('x'))).rejects.toThrow(/Invalid document key/);
    await expect(store.get(`${randomUUID()}/x`)).rejects.toThrow(/Invalid document key/);
  });

  it('acknowledges a put only when the server accepted it: wrong credentials or no server reject', async () => {
    const k = newKey();
    const forged = new S3DocumentStore({ ...settings, secretAccessKey: 'not-the-secret' });
    await expect(forged.put(k, Buffer.from('sealed'))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    forged.destroy();
    const gone = new S3DocumentStore({ ...settings, endpoint: 'http://127.0.0.1:1' });
    await expect(gone.put(k, Buffer.from('sealed'))).rejects.toThrow();
    gone.destroy();
    expect(await rawKeys()).not.toContain(`lotse/documents/${k}`);
  });

  it('lists the document keys written before a date, and nothing else in the bucket', async () => {
    const k = newKey();
    await store.put(k, Buffer.from('sealed'));
    const other = new S3DocumentStore({ ...settings, prefix: 'elsewhere/' });
    await other.put(newKey(), Buffer.from('sealed'));
    other.destroy();
    const listed = async (before: Date) => {
      const keys: string[] = [];
      for await (const x of store.list(before)) keys.push(x);
      return keys;
    };
    expect(await listed(new Date(Date.now() + 60_000))).toContain(k);
    expect(await listed(new Date(Date.now() - 60 * 60_000))).not.toContain(k);
    await store.remove(k);
  });
});

describe('configuration', () => {
  const s3 = {
    LOTSE_DOCUMENT_STORE: 's3',
    LOTSE_S3_ENDPOINT: 'http://minio.local:9000',
    LOTSE_S3_BUCKET: 'lotse',
    LOTSE_S3_ACCESS_KEY_ID: 'id',
    LOTSE_S3_SECRET_ACCESS_KEY: 'secret',
  };

  it('stores in the data folder unless LOTSE_DOCUMENT_STORE is s3', () => {
    expect(loadConfig({}).documentStore).toEqual({ kind: 'fs' });
    expect(loadConfig(s3).documentStore).toEqual({
      kind: 's3',
      s3: {
        endpoint: 'http://minio.local:9000',
        region: 'us-east-1',
        bucket: 'lotse',
        accessKeyId: 'id',
        secretAccessKey: 'secret',
        prefix: 'documents/',
      },
    });
    expect(documentStore(loadConfig(s3))).toBeInstanceOf(S3DocumentStore);
  });

  it('names each missing setting, and refuses a bad store or endpoint', () => {
    expect(() => loadConfig({ LOTSE_DOCUMENT_STORE: 's3' })).toThrow(
      /LOTSE_S3_BUCKET, LOTSE_S3_ACCESS_KEY_ID, LOTSE_S3_SECRET_ACCESS_KEY must be set/,
    );
    expect(() => loadConfig({ ...s3, LOTSE_S3_SECRET_ACCESS_KEY: '' })).toThrow(/LOTSE_S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ LOTSE_DOCUMENT_STORE: 'ftp' })).toThrow(/LOTSE_DOCUMENT_STORE/);
    expect(() => loadConfig({ ...s3, LOTSE_S3_ENDPOINT: 'minio' })).toThrow(/LOTSE_S3_ENDPOINT/);
  });
});

describe('an intake through the API with the S3 store', () => {
  let t: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'lotse-intake-s3-'));
    t = await testApp({
      dataDir,
      documentKey: key.toString('base64'),
      documentStore: { kind: 's3', s3: { ...settings, prefix: 'api/' } },
      login: { maxFailures: 5, lockMinutes: 15, ratePerMinute: 10_000 },
    });
  });
  afterAll(async () => {
    await t?.app.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('receives documents into the bucket, encrypted, and the receiving agency opens them', async () => {
    const m = await givenMunicipality(t.db, { sharing: 'registry' });
    const cookies: Partial<Record<Role, string>> = {};
    const call = async (who: Role, method: 'GET' | 'POST', url: string, payload?: object) => {
      cookies[who] ??= await signIn(t.app, m.users[who]);
      return t.app.inject({
        method,
        url,
        headers: { cookie: cookies[who] },
        ...(payload ? { payload } : {}),
      });
    };
    const person = await call('caseworker', 'POST', '/api/persons', {
      name: { givenNames: 'Rania', familyName: `Haddad${randomBytes(3).toString('hex')}` },
      dateOfBirth: '1991-02-03',
      placeOfBirth: 'Damaskus',
      languages: [{ code: 'ar' }],
      confirmNew: true,
    });
    expect(person.statusCode, person.body).toBe(201);
    const passport = Buffer.from(`%PDF-1.4\n% Reisepass ${randomBytes(8).toString('hex')}\n%%EOF\n`);
    const res = await call('front_desk', 'POST', '/api/intake', {
      personId: person.json().id,
      documents: [
        { fileName: 'pass.pdf', documentClass: 'passport', contentBase64: passport.toString('base64') },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const intake = res.json() as { id: string; reference: string; documents: { id: string }[] };
    expect(intake.reference).toMatch(/^E-\d{4}-\d{6}$/);
    const doc = intake.documents[0]!;

    // The file is in the bucket (under the prefix), sealed; nothing went to the data folder.
    const objectKey = `api/${m.municipality.id}/${intake.id}/${doc.id}`;
    const stored = await rawObject(objectKey);
    expect(stored.includes(Buffer.from('Reisepass'))).toBe(false);
    expect(unseal(key, objectKey.slice('api/'.length), stored).equals(passport)).toBe(true);
    await expect(fs.access(path.join(dataDir, 'documents', m.municipality.id))).rejects.toThrow();

    const receipt = await call('front_desk', 'GET', `/api/intake/intakes/${intake.id}/receipt`);
    expect(receipt.statusCode).toBe(200);
    const file = await call('caseworker', 'GET', `/api/intake/documents/${doc.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(passport)).toBe(true);

    // An object a crash left between PUT and commit (no row names it) is swept; the intake's file stays.
    const s3 = new S3DocumentStore({ ...settings, prefix: 'api/' });
    const orphan = `${m.municipality.id}/${randomUUID()}/${randomUUID()}`;
    await s3.put(orphan, seal(key, orphan, passport));
    // Younger than the sweep's age: kept (its upload may still be in its transaction).
    expect(await sweepOrphans(t.db, s3, new Date(Date.now() - 60 * 60_000))).toBe(0);
    expect(await sweepOrphans(t.db, s3, new Date(Date.now() + 60_000))).toBe(1);
    await expect(s3.get(orphan)).rejects.toThrow();
    expect(
      unseal(key, objectKey.slice('api/'.length), await s3.get(objectKey.slice(4))).equals(passport),
    ).toBe(true);
    s3.destroy();
  });

  it('a crash after the PUT of the second file: nothing acknowledged, no row, no object left', async () => {
    const m = await givenMunicipality(t.db, { sharing: 'open' });
    const staff = (username: string) => m.staff.get(username)!;
    const actor = (username: string, roles: Actor['roles']): Actor => ({
      staffId: staff(username).id,
      municipalityId: m.municipality.id,
      agencyId: staff(username).agencyId,
      roles,
      authMethod: 'password',
      sessionIdHash: 'test',
      requestId: randomUUID(),
    });
    const cookie = await signIn(t.app, m.users.caseworker);
    const person = await t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: { cookie },
      payload: {
        name: { givenNames: 'Amal', familyName: `S3${randomBytes(3).toString('hex')}` },
        confirmNew: true,
      },
    });
    expect(person.statusCode, person.body).toBe(201);
    const s3 = new S3DocumentStore({ ...settings, prefix: 'crash/' });
    let puts = 0;
    class Crash extends Error {}
    const crashing: DocumentVault = {
      key,
      store: {
        put: async (k, data) => {
          await s3.put(k, data);
          if (++puts === 2) throw new Crash('after PUT, before commit');
        },
        get: (k) => s3.get(k),
        remove: (k) => s3.remove(k),
        cleanup: () => s3.cleanup(),
        list: (before) => s3.list(before),
      },
    };
    const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(512)]).toString('base64');
    await expect(
      receiveDocuments(t.db, crashing, actor(m.users.front_desk, ['front_desk']), {
        personId: person.json().id,
        language: null,
        documents: [1, 2].map((i) => ({
          fileName: `scan-${i}.pdf`,
          documentClass: 'passport' as const,
          agencyId: null,
          note: '',
          contentBase64: pdf(),
        })),
      }),
    ).rejects.toBeInstanceOf(Crash);
    expect(await t.db.tenant(m.municipality.id, (tx) => repo.allStored(tx))).toEqual([]);
    // Both objects were written; the failed intake removed them, as no row names them.
    expect(puts).toBe(2);
    expect((await rawKeys()).filter((k) => k.startsWith(`crash/${m.municipality.id}/`))).toEqual([]);
    s3.destroy();
  });
});
