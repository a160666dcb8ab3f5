import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import { lockRowById } from '../../platform/db/index.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import { meterRequestTemplate } from './prepaid.notifications.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

const view = (r: {
  id: string;
  meter_number: string;
  reason: string;
  origin: string;
  status: string;
  decision_note: string | null;
  created_at: Date;
  decided_at: Date | null;
}) => ({
  id: r.id,
  meterNumber: r.meter_number,
  reason: r.reason as 'unknown_meter' | 'other_account',
  origin: r.origin as 'sign_up' | 'add_meter',
  status: r.status as 'waiting' | 'approved' | 'rejected',
  decisionNote: r.decision_note,
  createdAt: r.created_at.toISOString(),
  decidedAt: r.decided_at?.toISOString() ?? null,
});
export type MeterRequestView = ReturnType<typeof view>;

/**
 * A customer asks for a meter on their account. Nothing moves until staff approve: the meter may
 * be unknown, or another account's. One open request per account and meter number (a partial
 * unique index): asking again returns the open request.
 */
export async function requestMeter(
  ctx: Ctx,
  input: { accountId: string; meterNumber: string; origin: 'sign_up' | 'add_meter' },
): Promise<MeterRequestView> {
  return inTransaction(ctx, async (tx) => {
    const number = input.meterNumber.trim().toUpperCase();
    const meter = await tables(tx)
      .selectFrom('prepaid_meter')
      .select(['id', 'account_id'])
      .where((eb) => eb(eb.fn('upper', ['number']), '=', number))
      .executeTakeFirst();
    if (meter?.account_id === input.accountId)
      throw PrepaidErrors.meter_already_yours({ meterNumber: number });
    const row = await tables(tx)
      .insertInto('prepaid_meter_request')
      .values({
        account_id: input.accountId,
        meter_number: number,
        reason: meter ? 'other_account' : 'unknown_meter',
        origin: input.origin,
        created_at: tx.clock.now(),
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const open = await tables(tx)
        .selectFrom('prepaid_meter_request')
        .selectAll()
        .where('account_id', '=', input.accountId)
        .where('meter_number', '=', number)
        .where('status', '=', 'waiting')
        .executeTakeFirstOrThrow();
      return view(open);
    }
    await recordAudit(tx, {
      action: 'prepaid.meter_request.created',
      subject: { type: 'prepaid_meter_request', id: row.id },
      after: { meterNumber: number, reason: row.reason, origin: row.origin },
      meta: { accountId: input.accountId, currentAccountId: meter?.account_id ?? null },
    });
    return view(row);
  });
}

/** An account's meter requests, newest first. */
export async function accountMeterRequests(ctx: Ctx, accountId: string): Promise<MeterRequestView[]> {
  const rows = await tables(ctx)
    .selectFrom('prepaid_meter_request')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return rows.map(view);
}

/** The open request, locked; a decided one cannot be decided again. */
async function openRequest(tx: Ctx, id: string) {
  const request = await lockRowById(tables(tx), 'prepaid_meter_request', id);
  if (!request) throw PrepaidErrors.request_not_found({ requestId: id });
  if (request.status !== 'waiting') throw PrepaidErrors.request_decided({ status: request.status });
  return request;
}

/**
 * Staff approve: the meter (registered by then) moves to the requesting account under its row
 * lock; the move and the decision are audited and the customer is told on their channel.
 */
export async function approveMeterRequest(ctx: Ctx, rt: PrepaidRuntime, id: string, note?: string) {
  await inTransaction(ctx, async (tx) => {
    const request = await openRequest(tx, id);
    const meter = await tables(tx)
      .selectFrom('prepaid_meter')
      .select(['id', 'account_id'])
      .where((eb) => eb(eb.fn('upper', ['number']), '=', request.meter_number))
      .forUpdate()
      .executeTakeFirst();
    if (!meter) throw PrepaidErrors.meter_not_registered({ meterNumber: request.meter_number });
    if (meter.account_id !== request.account_id) {
      await tables(tx)
        .updateTable('prepaid_meter')
        .set({ account_id: request.account_id, updated_at: tx.clock.now() })
        .where('id', '=', meter.id)
        .execute();
      await recordAudit(tx, {
        action: 'prepaid.meter.account_changed',
        subject: { type: 'prepaid_meter', id: meter.id },
        before: { accountId: meter.account_id },
        after: { accountId: request.account_id },
        meta: { requestId: id },
      });
    }
    await decide(tx, rt, request, { status: 'approved', note, meterId: meter.id });
  });
}

/** Staff refuse, with the reason the customer reads. */
export async function rejectMeterRequest(ctx: Ctx, rt: PrepaidRuntime, id: string, note: string) {
  await inTransaction(ctx, async (tx) => {
    const request = await openRequest(tx, id);
    await decide(tx, rt, request, { status: 'rejected', note, meterId: null });
  });
}

async function decide(
  tx: Ctx,
  rt: PrepaidRuntime,
  request: { id: string; account_id: string; meter_number: string },
  d: { status: 'approved' | 'rejected'; note?: string; meterId: string | null },
) {
  await tables(tx)
    .updateTable('prepaid_meter_request')
    .set({ status: d.status, decision_note: d.note ?? null, decided_at: tx.clock.now(), meter_id: d.meterId })
    .where('id', '=', request.id)
    .execute();
  await recordAudit(tx, {
    action: d.status === 'approved' ? 'prepaid.meter_request.approved' : 'prepaid.meter_request.rejected',
    subject: { type: 'prepaid_meter_request', id: request.id },
    before: { status: 'waiting' },
    after: { status: d.status, meterNumber: request.meter_number, note: d.note ?? null },
    meta: { accountId: request.account_id, meterId: d.meterId },
  });
  const account = await tables(tx)
    .selectFrom('prepaid_account')
    .select(['channel', 'channel_to', 'language'])
    .where('id', '=', request.account_id)
    .executeTakeFirstOrThrow();
  if (!account.channel || !account.channel_to) return;
  await enqueueNotification(tx, rt.jobs, {
    channel: account.channel,
    to: account.channel_to,
    template: meterRequestTemplate,
    data: { meter: request.meter_number, approved: d.status === 'approved', note: d.note ?? '' },
    locale: account.language,
    idempotencyKey: `prepaid.meter-request:${request.id}`,
  });
}
