import pg from 'pg';
import { parse as parseConnectionString } from 'pg-connection-string';
import { invalidSource } from './imports.errors.ts';
import type { ImportSource, SourceModel, SourceRecord } from './imports.types.ts';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const DATE_OID = 1082;
const TIMESTAMP_OID = 1114;

/** Django's table of a model: `mess.student` → `mess_student` (the default `db_table`). */
export function djangoTable(model: string): string {
  const table = model.replace('.', '_');
  if (!IDENTIFIER.test(table))
    throw invalidSource('model', `${model} is not a Django model name`, 'app_label.model');
  return table;
}

/** The table a model is read from: the one it declares (a non-Django original), else Django's. */
export function sourceTable(model: SourceModel): { name: string; pk: string } {
  if (!model.table) return { name: djangoTable(model.model), pk: 'id' };
  const { name, pk = 'id' } = model.table;
  for (const [what, identifier] of [
    ['table', name],
    ['primary key', pk],
  ] as const)
    if (!IDENTIFIER.test(identifier))
      throw invalidSource(
        'model',
        `${model.model}: ${identifier} is not a table's ${what}`,
        'a plain SQL name',
      );
  return { name, pk };
}

/**
 * A row as a dumpdata record: the primary key column is the pk. A foreign key's `<field>_id` column
 * is `<field>` when the model declares `<field>` a foreign key (Django's naming, with its default
 * table or a `db_table` of its own); other columns keep their names.
 */
export function recordOfRow(model: SourceModel, row: Record<string, unknown>): SourceRecord {
  const { pk } = sourceTable(model);
  const fks = new Set(model.foreignKeys ?? []);
  const fields: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (column === pk) continue;
    const fk = column.endsWith('_id') ? column.slice(0, -3) : null;
    fields[fk && fks.has(fk) ? fk : column] = value;
  }
  return { model: model.model, pk: String(row[pk]), fields };
}

/** What the source needs of a connection: node-postgres's `Client` or a client of a `Pool`. */
export interface SourceConnection {
  query(config: {
    text: string;
    values: unknown[];
    types: unknown;
  }): Promise<{ rows: Record<string, unknown>[] }>;
  query(text: string): Promise<unknown>;
}

/**
 * The original's PostgreSQL database, read-only: one connection in one read-only, repeatable-read
 * transaction (one consistent snapshot; the original may keep running), rolled back at the end.
 * Tables by Django's naming (`<app_label>_<model>`) or as the model declares them (`devices`, keyed by
 * `device_id`), rows in primary-key order, paged by key.
 */
export async function openPostgresSource(url: string): Promise<ImportSource> {
  // The password is the URL's own, never PGPASSWORD from this environment (Opsdesk's database's,
  // perhaps): node-postgres falls back to it for an empty one, and would send it to the server named.
  // (A password given as a function is the only one it does not replace by the environment's.)
  const { password = '', ...given } = parseConnectionString(url);
  const client = new pg.Client({
    ...(given as pg.ClientConfig),
    application_name: 'opsdesk-import',
    password: () => password ?? '',
  });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw invalidSource(
      'from',
      `cannot open the database: ${(err as Error).message}`,
      'a reachable postgres:// URL',
    );
  }
  const { host, pathname } = new URL(url);
  return postgresSource(client as SourceConnection, `postgres ${pathname.slice(1)}@${host}`, () =>
    client.end(),
  );
}

/** The same over a connection already open (`release` gives it back when the import ends). */
export async function postgresSource(
  client: SourceConnection,
  label: string,
  release: () => Promise<void> | void,
): Promise<ImportSource> {
  await client.query('begin transaction isolation level repeatable read read only');
  // Dates stay calendar days (`2026-01-31`), never midnight in this process's zone; a timestamp
  // without a zone (SQLAlchemy's `DateTime`, written with `utcnow()`) stays text, read as UTC by the
  // mapping's field readers, never as this process's local time.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === DATE_OID || oid === TIMESTAMP_OID
        ? (v: string) => v
        : pg.types.getTypeParser(oid, format as 'text'),
  };
  const query = async (text: string, values: unknown[] = []) => {
    try {
      return await client.query({ text, values, types });
    } catch (err) {
      if ((err as { code?: string }).code === '42P01')
        throw invalidSource(
          'from',
          `the database has no table for this model: ${(err as Error).message}`,
          "the original system's database",
        );
      throw err;
    }
  };
  return {
    label,
    async found() {
      const { rows } = await query(
        `select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
      );
      return rows.map((r) => String(r.name));
    },
    async count(model) {
      const { rows } = await query(`select count(*)::int as n from "${sourceTable(model).name}"`);
      return rows[0]!.n as number;
    },
    async *records(model, batchSize) {
      const { name: table, pk } = sourceTable(model);
      let last: unknown = null;
      for (;;) {
        const { rows } =
          last === null
            ? await query(`select * from "${table}" order by "${pk}" limit $1`, [batchSize])
            : await query(`select * from "${table}" where "${pk}" > $1 order by "${pk}" limit $2`, [
                last,
                batchSize,
              ]);
        if (rows.length === 0) return;
        last = rows[rows.length - 1]![pk];
        yield rows.map((r) => recordOfRow(model, r));
        if (rows.length < batchSize) return;
      }
    },
    async close() {
      await client.query('rollback').catch(() => {});
      await release();
    },
  };
}
