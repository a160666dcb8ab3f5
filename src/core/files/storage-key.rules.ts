import { resolve, sep } from 'node:path';
import { FilesErrors } from './files.errors.ts';

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const MAX_KEY_LENGTH = 512;

/**
 * Checks that a storage key is a plain relative path: `/`-separated segments of letters, digits,
 * `.`, `_` and `-`, none starting with a dot (so no `.`, `..` or hidden files), no backslashes, no
 * leading or trailing slash. Every driver uses the same rule, so keys move between drivers.
 */
export function storageKeySegments(key: string): string[] {
  const segments = key.split('/');
  const safe = key.length > 0 && key.length <= MAX_KEY_LENGTH && segments.every((s) => SEGMENT.test(s));
  if (!safe) throw FilesErrors.invalid_storage_key({ key: key.slice(0, 100) });
  return segments;
}

/**
 * Where a key lives under a local root folder. The key rule already rules out traversal; the
 * resolved path is checked to stay under the root anyway (defence in depth).
 */
export function keyToPath(root: string, key: string): string {
  const base = resolve(root);
  const path = resolve(base, ...storageKeySegments(key));
  if (!path.startsWith(base + sep)) throw FilesErrors.invalid_storage_key({ key });
  return path;
}

/** The key of a new file: organization, year and month (to keep folders small), then the file id. */
export function storageKeyFor(input: { orgId: string; fileId: string; at: Date }): string {
  const year = input.at.getUTCFullYear();
  const month = String(input.at.getUTCMonth() + 1).padStart(2, '0');
  return `${input.orgId}/${year}/${month}/${input.fileId}`;
}
