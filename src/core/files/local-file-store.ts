import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FileStore } from './file-store.ts';
import { FilesErrors } from './files.errors.ts';
import { keyToPath } from './storage-key.rules.ts';

const isMissing = (err: unknown) => (err as { code?: string }).code === 'ENOENT';

/**
 * Files in a local folder (default `<OPSDESK_DATA_DIR>/files`). A put writes a temporary file and
 * renames it into place, so a reader never sees half a file.
 */
export function createLocalFileStore(root: string): FileStore {
  const base = resolve(root);
  return {
    kind: 'local',
    async put(key, body) {
      const path = keyToPath(base, key);
      await mkdir(dirname(path), { recursive: true });
      const partial = `${path}.${randomUUID()}.part`;
      try {
        if (body instanceof Uint8Array) await writeFile(partial, body, { flag: 'wx' });
        else await pipeline(body, createWriteStream(partial, { flags: 'wx' }));
        await rename(partial, path);
      } catch (err) {
        await rm(partial, { force: true });
        throw err;
      }
    },
    async get(key) {
      try {
        const handle = await open(keyToPath(base, key), 'r');
        return handle.createReadStream();
      } catch (err) {
        if (isMissing(err)) throw FilesErrors.file_content_missing({ key });
        throw err;
      }
    },
    async delete(key) {
      await rm(keyToPath(base, key), { force: true });
    },
    async exists(key) {
      try {
        return (await stat(keyToPath(base, key))).isFile();
      } catch (err) {
        if (isMissing(err)) return false;
        throw err;
      }
    },
  };
}
