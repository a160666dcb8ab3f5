import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/index.ts';
import { createLocalFileStore } from './local-file-store.ts';

const root = mkdtempSync(join(tmpdir(), 'opsdesk-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('local file store', () => {
  const store = createLocalFileStore(join(root, 'files'));

  it('puts bytes and streams, gets them back, and deletes them', async () => {
    await store.put('org/2026/11/a', Buffer.from('hello'), 'text/plain');
    await store.put('org/2026/11/b', Readable.from([Buffer.from('str'), Buffer.from('eam')]), 'text/plain');
    expect((await buffer(await store.get('org/2026/11/a'))).toString()).toBe('hello');
    expect((await buffer(await store.get('org/2026/11/b'))).toString()).toBe('stream');
    expect(await store.exists('org/2026/11/a')).toBe(true);
    await store.delete('org/2026/11/a');
    await store.delete('org/2026/11/a');
    expect(await store.exists('org/2026/11/a')).toBe(false);
    expect(readdirSync(join(root, 'files', 'org', '2026', '11'))).toEqual(['b']);
  });

  it('answers file_content_missing for a key that holds nothing', async () => {
    const err = await store.get('org/none').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('files.file_content_missing');
  });

  it('never writes or reads outside its folder', async () => {
    await expect(store.put('../escape', Buffer.from('x'), 'text/plain')).rejects.toThrow(/storage key/);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/storage key/);
    await expect(store.exists('a/../../b')).rejects.toThrow(/storage key/);
    expect(readdirSync(root)).toEqual(['files']);
  });
});
