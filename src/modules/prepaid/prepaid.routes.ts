import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accountRoutes } from './accounts.routes.ts';
import { prepaidIngufupayRoutes } from './compat/ingufupay.routes.ts';
import { meterCommissioningRoutes } from './meter-commissioning.routes.ts';
import { meterDeviceRoutes } from './meter-device.routes.ts';
import { meterRoutes } from './meters.routes.ts';
import { portalAccountRoutes } from './portal/portal-account.routes.ts';
import { portalPurchaseRoutes } from './portal/portal-purchases.routes.ts';
import { portalSessionRoutes } from './portal/portal-sessions.routes.ts';
import { portalSignUpRoutes } from './portal/portal-sign-up.routes.ts';
import { portalUsersRoutes } from './portal/portal-users.routes.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { purchaseRefundRoutes } from './purchase-refunds.routes.ts';
import { purchaseRoutes } from './purchases.routes.ts';
import { readingRoutes } from './readings.routes.ts';
import { receiptRoutes } from './receipts.routes.ts';
import { salesReportRoutes } from './sales-report.routes.ts';
import { statementRoutes } from './statements.routes.ts';
import { tariffRoutes } from './tariffs.routes.ts';

/** Every prepaid route: the staff API, the customer portal and the meter API, one file per resource. */
export function prepaidRoutes(rt: PrepaidRuntime): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(accountRoutes());
    await app.register(meterRoutes(rt));
    await app.register(tariffRoutes());
    await app.register(purchaseRoutes(rt));
    await app.register(purchaseRefundRoutes(rt));
    await app.register(readingRoutes());
    await app.register(salesReportRoutes());
    await app.register(statementRoutes(rt));
    await app.register(receiptRoutes);
    await app.register(meterCommissioningRoutes(rt));
    await app.register(meterDeviceRoutes(rt));
    await app.register(portalSessionRoutes(rt));
    await app.register(portalPurchaseRoutes(rt));
    await app.register(portalAccountRoutes(rt));
    await app.register(portalSignUpRoutes(rt));
    await app.register(portalUsersRoutes(rt));
    await app.register(prepaidIngufupayRoutes(rt));
  };
}
