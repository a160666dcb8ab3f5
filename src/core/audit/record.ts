import type { Ctx } from '../context/index.ts';
import type { AuditTables } from './audit.tables.ts';

export interface AuditEntry {
  /** Dotted code: `raffle.order.paid`, `mess.student.approved`. */
  action: string;
  subject?: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  meta?: Record<string, unknown>;
}

/**
 * Appends one audit event in the caller's transaction, so the trail and the change commit
 * together or not at all.
 */
export async function recordAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await ctx.db
    .withTables<AuditTables>()
    .insertInto('audit_event')
    .values({
      org_id: ctx.orgId,
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.id,
      actor_label: ctx.actor.label,
      action: entry.action,
      subject_type: entry.subject?.type ?? null,
      subject_id: entry.subject?.id ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: ctx.requestId ?? null,
      meta: JSON.stringify(entry.meta ?? {}),
    })
    .execute();
}
