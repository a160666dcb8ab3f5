import type { ModuleRuntime } from '../../core/modules/index.ts';

/**
 * Topics the exhibition module publishes on the live channel (`GET /api/live`), each with the
 * permission a listener needs. Payloads are ids only; screens refetch what they show.
 * - `bills`: a bill was added or voided, or a merge moved bills; `id` is the customer whose tab
 *   changed (the desk refetches its open tab, the dashboard its totals).
 * - `booth_bills`: the same change for booth staff, who bill but may not read every bill; `id` is the
 *   booth (the booth page refetches its booths' totals).
 * - `customers`: a customer was registered or merged; `id` is the customer.
 */
export const EXHIBITION_TOPICS = {
  bills: 'exhibition.bills',
  boothBills: 'exhibition.booth_bills',
  customers: 'exhibition.customers',
} as const;

/**
 * The exhibition module of one running app: the runtime the core builds for every module (its
 * `secretKey` seals pass signing keys, `publish` announces the topics above). Handed to its routes,
 * jobs, resources and seed; never stored globally.
 */
export type ExhibitionRuntime = ModuleRuntime;

/** Declares the module's live topics with the permission each listener needs. */
export function startExhibition(core: ModuleRuntime): ExhibitionRuntime {
  core.deps.live.declareTopic(EXHIBITION_TOPICS.bills, 'exhibition.bill.read');
  core.deps.live.declareTopic(EXHIBITION_TOPICS.boothBills, 'exhibition.bill.add');
  core.deps.live.declareTopic(EXHIBITION_TOPICS.customers, 'exhibition.customer.read');
  return core;
}
