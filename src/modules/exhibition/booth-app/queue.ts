import { ApiError } from '../../../../web/kit/api.ts';
import { uuid } from '../../../../web/kit/uuid.ts';
import type { BillerBoothJson, BillJson, CustomerJson, NewBillJson } from '../browser.ts';

/** How the booth refers to a customer: the scanned pass or typed code, and the id once the server named it. */
export interface CustomerRef {
  id?: string;
  pass?: string;
  code?: string;
  name?: string;
}

/**
 * A bill as this phone keeps it. `key` (the Idempotency-Key) is made when staff tap "Bill" and
 * stored before the first send, so every resend is the same request and the server bills it once.
 */
export interface QueuedBill {
  key: string;
  boothId: string;
  customer: CustomerRef;
  amountMinor: number;
  currency: string;
  description?: string;
  /** Staff confirmed an amount above the exhibition's limit (sent as `confirmed: true`). */
  confirmed?: boolean;
  createdAt: string;
  /** When staff voided it at the booth (within the window after billing). */
  voidedAt?: string;
  /** The server's time of the bill (its void window starts there). */
  sentAt?: string;
  /** `queued` until the server answered with the bill; `refused` when it never will (bad pass, wrong booth). */
  state: 'queued' | 'sent' | 'refused';
  billId?: string;
  error?: string;
}

/**
 * A new bill at a booth, queued with its key: the customer as far as they are known (id, pass, code,
 * name), and `confirmed` when staff said yes to an amount above the exhibition's limit.
 */
export function newBill(
  booth: Pick<BillerBoothJson, 'id' | 'currency'>,
  customer: CustomerRef,
  bill: { amountMinor: number; description: string; confirmed: boolean },
): QueuedBill {
  const ref: CustomerRef = {};
  for (const field of ['id', 'pass', 'code', 'name'] as const)
    if (customer[field]) ref[field] = customer[field];
  const description = bill.description.trim();
  return {
    key: uuid(),
    boothId: booth.id,
    customer: ref,
    amountMinor: bill.amountMinor,
    currency: booth.currency,
    ...(description ? { description } : {}),
    ...(bill.confirmed ? { confirmed: true } : {}),
    createdAt: new Date().toISOString(),
    state: 'queued',
  };
}

/** Persistence of the booth page; IndexedDB in the browser, a Map in unit tests. */
export interface BillStore {
  put(bill: QueuedBill): Promise<void>;
  queued(): Promise<QueuedBill[]>;
  recent(limit: number): Promise<QueuedBill[]>;
}

/** The two calls a queued bill needs: who the customer is, then the bill with its key. */
export interface BillTransport {
  resolve(ref: CustomerRef): Promise<Pick<CustomerJson, 'id' | 'name'>>;
  bill(customerId: string, key: string, body: NewBillJson): Promise<Pick<BillJson, 'id' | 'createdAt'>>;
}

export interface SendOutcome {
  sent: QueuedBill[];
  refused: QueuedBill[];
  remaining: number;
}

/**
 * Sends queued bills oldest first. A refusal (the pass is not valid, the booth is not the caller's)
 * is stored on the bill and never retried; a network, server or session failure stops the run with
 * the rest still queued (the error propagates after what was sent is stored).
 */
export async function sendQueuedBills(store: BillStore, transport: BillTransport): Promise<SendOutcome> {
  const sent: QueuedBill[] = [];
  const refused: QueuedBill[] = [];
  for (const bill of await store.queued()) {
    let current = bill;
    try {
      if (!current.customer.id) {
        const customer = await transport.resolve(current.customer);
        current = { ...current, customer: { ...current.customer, id: customer.id, name: customer.name } };
        await store.put(current);
      }
      const body = {
        boothId: current.boothId,
        amountMinor: current.amountMinor,
        ...(current.description ? { description: current.description } : {}),
        ...(current.confirmed ? { confirmed: true } : {}),
      };
      const answer = await transport.bill(current.customer.id!, current.key, body);
      current = {
        ...current,
        state: 'sent',
        billId: answer.id,
        sentAt: answer.createdAt,
      };
      await store.put(current);
      sent.push(current);
    } catch (err) {
      if (!(err instanceof ApiError) || (err.kind !== 'refused' && err.kind !== 'forbidden')) throw err;
      current = { ...current, state: 'refused', error: err.message };
      await store.put(current);
      refused.push(current);
    }
  }
  return { sent, refused, remaining: (await store.queued()).length };
}

const DB_NAME = 'opsdesk-booth';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Bills in IndexedDB (kept across reloads and offline restarts of the page). */
export async function openIndexedDbBills(): Promise<BillStore> {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => {
    const bills = open.result.createObjectStore('bills', { keyPath: 'key' });
    bills.createIndex('state', 'state');
    bills.createIndex('createdAt', 'createdAt');
  };
  const db = await request(open);
  const all = async () =>
    (await request(db.transaction('bills').objectStore('bills').getAll())) as QueuedBill[];
  return {
    async put(bill) {
      const tx = db.transaction('bills', 'readwrite');
      tx.objectStore('bills').put(bill);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
      });
    },
    async queued() {
      const index = db.transaction('bills').objectStore('bills').index('state');
      const rows = (await request(index.getAll('queued'))) as QueuedBill[];
      return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async recent(limit) {
      return (await all()).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
    },
  };
}

/** In-memory store with the same semantics, for unit tests. */
export function memoryBills(): BillStore & { bills: Map<string, QueuedBill> } {
  const bills = new Map<string, QueuedBill>();
  const sorted = () => [...bills.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return {
    bills,
    put: async (bill) => {
      bills.set(bill.key, structuredClone(bill));
    },
    queued: async () => sorted().filter((b) => b.state === 'queued'),
    recent: async (limit) => sorted().reverse().slice(0, limit),
  };
}
