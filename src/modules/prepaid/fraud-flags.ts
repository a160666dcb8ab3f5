import { z } from 'zod';
import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { defineJob, type JobHandler, type ScheduleSpec } from '../../platform/jobs/index.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

export const FRAUD_KINDS = [
  'many_payers',
  'many_meters',
  'rapid_tokens',
  'repeated_failures',
  'token_without_payment',
] as const;

/**
 * Tokens whose payment is not settled: the settlement hook makes that impossible, so any found is
 * a bug or a hand-edited database. Each is audited (`prepaid.fraud.token_without_payment`) and logged.
 */
export async function checkTokensHavePayments(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db
    .withTables<PrepaidTables>()
    .selectFrom('prepaid_fraud_flag')
    .select(['purchase_id', 'meter_id'])
    .where('kind', '=', 'token_without_payment')
    .execute();
  for (const row of rows)
    await recordAudit(ctx, {
      action: 'prepaid.fraud.token_without_payment',
      subject: { type: 'prepaid_purchase', id: row.purchase_id },
      meta: { meterId: row.meter_id },
    });
  return rows.map((r) => r.purchase_id);
}

/** The nightly check, every organization with tokens (or one). */
export const checkTokensJob = defineJob({
  name: 'prepaid.check-tokens',
  payload: z.object({ orgId: z.string().uuid().optional() }),
  retry: { limit: 2, delaySeconds: 60 },
  expireInSeconds: 600,
});

export function prepaidJobs({ deps }: PrepaidRuntime): JobHandler[] {
  return [
    checkTokensJob.handle(async (p) => {
      let orgs = deps.database.db
        .withTables<PrepaidTables>()
        .selectFrom('prepaid_token')
        .select('org_id')
        .distinct();
      if (p.orgId) orgs = orgs.where('org_id', '=', p.orgId);
      for (const { org_id } of await orgs.execute()) {
        const found = await checkTokensHavePayments(deps.systemCtx(org_id, checkTokensJob.name));
        if (found.length)
          deps.log.error({ orgId: org_id, purchases: found }, 'prepaid: tokens without a settled payment');
      }
    }),
  ];
}

export const PREPAID_SCHEDULES: ScheduleSpec[] = [{ job: checkTokensJob, cron: '20 2 * * *' }];
