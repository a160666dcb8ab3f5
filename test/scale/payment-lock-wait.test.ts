import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockKeyOf } from '../../src/platform/db/index.ts';
import { orgIdOf } from '../factories/org.ts';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 26 item 3, the wait itself (a real PostgreSQL server: vitest runs this folder only with
 * DATABASE_URL; PGlite has one connection, so nobody ever waits there). While another session
 * decides an order, a proof of it waits on the order's payment lock; past the lock timeout it is
 * told 409 `payments.payment_busy`, nothing changes, and once the other session is done it works.
 */
let app: TestApp;
let staff: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'waiter@example.com', role: 'owner' });
  staff = await app.signIn('waiter@example.com');
});
afterAll(async () => app?.close());

describe('a payment decision waiting for its order', () => {
  it('gives up with 409 payment_busy after the lock timeout, then succeeds once the order is free', async () => {
    const raffle = await createRaffle(app, {});
    const order = await createRaffleOrder(app, { raffleId: raffle.id, payment: 'proof' });
    const { rows } = await app.database.pool.query<{ id: string }>(
      `select id from payment where purpose_id = $1`,
      [order.id],
    );
    const proofId = rows[0]!.id;
    const orgId = await orgIdOf(app);

    // Another staff member's transaction is deciding this order (it holds the order's lock).
    const other = await app.database.pool.connect();
    try {
      await other.query('begin');
      await other.query('select pg_advisory_xact_lock($1::bigint)', [
        String(lockKeyOf(`raffle.order:${orgId}:${order.id}`)),
      ]);
      const waited = await staff.post(`/api/payments/${proofId}/verify`);
      expect(waited.statusCode, waited.body).toBe(409);
      expect(waited.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(waited.json()).toMatchObject({ code: 'payments.payment_busy', status: 409 });
      const still = await app.database.pool.query(`select status from payment where id = $1`, [proofId]);
      expect(still.rows[0].status).toBe('submitted');
    } finally {
      await other.query('rollback');
      other.release();
    }
    const verified = await staff.post(`/api/payments/${proofId}/verify`);
    expect(verified.statusCode, verified.body).toBe(200);
    expect((await staff.get(`/api/raffle/orders/${order.id}`)).json().status).toBe('paid');
  });
});
