import type { Ctx } from '../../core/context/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import { coffeeSettingsOf } from './coffee.settings.ts';
import { rolloutSmsTemplate } from './coffee.sms.ts';
import type { CoffeeTables } from './coffee.tables.ts';

/** The on-call people reached by SMS, for the fleet's texts (issue 65). */
export async function onCallPhones(tx: Ctx) {
  return tx.db
    .withTables<CoffeeTables>()
    .selectFrom('coffee_oncall')
    .select(['id', 'address', 'language'])
    .where('active', '=', true)
    .where('channel', '=', 'sms')
    .orderBy('created_at')
    .execute();
}

/**
 * Texts each on-call phone that a rollout stopped for a person (held for review) or for good
 * (aborted: too many machines failed), in their language, in the caller's transaction; off with the
 * `smsRollouts` setting. Once per rollout, outcome and person (the outbox's idempotency key), so a
 * second look at the rollout sends nothing more. Answers how many texts were newly queued.
 */
export async function textStoppedRollout(
  tx: Ctx,
  rt: CoffeeRuntime,
  r: {
    id: string;
    packageId: string;
    tag: string;
    status: 'held' | 'aborted';
    failed: number;
    total: number;
  },
): Promise<number> {
  const phones = await onCallPhones(tx);
  if (!phones.length || !(await coffeeSettingsOf(tx)).smsRollouts) return 0;
  const { version } = await tx.db
    .withTables<CoffeeTables>()
    .selectFrom('coffee_recipe_package')
    .select('version')
    .where('id', '=', r.packageId)
    .executeTakeFirstOrThrow();
  let queued = 0;
  for (const p of phones) {
    const { created } = await enqueueNotification(tx, rt.jobs, {
      channel: 'sms',
      to: p.address,
      template: rolloutSmsTemplate,
      data: { status: r.status, version, tag: r.tag, failed: r.failed, total: r.total },
      locale: p.language,
      idempotencyKey: `coffee.rollout-sms:${r.id}:${r.status}:${p.id}`,
    });
    if (created) queued++;
  }
  return queued;
}
