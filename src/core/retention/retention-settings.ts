import { sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { RetentionErrors } from './retention.errors.ts';
import { unknownKinds, validDays } from './retention.rules.ts';
import type { RetentionTables } from './retention.tables.ts';

export interface RetentionSettings {
  periods: Record<string, number | null>;
  legalHold: boolean;
  legalHoldReason: string | null;
}

const NONE: RetentionSettings = { periods: {}, legalHold: false, legalHoldReason: null };

/** The organization's retention choices (none stored: every default, no hold). */
export async function readRetentionSettings(ctx: Ctx): Promise<RetentionSettings> {
  const row = await ctx.db
    .withTables<RetentionTables>()
    .selectFrom('retention_settings')
    .selectAll()
    .executeTakeFirst();
  if (!row) return NONE;
  return { periods: row.periods, legalHold: row.legal_hold, legalHoldReason: row.legal_hold_reason };
}

export interface RetentionSettingsPatch {
  /** kind → days, or null to keep the kind forever; a kind left out keeps its current choice. */
  periods?: Record<string, number | null>;
  legalHold?: boolean;
  legalHoldReason?: string | null;
}

/** Changes periods and the organization's legal hold; audited with before and after. */
export async function updateRetentionSettings(
  ctx: Ctx,
  declaredKinds: ReadonlyArray<string>,
  patch: RetentionSettingsPatch,
): Promise<RetentionSettings> {
  const periods = patch.periods ?? {};
  const unknown = unknownKinds(periods, declaredKinds);
  if (unknown.length) throw RetentionErrors.unknown_kind({ kinds: unknown });
  const invalid = Object.entries(periods).filter(([, d]) => d !== null && !validDays(d));
  if (invalid.length) throw RetentionErrors.invalid_period({ kinds: invalid.map(([k]) => k) });
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<RetentionTables>();
    // the row exists and is locked before it is read: two staff saving at once each see the other's change
    await db
      .insertInto('retention_settings')
      .values({ legal_hold_reason: null })
      .onConflict((c) => c.column('org_id').doNothing())
      .execute();
    await sql`select 1 from retention_settings where org_id = ${tx.orgId} for update`.execute(tx.db);
    const before = await readRetentionSettings(tx);
    const after: RetentionSettings = {
      periods: { ...before.periods, ...periods },
      legalHold: patch.legalHold ?? before.legalHold,
      legalHoldReason: patch.legalHoldReason !== undefined ? patch.legalHoldReason : before.legalHoldReason,
    };
    await db
      .updateTable('retention_settings')
      .set({
        periods: JSON.stringify(after.periods),
        legal_hold: after.legalHold,
        legal_hold_reason: after.legalHoldReason,
        updated_at: tx.clock.now(),
      })
      .execute();
    await recordAudit(tx, {
      action: 'retention.settings.changed',
      subject: { type: 'organization', id: tx.orgId },
      before,
      after,
    });
    return after;
  });
}

/** Puts one contact or payment under a legal hold, or releases it; audited. */
export async function setLegalHold(
  ctx: Ctx,
  input: { type: 'contact' | 'payment'; id: string; hold: boolean; reason?: string },
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const table = sql.table(input.type);
    const { rows } = await sql<{ before: boolean }>`
      update ${table} t set legal_hold = ${input.hold}
      from (select legal_hold as before from ${table} where org_id = ${tx.orgId} and id = ${input.id} for update) b
      where t.org_id = ${tx.orgId} and t.id = ${input.id}
      returning b.before`.execute(tx.db);
    const row = rows[0];
    if (!row) throw RetentionErrors.record_not_found({ type: input.type, id: input.id });
    if (row.before === input.hold) return;
    await recordAudit(tx, {
      action: input.hold ? 'retention.hold.placed' : 'retention.hold.released',
      subject: { type: input.type, id: input.id },
      before: { legalHold: row.before },
      after: { legalHold: input.hold },
      meta: input.reason ? { reason: input.reason } : {},
    });
  });
}
