import { fileURLToPath } from 'node:url';
import { defineModule } from '../../core/modules/index.ts';
import { prepaidImport } from './import/prepaid.import.ts';
import { resealMeterKeys } from './meter-keys.ts';
import { ORIGINAL_PURCHASE_PURPOSE, originalPurchasePurposeLabels } from './original-purchase-payments.ts';
import { prepaidCommands } from './prepaid.cli.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import { prepaidFlow } from './prepaid.flow.ts';
import { prepaidHooks, prepaidRefunds } from './prepaid.hooks.ts';
import { prepaidJobs } from './prepaid.jobs.ts';
import { prepaidTemplates } from './prepaid.notifications.ts';
import { PREPAID_SCHEDULES } from './prepaid.queue.ts';
import { prepaidResources } from './prepaid.resources.ts';
import { prepaidRetention } from './prepaid.retention.ts';
import { prepaidRoutes } from './prepaid.routes.ts';
import { type PrepaidConfig, type PrepaidRuntime, prepaidConfigSchema } from './prepaid.runtime.ts';
import { prepaidDemo, seedPrepaidDemo } from './prepaid.seed.ts';
import { prepaidUssdFlow } from './prepaid.ussd.flow.ts';
import { purchaseIdsOfPayer, purchasePurposeLabels } from './purchase-purpose.ts';
import { PURCHASE_PURPOSE } from './purchases.ts';
import { prepaidRefundTemplates } from './refund-messages.ts';

/** Prepaid electricity: meters, tariffs, mobile-money purchases that each yield one OpenPAYGO token. */
export const prepaidModule = defineModule<PrepaidRuntime, PrepaidConfig>({
  name: 'prepaid',
  config: prepaidConfigSchema,
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  permissions: [
    { key: 'prepaid.meter.read', description: 'See meters and quotes', roles: ['ops'] },
    { key: 'prepaid.meter.manage', description: 'Register accounts and meters, change meter status' },
    { key: 'prepaid.tariff.manage', description: 'Set tariffs' },
    { key: 'prepaid.purchase.read', description: 'See purchases and tokens', roles: ['ops'] },
    { key: 'prepaid.purchase.create', description: 'Sell units (mobile money or cash)', roles: ['ops'] },
    {
      key: 'prepaid.purchase.refund',
      description: 'Refund purchases (within the refund limit of one’s role)',
      roles: ['ops'],
    },
    { key: 'prepaid.token.check', description: 'Check a token a customer typed', roles: ['ops'] },
    { key: 'prepaid.reading.create', description: 'Record meter readings (API, CSV)', roles: ['ops'] },
  ],
  errors: [PrepaidErrors],
  templates: [...prepaidTemplates, ...prepaidRefundTemplates],
  resealSecrets: async (trx, keys) => ({
    label: 'OpenPAYGO meter key(s)',
    count: await resealMeterKeys(trx, keys),
  }),
  purposeLabel: {
    [PURCHASE_PURPOSE]: (ctx, _rt, ids) => purchasePurposeLabels(ctx, ids),
    [ORIGINAL_PURCHASE_PURPOSE]: (ctx, _rt, ids) => originalPurchasePurposeLabels(ctx, ids),
  },
  purposePayerSearch: { [PURCHASE_PURPOSE]: (ctx, _rt, word) => purchaseIdsOfPayer(ctx, word) },
  routes: prepaidRoutes,
  resources: (rt) => prepaidResources(rt),
  jobs: prepaidJobs,
  schedules: PREPAID_SCHEDULES,
  flows: (rt) => [prepaidFlow(rt), prepaidUssdFlow(rt)],
  hooks: prepaidHooks,
  refunds: prepaidRefunds,
  retention: prepaidRetention,
  seed: seedPrepaidDemo,
  demo: prepaidDemo,
  webApps: [
    {
      app: 'portal',
      pages: [
        {
          label: 'portal',
          path: '/portal/<organization slug>/',
          about: 'prepaid electricity customers',
          ofOrganization: (slug) => `/portal/${slug}/`,
        },
      ],
    },
  ],
  commands: prepaidCommands,
  imports: prepaidImport,
});
