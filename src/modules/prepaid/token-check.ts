import type { Ctx } from '../../core/context/index.ts';
import { openMeterKey } from './meter-keys.ts';
import { getMeterRow } from './meters.ts';
import { locateToken, MAX_TOKEN_JUMP_COUNTER_SYNC } from './openpaygo/openpaygo.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import {
  judgeToken,
  type TokenCheckReason,
  type TokenCheckStatus,
  withValidity,
} from './token-check.rules.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

export interface TokenCheck {
  status: TokenCheckStatus;
  tokenType: string | null;
  value: number | null;
  count: number | null;
  reason: TokenCheckReason | null;
  /** Tokens issued to this meter after this one (how far the customer is behind). */
  laterTokensIssued: number | null;
  /** The sale that issued it, when this server issued it. */
  purchaseId: string | null;
  issuedAt: string | null;
  unitsTenths: number | null;
  /** When the meter reported taking it. */
  keyedInAt: string | null;
  /** Valid until (issue 66); null for a token sold without an expiry. */
  expiresAt: string | null;
  /** The highest count the meter reported taking; null when it never reported. */
  meterReportedCount: number | null;
}

/**
 * What the meter would do with a token a customer typed (changes nothing). The token is looked up
 * on the meter's own chain at every count it has issued (plus a counter sync's look-ahead), so a
 * genuine token is recognised however many top-ups came before it; whether the meter still takes
 * it follows from what the meter reported taking.
 */
export async function checkTypedToken(
  ctx: Ctx,
  secretKey: string,
  meterId: string,
  typed: string,
): Promise<TokenCheck> {
  const meter = await getMeterRow(ctx, meterId);
  const found = locateToken(
    {
      key: openMeterKey(meter.opg_key_sealed, secretKey),
      startingCode: Number(meter.opg_starting_code),
      restrictedDigitSet: meter.opg_restricted_digits,
      extendedToken: meter.opg_extended,
    },
    typed,
    meter.opg_last_count + MAX_TOKEN_JUMP_COUNTER_SYNC,
  );
  const issued = await tables(ctx)
    .selectFrom('prepaid_token')
    .select(['count', 'purchase_id', 'created_at', 'units_tenths', 'keyed_in_at', 'expires_at'])
    .where('meter_id', '=', meter.id)
    .execute();
  const keyedIn = new Set(issued.filter((t) => t.keyed_in_at).map((t) => t.count));
  const reported = meter.reported_count === null ? null : { reportedCount: meter.reported_count, keyedIn };
  if (!found) {
    const before = await importedToken(ctx, meter.id, typed);
    if (before) return before;
  }
  const row = found && issued.find((t) => t.count === found.count);
  const { status, reason } = withValidity(judgeToken(found, reported), row?.expires_at, ctx.clock.now());
  return {
    status,
    reason,
    tokenType: found?.type ?? null,
    value: found?.value ?? null,
    count: found?.count ?? null,
    laterTokensIssued: found ? issued.filter((t) => t.count > found.count).length : null,
    purchaseId: row?.purchase_id ?? null,
    issuedAt: row?.created_at.toISOString() ?? null,
    unitsTenths: row?.units_tenths ?? null,
    keyedInAt: row?.keyed_in_at?.toISOString() ?? null,
    expiresAt: row?.expires_at?.toISOString() ?? null,
    meterReportedCount: meter.reported_count,
  };
}

/**
 * A token the original system sold before the switch (`opsdesk import prepaid`): its server
 * credited the meter at the sale, so it is history, found as `already_used` with `before_import`.
 */
async function importedToken(ctx: Ctx, meterId: string, typed: string): Promise<TokenCheck | null> {
  const digits = typed.replace(/[\s-]/g, '');
  if (!/^\d{1,25}$/.test(digits)) return null;
  const row = await tables(ctx)
    .selectFrom('prepaid_imported_token')
    .select(['created_at', 'units_milli'])
    .where('meter_id', '=', meterId)
    .where('token', '=', digits)
    .executeTakeFirst();
  if (!row) return null;
  return {
    status: 'already_used',
    reason: 'before_import',
    tokenType: null,
    value: null,
    count: null,
    laterTokensIssued: null,
    purchaseId: null,
    issuedAt: row.created_at.toISOString(),
    unitsTenths: Math.round(Number(row.units_milli) / 100),
    keyedInAt: null,
    expiresAt: null,
    meterReportedCount: null,
  };
}
