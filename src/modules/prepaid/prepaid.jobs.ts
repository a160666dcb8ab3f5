import { forEachOrganization, type OrganizationSweep } from '../../core/jobs/index.ts';
import type { JobHandler } from '../../platform/jobs/index.ts';
import { checkAlerts } from './alerts.ts';
import { eraseExpiredSheets } from './commissioning.ts';
import { checkTokensHavePayments } from './fraud-flags.ts';
import { sendMonthlyStatements } from './monthly-statements.ts';
import {
  checkAlertsJob,
  checkTokensJob,
  expireSheetsJob,
  flagUnusedTokensJob,
  sendStatementsJob,
} from './prepaid.queue.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import { flagUnusedTokens } from './unused-tokens.ts';

/**
 * The scheduled jobs, each run per organization that runs prepaid and has rows in its table (or
 * only the one named).
 */
export function prepaidJobs(rt: PrepaidRuntime): JobHandler[] {
  const prepaid = () => rt.deps.database.db.withTables<PrepaidTables>();
  const sweep = (
    job: { name: string },
    orgId: string | undefined,
    withWork: OrganizationSweep['withWork'],
  ): OrganizationSweep => ({ withWork, module: rt.name, orgId, job, systemCtx: rt.systemCtx });
  return [
    checkTokensJob.handle((p) =>
      forEachOrganization(
        sweep(checkTokensJob, p.orgId, prepaid().selectFrom('prepaid_token').select('org_id')),
        async (ctx) => {
          const found = await checkTokensHavePayments(ctx);
          if (found.length)
            rt.log.error({ orgId: ctx.orgId, purchases: found }, 'prepaid: tokens without a settled payment');
        },
      ),
    ),
    checkAlertsJob.handle((p) =>
      forEachOrganization(
        sweep(checkAlertsJob, p.orgId, prepaid().selectFrom('prepaid_meter').select('org_id')),
        async (ctx) => {
          const r = await checkAlerts(ctx, rt);
          if (r.raised || r.cleared) rt.log.info({ orgId: ctx.orgId, ...r }, 'prepaid: meter alerts');
        },
      ),
    ),
    sendStatementsJob.handle((p) =>
      forEachOrganization(
        sweep(sendStatementsJob, p.orgId, prepaid().selectFrom('prepaid_account').select('org_id')),
        async (ctx) => {
          const r = await sendMonthlyStatements(ctx, rt, p.month);
          if (r.sent) rt.log.info({ orgId: ctx.orgId, ...r }, 'prepaid: monthly statements sent');
        },
      ),
    ),
    expireSheetsJob.handle(async () => {
      const erased = await eraseExpiredSheets(rt.deps.database.db, rt.deps.clock.now());
      if (erased) rt.log.info({ erased }, 'prepaid: expired commissioning sheets erased');
    }),
    flagUnusedTokensJob.handle((p) =>
      forEachOrganization(
        sweep(
          flagUnusedTokensJob,
          p.orgId,
          prepaid().selectFrom('prepaid_meter').select('org_id').where('reported_at', 'is not', null),
        ),
        async (ctx) => {
          const flagged = await flagUnusedTokens(ctx);
          if (flagged) rt.log.info({ orgId: ctx.orgId, flagged }, 'prepaid: tokens left unused');
        },
      ),
    ),
  ];
}
