import type { Readable } from 'node:stream';

/**
 * Where file bytes live. Keys are relative paths checked by `storageKeySegments`; `get` of a missing
 * key throws `file_content_missing`, `delete` of one does nothing.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  put(key: string, body: Uint8Array | Readable, contentType: string): Promise<void>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}
