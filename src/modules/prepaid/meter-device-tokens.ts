import { timingSafeEqual } from 'node:crypto';
import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { newSecret, sha256Hex } from '../../platform/ids/index.ts';
import { formatMeterToken, parseMeterToken } from './meter-device.rules.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

const tables = (db: Db) => db.withTables<PrepaidTables>();

/**
 * Issues the meter's API token, returned once (only its hash is stored); a token issued before
 * stops working at once. The same call rotates it.
 */
export async function issueMeterToken(ctx: Ctx, meterId: string) {
  return inTransaction(ctx, async (tx) => {
    const secret = newSecret(32);
    const before = await tables(tx.db)
      .selectFrom('prepaid_meter')
      .select(['device_token_hash'])
      .where('id', '=', meterId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw PrepaidErrors.meter_not_found({ meterId });
    const now = tx.clock.now();
    await tables(tx.db)
      .updateTable('prepaid_meter')
      .set({ device_token_hash: sha256Hex(secret), device_token_issued_at: now, updated_at: now })
      .where('id', '=', meterId)
      .execute();
    await recordAudit(tx, {
      action: before.device_token_hash ? 'prepaid.meter.token_rotated' : 'prepaid.meter.token_issued',
      subject: { type: 'prepaid_meter', id: meterId },
    });
    return { id: meterId, meterToken: formatMeterToken(meterId, secret), issuedAt: now.toISOString() };
  });
}

/** Revokes the meter's API token: its calls answer 401 until staff issue a new one. */
export async function revokeMeterToken(ctx: Ctx, meterId: string) {
  return inTransaction(ctx, async (tx) => {
    const row = await tables(tx.db)
      .updateTable('prepaid_meter')
      .set({ device_token_hash: null, device_token_issued_at: null, updated_at: tx.clock.now() })
      .where('id', '=', meterId)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw PrepaidErrors.meter_not_found({ meterId });
    await recordAudit(tx, {
      action: 'prepaid.meter.token_revoked',
      subject: { type: 'prepaid_meter', id: meterId },
    });
  });
}

export interface AuthenticatedMeter {
  id: string;
  orgId: string;
  number: string;
}

/**
 * The meter a bearer token belongs to, across organizations (the token names its meter; the
 * secret's hash is compared in constant time); undefined for a bad, unknown or revoked token.
 */
export async function authenticateMeter(
  db: Db,
  token: string | undefined,
): Promise<AuthenticatedMeter | undefined> {
  const parsed = token ? parseMeterToken(token) : undefined;
  if (!parsed) return undefined;
  const row = await tables(db)
    .selectFrom('prepaid_meter')
    .select(['id', 'org_id', 'number', 'device_token_hash'])
    .where('id', '=', parsed.meterId)
    .executeTakeFirst();
  if (!row?.device_token_hash) return undefined;
  const given = Buffer.from(sha256Hex(parsed.secret), 'hex');
  if (!timingSafeEqual(given, Buffer.from(row.device_token_hash, 'hex'))) return undefined;
  return { id: row.id, orgId: row.org_id, number: row.number };
}
