import type { ResourceDefinition } from '../../core/resources/index.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { billsResource } from './resources/bills.resource.ts';
import { boothsResource } from './resources/booths.resource.ts';
import { customersResource } from './resources/customers.resource.ts';
import { exhibitionsResource } from './resources/exhibitions.resource.ts';

/** Console lists, one file each under resources/ (filters, search, CSV export, the audit timeline come generated). */
export function exhibitionResources(rt: ExhibitionRuntime): ResourceDefinition[] {
  return [exhibitionsResource, boothsResource, customersResource(rt), billsResource(rt)];
}
