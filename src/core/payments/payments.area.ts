import { createFileStore } from '../files/index.ts';
import type { ModuleDefinition } from '../modules/index.ts';
import { airtelCallbackSecret, configuredProviders } from './payment-providers.ts';
import { PAYMENT_SCHEDULES, paymentJobs } from './payments.jobs.ts';
import { RECONCILE_JOB } from './payments.queue.ts';
import { paymentsResource } from './payments.resource.ts';
import { paymentsRoutes } from './payments.routes.ts';
import { paymentWebhookRoutes } from './webhooks.routes.ts';

/** The payments area as `src/app/core-areas.ts` plugs it in. */
export const paymentsArea: ModuleDefinition = {
  name: 'payments',
  permissions: [
    { key: 'payments.payment.read', description: 'See payments and their proofs' },
    {
      key: 'payments.payment.create',
      description: 'Record manual payments and submit proofs',
      roles: ['ops'],
    },
    {
      key: 'payments.payment.verify',
      description: 'Verify or deny proofs, void manual payments',
      roles: ['ops'],
    },
    {
      key: 'payments.payment.request',
      description: 'Request mobile-money payments and re-check them',
      roles: ['ops'],
    },
  ],
  resources: () => [paymentsResource],
  routes: (deps) => async (app) => {
    await app.register(paymentsRoutes, {
      jobs: deps.jobs,
      files: createFileStore(deps.config),
      configured: configuredProviders(deps.config),
    });
    await app.register(paymentWebhookRoutes, {
      db: deps.database.db,
      jobs: deps.jobs,
      airtelCallbackSecret: () => airtelCallbackSecret(deps.config),
    });
    // Reconcile once at start: payments left pending while no process ran are polled at once.
    app.addHook('onReady', async () => {
      await deps.jobs.send(RECONCILE_JOB, {});
    });
  },
  jobs: paymentJobs,
  schedules: PAYMENT_SCHEDULES,
};
