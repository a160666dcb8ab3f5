import { type SqlBool, sql } from 'kysely';
import type { ResourceColumn } from '../resources/index.ts';

/**
 * A payment's or a refund's reference as a person quotes it over the phone or reads it off a receipt:
 * the first eight hex digits of its id, grouped and in capitals (`3F2B-8C1E`). The id itself stays
 * where machines read it (URLs, the API, a PDF's properties); the lists find a record by either.
 */
export function shortReference(id: string): string {
  const hex = id.replace(/-/g, '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}

/**
 * The reference as a list column of `table` (whose key is a uuid `id`): shown as printed, and a
 * search for it typed with or without its hyphen, in any case, finds the record through its key's
 * index (every id that begins with those eight digits).
 */
export function shortReferenceColumn(table: string, label: string): ResourceColumn {
  const id = `${table}.id`;
  return {
    name: 'reference',
    sql: `upper(substr(${id}::text, 1, 4) || '-' || substr(${id}::text, 5, 4))`,
    type: 'text',
    label,
    searchExactSql: (word) => {
      const hex = word.replace(/[^0-9A-Za-z]/g, '').toLowerCase();
      if (!/^[0-9a-f]{8}$/.test(hex)) return null;
      const from = `${hex}-0000-0000-0000-000000000000`;
      const to = `${hex}-ffff-ffff-ffff-ffffffffffff`;
      return sql<SqlBool>`${sql.raw(id)} between ${from}::uuid and ${to}::uuid`;
    },
  };
}
