import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import { raiseAlarm } from './alarms.ts';
import { settleBatch } from './batches.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import { DEFAULT_TTL_SECONDS, retryDelaySeconds, supportsCommand } from './coffee.rules.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';
import { finishedBecause } from './command-reasons.ts';

const coffee = (ctx: Ctx) => ctx.db.withTables<CoffeeTables>();

export interface NewCommand {
  type: string;
  params?: Record<string, unknown>;
  /** Seconds the command may wait to be fetched before it expires. */
  ttlSeconds?: number;
  /** Seconds a sent command may go without a result before it is sent again (or times out). */
  timeoutSeconds?: number;
  maxAttempts?: number;
}

/**
 * Queues a command for one device, behind the ones it already has; a type its model cannot run is
 * stored as `unsupported` at once and never sent.
 */
export async function queueCommand(ctx: Ctx, rt: CoffeeRuntime, deviceId: string, input: NewCommand) {
  return inTransaction(ctx, async (tx) => {
    const device = await coffee(tx)
      .selectFrom('coffee_device')
      .select(['id', 'model', 'retired_at'])
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (!device) throw CoffeeErrors.device_not_found({ id: deviceId });
    if (device.retired_at) throw CoffeeErrors.device_retired({ id: deviceId });
    const now = tx.clock.now();
    const supported = supportsCommand(device.model, input.type);
    const row = await coffee(tx)
      .insertInto('coffee_command')
      .values({
        device_id: deviceId,
        type: input.type,
        params: JSON.stringify(input.params ?? {}),
        status: supported ? 'queued' : 'unsupported',
        max_attempts: input.maxAttempts ?? 3,
        timeout_seconds: input.timeoutSeconds ?? 60,
        available_at: now,
        expires_at: new Date(now.getTime() + (input.ttlSeconds ?? DEFAULT_TTL_SECONDS) * 1000),
        finished_at: supported ? null : now,
        ...(supported ? {} : finishedBecause({ code: 'unsupported', model: device.model }, input.type)),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: supported ? 'coffee.command.queued' : 'coffee.command.unsupported',
      subject: { type: 'coffee_command', id: row.id },
      after: { deviceId, type: row.type, status: row.status },
    });
    await rt.publish(tx, 'coffee.devices', deviceId);
    return row;
  });
}

export type CommandRow = Awaited<ReturnType<typeof queueCommand>>;

/**
 * The command a device should run now. Under the device's row lock: a sent command without a
 * result is handed out again (the same id: never a second one); a sent command past its timeout is
 * resent while attempts remain, else it times out; a queued command past its TTL expires; the
 * oldest queued command that is due is marked sent. At most one command per device is ever `sent`.
 */
export async function nextCommand(
  ctx: Ctx,
  rt: CoffeeRuntime,
  deviceId: string,
): Promise<CommandRow | undefined> {
  return inTransaction(ctx, async (tx) => {
    await sql`select id from coffee_device where id = ${deviceId} and org_id = ${tx.orgId} for update`.execute(
      tx.db,
    );
    const now = tx.clock.now();
    for (let i = 0; i < 100; i++) {
      const head = await coffee(tx)
        .selectFrom('coffee_command')
        .selectAll()
        .where('device_id', '=', deviceId)
        .where('status', 'in', ['queued', 'sent'])
        .orderBy('seq')
        .limit(1)
        .executeTakeFirst();
      if (!head) return undefined;
      if (head.status === 'sent') {
        const deadline = head.sent_at!.getTime() + head.timeout_seconds * 1000;
        if (deadline > now.getTime()) return head;
        if (head.attempts < head.max_attempts) return markSent(tx, head, now);
        await finishCommand(tx, rt, head, 'timed_out', 'timed_out');
        continue;
      }
      if (head.expires_at <= now) {
        await finishCommand(tx, rt, head, 'expired', 'expired');
        continue;
      }
      if (head.available_at > now) return undefined;
      if (head.batch_id && !(await batchRunning(tx, head.batch_id))) {
        await finishCommand(tx, rt, head, 'cancelled', 'batch_stopped');
        continue;
      }
      return markSent(tx, head, now);
    }
    return undefined;
  });
}

async function batchRunning(tx: Ctx, batchId: string): Promise<boolean> {
  const b = await coffee(tx)
    .selectFrom('coffee_batch')
    .select('status')
    .where('id', '=', batchId)
    .executeTakeFirst();
  return b?.status === 'running';
}

async function markSent(tx: Ctx, head: CommandRow, now: Date): Promise<CommandRow> {
  const sent = await coffee(tx)
    .updateTable('coffee_command')
    .set({ status: 'sent', sent_at: now, attempts: head.attempts + 1 })
    .where('id', '=', head.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (head.attempts > 0)
    await recordAudit(tx, {
      action: 'coffee.command.resent',
      subject: { type: 'coffee_command', id: head.id },
      meta: { attempt: sent.attempts },
    });
  return sent;
}

/** Each final state's audit code, spelled out so the history's title test finds every one. */
const FINISHED_AUDIT = {
  succeeded: 'coffee.command.succeeded',
  failed: 'coffee.command.failed',
  timed_out: 'coffee.command.timed_out',
  expired: 'coffee.command.expired',
  cancelled: 'coffee.command.cancelled',
} as const;

/** A final state Opsdesk decides, for its reason: audit, the batch's progress, an alarm, a live event. */
async function finishCommand(
  tx: Ctx,
  rt: CoffeeRuntime,
  cmd: CommandRow,
  status: keyof typeof FINISHED_AUDIT,
  reason: 'timed_out' | 'expired' | 'batch_stopped',
) {
  const because = finishedBecause({ code: reason }, cmd.type);
  await coffee(tx)
    .updateTable('coffee_command')
    .set({ status, ...because, finished_at: tx.clock.now() })
    .where('id', '=', cmd.id)
    .execute();
  // The history tells this by its action's title (`coffee.command.timed_out`); Opsdesk's English
  // reason would read as English in every language.
  await afterFinished(tx, rt, cmd, status, null);
}

/** `detail`: the machine's own answer, if it gave one. */
async function afterFinished(
  tx: Ctx,
  rt: CoffeeRuntime,
  cmd: CommandRow,
  status: keyof typeof FINISHED_AUDIT,
  detail: string | null,
) {
  await recordAudit(tx, {
    action: FINISHED_AUDIT[status],
    subject: { type: 'coffee_command', id: cmd.id },
    after: { deviceId: cmd.device_id, type: cmd.type, attempts: cmd.attempts, detail },
  });
  if (status === 'failed' || status === 'timed_out')
    await raiseAlarm(tx, rt, {
      deviceId: cmd.device_id,
      kind: 'command_failed',
      severity: 'warn',
      title: `Command ${cmd.type} ${status === 'failed' ? 'failed' : 'timed out'}`,
      params: {
        command: { key: `coffee.options.${cmd.type}` },
        status: { key: `coffee.options.${status}` },
      },
      context: { commandId: cmd.id, detail },
      about: cmd.type,
    });
  if (cmd.batch_id) await settleBatch(tx, rt, cmd.batch_id);
}

/**
 * The device's result for a command it was sent. Accepted once: a repeat of the same result is
 * acknowledged and changes nothing; a result for a command resent after a timeout still counts
 * (the device did run it); any other state is refused.
 */
export async function recordResult(
  ctx: Ctx,
  rt: CoffeeRuntime,
  deviceId: string,
  commandId: string,
  result: { status: 'succeeded' | 'failed'; detail?: string },
): Promise<{ accepted: boolean; status: string }> {
  return inTransaction(ctx, async (tx) => {
    const updated = await coffee(tx)
      .updateTable('coffee_command')
      .set({ status: result.status, detail: result.detail ?? null, finished_at: tx.clock.now() })
      .where('id', '=', commandId)
      .where('device_id', '=', deviceId)
      .where((eb) =>
        eb.or([eb('status', '=', 'sent'), eb.and([eb('status', '=', 'queued'), eb('attempts', '>', 0)])]),
      )
      .returningAll()
      .executeTakeFirst();
    if (updated) {
      await afterFinished(tx, rt, updated, result.status, updated.detail);
      // a package applied: the machine runs its recipes (its page offers them to "make a product")
      const version = Number((updated.params as { version?: unknown }).version);
      if (updated.type === 'apply_recipes' && result.status === 'succeeded' && Number.isInteger(version))
        await coffee(tx)
          .updateTable('coffee_device')
          .set({ package_version: version })
          .where('id', '=', deviceId)
          .execute();
      await rt.publish(tx, 'coffee.devices', deviceId);
      return { accepted: true, status: updated.status };
    }
    const cmd = await coffee(tx)
      .selectFrom('coffee_command')
      .select(['status'])
      .where('id', '=', commandId)
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    if (!cmd) throw CoffeeErrors.command_not_found({ id: commandId });
    if (cmd.status === result.status) return { accepted: false, status: cmd.status };
    throw CoffeeErrors.command_not_sent({ id: commandId, status: cmd.status });
  });
}

/**
 * Every minute, for devices that stopped asking: sent commands past their timeout go back to the
 * queue after a backoff (or time out when no attempt is left), queued ones past their TTL expire.
 * Each device is handled under its row lock, like `nextCommand`.
 */
export async function sweepCommands(ctx: Ctx, rt: CoffeeRuntime): Promise<number> {
  const now = ctx.clock.now();
  const due = await sql<{ device_id: string }>`
    select distinct device_id from coffee_command
    where org_id = ${ctx.orgId} and (
      (status = 'sent' and sent_at + make_interval(secs => timeout_seconds) <= ${now})
      or (status = 'queued' and expires_at <= ${now}))
    limit 1000`.execute(ctx.db);
  for (const { device_id } of due.rows) {
    await inTransaction(ctx, async (tx) => {
      await sql`select id from coffee_device where id = ${device_id} and org_id = ${tx.orgId} for update`.execute(
        tx.db,
      );
      const stale = await coffee(tx)
        .selectFrom('coffee_command')
        .selectAll()
        .where('device_id', '=', device_id)
        .where('status', 'in', ['queued', 'sent'])
        .orderBy('seq')
        .execute();
      for (const c of stale) {
        if (c.status === 'queued' && c.expires_at <= now) {
          await finishCommand(tx, rt, c, 'expired', 'expired');
        } else if (c.status === 'sent' && c.sent_at!.getTime() + c.timeout_seconds * 1000 <= now.getTime()) {
          if (c.attempts >= c.max_attempts) await finishCommand(tx, rt, c, 'timed_out', 'timed_out');
          else
            await coffee(tx)
              .updateTable('coffee_command')
              .set({
                status: 'queued',
                available_at: new Date(now.getTime() + retryDelaySeconds(c.attempts) * 1000),
              })
              .where('id', '=', c.id)
              .execute();
        }
      }
    });
  }
  return due.rows.length;
}
