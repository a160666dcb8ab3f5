import { defineModule } from '../modules/index.ts';
import {
  airtelCallbackSecret,
  configuredProviders,
  PAYMENT_SCHEDULES,
  paymentJobs,
  paymentsResource,
  paymentsRoutes,
  paymentWebhookRoutes,
  reconcileJob,
} from '../payments/index.ts';

/** Payments: proofs, manual entries and mobile money, with provider webhooks and reconciliation. */
export const paymentsArea = defineModule({
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
      files: deps.files,
      configured: configuredProviders(deps.config),
    });
    await app.register(paymentWebhookRoutes, {
      db: deps.database.db,
      jobs: deps.jobs,
      airtelCallbackSecret: () => airtelCallbackSecret(deps.config),
    });
    // Reconcile once at start: payments left pending while no process ran are polled at once.
    app.addHook('onReady', async () => {
      await deps.jobs.send(reconcileJob, {});
    });
  },
  jobs: (deps) =>
    paymentJobs({
      config: deps.config,
      jobs: deps.jobs,
      db: deps.database.db,
      clock: deps.clock,
      ctxFor: deps.systemCtx,
    }),
  schedules: PAYMENT_SCHEDULES,
});
