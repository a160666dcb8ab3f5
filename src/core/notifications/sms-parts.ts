import type { Ctx } from '../context/index.ts';
import type { NotificationView } from './notifications.contract.ts';

/** `v_sms_message` (20270402_5201_sms_channel.sql): what the SMS channel recorded of each text. */
type SmsPartsTables = {
  v_sms_message: {
    org_id: string;
    notification_id: string;
    encoding: 'GSM-7' | 'UCS-2';
    segments: number;
    status: 'claimed' | 'accepted' | 'delivered' | 'failed';
    cost_minor: string | null;
    cost_currency: string | null;
    cost_text: string | null;
    failure_reason: string | null;
  };
};

/**
 * The SMS of a list, with what the network carried and charged (issue 52): parts, encoding, the
 * provider's cost and its delivery state, for staff to read beside the message.
 */
export async function withSmsParts<T extends NotificationView>(ctx: Ctx, views: T[]): Promise<T[]> {
  const ids = views.filter((v) => v.channel === 'sms').map((v) => v.id);
  if (ids.length === 0) return views;
  const rows = await ctx.db
    .withTables<SmsPartsTables>()
    .selectFrom('v_sms_message')
    .select([
      'notification_id',
      'encoding',
      'segments',
      'status',
      'cost_minor',
      'cost_currency',
      'cost_text',
      'failure_reason',
    ])
    .where('notification_id', 'in', ids)
    .execute();
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
