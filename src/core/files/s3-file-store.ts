import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type * as S3 from '@aws-sdk/client-s3';
import { OUTSIDE_CALL_TIMEOUTS_MS } from '../../platform/config/index.ts';
import type { FileStore } from './file-store.ts';
import { FilesErrors } from './files.errors.ts';
import { storageKeySegments } from './storage-key.rules.ts';

export interface S3FileStoreOptions {
  /** Any S3-compatible endpoint (MinIO, R2, Wasabi...); AWS when absent. */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Both or neither; neither uses the SDK's default credential chain. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Bounded time of each request (`outsideCallTimeoutMs(config, 's3')`). */
  timeoutMs?: number;
}

type S3Sdk = { s3: typeof S3; client: S3.S3Client };

const isNotFound = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

/**
 * Files in an S3-compatible bucket, addressed path-style (`<endpoint>/<bucket>/<key>`), which every
 * S3-compatible server understands. A stream is read into memory before the upload: PutObject needs
 * its length, and uploads are capped well below a size where that matters. The AWS SDK is loaded on
 * first use, so installs on the local store never pay for loading it.
 */
export function createS3FileStore(options: S3FileStoreOptions): FileStore {
  let sdk: Promise<S3Sdk> | undefined;
  const connect = () => {
    sdk ??= import('@aws-sdk/client-s3').then((s3) => ({
      s3,
      client: new s3.S3Client({
        endpoint: options.endpoint,
        region: options.region,
        forcePathStyle: true,
        // The SDK waits forever by default: bound the connection and each answer.
        requestHandler: {
          connectionTimeout: options.timeoutMs ?? OUTSIDE_CALL_TIMEOUTS_MS.s3,
          requestTimeout: options.timeoutMs ?? OUTSIDE_CALL_TIMEOUTS_MS.s3,
        },
        ...(options.accessKeyId && options.secretAccessKey
          ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
          : {}),
      }),
    }));
    return sdk;
  };
  const Bucket = options.bucket;
  const checked = (key: string) => {
    storageKeySegments(key);
    return key;
  };
  return {
    kind: 's3',
    async put(key, body, contentType) {
      const { s3, client } = await connect();
      const bytes = body instanceof Uint8Array ? body : await buffer(body);
      await client.send(
        new s3.PutObjectCommand({
          Bucket,
          Key: checked(key),
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.byteLength,
        }),
      );
    },
    async get(key) {
      const { s3, client } = await connect();
      try {
        const out = await client.send(new s3.GetObjectCommand({ Bucket, Key: checked(key) }));
        if (!(out.Body instanceof Readable)) throw new Error('S3 answered GetObject without a body stream');
        return out.Body;
      } catch (err) {
        if (isNotFound(err)) throw FilesErrors.file_content_missing({ key });
        throw err;
      }
    },
    async delete(key) {
      const { s3, client } = await connect();
      await client.send(new s3.DeleteObjectCommand({ Bucket, Key: checked(key) }));
    },
    async exists(key) {
      const { s3, client } = await connect();
      try {
        await client.send(new s3.HeadObjectCommand({ Bucket, Key: checked(key) }));
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    },
  };
}
