import { z } from 'zod';
import type { ModuleRuntime } from '../../core/modules/index.ts';
import { registerFleetMetrics } from './fleet-metrics.ts';

export const coffeeConfigSchema = z
  .object({
    /** Minutes without a heartbeat after which a device is offline and alarmed. */
    COFFEE_OFFLINE_AFTER_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
    /** Requests per minute one device token may make (devices behind one NAT are counted apart). */
    COFFEE_DEVICE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    /** `npm start --demo` runs this many of the demo seed's machines against the server (0: none). */
    COFFEE_DEMO_SIMULATED_DEVICES: z.coerce.number().int().min(0).max(1000).default(0),
    /** Read only to refuse the demo's machines in production. */
    NODE_ENV: z.string().optional(),
  })
  // The simulator rotates machines' tokens and speaks for them: demo only, as `--demo` is (issue 40).
  .refine((c) => c.NODE_ENV !== 'production' || c.COFFEE_DEMO_SIMULATED_DEVICES === 0, {
    path: ['COFFEE_DEMO_SIMULATED_DEVICES'],
    message:
      "the demo's simulated coffee machines are refused in production (NODE_ENV=production), as --demo is; leave it unset",
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
 * The coffee module of one running app: the core's runtime with its parsed settings (`config`).
 * Handed to routes, jobs, workers, resources and seed; never stored globally.
 */
export type CoffeeRuntime = ModuleRuntime<CoffeeConfig>;

/** Declares the live topics and the fleet's Prometheus gauges, once per app. */
export function startCoffee(core: ModuleRuntime<CoffeeConfig>): CoffeeRuntime {
  const { live, metrics, database } = core.deps;
  live.declareTopic(COFFEE_TOPICS.devices, 'coffee.device.read');
  live.declareTopic(COFFEE_TOPICS.alarms, 'coffee.alarm.read');
  live.declareTopic(COFFEE_TOPICS.batches, 'coffee.command.read');
  live.declareTopic(COFFEE_TOPICS.orders, 'coffee.order.read');
  if (metrics) registerFleetMetrics(metrics, database);
  return core;
}
