import type { Db } from '../../platform/db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { type CallbackKeyScope, deriveCallbackKey, sameCallbackKey } from './callback-keys.rules.ts';
import type { OrgsTables } from './orgs.tables.ts';

/** The generation an organization's key of this purpose is at (0 until its owner first rotates it). */
async function generationOf(db: Db, orgId: string, purpose: string): Promise<number> {
  const row = await db
    .withTables<OrgsTables>()
    .selectFrom('callback_key')
    .select('generation')
    .where('org_id', '=', orgId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  return row?.generation ?? 0;
}

/** The caller's organization's current callback key for `purpose` (and account). */
export async function currentCallbackKey(
  ctx: Ctx,
  secretKey: string,
  scope: Omit<CallbackKeyScope, 'orgId'>,
): Promise<string> {
  const generation = await generationOf(ctx.db, ctx.orgId, scope.purpose);
  return deriveCallbackKey(secretKey, { ...scope, orgId: ctx.orgId }, generation);
}

/**
 * Whether `given` is the current key of that organization (or, `orgId: null`, of the deployment's
 * account, which only a new OPSDESK_SECRET_KEY rotates), compared in constant time. A webhook that
 * names its organization in the path asks here before it reads anything of that organization.
 */
export async function isCurrentCallbackKey(
  db: Db,
  secretKey: string,
  scope: CallbackKeyScope,
  given: unknown,
): Promise<boolean> {
  const generation = scope.orgId === null ? 0 : await generationOf(db, scope.orgId, scope.purpose);
  return sameCallbackKey(given, deriveCallbackKey(secretKey, scope, generation));
}

/**
 * Rotates the caller's organization's key of `purpose`: the URL given to the provider before stops
 * working at once (the owner pastes the new one into the provider's dashboard). Audited with the
 * generations, never a key. Returns the new key.
 */
export async function rotateCallbackKey(
  ctx: Ctx,
  secretKey: string,
  scope: Omit<CallbackKeyScope, 'orgId'>,
): Promise<string> {
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const row = await tx.db
      .withTables<OrgsTables>()
      .insertInto('callback_key')
      .values({ org_id: tx.orgId, purpose: scope.purpose, generation: 1, rotated_at: now })
      .onConflict((oc) =>
        oc.columns(['org_id', 'purpose']).doUpdateSet((eb) => ({
          generation: eb('callback_key.generation', '+', 1),
          rotated_at: now,
        })),
      )
      .returning('generation')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'platform.callback_key.rotated',
      subject: { type: 'organization', id: tx.orgId },
      before: { purpose: scope.purpose, generation: row.generation - 1 },
      after: { purpose: scope.purpose, generation: row.generation },
    });
    return deriveCallbackKey(secretKey, { ...scope, orgId: tx.orgId }, row.generation);
  });
}
