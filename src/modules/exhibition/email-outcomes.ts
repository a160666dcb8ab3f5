import type { RawBuilder } from 'kysely';
import type { Ctx } from '../../core/context/index.ts';
import { messageOutcomes } from '../../core/notifications/index.ts';

/** One customer's e-mail as a progress view lists it. */
export interface EmailOutcome {
  customerId: string;
  name: string;
  email: string;
  status: string;
  attempts: number;
}

/** A customer and the e-mail sent them, as a module's query finds them. */
export type EmailRow = Omit<EmailOutcome, 'status' | 'attempts'> & { notificationId: string | null };

/** Each e-mail with where it stands, as the outbox tells it (core/notifications' one meaning of lost). */
export async function emailsOf(
  ctx: Ctx,
  query: RawBuilder<EmailRow>,
): Promise<Array<EmailOutcome & { notificationId: string | null; lost: boolean }>> {
  const { rows } = await query.execute(ctx.db);
  const outcomes = await messageOutcomes(
    ctx,
    rows.flatMap((r) => (r.notificationId ? [r.notificationId] : [])),
  );
  return rows.map((r) => {
    const o = r.notificationId ? outcomes.get(r.notificationId) : undefined;
    return { ...r, status: o?.status ?? 'queued', attempts: o?.attempts ?? 0, lost: o?.outcome === 'lost' };
  });
}

/** Counts of a list of e-mails: sent, lost (listed), the rest on their way. */
export function emailProgress(rows: ReadonlyArray<EmailOutcome & { lost: boolean }>) {
  const failures = rows
    .filter((r) => r.lost)
    .map(({ customerId, name, email, status, attempts }) => ({ customerId, name, email, status, attempts }));
  const sent = rows.filter((r) => r.status === 'sent' && !r.lost).length;
  return {
    total: rows.length,
    sent,
    pending: rows.length - sent - failures.length,
    failed: failures.length,
    failures,
  };
}
