import type { ResourceDefinition } from '../../core/resources/index.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import { alarmsResource } from './resources/alarms.resource.ts';
import { batchesResource } from './resources/batches.resource.ts';
import { binsResource } from './resources/bins.resource.ts';
import { devicesResource } from './resources/devices.resource.ts';
import { locationsResource } from './resources/locations.resource.ts';
import { materialsResource } from './resources/materials.resource.ts';
import { merchantsResource } from './resources/merchants.resource.ts';
import { onCallResource } from './resources/oncall.resource.ts';
import { ordersResource } from './resources/orders.resource.ts';
import { packagesResource } from './resources/packages.resource.ts';
import { recipeDraftsResource } from './resources/recipe-drafts.resource.ts';
import { registrationsResource } from './resources/registrations.resource.ts';
import { rolloutsResource } from './resources/rollouts.resource.ts';

/** Console lists of the fleet, one file each under resources/ (list, filters, search, export, actions are generated). */
export function coffeeResources(rt: CoffeeRuntime): ResourceDefinition[] {
  return [
    devicesResource(rt),
    alarmsResource(rt),
    ordersResource(rt),
    materialsResource,
    onCallResource,
    registrationsResource(rt),
    merchantsResource,
    locationsResource,
    binsResource,
    batchesResource(rt),
    packagesResource,
    recipeDraftsResource,
    rolloutsResource(rt),
  ];
}
