import { fileURLToPath } from 'node:url';
import { defineModule } from '../../core/modules/index.ts';
import { ALERT_SCHEDULES, alertJobs } from './alerts.jobs.ts';
import { PREPAID_SCHEDULES, prepaidJobs } from './fraud-flags.ts';
import { resealMeterKeys } from './meter-keys.ts';
import { meterTokenResources } from './meter-tokens.resources.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import { prepaidFlow } from './prepaid.flow.ts';
import { prepaidTemplates } from './prepaid.notifications.ts';
import { prepaidResources } from './prepaid.resources.ts';
import { prepaidRetention } from './prepaid.retention.ts';
import { prepaidRoutes } from './prepaid.routes.ts';
import { type PrepaidRuntime, startPrepaid } from './prepaid.runtime.ts';
import { seedPrepaidDemo } from './prepaid.seed.ts';
import { purchasePurposeLabels } from './purchase-purpose.ts';
import { failPurchase, issueToken, PURCHASE_PURPOSE } from './purchases.ts';
import { STATEMENT_SCHEDULES, statementJobs } from './statements.jobs.ts';
import { UNUSED_TOKEN_SCHEDULES, unusedTokenJobs } from './unused-tokens.jobs.ts';

export { decodeForSupport, generateTokenLines, OpenPaygoError } from './openpaygo/index.ts';

/** Prepaid electricity: meters, tariffs, mobile-money purchases that each yield one OpenPAYGO token. */
export const prepaidModule = defineModule<PrepaidRuntime>({
  name: 'prepaid',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  permissions: [
    { key: 'prepaid.meter.read', description: 'See meters and quotes', roles: ['ops'] },
    { key: 'prepaid.meter.manage', description: 'Register accounts and meters, change meter status' },
    { key: 'prepaid.tariff.manage', description: 'Set tariffs' },
    { key: 'prepaid.purchase.read', description: 'See purchases and tokens', roles: ['ops'] },
    { key: 'prepaid.purchase.create', description: 'Sell units (mobile money or cash)', roles: ['ops'] },
    { key: 'prepaid.token.check', description: 'Check a token a customer typed', roles: ['ops'] },
    { key: 'prepaid.reading.create', description: 'Record meter readings (API, CSV)', roles: ['ops'] },
  ],
  errors: [PrepaidErrors],
  templates: prepaidTemplates,
  resealSecrets: async (trx, keys) => ({
    label: 'OpenPAYGO meter key(s)',
    count: await resealMeterKeys(trx, keys),
  }),
  start: startPrepaid,
  purposeLabel: { [PURCHASE_PURPOSE]: (_rt, ctx, ids) => purchasePurposeLabels(ctx, ids) },
  routes: prepaidRoutes,
  resources: (rt) => [...prepaidResources(rt), ...meterTokenResources(rt)],
  jobs: (rt) => [...prepaidJobs(rt), ...alertJobs(rt), ...statementJobs(rt), ...unusedTokenJobs(rt)],
  schedules: [...PREPAID_SCHEDULES, ...ALERT_SCHEDULES, ...STATEMENT_SCHEDULES, ...UNUSED_TOKEN_SCHEDULES],
  flows: (rt) => [prepaidFlow(rt)],
  hooks: {
    paymentSettled: { [PURCHASE_PURPOSE]: (rt, tx, payment) => issueToken(rt, tx, payment) },
    paymentFailed: { [PURCHASE_PURPOSE]: (_rt, tx, payment) => failPurchase(tx, payment) },
  },
  retention: prepaidRetention,
  seed: seedPrepaidDemo,
});
