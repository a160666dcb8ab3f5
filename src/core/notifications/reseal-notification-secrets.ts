import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { openSecret, sealSecret } from '../../platform/secrets/index.ts';
import { NOTIFICATION_SECRETS_PURPOSE } from './template-secrets.ts';

/**
 * Re-seals the secrets of every unsent message from one OPSDESK_SECRET_KEY to another, inside the
 * caller's transaction (`opsdesk rotate-secret-key`), across organizations: rotation is a deployment
 * operation. A value already under the new key (a second run) is left alone; one neither key opens
 * throws, so nothing is written.
 */
export async function resealNotificationSecrets(
  trx: Db,
  keys: { from: string; to: string },
): Promise<number> {
  const { rows } = await sql<{ org_id: string; id: string; sealed_secrets: string }>`
    select org_id, id, sealed_secrets from notification
    where sealed_secrets is not null order by org_id, id for update`.execute(trx);
  let resealed = 0;
  for (const row of rows) {
    const secrets = tryOpen(row.sealed_secrets, keys.from);
    if (!secrets) {
      if (tryOpen(row.sealed_secrets, keys.to)) continue;
      throw new Error(`the old key does not open the secrets of message ${row.id}`);
    }
    await sql`update notification set sealed_secrets = ${sealSecret(secrets, keys.to, NOTIFICATION_SECRETS_PURPOSE)}
      where org_id = ${row.org_id} and id = ${row.id}`.execute(trx);
    resealed += 1;
  }
  return resealed;
}

function tryOpen(sealed: string, key: string): Buffer | undefined {
  try {
    return openSecret(sealed, key, NOTIFICATION_SECRETS_PURPOSE);
  } catch {
    return undefined;
  }
}
