/**
 * The part of platform/ids that holds no Node built-in, so code the browser bundles (the pass codec the
 * scanner carries, the console) reads the one UUID pattern the server checks ids with.
 */

/** A UUID written out, 8-4-4-4-12 lower-case hex digits, unanchored: to build a pattern that holds one. */
export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * A UUID written out (either case), as ids reach us in paths, queries and references: check it before a
 * lookup so that another string never meets a uuid column (a 500).
 */
export const UUID_PATTERN = new RegExp(`^${UUID_SOURCE}$`, 'i');

/** True when `value` is a UUID written out (see `UUID_PATTERN`). */
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID_PATTERN.test(value);

/** Every UUID written out in `text` (either case), in order of appearance. */
export const uuidsIn = (text: string): string[] => text.match(new RegExp(UUID_SOURCE, 'gi')) ?? [];
