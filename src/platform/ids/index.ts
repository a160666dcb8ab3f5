import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A new random UUID (v4); primary keys are generated in the database unless a caller needs the id first. */
export const newId = (): string => randomUUID();

/** A URL-safe random secret with `bytes` of entropy (session ids, API tokens, CSRF tokens). */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** SHA-256 hex of a secret; secrets are stored only as hashes. */
export const sha256Hex = (input: string | Buffer): string => createHash('sha256').update(input).digest('hex');

export { isUuid, UUID_PATTERN, UUID_SOURCE, uuidsIn } from './browser.ts';
