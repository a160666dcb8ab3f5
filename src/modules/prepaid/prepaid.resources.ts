import type { ResourceDefinition } from '../../core/resources/index.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { accountsResource } from './resources/accounts.resource.ts';
import { alertsResource } from './resources/alerts.resource.ts';
import { flagsResource } from './resources/flags.resource.ts';
import { importedPurchasesResource } from './resources/imported-purchases.resource.ts';
import { meterRequestsResource } from './resources/meter-requests.resource.ts';
import { metersResource } from './resources/meters.resource.ts';
import { purchasesResource } from './resources/purchases.resource.ts';
import { readingsResource } from './resources/readings.resource.ts';
import { tariffsResource } from './resources/tariffs.resource.ts';
import { tokensResource } from './resources/tokens.resource.ts';

/**
 * Console lists of the prepaid module, one file each under resources/ (filters, search, CSV export
 * and the audit timeline are generated). Form bodies reach `run` already parsed by their `input`
 * schema (the route validates them).
 */
export function prepaidResources(rt: PrepaidRuntime): ResourceDefinition[] {
  return [
    accountsResource,
    metersResource(rt),
    tariffsResource,
    purchasesResource(rt),
    flagsResource,
    readingsResource,
    alertsResource,
    meterRequestsResource(rt),
    tokensResource,
    importedPurchasesResource,
  ];
}
