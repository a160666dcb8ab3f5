import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { type LoadResult, measure } from './lib/load.ts';
import { pgTransaction } from './lib/pg-transaction.ts';

/** Conversations the floor's buyers write to (one per buyer loop, as in the chat bench). */
const CONVERSATIONS = 32;
/** Ticket numbers on sale: enough that picks seldom collide, as most of a launch's picks do not. */
const TICKETS = 200_000;
/** Every sixth step picks numbers (menu, raffles, details, pick, confirm, proof). */
const PICK_EVERY = 6;

/**
 * The chat step's floor (issue 43): what a step must write, with nothing else, in one transaction
 * through the same driver as the server — the inbound message, the conversation's new state and
 * version, the reply, and on a pick an order holding two numbers by one conditional update.
 * 3.3 statements and one commit per step; the chat rows print beside it.
 */
export async function usefulRowsBaseline(
  name: string,
  url: string | undefined,
  durationMs: number,
): Promise<LoadResult> {
  const lite = url ? undefined : await PGlite.create();
  const pool = lite ? new pg.Pool(createPgConfig(lite)) : new pg.Pool({ connectionString: url, max: 32 });
  const conversations = Array.from({ length: CONVERSATIONS }, () => randomUUID());
  try {
    await pool.query(DROP);
    await pool.query(`
      create table bench_floor_conversation (id uuid primary key, state text, context jsonb, version int not null);
      create table bench_floor_message (id uuid primary key, conversation_id uuid not null, direction text not null,
        payload jsonb not null, status text not null, created_at timestamptz not null);
      create table bench_floor_order (id uuid primary key, conversation_id uuid not null, numbers int[] not null,
        created_at timestamptz not null);
      create table bench_floor_ticket (number int primary key, status text not null, order_id uuid);
      insert into bench_floor_ticket select n, 'available', null from generate_series(1, ${TICKETS}) n;`);
    await pool.query(
      `insert into bench_floor_conversation select id, 'menu', '{}', 0 from unnest($1::uuid[]) id`,
      [conversations],
    );
    let steps = 0;
    return await measure({
      label: `baseline: a step's rows, 1 txn (${name})`,
      concurrency: CONVERSATIONS,
      durationMs,
      fire: async (loop) => {
        const conversation = conversations[loop % CONVERSATIONS]!;
        const pick = ++steps % PICK_EVERY === 0;
        await pgTransaction(pool, async (client) => {
          await client.query(`insert into bench_floor_message values ($1, $2, 'in', $3, 'handled', now())`, [
            randomUUID(),
            conversation,
            JSON.stringify({ text: 'rifas' }),
          ]);
          await client.query(
            `update bench_floor_conversation set state = $2, context = $3, version = version + 1 where id = $1`,
            [conversation, 'raffles', JSON.stringify({ raffleId: conversation })],
          );
          if (pick) {
            const order = randomUUID();
            const numbers = [1, 2].map(() => 1 + Math.floor(Math.random() * TICKETS));
            await client.query(`insert into bench_floor_order values ($1, $2, $3, now())`, [
              order,
              conversation,
              numbers,
            ]);
            await client.query(
              `update bench_floor_ticket set status = 'held', order_id = $1
               where number = any($2::int[]) and status = 'available' returning number`,
              [order, numbers],
            );
          }
          await client.query(`insert into bench_floor_message values ($1, $2, 'out', $3, 'sending', now())`, [
            randomUUID(),
            conversation,
            JSON.stringify({ text: 'Raffles on sale: …' }),
          ]);
        });
      },
    });
  } finally {
    await pool.query(DROP).catch(() => undefined);
    await pool.end();
    await lite?.close();
  }
}

const DROP = `drop table if exists bench_floor_conversation, bench_floor_message, bench_floor_order, bench_floor_ticket`;
