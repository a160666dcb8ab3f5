import type { Ctx } from '../../core/context/index.ts';
import type { ModuleDeps } from '../../core/modules/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { LiveEvent } from '../../platform/live/index.ts';

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
 * The exhibition module of one running app: what its use cases need besides a `Ctx`. Built by
 * the module's `start` and handed to its routes, resources and seed; never stored globally.
 */
export interface ExhibitionRuntime {
  deps: ModuleDeps;
  jobs: JobQueue;
  /** Seals pass signing keys (OPSDESK_SECRET_KEY). */
  secretKey: string;
  /** Announces a change in the caller's transaction (delivered at commit, never for a rollback). */
  publish(tx: Ctx, topic: string, id?: string): Promise<void>;
}

export function startExhibition(deps: ModuleDeps): ExhibitionRuntime {
  deps.live.declareTopic(EXHIBITION_TOPICS.bills, 'exhibition.bill.read');
  deps.live.declareTopic(EXHIBITION_TOPICS.boothBills, 'exhibition.bill.add');
  deps.live.declareTopic(EXHIBITION_TOPICS.customers, 'exhibition.customer.read');
  return {
    deps,
    jobs: deps.jobs,
    secretKey: deps.config.OPSDESK_SECRET_KEY,
    publish: (tx, topic, id) => {
      const event: LiveEvent = { orgId: tx.orgId, topic, ...(id ? { id } : {}) };
      return deps.live.publish(tx.db.isTransaction ? tx.db : undefined, event);
    },
  };
}
