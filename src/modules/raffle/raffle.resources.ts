import type { ResourceDefinition } from '../../core/resources/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { buyersResource } from './resources/buyers.resource.ts';
import { ordersResource } from './resources/orders.resource.ts';
import { rafflesResource } from './resources/raffles.resource.ts';
import { ticketsResource } from './resources/tickets.resource.ts';

/** Console screens, one file each under resources/ (list, filters, search, export, bulk actions, audit timeline are generated). */
export function raffleResources(deps: { jobs: JobQueue }): ResourceDefinition[] {
  return [rafflesResource(deps), ordersResource(deps), ticketsResource, buyersResource];
}
