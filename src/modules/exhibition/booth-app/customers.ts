import type { StaffApi } from '../../../../web/kit/api.ts';
import type { CustomerJson } from '../browser.ts';
import type { CustomerRef } from './queue.ts';
import type { CustomerOnScreen } from './state.ts';

/** A QR pass (`OD1:…`) or a typed customer code ("k7qx-4m2p" → "K7QX4M2P"). */
export function readScan(text: string): CustomerRef {
  const trimmed = text.trim();
  if (/^OD\d+:/i.test(trimmed)) return { pass: trimmed };
  return { code: trimmed.replace(/[\s-]/g, '').toUpperCase() };
}

/** Whether a code read is one a customer can have (eight letters and digits); other text is searched. */
export const isCustomerCode = (code: string) => /^[0-9A-Z]{8}$/.test(code);

/** What the page shows of a customer the server found: who, and what is on their tab. */
export function customerOnScreen(c: CustomerJson): Partial<CustomerOnScreen> {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    totalMinor: c.totalMinor,
    billCount: c.billCount,
    currency: c.currency,
  };
}

/** The customer a reference names: by id once known, else by the pass or the code read. */
export function findCustomer(api: StaffApi, ref: CustomerRef): Promise<CustomerJson> {
  if (ref.id) return api.call('GET', `/api/exhibition/customers/${encodeURIComponent(ref.id)}`);
  if (ref.pass) return api.call('POST', '/api/exhibition/customers/by-pass', { pass: ref.pass });
  return api.call('GET', `/api/exhibition/customers/by-code/${encodeURIComponent(ref.code ?? '')}`);
}

/** The customers of an exhibition whose name or phone matches what staff typed. */
export function searchCustomers(api: StaffApi, exhibitionId: string, text: string): Promise<CustomerJson[]> {
  return api.call(
    'GET',
    `/api/exhibition/exhibitions/${encodeURIComponent(exhibitionId)}/customers?q=${encodeURIComponent(text.trim())}`,
  );
}
