import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import type { ModuleDeps } from '../../core/modules/index.ts';
import type { LiveEvent } from '../../platform/live/index.ts';
import { registerFleetMetrics } from './fleet-metrics.ts';

export const coffeeConfigSchema = z.object({
  /** Minutes without a heartbeat after which a device is offline and alarmed. */
  COFFEE_OFFLINE_AFTER_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  /** Requests per minute one device token may make (devices behind one NAT are counted apart). */
  COFFEE_DEVICE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** `npm start --demo` runs this many simulated machines against the server (0: none). */
  COFFEE_DEMO_SIMULATED_DEVICES: z.coerce.number().int().min(0).max(1000).default(0),
});
export type CoffeeConfig = z.infer<typeof coffeeConfigSchema>;

/** Topics the coffee module publishes on the live channel, with the permission each needs. */
export const COFFEE_TOPICS = {
  devices: 'coffee.devices',
  alarms: 'coffee.alarms',
  batches: 'coffee.batches',
  orders: 'coffee.orders',
} as const;

/**
 * The coffee module of one running app: built by `start`, handed to routes, jobs and seed; never
 * stored globally. `demoTokens` holds the tokens the demo seed provisioned, for the demo simulator.
 */
export interface CoffeeRuntime {
  deps: ModuleDeps;
  config: CoffeeConfig;
  demoDevices: Array<{ serial: string; token: string }>;
  /** Announces a change in the caller's transaction (delivered at commit). */
  publish(tx: Ctx, topic: string, id?: string): Promise<void>;
}

export function startCoffee(deps: ModuleDeps, config: CoffeeConfig): CoffeeRuntime {
  deps.live.declareTopic(COFFEE_TOPICS.devices, 'coffee.device.read');
  deps.live.declareTopic(COFFEE_TOPICS.alarms, 'coffee.alarm.read');
  deps.live.declareTopic(COFFEE_TOPICS.batches, 'coffee.command.read');
  deps.live.declareTopic(COFFEE_TOPICS.orders, 'coffee.order.read');
  if (deps.metrics) registerFleetMetrics(deps.metrics, deps.database);
  return {
    deps,
    config,
    demoDevices: [],
    publish: (tx, topic, id) => {
      const event: LiveEvent = { orgId: tx.orgId, topic, ...(id ? { id } : {}) };
      return deps.live.publish(tx.db.isTransaction ? tx.db : undefined, event);
    },
  };
}
