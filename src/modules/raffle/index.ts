import { fileURLToPath } from 'node:url';
import { defineModule } from '../../core/modules/index.ts';
import { raffleImport } from './import/raffle.import.ts';
import { orderIdsOfPayer, orderPurposeLabels } from './order-purpose.ts';
import { ORDER_PURPOSE } from './orders.ts';
import { RaffleErrors } from './raffle.errors.ts';
import { raffleFlow } from './raffle.flow.ts';
import { raffleHooks, raffleRefunds } from './raffle.hooks.ts';
import { raffleJobs } from './raffle.jobs.ts';
import { raffleTemplates } from './raffle.notifications.ts';
import { RAFFLE_SCHEDULES } from './raffle.queue.ts';
import { raffleResources } from './raffle.resources.ts';
import { raffleRetention } from './raffle.retention.ts';
import { raffleRoutes } from './raffle.routes.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import { raffleDemo, seedRaffleDemo } from './raffle.seed.ts';
import { raffleSmsTemplates } from './raffle.sms.ts';

/** Raffle tickets sold through a WhatsApp bot, with holds, payments and a verifiable draw. */
export const raffleModule = defineModule<RaffleRuntime>({
  name: 'raffle',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  permissions: [
    { key: 'raffle.raffle.read', description: 'See raffles' },
    { key: 'raffle.raffle.manage', description: 'Create raffles, open and close sales', roles: ['ops'] },
    { key: 'raffle.raffle.draw', description: 'Draw the winners of a closed raffle' },
    { key: 'raffle.order.read', description: 'See raffle orders' },
    { key: 'raffle.order.reserve', description: 'Hold tickets for a buyer', roles: ['ops'] },
    { key: 'raffle.order.confirm', description: 'Confirm or deny payment of raffle orders', roles: ['ops'] },
    { key: 'raffle.order.cancel', description: 'Cancel raffle orders', roles: ['ops'] },
    {
      key: 'raffle.order.refund',
      description: 'Cancel paid orders with a refund (within the refund limit of one’s role)',
      roles: ['ops'],
    },
    { key: 'raffle.ticket.read', description: 'See raffle tickets' },
    { key: 'raffle.buyer.read', description: 'See raffle buyers' },
  ],
  errors: [RaffleErrors],
  templates: [...raffleTemplates, ...raffleSmsTemplates],
  routes: raffleRoutes,
  jobs: raffleJobs,
  schedules: RAFFLE_SCHEDULES,
  flows: (rt) => [raffleFlow(rt)],
  hooks: raffleHooks,
  refunds: raffleRefunds,
  purposeLabel: { [ORDER_PURPOSE]: (ctx, _rt, ids) => orderPurposeLabels(ctx, ids) },
  purposePayerSearch: { [ORDER_PURPOSE]: (ctx, _rt, word) => orderIdsOfPayer(ctx, word) },
  resources: (rt) => raffleResources(rt),
  retention: raffleRetention,
  imports: raffleImport,
  seed: seedRaffleDemo,
  demo: raffleDemo,
});
