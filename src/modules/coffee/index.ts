import { fileURLToPath } from 'node:url';
import { defineModule } from '../../core/modules/index.ts';
import { coffeeCommands } from './coffee.cli.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import { coffeeJobs } from './coffee.jobs.ts';
import { coffeeTemplates } from './coffee.notifications.ts';
import { COFFEE_SCHEDULES } from './coffee.queue.ts';
import { coffeeResources } from './coffee.resources.ts';
import { coffeeRoutes } from './coffee.routes.ts';
import { type CoffeeConfig, type CoffeeRuntime, coffeeConfigSchema, startCoffee } from './coffee.runtime.ts';
import { coffeeDemo, seedCoffeeDemo } from './coffee.seed.ts';
import { coffeeImport } from './import/coffee.import.ts';
import { ORDER_PURPOSE, orderPurposeLabels, orderRefunds } from './order-refunds.ts';
import { demoSimulatorWorker } from './simulator/demo-worker.ts';

/** A coffee-machine fleet: devices with their own tokens, ordered remote commands, batches, alarms. */
export const coffeeModule = defineModule<CoffeeRuntime, CoffeeConfig>({
  name: 'coffee',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  permissions: [
    { key: 'coffee.device.read', description: 'See the coffee fleet, its devices and dashboard' },
    {
      key: 'coffee.device.manage',
      description: 'Provision devices, rotate and revoke their tokens',
      roles: ['ops'],
    },
    { key: 'coffee.command.read', description: 'See device commands and batches' },
    { key: 'coffee.command.send', description: 'Send commands and batches to devices', roles: ['ops'] },
    { key: 'coffee.alarm.read', description: 'See fleet alarms' },
    { key: 'coffee.alarm.manage', description: 'Acknowledge and close fleet alarms', roles: ['ops'] },
    { key: 'coffee.recipe.read', description: 'See recipe packages and rollouts' },
    {
      key: 'coffee.recipe.manage',
      description: 'Publish recipe packages, roll them out and back',
      roles: ['ops'],
    },
    { key: 'coffee.order.read', description: 'See coffee orders' },
    { key: 'coffee.order.refund', description: 'Refund coffee orders', roles: ['ops'] },
  ],
  config: coffeeConfigSchema,
  errors: [CoffeeErrors],
  // A refunded sale is recorded in core payments (issue 53): its payment pays for the order, and
  // every refund of it, whichever route asks, changes the order through one contract (issue 62).
  purposeLabel: { [ORDER_PURPOSE]: (ctx, _rt, ids) => orderPurposeLabels(ctx, ids) },
  refunds: { [ORDER_PURPOSE]: orderRefunds },
  templates: coffeeTemplates,
  start: startCoffee,
  routes: coffeeRoutes,
  jobs: coffeeJobs,
  schedules: COFFEE_SCHEDULES,
  workers: (rt) => (rt.config.COFFEE_DEMO_SIMULATED_DEVICES > 0 ? [demoSimulatorWorker(rt)] : []),
  resources: (rt) => coffeeResources(rt),
  seed: seedCoffeeDemo,
  demo: coffeeDemo,
  imports: coffeeImport,
  commands: coffeeCommands,
});
