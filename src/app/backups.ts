import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../platform/config/index.ts';
import { type BackupTarget, backupDatabase } from '../platform/db/index.ts';
import { backupName, backupsBeyond, newestBackup, parseS3Url } from './backups.rules.ts';

/** Where a scheduled backup goes: a folder on this machine, or a bucket off it. */
export type BackupDestination = { dir: string } | { s3: string };

export interface ScheduledBackup {
  /** Folder path or `s3://bucket/key` of the new backup. */
  location: string;
  bytes: number;
  /** Older backups removed by retention, oldest first. */
  removed: string[];
}

type S3Settings = Partial<
  Pick<Config, 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY'>
>;

/**
 * One run of the scheduled backup: writes a backup named by the moment, then keeps the newest
 * `keep` scheduled backups at the destination. A failed backup removes nothing: retention runs only
 * after the new file is complete (written, or uploaded and acknowledged).
 */
export async function runScheduledBackup(
  target: BackupTarget,
  destination: BackupDestination,
  options: { keep: number; now: Date; s3?: S3Settings },
): Promise<ScheduledBackup> {
  backupsBeyond([], options.keep); // refuses a bad retention before any work
  const name = backupName(options.now);
  if ('dir' in destination) {
    mkdirSync(destination.dir, { recursive: true });
    const { bytes } = await backupDatabase(target, join(destination.dir, name));
    const removed = backupsBeyond(readdirSync(destination.dir), options.keep);
    for (const old of removed) rmSync(join(destination.dir, old));
    return { location: join(destination.dir, name), bytes, removed };
  }
  const { bucket, prefix } = parseS3Url(destination.s3);
  const staging = join(tmpdir(), `${name}.${process.pid}`);
  try {
    const { bytes } = await backupDatabase(target, staging);
    const { s3, client } = await s3ClientOf(options.s3 ?? {});
    try {
      const body = readFileSync(staging);
      await client.send(
        new s3.PutObjectCommand({
          Bucket: bucket,
          Key: `${prefix}${name}`,
          Body: body,
          ContentLength: body.byteLength,
          ContentType: 'application/octet-stream',
        }),
      );
      const names = await namesUnder(s3, client, bucket, prefix);
      const removed = backupsBeyond(names, options.keep);
      for (const old of removed) {
        await client.send(new s3.DeleteObjectCommand({ Bucket: bucket, Key: `${prefix}${old}` }));
      }
      return { location: `s3://${bucket}/${prefix}${name}`, bytes, removed };
    } finally {
      client.destroy();
    }
  } finally {
    rmSync(staging, { force: true });
  }
}

/** The S3 client of the deployment's S3_* settings (the SDK loaded on first use). */
async function s3ClientOf(settings: S3Settings) {
  const s3 = await import('@aws-sdk/client-s3');
  const client = new s3.S3Client({
    endpoint: settings.S3_ENDPOINT,
    region: settings.S3_REGION ?? 'us-east-1',
    forcePathStyle: true,
    ...(settings.S3_ACCESS_KEY_ID && settings.S3_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: settings.S3_ACCESS_KEY_ID,
            secretAccessKey: settings.S3_SECRET_ACCESS_KEY,
          },
        }
      : {}),
  });
  return { s3, client };
}

type S3 = Awaited<ReturnType<typeof s3ClientOf>>;

/** The names of the objects under a prefix (the prefix cut off), every page of the listing. */
async function namesUnder(s3: S3['s3'], client: S3['client'], bucket: string, prefix: string) {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new s3.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) names.push((object.Key ?? '').slice(prefix.length));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return names;
}

/**
 * Fetches a backup `opsdesk backup --to s3://…` wrote, for `opsdesk restore`: `s3://bucket/key` is
 * that object; `s3://bucket/prefix/` (ending in `/`) is the newest scheduled backup under it. Written
 * to `file`; answers the object it read.
 */
export async function fetchS3Backup(url: string, file: string, settings: S3Settings): Promise<string> {
  const { bucket, prefix } = parseS3Url(url);
  const { s3, client } = await s3ClientOf(settings);
  try {
    let key = prefix.replace(/\/$/, '');
    if (url.endsWith('/') || key === '') {
      const newest = newestBackup(await namesUnder(s3, client, bucket, prefix));
      if (!newest) throw new Error(`no backup written by opsdesk backup under ${url}`);
      key = `${prefix}${newest}`;
    }
    const answer = await client.send(new s3.GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!answer.Body) throw new Error(`s3://${bucket}/${key} has no content`);
    writeFileSync(file, await answer.Body.transformToByteArray());
    return `s3://${bucket}/${key}`;
  } finally {
    client.destroy();
  }
}
