import { z } from 'zod';
import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import type { CoffeeTables } from './coffee.tables.ts';

const coffee = (ctx: Ctx) => ctx.db.withTables<CoffeeTables>();

export const newMerchant = z.object({
  name: z.string().trim().min(1).max(200),
  contact: z.string().trim().max(200).optional(),
});
export const merchantChanges = newMerchant
  .partial()
  .extend({ status: z.enum(['active', 'inactive']).optional() });

export const newLocation = z.object({
  merchantId: z.string().uuid(),
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(500).optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
});
export const locationChanges = newLocation.omit({ merchantId: true }).partial();

export const binThresholds = z
  .object({
    lowPct: z.number().int().min(0).max(100).optional(),
    criticalPct: z.number().int().min(0).max(100).optional(),
    capacity: z.number().int().min(1).optional(),
  })
  .refine((b) => b.lowPct === undefined || b.criticalPct === undefined || b.criticalPct <= b.lowPct, {
    message: 'The critical level is at or below the low level',
    path: ['criticalPct'],
  });

/** A merchant that hosts machines. */
export async function createMerchant(ctx: Ctx, input: z.infer<typeof newMerchant>) {
  const row = await coffee(ctx)
    .insertInto('coffee_merchant')
    .values(input)
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'coffee.merchant.created',
    subject: { type: 'coffee_merchant', id: row.id },
    after: input,
  });
  return row;
}

/** Renames a merchant, changes its contact, or marks it inactive. */
export async function updateMerchant(ctx: Ctx, id: string, changes: z.infer<typeof merchantChanges>) {
  const before = await coffee(ctx)
    .selectFrom('coffee_merchant')
    .select(['name', 'contact', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw CoffeeErrors.merchant_not_found({ id });
  await coffee(ctx).updateTable('coffee_merchant').set(changes).where('id', '=', id).execute();
  await recordAudit(ctx, {
    action: 'coffee.merchant.updated',
    subject: { type: 'coffee_merchant', id },
    before,
    after: { ...before, ...changes },
  });
}

/** A site of a merchant (coordinates optional). The merchant must be the caller's. */
export async function createLocation(ctx: Ctx, input: z.infer<typeof newLocation>) {
  const merchant = await coffee(ctx)
    .selectFrom('coffee_merchant')
    .select('id')
    .where('id', '=', input.merchantId)
    .executeTakeFirst();
  if (!merchant) throw CoffeeErrors.merchant_not_found({ id: input.merchantId });
  const { merchantId, ...rest } = input;
  const row = await coffee(ctx)
    .insertInto('coffee_location')
    .values({ ...rest, merchant_id: merchantId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'coffee.location.created',
    subject: { type: 'coffee_location', id: row.id },
    after: input,
  });
  return row;
}

/** Edits a site's name, address or coordinates. */
export async function updateLocation(ctx: Ctx, id: string, changes: z.infer<typeof locationChanges>) {
  const before = await coffee(ctx)
    .selectFrom('coffee_location')
    .select(['name', 'address', 'lat', 'lng'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw CoffeeErrors.merchant_not_found({ id });
  await coffee(ctx).updateTable('coffee_location').set(changes).where('id', '=', id).execute();
  await recordAudit(ctx, {
    action: 'coffee.location.updated',
    subject: { type: 'coffee_location', id },
    before,
    after: { ...before, ...changes },
  });
}

/**
 * A bin's capacity and alarm levels (percent of capacity). The next materials report decides the
 * alarms with them; the check and the write are one statement (critical at or below low).
 */
export async function updateBinThresholds(ctx: Ctx, id: string, changes: z.infer<typeof binThresholds>) {
  const before = await coffee(ctx)
    .selectFrom('coffee_bin')
    .select(['capacity', 'low_pct', 'critical_pct'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw CoffeeErrors.bin_not_found({ id });
  const after = {
    capacity: changes.capacity ?? before.capacity,
    low_pct: changes.lowPct ?? before.low_pct,
    critical_pct: changes.criticalPct ?? before.critical_pct,
  };
  if (after.critical_pct > after.low_pct) throw CoffeeErrors.bin_thresholds_invalid(after);
  await coffee(ctx).updateTable('coffee_bin').set(after).where('id', '=', id).execute();
  await recordAudit(ctx, {
    action: 'coffee.bin.updated',
    subject: { type: 'coffee_bin', id },
    before,
    after,
  });
}
