import type { Db } from '../../platform/db/index.ts';
import type { SmsAccountScope } from './sms.accounts.ts';
import type { SmsTables } from './sms.tables.ts';
import type { OptOutRequest } from './sms-opt-outs.rules.ts';

/*
 * Opt-outs belong to an account (an organization's own, or the deployment's) and to the sender the
 * phone answered on it, never to every organization that texted the phone: a STOP to one
 * organization's sender does not silence another's, and a callback URL reaches only its own account.
 */

const optOuts = (db: Db) => db.withTables<SmsTables>();

/**
 * Records a STOP, or removes on START what the phone stopped on this account from this sender (and
 * from the account's default sender, which any of its senders may be). Answers whether anything changed.
 */
export async function recordOptOut(
  db: Db,
  scope: SmsAccountScope,
  request: OptOutRequest,
  now: Date,
): Promise<boolean> {
  if (request.keyword === 'stop') {
    const added = await optOuts(db)
      .insertInto('sms_opt_out')
      .values({
        account_org_id: scope.orgId,
        provider: scope.provider,
        sender: request.sender,
        phone: request.phone,
        opted_out_at: now,
        keyword: request.word,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return (added.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }
  const removed = await optOuts(db)
    .deleteFrom('sms_opt_out')
    .where((eb) =>
      scope.orgId === null ? eb('account_org_id', 'is', null) : eb('account_org_id', '=', scope.orgId),
    )
    .where('provider', '=', scope.provider)
    .where('phone', '=', request.phone)
    .where('sender', 'in', [request.sender, ''])
    .executeTakeFirst();
  return removed.numDeletedRows > 0n;
}

/**
 * Whether the phone answered STOP to `sender` on this account. A text without a sender id goes out
 * from the account's default sender, which we cannot name: a STOP to any sender of the account holds it.
 */
export async function hasOptedOut(
  db: Db,
  scope: SmsAccountScope,
  sender: string,
  phone: string,
): Promise<boolean> {
  const row = await optOuts(db)
    .selectFrom('sms_opt_out')
    .select('phone')
    .where((eb) =>
      scope.orgId === null ? eb('account_org_id', 'is', null) : eb('account_org_id', '=', scope.orgId),
    )
    .where('provider', '=', scope.provider)
    .where('phone', '=', phone)
    .$if(sender !== '', (q) => q.where('sender', '=', sender))
    .executeTakeFirst();
  return row !== undefined;
}
