import { type RawBuilder, sql } from 'kysely';
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

/**
 * The insert of one audit event as SQL, for a hot path that writes its change and the trail in one
 * statement (a data-modifying CTE: `with c as (insert … returning …), a as (auditInsertSql(…)) …`).
 * The columns are those `recordAudit` writes. `subjectId` and `after` are SQL that may read the
 * statement's other CTEs, named in `from`; the event is written once per row of `from` (none when
 * it is empty: a change that wrote nothing records nothing).
 */
export function auditInsertSql(
  ctx: Ctx,
  entry: {
    action: string;
    subjectType: string;
    subjectId: RawBuilder<unknown>;
    after: RawBuilder<unknown>;
    /** SQL as `after`; none when not given (null, and `{}` for meta), as `recordAudit` writes them. */
    before?: RawBuilder<unknown>;
    meta?: RawBuilder<unknown>;
  },
  from: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`insert into audit_event (org_id, actor_type, actor_id, actor_label, action, subject_type, subject_id,
      before, after, request_id, meta)
    select ${ctx.orgId}::uuid, ${ctx.actor.type}, ${ctx.actor.id}, ${ctx.actor.label}, ${entry.action},
      ${entry.subjectType}, (${entry.subjectId})::text, (${entry.before ?? sql`null`})::jsonb, (${entry.after})::jsonb,
      ${ctx.requestId ?? null}, (${entry.meta ?? sql`'{}'`})::jsonb
    from ${from}`;
}

/**
 * The insert of audit events whose every column comes from `rows`: a query answering, in order,
 * org_id, actor_type, actor_id, actor_label, action, subject_type, subject_id, before, after,
 * request_id and meta. For one statement that writes many organizations' changes at once (the
 * conversation engine's group commit), where no one `ctx` names the actor.
 */
export function auditRowsInsertSql(rows: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`insert into audit_event (org_id, actor_type, actor_id, actor_label, action, subject_type, subject_id,
      before, after, request_id, meta)
    ${rows}`;
}
