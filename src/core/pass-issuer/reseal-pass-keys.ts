import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { openSecret, sealSecret } from '../../platform/secrets/index.ts';
import { PASS_KEY_PURPOSE } from './pass-issuer.ts';

/**
 * Re-seals the private half of every organization's active pass signing keys from one
 * OPSDESK_SECRET_KEY to another, inside the caller's transaction (`opsdesk rotate-secret-key`).
 * Across organizations on purpose: rotation is a deployment operation. A key already sealed under
 * the new secret (a second run) is left alone; one neither secret opens throws, so nothing is written.
 */
export async function resealPassKeys(trx: Db, keys: { from: string; to: string }): Promise<number> {
  const { rows } = await sql<{ org_id: string; key_id: string; sealed_private_key: string }>`
    select org_id, key_id, sealed_private_key from pass_key
    where sealed_private_key is not null order by org_id, key_id for update`.execute(trx);
  let resealed = 0;
  for (const row of rows) {
    const privateKey = tryOpen(row.sealed_private_key, keys.from);
    if (!privateKey) {
      if (tryOpen(row.sealed_private_key, keys.to)) continue;
      throw new Error(`the old key does not open pass signing key ${row.key_id}`);
    }
    await sql`update pass_key set sealed_private_key = ${sealSecret(privateKey, keys.to, PASS_KEY_PURPOSE)}
      where org_id = ${row.org_id} and key_id = ${row.key_id}`.execute(trx);
    resealed += 1;
  }
  return resealed;
}

function tryOpen(sealed: string, key: string): Buffer | undefined {
  try {
    return openSecret(sealed, key, PASS_KEY_PURPOSE);
  } catch {
    return undefined;
  }
}
