import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { alarmRoutes } from './alarms.routes.ts';
import { batchRoutes } from './batches.routes.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import { coffeeDeviceRoutes } from './coffee-device.routes.ts';
import { coffeeSettingsRoutes } from './coffee-settings.routes.ts';
import { legacyModeRoutes, v1StaffRoutes } from './compat/index.ts';
import { deviceActionRoutes } from './device-actions.routes.ts';
import { deviceRoutes } from './devices.routes.ts';
import { fleetSummaryRoutes } from './fleet-summary.routes.ts';
import { orderRoutes } from './orders.routes.ts';
import { recipeRoutes } from './recipe.routes.ts';
import { registrationRoutes } from './registration.routes.ts';

/**
 * Every coffee route: the staff API one file per resource, the API the machines speak
 * (coffee-device.routes.ts, with the original firmware's /api/v1 paths), and the original's staff
 * API (compat/).
 */
export function coffeeRoutes(rt: CoffeeRuntime): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(deviceRoutes(rt));
    await app.register(deviceActionRoutes(rt));
    await app.register(registrationRoutes(rt));
    await app.register(batchRoutes(rt));
    await app.register(alarmRoutes(rt));
    await app.register(coffeeSettingsRoutes());
    await app.register(orderRoutes(rt));
    await app.register(fleetSummaryRoutes(rt));
    await app.register(recipeRoutes(rt));
    await app.register(legacyModeRoutes(rt));
    await app.register(coffeeDeviceRoutes(rt));
    // the original system's staff API (/api/v1/dashboard, /devices, /orders, /health)
    await app.register(v1StaffRoutes(rt));
  };
}
