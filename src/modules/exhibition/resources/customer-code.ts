import type { SqlBool } from 'kysely';
import type { ResourceColumn } from '../../../core/resources/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { CUSTOMER_CODE_LENGTH } from '../customers.ts';

/**
 * The customer code column of a list, shown as printed on the pass and in every e-mail and PDF
 * (`ABCD-2345`); a filter or a search typed with or without the hyphen, in any case, finds it (the
 * search by the stored code's unique index, so a bill search matches a code too).
 */
export function customerCodeColumn(extra: Partial<ResourceColumn> = {}): ResourceColumn {
  const stored = 'exhibition_customer.code';
  return {
    name: 'code',
    sql: `substr(${stored}, 1, 4) || '-' || substr(${stored}, 5)`,
    type: 'text',
    label: 'exhibition.fields.code',
    filter: 'eq',
    eqSql: (value) =>
      sql`${sql.raw(stored)} = upper(regexp_replace(${value}::text, '[^0-9A-Za-z]', '', 'g'))`,
    searchExactSql: (word) => {
      const code = word.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
      return code.length === CUSTOMER_CODE_LENGTH ? sql<SqlBool>`${sql.raw(stored)} = ${code}` : null;
    },
    ...extra,
  };
}
