import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../web/kit/api.ts';
import { type BillTransport, memoryBills, type QueuedBill, sendQueuedBills } from './queue.ts';

const bill = (key: string, over: Partial<QueuedBill> = {}): QueuedBill => ({
  key,
  boothId: 'booth-1',
  customer: { pass: `OD1:${key}` },
  amountMinor: 1250,
  currency: 'USD',
  createdAt: `2026-12-10T10:00:0${key.length}Z`,
  state: 'queued',
  ...over,
});

/** A server that bills each key once (as the Idempotency-Key does) and records every call. */
function server(options: { failAfter?: number; refusePass?: string } = {}) {
  const billed = new Map<string, string>();
  const calls: string[] = [];
  const transport: BillTransport = {
    async resolve(ref) {
      calls.push(`resolve ${ref.pass}`);
      if (ref.pass === options.refusePass)
        throw new ApiError('refused', 422, 'exhibition.pass_invalid', 'not a pass');
      return { id: `cust-${ref.pass}`, name: 'Asha' };
    },
    async bill(customerId, key) {
      calls.push(`bill ${customerId} ${key}`);
      if (
        options.failAfter !== undefined &&
        calls.filter((c) => c.startsWith('bill')).length > options.failAfter
      )
        throw new ApiError('network', 0, 'network', 'offline');
      if (!billed.has(key)) billed.set(key, `bill-${billed.size + 1}`);
      return { id: billed.get(key)!, createdAt: '2026-12-10T10:00:30.000Z' };
    },
  };
  return { transport, billed, calls };
}

describe('the booth queue', () => {
  it('sends each queued bill once, resolving the scanned pass first, and marks it sent', async () => {
    const store = memoryBills();
    await store.put(bill('a'));
    await store.put(bill('bb', { customer: { id: 'cust-known' } }));
    const { transport, billed, calls } = server();
    const outcome = await sendQueuedBills(store, transport);
    expect(outcome.sent.map((b) => b.key)).toEqual(['a', 'bb']);
    expect(outcome.remaining).toBe(0);
    expect(calls).toEqual(['resolve OD1:a', 'bill cust-OD1:a a', 'bill cust-known bb']);
    expect(billed.size).toBe(2);
    expect(store.bills.get('a')).toMatchObject({
      state: 'sent',
      billId: 'bill-1',
      sentAt: '2026-12-10T10:00:30.000Z',
      customer: { id: 'cust-OD1:a' },
    });
    expect(await sendQueuedBills(store, transport)).toMatchObject({ sent: [], remaining: 0 });
  });

  it('keeps the rest queued when the network drops, and resends with the same keys later', async () => {
    const store = memoryBills();
    for (const key of ['a', 'bb', 'ccc']) await store.put(bill(key));
    const flaky = server({ failAfter: 1 });
    await expect(sendQueuedBills(store, flaky.transport)).rejects.toThrow('offline');
    expect((await store.queued()).map((b) => b.key)).toEqual(['bb', 'ccc']);
    // the customer resolved before the failure is remembered, so the resend needs no lookup
    expect(store.bills.get('bb')!.customer.id).toBe('cust-OD1:bb');
    const back = server();
    const outcome = await sendQueuedBills(store, back.transport);
    expect(outcome.sent.map((b) => b.key)).toEqual(['bb', 'ccc']);
    expect(back.calls.filter((c) => c.startsWith('bill')).map((c) => c.split(' ')[2])).toEqual(['bb', 'ccc']);
  });

  it('stores a refusal on the bill and never retries it', async () => {
    const store = memoryBills();
    await store.put(bill('a'));
    await store.put(bill('bb'));
    const { transport, calls } = server({ refusePass: 'OD1:a' });
    const outcome = await sendQueuedBills(store, transport);
    expect(outcome.refused.map((b) => b.key)).toEqual(['a']);
    expect(store.bills.get('a')).toMatchObject({ state: 'refused', error: 'not a pass' });
    expect(outcome.sent.map((b) => b.key)).toEqual(['bb']);
    await sendQueuedBills(store, transport);
    expect(calls.filter((c) => c === 'resolve OD1:a')).toHaveLength(1);
  });
});
