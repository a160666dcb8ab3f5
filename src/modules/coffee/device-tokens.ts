import { timingSafeEqual } from 'node:crypto';
import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { isUniqueViolation } from '../../platform/errors/index.ts';
import { newSecret, sha256Hex } from '../../platform/ids/index.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import { formatDeviceToken, parseDeviceToken } from './coffee.rules.ts';
import type { CoffeeTables } from './coffee.tables.ts';

const tables = (db: Db) => db.withTables<CoffeeTables>();

export interface NewDevice {
  serial: string;
  model: string;
  name?: string;
  tags?: string[];
  merchantId?: string;
  locationId?: string;
}

/** Registers a device and issues its token, returned once: only its hash is stored. */
export async function provisionDevice(ctx: Ctx, input: NewDevice) {
  return inTransaction(ctx, async (tx) => {
    await assertPlacement(tx, input);
    const secret = newSecret(32);
    const row = await tables(tx.db)
      .insertInto('coffee_device')
      .values({
        serial: input.serial,
        model: input.model,
        name: input.name ?? input.serial,
        tags: input.tags ?? [],
        merchant_id: input.merchantId ?? null,
        location_id: input.locationId ?? null,
        token_hash: sha256Hex(secret),
        token_issued_at: tx.clock.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((err) => {
        if (isUniqueViolation(err)) throw CoffeeErrors.device_exists({ serial: input.serial });
        throw err;
      });
    await recordAudit(tx, {
      action: 'coffee.device.provisioned',
      subject: { type: 'coffee_device', id: row.id },
      after: { serial: row.serial, model: row.model, tags: row.tags },
    });
    return { device: row, deviceToken: formatDeviceToken(row.id, secret) };
  });
}

/** The merchant and location a device is placed at must be the organization's own. */
async function assertPlacement(tx: Ctx, input: NewDevice) {
  const db = tables(tx.db);
  if (input.merchantId) {
    const m = await db
      .selectFrom('coffee_merchant')
      .select('id')
      .where('id', '=', input.merchantId)
      .executeTakeFirst();
    if (!m) throw CoffeeErrors.merchant_not_found({ merchantId: input.merchantId });
  }
  if (input.locationId) {
    let q = db.selectFrom('coffee_location').select('id').where('id', '=', input.locationId);
    if (input.merchantId) q = q.where('merchant_id', '=', input.merchantId);
    if (!(await q.executeTakeFirst()))
      throw CoffeeErrors.merchant_not_found({ locationId: input.locationId });
  }
}

/** Issues a new token; the old one stops working at once. A retired machine gets none. */
export async function rotateDeviceToken(ctx: Ctx, deviceId: string) {
  return inTransaction(ctx, async (tx) => {
    const secret = newSecret(32);
    const row = await tables(tx.db)
      .updateTable('coffee_device')
      .set({ token_hash: sha256Hex(secret), token_issued_at: tx.clock.now(), revoked_at: null })
      .where('id', '=', deviceId)
      .where('retired_at', 'is', null)
      .returning(['id', 'serial'])
      .executeTakeFirst();
    if (!row) {
      const exists = await tables(tx.db)
        .selectFrom('coffee_device')
        .select('id')
        .where('id', '=', deviceId)
        .executeTakeFirst();
      throw exists
        ? CoffeeErrors.device_retired({ id: deviceId })
        : CoffeeErrors.device_not_found({ id: deviceId });
    }
    await recordAudit(tx, {
      action: 'coffee.device.token_rotated',
      subject: { type: 'coffee_device', id: row.id },
    });
    return { id: row.id, deviceToken: formatDeviceToken(row.id, secret) };
  });
}

/** Revokes the device's token: every device call answers 401 until a new one is issued. */
export async function revokeDeviceToken(ctx: Ctx, deviceId: string) {
  return inTransaction(ctx, async (tx) => {
    const row = await tables(tx.db)
      .updateTable('coffee_device')
      .set({ token_hash: null, revoked_at: tx.clock.now() })
      .where('id', '=', deviceId)
      .returning(['id'])
      .executeTakeFirst();
    if (!row) throw CoffeeErrors.device_not_found({ id: deviceId });
    await recordAudit(tx, {
      action: 'coffee.device.token_revoked',
      subject: { type: 'coffee_device', id: row.id },
    });
  });
}

/**
 * The device token a call carries, on either device API: `Authorization: Bearer <token>` or the
 * original firmware's `X-Device-Token` header. Both APIs read it alike, so a token is looked up, and a
 * bad one counted against its address, whichever header and path it came by (issue 54, item 20).
 */
export function deviceTokenOf(headers: { authorization?: string; 'x-device-token'?: string | string[] }) {
  const given = headers['x-device-token'];
  if (typeof given === 'string' && given) return given;
  return /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
}

export interface AuthenticatedDevice {
  id: string;
  serial: string;
  orgId: string;
  model: string;
  status: string;
}

/**
 * The device a bearer token belongs to, across organizations (the token names its device; the
 * secret's hash is compared in constant time); undefined for a bad, unknown or revoked token.
 */
export async function authenticateDevice(
  db: Db,
  token: string | undefined,
): Promise<AuthenticatedDevice | undefined> {
  const parsed = token ? parseDeviceToken(token) : undefined;
  if (!parsed) return undefined;
  const row = await tables(db)
    .selectFrom('coffee_device')
    .select(['id', 'serial', 'org_id', 'model', 'status', 'token_hash'])
    .where('id', '=', parsed.deviceId)
    .executeTakeFirst();
  if (!row?.token_hash) return undefined;
  const given = Buffer.from(sha256Hex(parsed.secret), 'hex');
  if (!timingSafeEqual(given, Buffer.from(row.token_hash, 'hex'))) return undefined;
  return { id: row.id, serial: row.serial, orgId: row.org_id, model: row.model, status: row.status };
}
