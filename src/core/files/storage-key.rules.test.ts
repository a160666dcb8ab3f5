import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/index.ts';
import { keyToPath, storageKeyFor, storageKeySegments } from './storage-key.rules.ts';

describe('storage keys', () => {
  it('maps a key to a path under the root', () => {
    expect(keyToPath('/data/files', 'org-1/2026/11/abc.png')).toBe(
      join('/data/files', 'org-1', '2026', '11', 'abc.png'),
    );
    expect(keyToPath('relative/files', 'a')).toBe(resolve('relative/files', 'a'));
  });

  it.each([
    '../etc/passwd',
    'a/../../etc/passwd',
    'a/./b',
    '..',
    '.hidden',
    '/etc/passwd',
    'a//b',
    'a/',
    'a\\..\\b',
    'C:/windows',
    'a/b\0c',
    'ünïcode',
    '',
    `${'a/'.repeat(300)}a`,
  ])('refuses the unsafe key %j', (key) => {
    expect(() => keyToPath('/data/files', key)).toThrow(AppError);
    expect(() => storageKeySegments(key)).toThrow(/storage key/);
  });

  it('names new files by organization, month and id', () => {
    const key = storageKeyFor({
      orgId: '4f6a0c2e-0000-4000-8000-000000000001',
      fileId: '9b1d-id',
      at: new Date('2026-03-31T23:59:59Z'),
    });
    expect(key).toBe('4f6a0c2e-0000-4000-8000-000000000001/2026/03/9b1d-id');
    expect(storageKeySegments(key)).toHaveLength(4);
  });
});
