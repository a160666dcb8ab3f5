import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedded } from './embedded.ts';
import { type Database, openDatabase, sql } from './index.ts';

// A full collection between measures: `gc` exposed for this file only.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapUsed = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

let database: Database;
beforeAll(async () => {
  database = await openDatabase({ lite: await createEmbedded() });
}, 180_000);
afterAll(async () => {
  await database?.close();
});

describe('the embedded database under a long run of queries (issue 43, item 6)', () => {
  it('keeps no answer once node-postgres has it: 60 answers of ~1 MB leave the heap where it was', async () => {
    // ~1 MB per answer in 2,000 data rows: a console page, an export, the job queue's fetch.
    const bigAnswer = () =>
      sql<{ s: string }>`select repeat('x', 500) as s from generate_series(1, 2000)`.execute(database.db);
    await bigAnswer(); // warm: plans, parsers, buffers
    const before = heapUsed();
    for (let i = 0; i < 60; i++) expect((await bigAnswer()).rows).toHaveLength(2000);
    const grown = heapUsed() - before;
    // PGlite's execProtocolRaw also parsed every answer into messages it kept until its own query()
    // ran: 60 answers held ~70 MB here, and the embedded server grew without end under load.
    expect(grown).toBeLessThan(10 * 1024 * 1024);
  }, 60_000);
});
