import { useRef } from 'react';
import { api, useLiveTopic } from '../../../../web/console/src/extensions/index.ts';
import type { Bill, Customer } from './desk-model.ts';

/** A bill added or voided anywhere (another desk, a booth) for the open tab refreshes it at once. */
const LIVE_TOPICS = ['exhibition.bills'];

/**
 * The open tab follows the live stream (no polling): a bill for this customer from anywhere, or a
 * reconnect after a dropped stream, reloads its total and bills; what the clerk is typing stays.
 */
export function useLiveTab(
  customer: Customer | undefined,
  setCustomer: (customer: Customer) => void,
  setBills: (bills: Bill[]) => void,
): void {
  const openId = useRef<string | undefined>(undefined);
  openId.current = customer?.id;
  const refreshTab = async () => {
    const open = customer;
    if (!open) return;
    try {
      const [fresh, freshBills] = await Promise.all([
        api<Customer>(`/api/exhibition/customers/${open.id}`),
        api<Bill[]>(`/api/exhibition/customers/${open.id}/bills`),
      ]);
      if (openId.current !== open.id) return; // the clerk moved on meanwhile
      setCustomer(fresh);
      setBills(freshBills);
    } catch {
      // the next event or the clerk's next action reads it again
    }
  };
  useLiveTopic(
    LIVE_TOPICS,
    (m) => {
      if (customer && m.id === customer.id) void refreshTab();
    },
    () => void refreshTab(),
  );
}
