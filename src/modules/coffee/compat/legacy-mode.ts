import { recordAudit } from '../../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../../core/context/index.ts';
import { type Db, sql } from '../../../platform/db/index.ts';
import { isUniqueViolation } from '../../../platform/errors/index.ts';
import { isUuid } from '../../../platform/ids/index.ts';
import { CoffeeErrors } from '../coffee.errors.ts';
import { COFFEE_TOPICS, type CoffeeRuntime } from '../coffee.runtime.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import type { AuthenticatedDevice } from '../device-tokens.ts';

const tables = (db: Db) => db.withTables<CoffeeTables>();

/**
 * Switches a machine's legacy mode on or off (issue 42, item 5): on, the original's v1 device paths
 * take calls naming it by serial without a token, as firmware with `ENABLE_DEVICE_TOKEN=false`
 * makes them; off, every call needs its token again. Audited either way; switching to the state it
 * is in changes nothing and audits nothing. A retired machine cannot be switched on. The first switch
 * on holds the serial in the whole deployment until the machine is retired (issue 55, item 2): a
 * serial another organization holds is refused (`serial_held_elsewhere`), so nobody else's machine of
 * that serial is ever reached without a token, even after its owner switched legacy mode off.
 */
export async function setLegacyMode(
  ctx: Ctx,
  rt: Pick<CoffeeRuntime, 'publish'>,
  deviceId: string,
  on: boolean,
) {
  return inTransaction(ctx, async (tx) => {
    const db = tables(tx.db);
    const device = await db
      .selectFrom('coffee_device')
      .select(['id', 'serial', 'retired_at', 'legacy_tokenless_since'])
      .where('id', '=', deviceId)
      .forUpdate()
      .executeTakeFirst();
    if (!device) throw CoffeeErrors.device_not_found({ id: deviceId });
    if (on && device.retired_at) throw CoffeeErrors.device_retired({ id: deviceId });
    if ((device.legacy_tokenless_since !== null) === on)
      return { id: device.id, legacyTokenlessSince: device.legacy_tokenless_since, changed: false };
    const since = on ? tx.clock.now() : null;
    // Switching on holds the serial for the deployment (one statement: the unique index on held serials
    // decides between two organizations switching at once); switching off keeps it held.
    await sql`
      update coffee_device
      set legacy_tokenless_since = ${since},
          legacy_serial_held_at = case when ${on} then coalesce(legacy_serial_held_at, ${since}) else legacy_serial_held_at end
      where id = ${deviceId} and org_id = ${tx.orgId}`
      .execute(tx.db)
      .catch((err) => {
        if (isUniqueViolation(err)) throw CoffeeErrors.serial_held_elsewhere({ serial: device.serial });
        throw err;
      });
    await recordAudit(tx, {
      action: on ? 'coffee.device.legacy_mode_on' : 'coffee.device.legacy_mode_off',
      subject: { type: 'coffee_device', id: device.id },
      before: { legacyTokenless: !on },
      after: { legacyTokenless: on },
      meta: { serial: device.serial },
    });
    await rt.publish(tx, COFFEE_TOPICS.devices, device.id);
    return { id: device.id, legacyTokenlessSince: since, changed: true };
  });
}

/**
 * The machine a tokenless v1 call names (its serial, or its id), across organizations: only the one
 * machine that holds the serial for the deployment (`setLegacyMode`), and only while its owner keeps
 * legacy mode on. Undefined otherwise: a serial alone never reaches a machine that needs its token,
 * nor another organization's machine of the same serial.
 */
export async function legacyDevice(db: Db, name: string): Promise<AuthenticatedDevice | undefined> {
  // no machine is named with a NUL (the database holds none in text)
  if (name.includes(String.fromCharCode(0))) return undefined;
  const isId = isUuid(name);
  const rows = await tables(db)
    .selectFrom('coffee_device')
    .select(['id', 'serial', 'org_id', 'model', 'status'])
    .where((eb) => (isId ? eb.or([eb('serial', '=', name), eb('id', '=', name)]) : eb('serial', '=', name)))
    .where('legacy_serial_held_at', 'is not', null)
    .where('legacy_tokenless_since', 'is not', null)
    .where('retired_at', 'is', null)
    .limit(2)
    .execute();
  const [row] = rows;
  // an id that is another held machine's serial names two: neither
  if (!row || rows.length > 1) return undefined;
  return { id: row.id, serial: row.serial, orgId: row.org_id, model: row.model, status: row.status };
}
