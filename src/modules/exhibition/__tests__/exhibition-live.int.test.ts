import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExhibitionCustomer } from '../../../../test/factories/exhibition.ts';
import { orgIdOf } from '../../../../test/factories/org.ts';
import { createStaff, signedInStaff } from '../../../../test/factories/staff.ts';
import { listenOn, openStream } from '../../../../test/support/live-stream.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { inTransaction } from '../../../core/context/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { addBill } from '../bills.ts';
import type { ExhibitionRuntime } from '../exhibition.runtime.ts';

let app: TestApp;
let baseUrl: string;
let desk: ApiClient;
let deskEmail: string;
let boothEmail: string;
let exhibitionId: string;
let boothId: string;

beforeAll(async () => {
  app = await startTestApp();
  baseUrl = await listenOn(app);
  deskEmail = (await createStaff(app, { role: 'ops' })).email;
  boothEmail = (await createStaff(app, { role: 'scanner' })).email;
  desk = await app.signIn(deskEmail);
  const owner = await signedInStaff(app, { role: 'owner' });
  const created = await owner.post('/api/exhibition/exhibitions', {
    name: 'Live Expo',
    currency: 'USD',
    startsOn: '2026-12-10',
    endsOn: '2026-12-12',
  });
  expect(created.statusCode, created.body).toBe(201);
  exhibitionId = created.json().id;
  const booth = await owner.post(`/api/exhibition/exhibitions/${exhibitionId}/booths`, { name: 'Coffee' });
  expect(booth.statusCode, booth.body).toBe(201);
  boothId = booth.json().id;
}, 60_000);
afterAll(() => app?.close());

describe('exhibition live updates', () => {
  it('a registration, a bill and a void each announce what changed, at commit, to the desk and the booth', async () => {
    const deskStream = await openStream(baseUrl, deskEmail, 'exhibition.bills,exhibition.customers');
    const boothStream = await openStream(baseUrl, boothEmail, 'exhibition.booth_bills');
    const registered = await desk.post('/api/exhibition/customers', {
      exhibitionId,
      name: 'Live Visitor',
      email: 'live1@visitor.test',
      phone: '+14155552001',
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const customerId: string = registered.json().id;
    expect(await deskStream.next()).toEqual({
      event: 'exhibition.customers',
      data: { topic: 'exhibition.customers', id: customerId },
    });

    const bill = await desk.post(
      `/api/exhibition/customers/${customerId}/bills`,
      { boothId, amountMinor: 1250 },
      { 'idempotency-key': 'live-bill-1' },
    );
    expect(bill.statusCode, bill.body).toBe(201);
    expect(await deskStream.next()).toEqual({
      event: 'exhibition.bills',
      data: { topic: 'exhibition.bills', id: customerId },
    });
    expect(await boothStream.next()).toEqual({
      event: 'exhibition.booth_bills',
      data: { topic: 'exhibition.booth_bills', id: boothId },
    });

    const voided = await desk.post(`/api/exhibition/bills/${bill.json().id}/void`, { reason: 'wrong cup' });
    expect(voided.statusCode, voided.body).toBe(200);
    expect((await deskStream.next()).data).toEqual({ topic: 'exhibition.bills', id: customerId });
    expect((await boothStream.next()).data).toEqual({ topic: 'exhibition.booth_bills', id: boothId });
    deskStream.close();
    boothStream.close();
  });

  it('a bill whose transaction rolls back announces nothing on PostgreSQL and stores nothing', async () => {
    const rolledBack = (await registerExhibitionCustomer(app, { exhibitionId })).id;
    const committed = (await registerExhibitionCustomer(app, { exhibitionId })).id;
    const stream = await openStream(baseUrl, deskEmail, 'exhibition.bills');
    const rt = app.runtimeOf('exhibition') as ExhibitionRuntime;
    const ctx = app.deps.systemCtx(await orgIdOf(app), 'test');
    const biller = { userId: null, billsAnyBooth: true };
    await expect(
      inTransaction(ctx, async (tx) => {
        await addBill(tx, rt, biller, { customerId: rolledBack, boothId, amountMinor: 500 });
        throw new Error('the till jammed');
      }),
    ).rejects.toThrow('the till jammed');
    await addBill(ctx, rt, biller, { customerId: committed, boothId, amountMinor: 700 });

    const got = await stream.next();
    // PGlite (one process) delivers after the transaction ended, rolled back or not: a refetch, no harm.
    const first = got.data.id === rolledBack && app.database.kind === 'pglite' ? await stream.next() : got;
    expect(first.data).toEqual({ topic: 'exhibition.bills', id: committed });
    stream.close();

    const tabs = await sql<{ id: string; total_minor: string; bills: string }>`
      select c.id, c.total_minor, (select count(*) from exhibition_bill b where b.customer_id = c.id) as bills
      from exhibition_customer c where c.id in (${rolledBack}::uuid, ${committed}::uuid)`.execute(
      app.database.db,
    );
    const byId = new Map(
      tabs.rows.map((r) => [r.id, { total: Number(r.total_minor), bills: Number(r.bills) }]),
    );
    expect(byId.get(rolledBack)).toEqual({ total: 0, bills: 0 });
    expect(byId.get(committed)).toEqual({ total: 700, bills: 1 });
  });

  it('booth staff may listen to their booth topic but not to every bill', async () => {
    const booth = await app.signIn(boothEmail);
    expect((await booth.get('/api/live?topics=exhibition.booth_bills')).json()).toEqual({
      topics: ['exhibition.booth_bills'],
    });
    expect((await booth.get('/api/live?topics=exhibition.bills')).statusCode).toBe(403);
  });
});
