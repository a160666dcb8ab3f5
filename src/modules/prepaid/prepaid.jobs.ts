import { organizationsRunning } from '../../core/auth/index.ts';
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

type OrgTable = 'prepaid_token' | 'prepaid_meter' | 'prepaid_account';

/**
 * The scheduled jobs, each run per organization that runs prepaid and has rows in its table (or
 * only the one named).
 */
export function prepaidJobs(rt: PrepaidRuntime): JobHandler[] {
  const orgsWith = async (table: OrgTable, orgId: string | undefined) => {
    let orgs = rt.deps.database.db
      .withTables<PrepaidTables>()
      .selectFrom(table)
      .select('org_id')
      .distinct()
      .where('org_id', 'in', organizationsRunning(rt.name));
    if (orgId) orgs = orgs.where('org_id', '=', orgId);
    return (await orgs.execute()).map((r) => r.org_id);
  };
  return [
    checkTokensJob.handle(async (p) => {
      for (const orgId of await orgsWith('prepaid_token', p.orgId)) {
        const found = await checkTokensHavePayments(rt.systemCtx(orgId, checkTokensJob.name));
        if (found.length)
          rt.log.error({ orgId, purchases: found }, 'prepaid: tokens without a settled payment');
      }
    }),
    checkAlertsJob.handle(async (p) => {
      for (const orgId of await orgsWith('prepaid_meter', p.orgId)) {
        const r = await checkAlerts(rt.systemCtx(orgId, checkAlertsJob.name), rt);
        if (r.raised || r.cleared) rt.log.info({ orgId, ...r }, 'prepaid: meter alerts');
      }
    }),
    sendStatementsJob.handle(async (p) => {
      for (const orgId of await orgsWith('prepaid_account', p.orgId)) {
        const r = await sendMonthlyStatements(rt.systemCtx(orgId, sendStatementsJob.name), rt, p.month);
        if (r.sent) rt.log.info({ orgId, ...r }, 'prepaid: monthly statements sent');
      }
    }),
    expireSheetsJob.handle(async () => {
      const erased = await eraseExpiredSheets(rt.deps.database.db, rt.deps.clock.now());
      if (erased) rt.log.info({ erased }, 'prepaid: expired commissioning sheets erased');
    }),
    flagUnusedTokensJob.handle(async (p) => {
      let orgs = rt.deps.database.db
        .withTables<PrepaidTables>()
        .selectFrom('prepaid_meter')
        .select('org_id')
        .where('reported_at', 'is not', null)
        .where('org_id', 'in', organizationsRunning(rt.name))
        .distinct();
      if (p.orgId) orgs = orgs.where('org_id', '=', p.orgId);
      for (const { org_id } of await orgs.execute()) {
        const flagged = await flagUnusedTokens(rt.systemCtx(org_id, flagUnusedTokensJob.name));
        if (flagged) rt.log.info({ orgId: org_id, flagged }, 'prepaid: tokens left unused');
      }
    }),
  ];
}
