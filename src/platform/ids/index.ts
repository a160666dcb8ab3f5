import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A new random UUID (v4); primary keys are generated in the database unless a caller needs the id first. */
export const newId = (): string => randomUUID();

/** A URL-safe random secret with `bytes` of entropy (session ids, API tokens, CSRF tokens). */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** SHA-256 hex of a secret; secrets are stored only as hashes. */
export const sha256Hex = (input: string | Buffer): string => createHash('sha256').update(input).digest('hex');

/**
 * A UUID written out (8-4-4-4-12 hex digits, either case), as ids reach us in paths, queries and
 * references: check it before a lookup so that another string never meets a uuid column (a 500).
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is a UUID written out (see `UUID_PATTERN`). */
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);
