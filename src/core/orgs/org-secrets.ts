import type { Db } from '../../platform/db/index.ts';
import { type OrgSecrets, resealSecrets, sealPlaintextSecrets } from './org-secrets.rules.ts';
import type { OrgsTables } from './orgs.tables.ts';

/**
 * Seals declared secret settings that older versions stored in plaintext; run on every start
 * (a start-up step, not a migration: migrations are SQL and never see OPSDESK_SECRET_KEY). Rows
 * are locked, so two processes starting together seal each value once. Returns how many it sealed.
 */
export async function sealPlaintextOrgSecrets(db: Db, secrets: OrgSecrets): Promise<number> {
  if (secrets.paths.length === 0) return 0;
  // Cheap unlocked look first: nearly every start finds nothing to seal and takes no row locks.
  const all = await db.withTables<OrgsTables>().selectFrom('organization').select('settings').execute();
  if (all.every((row) => sealPlaintextSecrets(row.settings, secrets).sealed === 0)) return 0;
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .withTables<OrgsTables>()
      .selectFrom('organization')
      .select(['id', 'settings'])
      .orderBy('id')
      .forUpdate()
      .execute();
    let total = 0;
    for (const row of rows) {
      const { settings, sealed } = sealPlaintextSecrets(row.settings, secrets);
      if (sealed === 0) continue;
      await trx
        .withTables<OrgsTables>()
        .updateTable('organization')
        .set({ settings: JSON.stringify(settings) })
        .where('id', '=', row.id)
        .execute();
      total += sealed;
    }
    return total;
  });
}

/**
 * Re-seals every organization's secret settings from one key to another, inside the caller's
 * transaction (`rotate-secret-key`); throws, naming the organization, when the old key opens a
 * value neither it nor the new key can.
 */
export async function resealOrgSecrets(
  trx: Db,
  keys: { from: string; to: string },
): Promise<{ resealed: number; alreadyNew: number }> {
  const rows = await trx
    .withTables<OrgsTables>()
    .selectFrom('organization')
    .select(['id', 'slug', 'settings'])
    .orderBy('id')
    .forUpdate()
    .execute();
  let resealed = 0;
  let alreadyNew = 0;
  for (const row of rows) {
    let result: ReturnType<typeof resealSecrets>;
    try {
      result = resealSecrets(row.settings, keys);
    } catch (err) {
      throw new Error(`organization ${row.slug}: ${(err as Error).message}`);
    }
    alreadyNew += result.alreadyNew;
    if (result.resealed === 0) continue;
    await trx
      .withTables<OrgsTables>()
      .updateTable('organization')
      .set({ settings: JSON.stringify(result.settings) })
      .where('id', '=', row.id)
      .execute();
    resealed += result.resealed;
  }
  return { resealed, alreadyNew };
}
