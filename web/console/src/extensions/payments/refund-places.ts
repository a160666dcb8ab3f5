import { createContext } from 'react';
import { isMessage, type Message } from '../../i18n/labels.ts';

/**
 * Where the refunds of each purpose are made: purpose type → the resource whose record page carries
 * the module's own Refund (a record panel declaring `refunds`). A payment of such a purpose is refunded
 * there, in the module's words (what becomes of the token, the numbers, the bill), not on its own page.
 */
export type RefundPlaces = ReadonlyMap<string, string>;

/** The console's refund places, given once by the app from every extension's record panels. */
export const RefundPlacesContext = createContext<RefundPlaces>(new Map());

/** The record a payment's refund is made from, and its words; undefined when the payment's own page refunds it. */
export interface RefundPlace {
  resource: string;
  id: string;
  /** What the payment pays for, in its module's words (the payment's `record`). */
  words: Message | undefined;
}

/**
 * Where a payment (a `payments.payments` record: `purposeType`, `purposeId`, `record`) is refunded: the
 * record its purpose's words name when that is the refunding resource (a student for a mess fee), else
 * the purpose's own id on it (a bill, whose words name its customer).
 */
export function refundPlaceOf(
  places: RefundPlaces,
  payment: Record<string, unknown>,
): RefundPlace | undefined {
  const resource = places.get(String(payment.purposeType ?? ''));
  if (!resource) return undefined;
  const words = isMessage(payment.record) ? payment.record : undefined;
  const id = words?.record?.resource === resource ? words.record.id : String(payment.purposeId ?? '');
  return id ? { resource, id, words } : undefined;
}
