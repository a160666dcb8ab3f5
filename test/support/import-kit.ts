import type { App } from '../../src/app/build-app.ts';
import { importIntoOrganization } from '../../src/app/module-imports.ts';
import {
  type ImportReport,
  type ImportSource,
  postgresSource,
  type SourceConnection,
} from '../../src/core/imports/index.ts';
import { createEmbedded, type Database, openDatabase, sql } from '../../src/platform/db/index.ts';

/**
 * What the import tests of every module share (issue 42): running a module's import into an
 * organization as `opsdesk import` does, a report's numbers per model, and what an organization holds.
 */

/**
 * Runs `module`'s import into an organization: a real run unless `dryRun`, sending nothing unless
 * `notify`. The app is looked up at each run (a test file starts it in `beforeAll`).
 */
export const moduleImport =
  (app: () => App, areas: Parameters<typeof importIntoOrganization>[1], module: string) =>
  (
    org: string,
    source: ImportSource,
    options: { dryRun?: boolean; notify?: boolean; answers?: Record<string, string> } = {},
  ) =>
    importIntoOrganization(app(), areas, {
      module,
      org,
      source,
      dryRun: options.dryRun ?? false,
      options: { notify: options.notify ?? false, answers: options.answers ?? {} },
    });

/** A report's numbers per model: `[read, created, unchanged, skipped, refused]`. */
export const reportCounts = (report: {
  models: Array<
    Pick<ImportReport['models'][number], 'model' | 'read' | 'created' | 'unchanged' | 'skipped' | 'refused'>
  >;
}) =>
  Object.fromEntries(
    report.models.map((m) => [m.model, [m.read, m.created, m.unchanged, m.skipped, m.refused]]),
  );

/**
 * What a run changed, per model: created, updated (changed in the original since the last run),
 * refused and flagged, with unchanged, so a sync's test reads "exactly the changes" at a glance.
 */
export const changeCounts = (report: Pick<ImportReport, 'models'>) =>
  Object.fromEntries(
    report.models.map((m) => [
      m.model,
      {
        created: m.created,
        updated: m.updated,
        unchanged: m.unchanged,
        refused: m.refused,
        flagged: m.flagged,
      },
    ]),
  );

/**
 * What an organization holds, one number per name: a table's rows of the organization, or a scalar
 * query of its own over the organization `o` (`select count(*) from raffle_ticket t where t.org_id =
 * o.id and t.status = 'sold'`). Everything an import could write is listed, so a test sees what it
 * wrote and that a second run wrote nothing.
 */
export async function holdingsOf(
  db: Database['db'],
  org: string,
  measures: Record<string, string>,
): Promise<Record<string, number>> {
  const columns = Object.entries(measures).map(([name, measure]) => {
    const query = /\s/.test(measure) ? measure : `select count(*) from ${measure} t where t.org_id = o.id`;
    return sql`(${sql.raw(query)}) as ${sql.ref(name)}`;
  });
  const { rows } = await sql<Record<string, string>>`
    select ${sql.join(columns)} from organization o where o.slug = ${org}`.execute(db);
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

/**
 * The original's own PostgreSQL, as an embedded database its pg_dump files are loaded into, and the
 * import sources that read it (each on a connection of its own, given back when the source closes).
 */
export async function originalPostgres() {
  const lite = await createEmbedded();
  const db = await openDatabase({ lite });
  return {
    db,
    /** Runs a pg_dump's SQL. psql's own lines (`\restrict`, which newer pg_dump writes) are not SQL. */
    async load(dump: string) {
      await db.pool.query(dump.replace(/^\\.*$/gm, ''));
      // pg_dump empties the search path for the rest of the session
      await db.pool.query('set search_path to public');
    },
    /** A source reading the original's tables, named `label` in the import's report. */
    async source(label: string): Promise<ImportSource> {
      const client = await db.pool.connect();
      return postgresSource(client as unknown as SourceConnection, label, () => client.release());
    },
    async close() {
      await db.close();
      await lite.close();
    },
  };
}
