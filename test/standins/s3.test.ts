import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Standin, startS3Standin } from './s3.ts';

let s3: S3Standin;
let client: S3Client;
beforeAll(async () => {
  s3 = await startS3Standin();
  client = new S3Client({
    endpoint: s3.url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: 'standin-secret' },
  });
});
afterAll(async () => {
  client.destroy();
  await s3.close();
});

describe('S3 stand-in driven by @aws-sdk/client-s3', () => {
  it('stores, heads, reads and deletes an object on a path-style URL', async () => {
    const body = Buffer.from('receipt bytes \u00e9');
    await client.send(
      new PutObjectCommand({
        Bucket: 'opsdesk',
        Key: 'org/2026/11/a b.txt',
        Body: body,
        ContentType: 'text/plain',
      }),
    );
    const put = s3.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/opsdesk/org/2026/11/a%20b.txt');
    expect(String(put.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=standin-key\//);

    const head = await client.send(new HeadObjectCommand({ Bucket: 'opsdesk', Key: 'org/2026/11/a b.txt' }));
    expect(head).toMatchObject({ ContentLength: body.length, ContentType: 'text/plain' });
    const got = await client.send(new GetObjectCommand({ Bucket: 'opsdesk', Key: 'org/2026/11/a b.txt' }));
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(body);

    await client.send(new DeleteObjectCommand({ Bucket: 'opsdesk', Key: 'org/2026/11/a b.txt' }));
    expect(s3.objects.size).toBe(0);
  });

  it('answers NoSuchKey, NotFound and NoSuchBucket the way S3 does', async () => {
    await expect(
      client.send(new GetObjectCommand({ Bucket: 'opsdesk', Key: 'missing' })),
    ).rejects.toMatchObject({
      name: 'NoSuchKey',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      client.send(new HeadObjectCommand({ Bucket: 'opsdesk', Key: 'missing' })),
    ).rejects.toMatchObject({
      name: 'NotFound',
    });
    await expect(client.send(new GetObjectCommand({ Bucket: 'other', Key: 'x' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
  });

  it('refuses requests without a SigV4 Authorization header, or with an unknown key id', async () => {
    const anonymous = await fetch(`${s3.url}/opsdesk/x`, { method: 'PUT', body: 'x' });
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toContain('<Code>AccessDenied</Code>');
    const stranger = new S3Client({
      endpoint: s3.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'someone-else', secretAccessKey: 'x' },
    });
    try {
      await expect(
        stranger.send(new PutObjectCommand({ Bucket: 'opsdesk', Key: 'x', Body: 'x' })),
      ).rejects.toMatchObject({
        name: 'InvalidAccessKeyId',
      });
    } finally {
      stranger.destroy();
    }
    expect(s3.objects.has('opsdesk/x')).toBe(false);
  });

  it('lists the keys under a prefix in pages, as ListObjectsV2 does', async () => {
    for (const key of ['backups/b.dump', 'backups/a.dump', 'backups/c.dump', 'other/x.dump']) {
      await client.send(new PutObjectCommand({ Bucket: 'opsdesk', Key: key, Body: Buffer.from(key) }));
    }
    const first = await client.send(
      new ListObjectsV2Command({ Bucket: 'opsdesk', Prefix: 'backups/', MaxKeys: 2 }),
    );
    expect(first.Contents?.map((o) => [o.Key, o.Size])).toEqual([
      ['backups/a.dump', 14],
      ['backups/b.dump', 14],
    ]);
    expect(first.IsTruncated).toBe(true);
    const rest = await client.send(
      new ListObjectsV2Command({
        Bucket: 'opsdesk',
        Prefix: 'backups/',
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(rest.Contents?.map((o) => o.Key)).toEqual(['backups/c.dump']);
    expect(rest.IsTruncated).toBe(false);
    s3.objects.clear();
  });
});
