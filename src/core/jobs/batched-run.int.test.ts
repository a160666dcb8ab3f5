import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import { systemClock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { type Ctx, systemCtx } from '../context/index.ts';
import { continueBatchedRun } from './batched-run.ts';

/*
 * The step every batched run shares (the exhibition's statements, the mess's new passes): a batch of
 * the items left, each in its own transaction, 'more' while a full batch was done, and the end once.
 */
let database: Database;
let ctx: Ctx;

beforeAll(async () => {
  database = await createTestDatabase();
  const orgId = randomUUID();
  ctx = systemCtx({
    orgId,
    db: database.forOrg(orgId),
    clock: systemClock,
    events: { emit: async () => {} },
    job: 'test',
  });
}, 60_000);
afterAll(async () => {
  await database?.close();
});

/** A run over `items` kept in memory; what each item's transaction saw is recorded. */
function memoryRun(items: string[]) {
  const state = {
    status: 'running' as 'running' | 'done',
    done: [] as string[],
    inTransaction: [] as boolean[],
    finished: 0,
  };
  return {
    state,
    steps: {
      load: async () => ({ status: state.status }),
      nextItems: async (_ctx: Ctx, _run: unknown, limit: number) =>
        items.filter((i) => !state.done.includes(i)).slice(0, limit),
      doItem: async (tx: Ctx, _run: unknown, id: string) => {
        state.inTransaction.push(tx.db.isTransaction);
        state.done.push(id);
      },
      finish: async (tx: Ctx) => {
        state.inTransaction.push(tx.db.isTransaction);
        state.status = 'done';
        state.finished++;
      },
    },
  };
}

describe('a step of a batched run', () => {
  it('does a full batch and asks for more, then does the rest and ends the run once', async () => {
    const { state, steps } = memoryRun(['a', 'b', 'c']);
    expect(await continueBatchedRun(ctx, steps, 2)).toBe('more');
    expect(state).toMatchObject({ done: ['a', 'b'], status: 'running', finished: 0 });
    expect(await continueBatchedRun(ctx, steps, 2)).toBe('done');
    expect(state).toMatchObject({ done: ['a', 'b', 'c'], status: 'done', finished: 1 });
    expect(state.inTransaction).toEqual([true, true, true, true]);
  });

  it('does nothing for a run already done', async () => {
    const { state, steps } = memoryRun(['a']);
    state.status = 'done';
    expect(await continueBatchedRun(ctx, steps, 2)).toBe('done');
    expect(state).toMatchObject({ done: [], finished: 0 });
  });
});
