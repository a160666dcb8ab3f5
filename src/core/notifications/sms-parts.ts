import { sql } from 'kysely';
import type { Ctx } from '../context/index.ts';
import type { NotificationView } from './notifications.contract.ts';
import type { AttemptStatus } from './notifications.tables.ts';

/**
 * The SMS of a list, with what the network carried and charged (issue 52): parts, encoding, the
 * provider's cost and its delivery state, for staff to read beside the message. Read from each
 * text's last claimed attempt (`notification_attempt`), the row its delivery report moves.
 */
export async function withSmsParts<T extends NotificationView>(ctx: Ctx, views: T[]): Promise<T[]> {
  const ids = views.filter((v) => v.channel === 'sms').map((v) => v.id);
  if (ids.length === 0) return views;
  const { rows } = await sql<{
    notification_id: string;
    encoding: 'GSM-7' | 'UCS-2';
    segments: number;
    status: AttemptStatus;
    cost_minor: string | null;
    cost_currency: string | null;
    cost_text: string | null;
    failure_reason: string | null;
  }>`
    select distinct on (notification_id) notification_id, encoding, segments, status, cost_minor,
      cost_currency, cost_text, failure_reason
    from notification_attempt
    where org_id = ${ctx.orgId} and channel = 'sms' and encoding is not null
      and notification_id in (${sql.join(ids)})
    order by notification_id, attempt desc`.execute(ctx.db);
  const byId = new Map(rows.map((r) => [r.notification_id, r]));
  return views.map((v) => {
    const r = byId.get(v.id);
    if (!r) return v;
    return {
      ...v,
      sms: {
        encoding: r.encoding,
        segments: r.segments,
        network: r.status,
        cost:
          r.cost_text === null
            ? null
            : {
                text: r.cost_text,
                amountMinor: r.cost_minor === null ? null : Number(r.cost_minor),
                currency: r.cost_currency?.trim() ?? null,
              },
        failureReason: r.failure_reason,
      },
    };
  });
}
