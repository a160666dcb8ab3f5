import { type Db, lockKeys, tryLockKeys } from '../../platform/db/index.ts';

/** Something a use case decides: a row (`{ type: 'raffle.order', id }`) or a value kept unique (`{ type: 'prepaid.signup', id: phone }`). */
export interface LockObject {
  type: string;
  id: string;
}

/**
 * Locks every object the caller will decide, in the caller's transaction, until it ends: one
 * canonical order (sorted keys, one statement), a bounded wait (`busy`, 409, when it runs out).
 * Names are per organization. A payment is decided under its purpose's lock (core/payments),
 * so a module deciding a purpose names the purpose and every payment of it is covered.
 */
export async function lockObjects(
  tx: { orgId: string; db: Db },
  objects: ReadonlyArray<LockObject>,
): Promise<void> {
  await lockKeys(tx.db, objects.map(nameIn(tx.orgId)));
}

/** `lockObjects` without waiting: answers false, at once, when another transaction holds any of them. */
export async function tryLockObjects(
  tx: { orgId: string; db: Db },
  objects: ReadonlyArray<LockObject>,
): Promise<boolean> {
  return tryLockKeys(tx.db, objects.map(nameIn(tx.orgId)));
}

const nameIn = (orgId: string) => (o: LockObject) => `${o.type}:${orgId}:${o.id}`;
