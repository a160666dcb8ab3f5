import { z } from 'zod';
import { recordAudit } from '../../core/audit/index.ts';
import { readStaffPhone } from '../../core/contacts/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { normalizeRecipient } from '../../core/notifications/index.ts';
import { isUniqueViolation } from '../../platform/errors/index.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import type { CoffeeTables, OnCallLanguage } from './coffee.tables.ts';

/** How an on-call person is reached: `sms` is their phone (issue 65: a manager away from the console). */
export const ONCALL_CHANNELS = ['email', 'whatsapp', 'telegram', 'sms'] as const;
const channel = z.enum(ONCALL_CHANNELS);
/** The languages an alarm message is written in (`coffee.notify.catalog.ts`). */
export const ONCALL_LANGUAGES = ['en', 'hi', 'es', 'fr', 'rw'] as const satisfies readonly OnCallLanguage[];
const onCallFields = z.object({
  name: z.string().trim().min(1).max(200),
  channel,
  address: z.string().trim().min(1).max(320),
  language: z.enum(ONCALL_LANGUAGES),
});
export const newOnCall = onCallFields.extend({ language: onCallFields.shape.language.default('en') });
/** A change names only what it changes: no default, or a patch of one field would reset the language. */
export const onCallChanges = onCallFields.partial().extend({ active: z.boolean().optional() });

const coffee = (ctx: Ctx) => ctx.db.withTables<CoffeeTables>();
const taken = (err: unknown, address: string) => {
  if (isUniqueViolation(err)) throw CoffeeErrors.oncall_exists({ address });
  throw err;
};

/**
 * The stored form of an on-call address: a phone typed as staff type them (`0788 123 456` read in
 * the organization's country, refused naming `body.address` with an example), others as their channel keeps them.
 */
async function storedAddress(ctx: Ctx, channel: (typeof ONCALL_CHANNELS)[number], address: string) {
  if (channel !== 'sms') return normalizeRecipient(channel, address);
  return normalizeRecipient('sms', await readStaffPhone(ctx, address, { field: 'body.address' }));
}

/** Puts a person on call for fleet alarms; the address is checked against its channel up front. */
export async function createOnCall(ctx: Ctx, input: z.infer<typeof newOnCall>): Promise<{ id: string }> {
  const address = await storedAddress(ctx, input.channel, input.address);
  const row = await coffee(ctx)
    .insertInto('coffee_oncall')
    .values({ ...input, address })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((err) => taken(err, address));
  await recordAudit(ctx, {
    action: 'coffee.oncall.created',
    subject: { type: 'coffee_oncall', id: row.id },
    after: { ...input, address },
  });
  return row;
}

/** Edits an on-call person, or takes them off call (`active: false`) without losing the entry. */
export async function updateOnCall(
  ctx: Ctx,
  id: string,
  changes: z.infer<typeof onCallChanges>,
): Promise<void> {
  const before = await coffee(ctx)
    .selectFrom('coffee_oncall')
    .select(['name', 'channel', 'address', 'language', 'active'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw CoffeeErrors.oncall_not_found({ id });
  const next = { ...before, ...changes };
  const address = await storedAddress(ctx, next.channel, next.address);
  await coffee(ctx)
    .updateTable('coffee_oncall')
    .set({ ...next, address })
    .where('id', '=', id)
    .execute()
    .catch((err) => taken(err, address));
  await recordAudit(ctx, {
    action: 'coffee.oncall.updated',
    subject: { type: 'coffee_oncall', id },
    before,
    after: { ...next, address },
  });
}
