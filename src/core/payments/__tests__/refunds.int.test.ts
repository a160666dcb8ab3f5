import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.ts';
import { type AirtelSandbox, startAirtelSandbox } from '../../../channels/airtel/index.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';
import { defineModule } from '../../modules/index.ts';
import { type PaymentRefunded, PaymentsErrors, refundReconcileJob } from '../index.ts';
import { type PaymentsTestApp, startPaymentsApp, testPurposeLabel } from './payments-test-kit.ts';

const PURPOSE = 'refundtest.order';
const told: PaymentRefunded[] = [];
/** Every step of the refund contract the module saw, in order: `asked:<payment>`, `started:<refund>`… */
const steps: string[] = [];
/**
 * A module that records what its refund contract is told (`settled` once per refund paid back), and
 * refuses a refund asked with `options.refuse` (as a module refuses one for an order no longer paid).
 */
const recorder = defineModule({
  name: 'refundtest',
  purposeLabel: testPurposeLabel(PURPOSE),
  refunds: {
    [PURPOSE]: {
      asked: async (_tx, _rt, event) => {
        if (event.options.refuse) throw PaymentsErrors.payment_busy({ refused: true });
        steps.push(`asked:${event.payment.id}:${JSON.stringify(event.options)}`);
      },
      started: async (_tx, _rt, event) => {
        steps.push(`started:${event.refund.id}:${JSON.stringify(event.refund.options)}`);
      },
      settled: async (_tx, _rt, event) => {
        told.push(event);
        steps.push(`settled:${event.refund.id}`);
      },
      rejected: async (_tx, _rt, event) => {
        steps.push(`rejected:${event.refund.id}`);
      },
    },
  },
});

let t: PaymentsTestApp;
let momo: MomoSandbox;
let airtel: AirtelSandbox;

beforeAll(async () => {
  momo = await startMomoSandbox({
    dropCallbacks: true,
    payerRules: [{ msisdnSuffix: '111', status: 'SUCCESSFUL' }],
  });
  airtel = await startAirtelSandbox({ payerRules: [{ msisdnSuffix: '733', status: 'TS' }] });
  t = await startPaymentsApp({ ...momo.appEnv(), ...airtel.appEnv() }, [recorder]);
});
afterAll(async () => {
  await t?.close();
  await momo?.close();
  await airtel?.close();
});

let order = 0;
async function cashPayment(amountMinor: number) {
  const res = await t.call('POST', '/api/payments/manual', {
    amount: { amountMinor, currency: 'RWF' },
    purpose: { type: PURPOSE, id: `o-${++order}` },
    kind: 'cash',
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
}

async function mobilePayment(provider: 'momo' | 'airtel', amountMinor: number) {
  const res = await t.call('POST', '/api/payments/mobile-money', {
    provider,
    amount: { amountMinor, currency: 'RWF' },
    msisdn: provider === 'momo' ? '+250788000111' : '+250733000733',
    purpose: { type: PURPOSE, id: `o-${++order}` },
  });
  expect(res.statusCode).toBe(202);
  const { id } = res.json() as { id: string };
  await eventually(
    async () => {
      await t.call('POST', `/api/payments/${id}/check`);
      return (await t.call('GET', `/api/payments/${id}`)).json().status === 'succeeded';
    },
    { what: `payment ${id} to succeed` },
  );
  return { id };
}

const refund = (paymentId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.call('POST', `/api/payments/${paymentId}/refunds`, { reason: 'paid twice', ...body }, headers);
const rwf = (amountMinor: number) => ({ amountMinor, currency: 'RWF' });
const refundOf = async (id: string) => (await t.call('GET', `/api/refunds/${id}`)).json();
const statusBecomes = (id: string, status: string) =>
  eventually(async () => ((await refundOf(id)).status === status ? refundOf(id) : undefined), {
    what: `refund ${id} to become ${status}`,
  });

describe('cash refunds', () => {
  it('gives back part of a payment with a reason, tells the module once, and leaves the rest refundable', async () => {
    const payment = await cashPayment(1500);
    const res = await refund(payment.id, { amount: rwf(500), method: 'cash' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'succeeded', method: 'cash', reason: 'paid twice' });
    expect(told.filter((e) => e.refund.id === res.json().id)).toHaveLength(1);
    const totals = (await t.call('GET', `/api/payments/${payment.id}/refunds`)).json();
    expect(totals).toMatchObject({ left: rwf(1000), refunded: rwf(500), refundable: true });
    const over = await refund(payment.id, { amount: rwf(1001), method: 'cash' });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'payments.refund_exceeds_paid' });
  });

  it('requires a reason, names the field, and refuses a method the money did not come through', async () => {
    const payment = await cashPayment(900);
    const blank = await refund(payment.id, { amount: rwf(100), method: 'cash', reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(JSON.stringify(blank.json())).toContain('reason');
    const momoBack = await refund(payment.id, { amount: rwf(100), method: 'momo' });
    expect(momoBack.statusCode).toBe(400);
    expect(momoBack.json().code).toBe('payments.refund_method_not_allowed');
  });

  it('exports a reason that starts with a pipe inert in the refunds CSV, ASCII or full-width', async () => {
    // Issue 61 item 6: `|cmd` went out as typed, and a spreadsheet may run a cell that starts with it.
    const payment = await cashPayment(700);
    const pipe = await refund(payment.id, { amount: rwf(100), method: 'cash', reason: '|cmd' });
    const wide = await refund(payment.id, { amount: rwf(100), method: 'cash', reason: '｜cmd /C calc' });
    expect([pipe.statusCode, wide.statusCode]).toEqual([201, 201]);
    const csv = await t.call('GET', '/api/refunds/export.csv?columns=id,reason');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.split(/\r?\n/);
    expect(lines).toContain(`${pipe.json().id},'|cmd`);
    expect(lines).toContain(`${wide.json().id},'｜cmd /C calc`);
  });

  it('answers a retried request with the first refund (Idempotency-Key)', async () => {
    const payment = await cashPayment(800);
    const first = await refund(
      payment.id,
      { amount: rwf(300), method: 'cash' },
      { 'idempotency-key': 'k-1' },
    );
    const again = await refund(
      payment.id,
      { amount: rwf(300), method: 'cash' },
      { 'idempotency-key': 'k-1' },
    );
    expect(again.json().id).toBe(first.json().id);
    const totals = (await t.call('GET', `/api/payments/${payment.id}/refunds`)).json();
    expect(totals.items).toHaveLength(1);
  });

  it('50 racing requests on one payment give back at most its amount, once per accepted request', async () => {
    const payment = await cashPayment(5000);
    // 50 requests of 300: 10 of them retried with the key of another (the same request sent twice).
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        refund(payment.id, { amount: rwf(300), method: 'cash' }, { 'idempotency-key': `race-${i % 40}` }),
      ),
    );
    const accepted = new Set(answers.filter((a) => a.statusCode === 201).map((a) => a.json().id));
    const refused = answers.filter((a) => a.statusCode === 409);
    expect(accepted.size).toBe(16); // floor(5000 / 300)
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
    expect(
      refused.every(
        (a) => a.json().code === 'payments.refund_exceeds_paid' || a.json().code === 'payments.payment_busy',
      ),
    ).toBe(true);
    const totals = (await t.call('GET', `/api/payments/${payment.id}/refunds`)).json();
    expect(totals.refunded.amountMinor).toBe(16 * 300);
    expect(totals.items).toHaveLength(16);
    const toldHere = told.filter((e) => e.payment.id === payment.id);
    expect(toldHere).toHaveLength(16);
    expect(new Set(toldHere.map((e) => e.refund.id))).toEqual(accepted);
  });

  it('refuses to void a cash payment money of which went back (it would have given back more than was paid)', async () => {
    const payment = await cashPayment(700);
    await refund(payment.id, { amount: rwf(200), method: 'cash' });
    const voided = await t.call('POST', `/api/payments/${payment.id}/void`, { reason: 'typed twice' });
    expect(voided.statusCode).toBe(409);
    expect(voided.json().code).toBe('payments.payment_has_refunds');
    expect((await t.call('GET', `/api/payments/${payment.id}`)).json().status).toBe('recorded');
    const clean = await cashPayment(300);
    expect(
      (await t.call('POST', `/api/payments/${clean.id}/void`, { reason: 'typed twice' })).statusCode,
    ).toBe(200);
  });

  it('refuses above what was paid in the database itself (the trigger), whatever the code does', async () => {
    const payment = await cashPayment(400);
    await refund(payment.id, { amount: rwf(400), method: 'cash' });
    const direct = t.app.database.pool.query(
      `insert into payment_refund (org_id, payment_id, amount_minor, currency, method, status, reason, requested_by, created_at, updated_at)
       select org_id, id, 1, 'RWF', 'cash', 'succeeded', 'sneaky', '{}'::jsonb, now(), now() from payment where id = $1`,
      [payment.id],
    );
    await expect(direct).rejects.toThrow(/exceed what was paid/);
  });
});

describe('two-person rule', () => {
  it('an ops refund waits for a second person; the requester cannot approve it; an admin can', async () => {
    await t.app.createStaff({ email: 'ops@example.com', role: 'ops' });
    await t.app.createStaff({ email: 'admin@example.com', role: 'admin' });
    const ops = await t.app.signIn('ops@example.com');
    const admin = await t.app.signIn('admin@example.com');
    const payment = await cashPayment(2000);
    const asked = await ops.post(`/api/payments/${payment.id}/refunds`, {
      amount: rwf(700),
      method: 'cash',
      reason: 'student left',
    });
    expect(asked.statusCode).toBe(201);
    expect(asked.json().status).toBe('awaiting_approval');
    expect(told.filter((e) => e.refund.id === asked.json().id)).toHaveLength(0);
    // It holds its amount while it waits: 1300 are left.
    expect((await t.call('GET', `/api/payments/${payment.id}/refunds`)).json().left).toEqual(rwf(1300));
    expect((await ops.post(`/api/refunds/${asked.json().id}/approve`)).statusCode).toBe(403);
    const approved = await admin.post(`/api/refunds/${asked.json().id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('succeeded');
    expect(told.filter((e) => e.refund.id === asked.json().id)).toHaveLength(1);
  });

  it('goes through the purpose’s module: asked (it may refuse), started only when it goes ahead, rejected leaves it', async () => {
    // Issue 62: a refund waiting for approval acted at once, and a rejected one left its consequence.
    const ops = await t.app.signIn('ops@example.com');
    const admin = await t.app.signIn('admin@example.com');
    const payment = await cashPayment(1500);
    const ask = (body: Record<string, unknown>) =>
      ops.post(`/api/payments/${payment.id}/refunds`, {
        amount: rwf(500),
        method: 'cash',
        reason: 'left',
        ...body,
      });

    const refused = await ask({ options: { refuse: true } });
    expect(refused.statusCode).toBe(409);
    expect((await t.call('GET', `/api/payments/${payment.id}/refunds`)).json().items).toHaveLength(0);

    steps.length = 0;
    const waiting = (await ask({ options: { tickets: 'hold' } })).json();
    expect(waiting).toMatchObject({ status: 'awaiting_approval', options: { tickets: 'hold' } });
    expect(steps).toEqual([`asked:${payment.id}:{"tickets":"hold"}`]); // nothing started while it waits
    const rejected = await admin.post(`/api/refunds/${waiting.id}/reject`, { reason: 'not owed' });
    expect(rejected.json().status).toBe('rejected');
    expect(steps.slice(1)).toEqual([`rejected:${waiting.id}`]);

    steps.length = 0;
    const second = (await ask({ options: { tickets: 'release' } })).json();
    expect(steps).toEqual([`asked:${payment.id}:{"tickets":"release"}`]);
    const approved = await admin.post(`/api/refunds/${second.id}/approve`);
    expect(approved.json().status).toBe('succeeded');
    // The record changes when it goes ahead, with what was asked, before the person is told.
    expect(steps.slice(1)).toEqual([`started:${second.id}:{"tickets":"release"}`, `settled:${second.id}`]);

    steps.length = 0;
    const own = (
      await t.call('POST', `/api/payments/${payment.id}/refunds`, {
        amount: rwf(100),
        method: 'cash',
        reason: 'within the owner’s limit',
      })
    ).json();
    expect(own.status).toBe('succeeded');
    expect(steps).toEqual([`asked:${payment.id}:{}`, `started:${own.id}:{}`, `settled:${own.id}`]);
  });

  it('an admin above the organization’s limit for admins cannot approve their own refund', async () => {
    await t.app.database.pool.query(
      `update organization set settings = jsonb_set(settings, '{payments}', coalesce(settings->'payments', '{}') || '{"refunds":{"limits":{"admin":100}}}')
       where slug = 'default'`,
    );
    const admin = await t.app.signIn('admin@example.com');
    const payment = await cashPayment(900);
    const asked = await admin.post(`/api/payments/${payment.id}/refunds`, {
      amount: rwf(500),
      method: 'cash',
      reason: 'over-payment',
    });
    expect(asked.json().status).toBe('awaiting_approval');
    const own = await admin.post(`/api/refunds/${asked.json().id}/approve`);
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('payments.refund_approver_is_requester');
    const rejected = await t.call('POST', `/api/refunds/${asked.json().id}/reject`, { reason: 'not owed' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: 'not owed' });
    expect((await t.call('GET', `/api/payments/${payment.id}/refunds`)).json().left).toEqual(rwf(900));
  });
});

describe('mobile-money refunds', () => {
  it('MoMo: sent through Disbursements, settled by the status check, the sandbox phone shows the money back', async () => {
    const payment = await mobilePayment('momo', 2500);
    const res = await refund(payment.id, { amount: rwf(700), method: 'momo' });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('pending');
    const done = await statusBecomes(res.json().id, 'succeeded');
    expect(momo.refunds().filter((r) => r.referenceId === done.providerReference)).toHaveLength(1);
    expect(momo.phone().find((p) => p.reference === payment.id)?.refunded).toBe('700');
    expect(told.filter((e) => e.refund.id === done.id)).toHaveLength(1);
  });

  it('MoMo: 50 racing refunds and callbacks on one payment give back at most its amount, each once at MTN', async () => {
    const payment = await mobilePayment('momo', 3000);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        refund(
          payment.id,
          { amount: rwf(200), method: 'momo' },
          { 'idempotency-key': `momo-race-${i % 45}` },
        ),
      ),
    );
    const accepted = [
      ...new Set(answers.filter((a) => a.statusCode === 201).map((a) => a.json().id as string)),
    ];
    expect(accepted).toHaveLength(15);
    // Late and repeated callbacks naming each refund, while they are out.
    await Promise.all(
      accepted.flatMap(async (id) => {
        const r = await refundOf(id);
        for (let i = 0; i < 3; i++)
          await t.app.http.inject({
            method: 'POST',
            url: '/webhooks/momo',
            payload: { referenceId: r.providerReference, status: 'SUCCESSFUL' },
          });
      }),
    );
    for (const id of accepted) await statusBecomes(id, 'succeeded');
    const atMtn = momo.refunds().filter((r) => r.referenceIdToRefund === payment.id);
    expect(atMtn).toHaveLength(15);
    expect(atMtn.reduce((total, r) => total + Number(r.amount), 0)).toBe(3000);
    expect(told.filter((e) => e.payment.id === payment.id)).toHaveLength(15);
  });

  it('MoMo: a refund MTN keeps pending is polled by its own back-off, whatever duplicate callbacks say', async () => {
    // Issue 61 item 6: a callback's check counted as a poll and put the next one later.
    const payment = await mobilePayment('momo', 1500);
    momo.keepNextRefundsPending(1);
    const res = await refund(payment.id, { amount: rwf(600), method: 'momo' });
    const sent = await statusBecomes(res.json().id, 'sent');
    const schedule = async () => {
      const { rows } = await sql<{ check_count: number; next_check_at: Date }>`
        select check_count, next_check_at from payment_refund where id = ${sent.id}`.execute(
        t.app.database.db,
      );
      return rows[0]!;
    };
    const callbacks = async () => {
      for (let i = 0; i < 3; i++) {
        const hint = await t.app.http.inject({
          method: 'POST',
          url: '/webhooks/momo',
          payload: { referenceId: sent.providerReference, status: 'SUCCESSFUL' },
        });
        expect(hint.statusCode).toBe(200);
      }
      await t.app.jobs.settled();
    };
    const asSent = await schedule();
    await callbacks();
    expect(await schedule()).toEqual(asSent); // each callback asked MTN, none counted as a poll
    expect((await refundOf(sent.id)).status).toBe('sent');

    const poll = async (at: Date) => {
      t.clock.advance(Math.max(0, at.getTime() - t.clock.now().getTime()) + 1000);
      await t.app.jobs.send(refundReconcileJob, {});
      await t.app.jobs.settled();
    };
    await poll(asSent.next_check_at);
    const polled = await eventually(async () => {
      const now = await schedule();
      return now.check_count === asSent.check_count + 1 ? now : undefined;
    });
    await callbacks();
    expect(await schedule()).toEqual(polled);

    momo.settleRefund(sent.providerReference!, 'SUCCESSFUL');
    await poll(polled.next_check_at);
    const done = await statusBecomes(sent.id, 'succeeded');
    expect(momo.refunds().filter((r) => r.referenceId === done.providerReference)).toHaveLength(1);
    expect(told.filter((e) => e.refund.id === done.id)).toHaveLength(1);
  });

  it('MoMo unreachable mid-send: the refund is unknown, never retried blindly; the check finds MTN never got it and sends it once', async () => {
    const payment = await mobilePayment('momo', 1200);
    momo.failNextRequests(1, 503, 'POST /disbursement/v1_0/refund');
    const res = await refund(payment.id, { amount: rwf(1200), method: 'momo' });
    const unknown = await statusBecomes(res.json().id, 'unknown');
    const retry = await t.call('POST', `/api/refunds/${unknown.id}/retry`);
    expect(retry.statusCode).toBe(409);
    expect(retry.json().code).toBe('payments.refund_outcome_unknown');
    // A second refund cannot take the money it holds.
    expect((await refund(payment.id, { amount: rwf(1), method: 'cash' })).statusCode).toBe(409);
    // Staff ask again until the failed call is over (a check leaves a send that may be in flight alone).
    const done = await eventually(
      async () => {
        await t.call('POST', `/api/refunds/${unknown.id}/check`);
        const now = await refundOf(unknown.id);
        return now.status === 'succeeded' ? now : undefined;
      },
      { what: 'the unknown refund to be found missing at MTN and sent once' },
    );
    expect(momo.refunds().filter((r) => r.referenceId === done.providerReference)).toHaveLength(1);
  });

  it('MoMo refused the refund: failed and visible, a retry is a new attempt that pays once', async () => {
    const payment = await mobilePayment('momo', 1000);
    momo.failNextRefunds(1, 'PAYEE_NOT_FOUND');
    const res = await refund(payment.id, { amount: rwf(400), method: 'momo' });
    const failed = await statusBecomes(res.json().id, 'failed');
    expect(failed.failureReason).toBe('PAYEE_NOT_FOUND');
    expect((await t.call('GET', `/api/payments/${payment.id}/refunds`)).json().left).toEqual(rwf(1000));
    const retried = await t.call('POST', `/api/refunds/${failed.id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ attempt: 2, status: 'pending' });
    const done = await statusBecomes(failed.id, 'succeeded');
    expect(done.providerReference).not.toBe(failed.providerReference);
    const atMtn = momo.refunds().filter((r) => r.referenceIdToRefund === payment.id);
    expect(atMtn.map((r) => r.status).sort()).toEqual(['FAILED', 'SUCCESSFUL']);
    expect(told.filter((e) => e.refund.id === failed.id)).toHaveLength(1);
  });

  it('Airtel: refunds only in full, reversed at Airtel, and the phone shows it back', async () => {
    const payment = await mobilePayment('airtel', 1800);
    const part = await refund(payment.id, { amount: rwf(800), method: 'airtel' });
    expect(part.statusCode).toBe(400);
    expect(part.json().code).toBe('payments.refund_provider_full_only');
    const whole = await refund(payment.id, { amount: rwf(1800), method: 'airtel' });
    expect(whole.statusCode).toBe(201);
    await statusBecomes(whole.json().id, 'succeeded');
    expect(airtel.payment(payment.id)?.status).toBe('TR');
    expect(airtel.phone().find((p) => p.reference === payment.id)?.refunded).toBe('1800');
  });
});

describe('organizations', () => {
  it('another organization neither sees nor refunds a payment', async () => {
    const payment = await cashPayment(600);
    await t.app.createOrg('other', 'other-owner@example.com');
    const other = await t.app.signIn('other-owner@example.com', undefined, 'other');
    const res = await other.post(`/api/payments/${payment.id}/refunds`, {
      amount: rwf(100),
      method: 'cash',
      reason: 'x',
    });
    expect(res.statusCode).toBe(404);
    const list = await other.get('/api/refunds');
    expect(list.json().items ?? []).toHaveLength(0);
  });
});
