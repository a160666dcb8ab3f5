import type { AnyArea } from '../core/modules/index.ts';
import { resealOrgSecrets } from '../core/orgs/index.ts';
import type { Db } from '../platform/db/index.ts';

export interface RotationReport {
  /** What was re-sealed, per kind (`secret setting(s)`, `pass signing key(s)`). */
  resealed: Array<{ label: string; count: number }>;
  /** Secret settings already sealed under the new key (a second run). */
  alreadyNew: number;
}

/**
 * Moves every value sealed with OPSDESK_SECRET_KEY from the old key to the new one in one
 * transaction: every sealed organization setting, and what areas seal in their own tables
 * (`resealSecrets`, e.g. pass signing keys). Any value the old key cannot open aborts the whole
 * rotation, so the database is never left half under one key and half under the other.
 */
export async function rotateSecretKey(
  db: Db,
  areas: ReadonlyArray<AnyArea>,
  keys: { from: string; to: string },
): Promise<RotationReport> {
  if (keys.from === keys.to) throw new Error('the old and the new key are the same; nothing to rotate');
  return db.transaction().execute(async (trx) => {
    const settings = await resealOrgSecrets(trx, keys);
    const resealed = [{ label: 'secret setting(s)', count: settings.resealed }];
    for (const area of areas) {
      if (area.resealSecrets) resealed.push(await area.resealSecrets(trx, keys));
    }
    return { resealed, alreadyNew: settings.alreadyNew };
  });
}
