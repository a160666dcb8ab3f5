import type { Kysely, Selectable } from 'kysely';

/** The tables of `DB` whose rows have an `id`. */
type TablesWithId<DB> = { [K in keyof DB]: DB[K] extends { id: unknown } ? K : never }[keyof DB] & string;

/**
 * The row of `table` whose `id` is `id`, locked until the transaction ends (`select … for update`),
 * or undefined when there is none: the first step of a change that decides on the row's state
 * (an alarm closed once, a request decided once). `db` is the caller's transaction, narrowed to
 * its area's tables.
 */
export function lockRowById<DB, T extends TablesWithId<DB>>(
  db: Kysely<DB>,
  table: T,
  id: string,
): Promise<Selectable<DB[T]> | undefined> {
  // Kysely cannot type `where('id', …)` over a table chosen by a type parameter; every table this
  // serves has an `id` primary key, and the row's type is given back as the caller's table.
  const rows = db as unknown as Kysely<Record<string, { id: string }>>;
  return rows
    .selectFrom(table as string)
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst() as Promise<Selectable<DB[T]> | undefined>;
}
