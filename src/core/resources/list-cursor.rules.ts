import { invalidQuery } from './resources.errors.ts';

/** Where a keyset page starts: after the record with this sort value (text; null sorts apart) and id. */
export interface ListCursor {
  value: string | null;
  id: string;
}

export const MAX_CURSOR = 2000;

/**
 * The `nextCursor` of a page: opaque to clients (base64url of JSON), it names the sort it was
 * made for, so a cursor reused after the sort changed is refused instead of skipping records.
 */
export function encodeCursor(sort: string, order: 'asc' | 'desc', at: ListCursor): string {
  return Buffer.from(JSON.stringify([sort, order, at.value, at.id])).toString('base64url');
}

export function decodeCursor(raw: string, sort: string, order: 'asc' | 'desc'): ListCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const ok =
    Array.isArray(parsed) &&
    parsed.length === 4 &&
    typeof parsed[0] === 'string' &&
    (parsed[1] === 'asc' || parsed[1] === 'desc') &&
    (parsed[2] === null || typeof parsed[2] === 'string') &&
    typeof parsed[3] === 'string' &&
    parsed[3].length > 0;
  if (!ok) throw invalidQuery('cursor', 'is not a cursor of this list', 'the nextCursor of a previous page');
  const [cursorSort, cursorOrder, value, id] = parsed as [string, string, string | null, string];
  if (cursorSort !== sort || cursorOrder !== order)
    throw invalidQuery(
      'cursor',
      `was made for sort=${cursorSort}&order=${cursorOrder}, not sort=${sort}&order=${order}`,
      'the nextCursor of a page with the same sort and order',
    );
  return { value, id };
}
