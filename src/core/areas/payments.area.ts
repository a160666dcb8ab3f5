import { defineArea } from '../modules/index.ts';
import {
  PAYMENT_SCHEDULES,
  PaymentsErrors,
  paymentJobs,
  paymentsResourceOf,
  paymentsRoutes,
} from '../payments/index.ts';
import { proofFilesRule } from '../retention/index.ts';

/**
 * Payments: proofs, manual entries and mobile money with reconciliation. The mobile-money
 * providers (and their callback routes) come from the channel areas that declare them
 * (`src/channels/momo`, `src/channels/airtel`).
 */
export const paymentsArea = defineArea({
  name: 'payments',
  errors: [PaymentsErrors],
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
  resources: (deps) => [paymentsResourceOf(() => deps.declared.purposeLabels().map((l) => l.type))],
  routes: (deps) => async (app) => {
    await app.register(paymentsRoutes, {
      jobs: deps.jobs,
      files: deps.files,
      providers: deps.declared.paymentProviders,
      purposeLabels: deps.declared.purposeLabels,
    });
  },
  jobs: (deps) =>
    paymentJobs({
      providers: deps.declared.paymentProviders,
      jobs: deps.jobs,
      db: deps.database.db,
      clock: deps.clock,
      ctxFor: deps.systemCtx,
    }),
  schedules: PAYMENT_SCHEDULES,
  retention: (deps) => ({ rules: [proofFilesRule(deps.files)] }),
});
