import type { StaffApi } from '../../../../web/kit/api.ts';
import type { BillJson } from '../browser.ts';
import { findCustomer } from './customers.ts';
import type { BillTransport, QueuedBill } from './queue.ts';

/** How queued bills reach the server: the customer found by what was read, the bill sent with its key. */
export function billTransport(api: StaffApi): BillTransport {
  return {
    resolve: (ref) => findCustomer(api, ref),
    bill: (customerId, key, body) =>
      api.call('POST', `/api/exhibition/customers/${encodeURIComponent(customerId)}/bills`, body, {
        'idempotency-key': key,
      }),
  };
}

/** Voids a bill just made at this booth (the server refuses in words after the window); returns it voided. */
export async function voidAtBooth(
  api: StaffApi,
  bill: QueuedBill,
  billId: string,
  reason: string,
): Promise<QueuedBill> {
  await api.call('POST', `/api/exhibition/bills/${encodeURIComponent(billId)}/void-at-booth`, { reason });
  return { ...bill, voidedAt: new Date().toISOString() };
}

/** The bill as voided elsewhere (at the desk, in the console), or undefined while it stands. */
export async function voidedElsewhere(
  api: StaffApi,
  bill: QueuedBill,
  billId: string,
  customerId: string,
): Promise<QueuedBill | undefined> {
  const bills = await api.call<BillJson[]>(
    'GET',
    `/api/exhibition/customers/${encodeURIComponent(customerId)}/bills`,
  );
  const onServer = bills.find((b) => b.id === billId);
  if (onServer?.status !== 'void') return undefined;
  return { ...bill, voidedAt: onServer.voidedAt ?? new Date().toISOString() };
}
