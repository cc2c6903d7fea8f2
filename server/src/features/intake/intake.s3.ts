import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3StoreConfig } from '../../config';
import { type DocumentStore, assertDocumentKey, isDocumentKey } from './intake.storage';

/**
 * The S3-compatible store (AWS S3, MinIO, Ceph RGW, …) for larger installations: one object per document under
 * `<prefix><municipality>/<intake>/<document>`, holding the sealed (encrypted) bytes exactly as the filesystem
 * store holds them; the bucket never sees a plaintext.
 *
 * Durability: a PutObject is atomic (the object appears whole under its key or not at all) and answered with 200
 * only once the store has it durably, so `put` writes straight to the final key and resolves only on that answer;
 * the intake's rows are committed, and the receipt offered, after `put` resolved. The bytes carry Content-MD5, so
 * a store that received other bytes refuses them instead of answering 200. A crash between the PUT and the commit
 * leaves an object that no row names and nobody was given a receipt for: harmless, and removed later by
 * `sweepOrphans` (intake.service.ts). There are no temporary objects (no multipart uploads: a file is at most
 * 10 MB), so `cleanup` has nothing to do.
 *
 * Compatibility: path-style addressing (`<endpoint>/<bucket>/<key>`) at a configurable endpoint, and checksums
 * only where an operation requires them (the SDK's newer default CRC32 checksums are not understood by every
 * S3-compatible server); integrity is Content-MD5 on upload and the seal's authentication tag on every read.
 */
export class S3DocumentStore implements DocumentStore {
  readonly prefix: string;

  constructor(
    private readonly settings: S3StoreConfig,
    private readonly client: S3Client = s3Client(settings),
  ) {
    const p = settings.prefix.replace(/^\/+/, '');
    this.prefix = p === '' || p.endsWith('/') ? p : `${p}/`;
  }

  private objectKey(key: string): string {
    assertDocumentKey(key);
    return `${this.prefix}${key}`;
  }

  async put(key: string, data: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.objectKey(key),
        Body: data,
        ContentLength: data.length,
        ContentMD5: createHash('md5').update(data).digest('base64'),
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    const res = await this.client.send(
      new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
    );
    if (!res.Body) throw new Error(`Stored document ${key} has no content`);
    return Buffer.from(await res.Body.transformToByteArray());
  }

  async remove(key: string): Promise<void> {
    // Deleting a key that is not there succeeds (as `rm --force` does for the filesystem store).
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
    );
  }

  async cleanup(): Promise<number> {
    // A PUT that was interrupted left nothing under any key: nothing to remove.
    return 0;
  }

  async *list(before: Date): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.settings.bucket,
          Prefix: this.prefix,
          ContinuationToken: token,
        }),
      );
      for (const o of page.Contents ?? []) {
        const key = o.Key?.slice(this.prefix.length);
        if (key && isDocumentKey(key) && o.LastModified && o.LastModified < before) yield key;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Closes the client's connections. */
  destroy(): void {
    this.client.destroy();
  }
}

/** A client for an S3-compatible server: path-style, the configured endpoint, checksums only where required. */
export function s3Client(settings: S3StoreConfig): S3Client {
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
}
