import { sql } from 'kysely';
import type { Ctx } from '../context/index.ts';
import type { AuditItem } from './audit.contract.ts';
import type { AuditTables } from './audit.tables.ts';

export interface AuditQuery {
  /** Exact code, or a prefix ending in `.` (`raffle.` = everything in raffle). */
  action?: string;
  actorType?: string;
  actorId?: string;
  subjectType?: string;
  subjectId?: string;
  /** Only entries whose `after` snapshot holds `value` in `field` (a refund's entries in its payment's history). */
  after?: { field: string; value: string };
  requestId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
}

/** Newest first, keyset-paginated on (at, id) so deep pages stay as fast as the first. */
export async function searchAudit(
  ctx: Ctx,
  q: AuditQuery,
): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
  let query = ctx.db.withTables<AuditTables>().selectFrom('audit_event').selectAll();
  if (q.action) {
    query = q.action.endsWith('.')
      ? query.where('action', 'like', `${q.action.replace(/[%_\\]/g, '\\$&')}%`)
      : query.where('action', '=', q.action);
  }
  if (q.actorType) query = query.where('actor_type', '=', q.actorType);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.subjectType) query = query.where('subject_type', '=', q.subjectType);
  if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
  if (q.after) query = query.where(sql<string>`after ->> ${q.after.field}`, '=', q.after.value);
  if (q.requestId) query = query.where('request_id', '=', q.requestId);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', q.to);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]),
    );
  }
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
      action: r.action,
      subject: r.subject_type && r.subject_id ? { type: r.subject_type, id: r.subject_id } : null,
      before: r.before,
      after: r.after,
      requestId: r.request_id,
      meta: r.meta,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.at, String(last.id)) : null,
  };
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } | undefined {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  return id && /^\d+$/.test(id) && !Number.isNaN(date.getTime()) ? { at: date, id } : undefined;
}
