import type pg from 'pg';
import { openDatabase } from '../../src/platform/db/index.ts';
import type { LoadResult } from './load.ts';

/**
 * A stretch of a bench run by this machine's clock, which also dates the rows of the server's
 * database (embedded, or a PostgreSQL server on the same machine).
 */
export interface Span {
  from: Date;
  to: Date;
}

/** pg-boss jobs created in a span, and the messages that left in it. */
export interface JobsAndMessages {
  jobs: number;
  /** The jobs by queue: which hop made them (none is a message's own since issue 75). */
  byName: Record<string, number>;
  messages: number;
}

/** Measured rows, each with the span whose jobs and messages it reports once the database is read. */
export function jobCounts() {
  const spans: Array<{ row: LoadResult; span: Span }> = [];
  return {
    add(row: LoadResult, span: Span) {
      spans.push({ row, span });
    },
    async read(pool: pg.Pool) {
      for (const { row, span } of spans) row.jobsAndMessages = await jobsAndMessages(pool, span);
    },
  };
}

/**
 * pg-boss jobs created in `span`: `pgboss.job` (every queue's partition; a finished job stays there
 * until its retention ends, days later) and `pgboss.archive` where the pg-boss version has one (12 has
 * none). Messages that left in it: outbox rows sent in it (`notification.sent_at`), which since issue 75
 * are every outgoing message: notifications, a bot's replies and staff messages alike.
 */
export async function jobsAndMessages(pool: pg.Pool, span: Span): Promise<JobsAndMessages> {
  const window = [span.from, span.to];
  const archived = await pool.query<{ found: boolean }>(
    `select to_regclass('pgboss.archive') is not null as found`,
  );
  const jobTables = archived.rows[0]!.found ? ['pgboss.job', 'pgboss.archive'] : ['pgboss.job'];
  const byName: Record<string, number> = {};
  for (const table of jobTables)
    for (const r of (
      await pool.query<{ name: string; n: number }>(
        `select name, count(*)::int as n from ${table} where created_on >= $1 and created_on < $2 group by name`,
        window,
      )
    ).rows)
      byName[r.name] = (byName[r.name] ?? 0) + r.n;
  const jobs = Object.values(byName).reduce((a, b) => a + b, 0);
  const { rows } = await pool.query<{ n: number }>(
    `select count(*) as n from notification where sent_at >= $1 and sent_at < $2`,
    window,
  );
  return { jobs, byName, messages: Number(rows[0]!.n) };
}

/**
 * Reads a bench server's database after its process stopped (the embedded one in `dataDir` opens in
 * one process at a time; PostgreSQL at `url` is read the same way); a failure is printed, not thrown.
 */
export async function readServerDatabase(
  target: { url?: string; dataDir: string },
  read: (pool: pg.Pool) => Promise<void>,
): Promise<void> {
  try {
    const database = await openDatabase({
      ...(target.url ? { url: target.url } : { dataDir: target.dataDir }),
      poolSize: 1,
    });
    try {
      await read(database.pool);
    } finally {
      await database.close();
    }
  } catch (err) {
    // What was measured still prints: only the counts read from the stopped server are missing.
    console.log(`  the server's database could not be read after it stopped: ${(err as Error).message}`);
  }
}
