import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { openSecret, sealSecret } from '../../platform/secrets/index.ts';

const PURPOSE = 'prepaid.meter-key';

/** A new meter's OpenPAYGO secret: 16 random bytes as 32 hex characters, and a random starting code. */
export const newMeterSecret = () => ({
  key: randomBytes(16).toString('hex'),
  startingCode: randomInt(0, 999_999_999),
});

export const sealMeterKey = (hex: string, secret: string) => sealSecret(hex.toLowerCase(), secret, PURPOSE);
export const openMeterKey = (sealed: string, secret: string) =>
  openSecret(sealed, secret, PURPOSE).toString('utf8');

/** `opsdesk rotate-secret-key`: re-seals every meter key under the new key, in the caller's transaction. */
export async function resealMeterKeys(trx: Db, keys: { from: string; to: string }): Promise<number> {
  const { rows } = await sql<{ id: string; opg_key_sealed: string }>`
    select id, opg_key_sealed from prepaid_meter order by id for update`.execute(trx);
  let count = 0;
  for (const row of rows) {
    let hex: string;
    try {
      hex = openMeterKey(row.opg_key_sealed, keys.from);
    } catch {
      try {
        openMeterKey(row.opg_key_sealed, keys.to);
        continue;
      } catch {
        throw new Error(`the old key does not open the OpenPAYGO key of meter ${row.id}`);
      }
    }
    await sql`update prepaid_meter set opg_key_sealed = ${sealMeterKey(hex, keys.to)} where id = ${row.id}`.execute(
      trx,
    );
    count += 1;
  }
  // A commissioning sheet not printed yet holds a second sealed copy of a generated key.
  const { rows: sheets } = await sql<{ id: string; opg_key_sheet_sealed: string }>`
    select id, opg_key_sheet_sealed from prepaid_meter where opg_key_sheet_sealed is not null order by id for update`.execute(
    trx,
  );
  for (const row of sheets) {
    let hex: string;
    try {
      hex = openMeterKey(row.opg_key_sheet_sealed, keys.from);
    } catch {
      continue; // already under the new key (a rotation resumed)
    }
    await sql`update prepaid_meter set opg_key_sheet_sealed = ${sealMeterKey(hex, keys.to)} where id = ${row.id}`.execute(
      trx,
    );
  }
  return count;
}
