import { defineArea } from '../modules/index.ts';
import { listed } from '../notifications/index.ts';
import {
  PAYMENT_SCHEDULES,
  PaymentsErrors,
  paymentJobs,
  paymentsResourceOf,
  paymentsRoutes,
  REFUND_LIMITS_PERMISSION,
  REFUND_LIMITS_SETTING,
  REFUND_SCHEDULES,
  RefundErrors,
  refundJobs,
  refundRejectedTemplate,
  refundsResourceOf,
} from '../payments/index.ts';
import { proofFilesRule } from '../retention/index.ts';

/**
 * Payments: proofs, manual entries and mobile money with reconciliation. The mobile-money
 * providers (and their callback routes) come from the channel areas that declare them
 * (`src/channels/momo`, `src/channels/airtel`).
 */
export const paymentsArea = defineArea({
  name: 'payments',
  errors: [PaymentsErrors, RefundErrors],
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
    { key: 'payments.refund.read', description: 'See refunds and their receipts' },
    {
      key: 'payments.refund.create',
      description:
        'Refund payments up to the role’s limit (organization settings), retry failed refunds; above the limit a second person approves',
      roles: ['ops'],
    },
    {
      key: 'payments.refund.approve',
      description: 'Approve or reject refunds above their requester’s limit (never one’s own)',
    },
    {
      key: REFUND_LIMITS_PERMISSION,
      description: 'Set the refund limits by role (organization settings payments.refunds.limits)',
      ownerOnly: true,
    },
  ],
  // The limits decide who needs a second person: only owners change them (issue 61 item 3).
  guardedSettings: [REFUND_LIMITS_SETTING],
  resources: (deps) => {
    const purposeLabels = deps.declared.purposeLabels;
    const purposeTypes = () => purposeLabels().map((l) => l.type);
    return [
      paymentsResourceOf({ purposeTypes, purposeLabels }),
      refundsResourceOf({
        purposeTypes,
        purposeLabels,
        jobs: deps.jobs,
        declared: deps.declared,
      }),
    ];
  },
  routes: (deps) => async (app) => {
    await app.register(paymentsRoutes, {
      jobs: deps.jobs,
      files: deps.files,
      declared: deps.declared,
      purposeLabels: deps.declared.purposeLabels,
    });
  },
  jobs: (deps) => {
    const bound = {
      declared: deps.declared,
      jobs: deps.jobs,
      db: deps.database.db,
      clock: deps.clock,
      ctxFor: deps.systemCtx,
    };
    return [...paymentJobs(bound), ...refundJobs(bound)];
  },
  // The member of staff whose refund a second person turned down is told why.
  templates: [listed(refundRejectedTemplate)],
  schedules: [...PAYMENT_SCHEDULES, ...REFUND_SCHEDULES],
  retention: (deps) => ({ rules: [proofFilesRule(deps.files)] }),
});
