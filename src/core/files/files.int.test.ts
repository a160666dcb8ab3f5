import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Standin } from '../../../test/standins/s3.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/test-app.ts';
import { testConfig } from '../../platform/config/index.ts';
import { sha256Hex } from '../../platform/ids/index.ts';
import type { AuditTables } from '../audit/index.ts';
import { findOrganizationBySlug } from '../orgs/index.ts';
import { createFileStore, openFile, storeFile } from './index.ts';

let app: TestApp;
const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-files-int-'));
const png = PNG.sync.write(new PNG({ width: 3, height: 2 }));
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);

beforeAll(async () => {
  app = await startTestApp({ env: { OPSDESK_DATA_DIR: dataDir } });
  await app.createStaff({ email: 'ops@files.example', role: 'ops' });
  await app.createStaff({ email: 'viewer@files.example', role: 'viewer' });
  await app.createOrg('files-other', 'owner@files-other.example');
});
afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Signs in and uploads multipart bodies the way a browser's FormData does. */
async function uploader(email: string, org?: string) {
  const login = await app.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: TEST_PASSWORD, ...(org ? { org } : {}) },
  });
  const cookie = `opsdesk_session=${login.cookies.find((c) => c.name === 'opsdesk_session')!.value}`;
  const auth = { cookie, 'x-csrf-token': login.json().csrfToken as string };
  return {
    raw: (headers: Record<string, string>, payload: Buffer | string) =>
      app.http.inject({ method: 'POST', url: '/api/files', headers: { ...auth, ...headers }, payload }),
    async send(form: FormData, headers: Record<string, string> = {}) {
      const request = new Request('http://local/', { method: 'POST', body: form });
      const payload = Buffer.from(await request.arrayBuffer());
      return this.raw({ 'content-type': request.headers.get('content-type')!, ...headers }, payload);
    },
    upload(
      bytes: Uint8Array,
      name: string,
      opts: { type?: string; purpose?: string; headers?: Record<string, string> } = {},
    ) {
      const form = new FormData();
      if (opts.purpose) form.set('purpose', opts.purpose);
      form.set(
        'file',
        new Blob([Buffer.from(bytes)], { type: opts.type ?? 'application/octet-stream' }),
        name,
      );
      return this.send(form, opts.headers);
    },
    get: (url: string) => app.http.inject({ method: 'GET', url, headers: auth }),
  };
}

describe('POST /api/files', () => {
  it('stores a PNG renamed to .pdf as image/png and serves it back with that type', async () => {
    const ops = await uploader('ops@files.example');
    const res = await ops.upload(png, 'C:\\fakepath\\proof.pdf', {
      type: 'application/pdf',
      purpose: 'payment_proof',
    });
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({
      contentType: 'image/png',
      originalName: 'proof.pdf',
      purpose: 'payment_proof',
      sizeBytes: png.length,
      sha256: sha256Hex(png),
      duplicateOf: [],
      uploadedBy: { type: 'user', label: 'ops@files.example' },
    });
    expect((await ops.get(`/api/files/${file.id}`)).json()).toMatchObject({
      id: file.id,
      contentType: 'image/png',
    });

    const content = await ops.get(`/api/files/${file.id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload).toEqual(png);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.headers['content-disposition']).toBe(
      `inline; filename="proof.pdf"; filename*=UTF-8''proof.pdf`,
    );
    const download = await ops.get(`/api/files/${file.id}/content?download=true`);
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('serves an uploaded PDF carrying JavaScript as a download under a CSP that runs nothing; an image stays inline', async () => {
    const ops = await uploader('ops@files.example');
    // A PDF whose open action runs JavaScript: shown inline, it would run as a page of this origin.
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj\n' +
        '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
        "3 0 obj << /S /JavaScript /JS (app.alert('x')) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    );
    const uploaded = await ops.upload(pdf, 'proof.pdf', { type: 'application/pdf' });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json().contentType).toBe('application/pdf');
    const served = await ops.get(`/api/files/${uploaded.json().id}/content`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-disposition']).toBe(
      `attachment; filename="proof.pdf"; filename*=UTF-8''proof.pdf`,
    );
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toBe(
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    );

    const image = await ops.upload(PNG.sync.write(new PNG({ width: 5, height: 5 })), 'receipt.png');
    const shown = await ops.get(`/api/files/${image.json().id}/content`);
    expect(shown.headers['content-disposition']).toMatch(/^inline; /);
    expect(shown.headers['content-security-policy']).toContain('sandbox');
  });

  it('flags a second upload of the same bytes as a duplicate of the first', async () => {
    const ops = await uploader('ops@files.example');
    const bytes = PNG.sync.write(new PNG({ width: 7, height: 7 }));
    const first = (await ops.upload(bytes, 'receipt.png')).json();
    const second = (await ops.upload(bytes, 'receipt-again.png')).json();
    const third = (await ops.upload(bytes, 'receipt-3.png')).json();
    expect(first.duplicateOf).toEqual([]);
    expect(second.duplicateOf).toEqual([first.id]);
    expect(third.duplicateOf.sort()).toEqual([first.id, second.id].sort());
  });

  it('names at most the 20 oldest earlier copies, in the answer and its audit event', async () => {
    const ops = await uploader('ops@files.example');
    const bytes = PNG.sync.write(new PNG({ width: 9, height: 9 }));
    const ids: string[] = [];
    for (let i = 0; i < 22; i++) ids.push((await ops.upload(bytes, `copy-${i}.png`)).json().id);
    const last = (await ops.upload(bytes, 'copy-22.png')).json();
    expect(last.duplicateOf).toEqual(ids.slice(0, 20));
    const audit = await app.database.db
      .withTables<AuditTables>()
      .selectFrom('audit_event')
      .select('after')
      .where('action', '=', 'files.file.stored')
      .where('subject_id', '=', last.id)
      .executeTakeFirstOrThrow();
    expect((audit.after as { duplicateOf: string[] }).duplicateOf).toHaveLength(20);
  });

  it('refuses an .exe whatever it is called, naming what was found and what is accepted', async () => {
    const ops = await uploader('ops@files.example');
    const res = await ops.upload(exe, 'photo.png', { type: 'image/png' });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'files.file_type_not_allowed',
      details: {
        detected: 'application/x-msdownload',
        allowed: ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'],
      },
    });
    expect(res.json().detail).toContain('application/x-msdownload');
  });

  it('refuses a file over the limit with a 413 naming the limit', async () => {
    const ops = await uploader('ops@files.example');
    const res = await ops.upload(Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]), 'huge.png');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: 'files.file_too_large',
      details: { maxBytes: 10 * 1024 * 1024 },
    });
    expect(res.json().detail).toContain('10 MB');
  });

  it('answers a retried upload with the same Idempotency-Key with the first file', async () => {
    const ops = await uploader('ops@files.example');
    const bytes = PNG.sync.write(new PNG({ width: 5, height: 1 }));
    const headers = { 'idempotency-key': 'upload-42' };
    const first = (await ops.upload(bytes, 'once.png', { headers })).json();
    const again = (await ops.upload(bytes, 'once.png', { headers })).json();
    expect(again.id).toBe(first.id);
  });

  it('refuses a body without a file part, an empty file, a JSON body, and viewers', async () => {
    const ops = await uploader('ops@files.example');
    const form = new FormData();
    form.set('purpose', 'payment_proof');
    const noFile = await ops.send(form);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'file' }] });
    expect((await ops.upload(new Uint8Array(0), 'empty.png')).json().code).toBe('files.file_empty');
    const badPurpose = await ops.upload(png, 'p.png', { purpose: '../etc' });
    expect(badPurpose.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'purpose' }] });
    const json = await ops.raw({ 'content-type': 'application/json' }, '{"file":"x"}');
    expect(json.statusCode).toBe(415);
    const viewer = await uploader('viewer@files.example');
    const refused = await viewer.upload(png, 'x.png');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details).toEqual({ permission: 'files.file.create' });
  });

  it('keeps organizations apart: another organization cannot read a file by id', async () => {
    const ops = await uploader('ops@files.example');
    const file = (await ops.upload(png, 'mine.png')).json();
    const other = await uploader('owner@files-other.example', 'files-other');
    const meta = await other.get(`/api/files/${file.id}`);
    expect(meta.statusCode).toBe(404);
    expect(meta.json().code).toBe('files.file_not_found');
    expect((await other.get(`/api/files/${file.id}/content`)).statusCode).toBe(404);
    const viewer = await uploader('viewer@files.example');
    expect((await viewer.get(`/api/files/${file.id}/content`)).statusCode).toBe(200);
  });
});

describe('storeFile', () => {
  it('refuses bytes over maxBytes before storing anything', async () => {
    const orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
    const ctx = app.deps.systemCtx(orgId, 'test');
    const store = createFileStore(testConfig({ OPSDESK_DATA_DIR: dataDir }));
    const err = await storeFile(ctx, store, {
      bytes: png,
      originalName: 'p.png',
      purpose: 'payment_proof',
      allowedTypes: ['image/*'],
      maxBytes: 10,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'files.file_too_large',
      status: 413,
      details: { maxBytes: 10, sizeBytes: png.length },
    });
  });
});

describe('S3 driver', () => {
  it('round-trips bytes and streams through an S3-compatible server with the real AWS client', async () => {
    const s3 = await startS3Standin({ buckets: ['proofs'], accessKeyId: 'AKIDOPSDESK' });
    try {
      const config = testConfig({
        OPSDESK_DATA_DIR: dataDir,
        S3_ENDPOINT: s3.url,
        S3_BUCKET: 'proofs',
        S3_ACCESS_KEY_ID: 'AKIDOPSDESK',
        S3_SECRET_ACCESS_KEY: 'secret',
      });
      const store = createFileStore(config);
      expect(store.kind).toBe('s3');
      await store.put('org/2026/11/a', png, 'image/png');
      await store.put(
        'org/2026/11/b',
        Readable.from([Buffer.from('chunk one, '), Buffer.from('chunk two')]),
        'text/plain',
      );
      expect(await buffer(await store.get('org/2026/11/a'))).toEqual(png);
      expect((await buffer(await store.get('org/2026/11/b'))).toString()).toBe('chunk one, chunk two');
      expect(s3.objects.get('proofs/org/2026/11/a')?.contentType).toBe('image/png');
      expect(await store.exists('org/2026/11/a')).toBe(true);
      await store.delete('org/2026/11/a');
      expect(await store.exists('org/2026/11/a')).toBe(false);
      await expect(store.get('org/2026/11/a')).rejects.toMatchObject({ code: 'files.file_content_missing' });
      await expect(store.put('../x', png, 'image/png')).rejects.toThrow(/storage key/);

      const orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
      const ctx = app.deps.systemCtx(orgId, 'test');
      const stored = await storeFile(ctx, store, {
        bytes: png,
        originalName: 'proof.png',
        purpose: 'payment_proof',
        allowedTypes: ['image/*'],
        maxBytes: 1024,
      });
      const key = [...s3.objects.keys()].find((k) => k.endsWith(`/${stored.id}`));
      expect(key).toMatch(new RegExp(`^proofs/${orgId}/\\d{4}/\\d{2}/${stored.id}$`));
      const opened = await openFile(ctx, store, stored.id);
      expect(await buffer(opened.content)).toEqual(png);
      expect(s3.requests.every((r) => String(r.headers.authorization).startsWith('AWS4-HMAC-SHA256 '))).toBe(
        true,
      );
    } finally {
      await s3.close();
    }
  });
});
