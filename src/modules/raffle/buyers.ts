import { findOrCreateContactByIdentity } from '../../core/contacts/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import type { RaffleTables } from './raffle.tables.ts';

export interface BuyerInput {
  contactId: string;
  waId?: string | null;
  displayName?: string | null;
  language?: string | null;
}

/** The buyer row of a contact, created on first purchase (race-safe upsert); returns its id. */
export async function ensureBuyer(ctx: Ctx, input: BuyerInput): Promise<string> {
  const db = ctx.db.withTables<RaffleTables>();
  const known = await db
    .selectFrom('raffle_buyer')
    .select(['id', 'wa_id', 'language'])
    .where('contact_id', '=', input.contactId)
    .executeTakeFirst();
  if (known && (known.wa_id || !input.waId) && (!input.language || known.language === input.language))
    return known.id;
  const row = await db
    .insertInto('raffle_buyer')
    .values({
      contact_id: input.contactId,
      wa_id: input.waId ?? null,
      display_name: input.displayName ?? null,
      language: input.language ?? undefined,
    })
    .onConflict((oc) =>
      oc.columns(['org_id', 'contact_id']).doUpdateSet((eb) => ({
        wa_id: eb.fn.coalesce('excluded.wa_id', 'raffle_buyer.wa_id'),
        language: eb.ref('excluded.language'),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The buyer behind a WhatsApp number (staff reserving for someone who called in). */
export async function buyerForWhatsApp(
  ctx: Ctx,
  input: { waId: string; displayName?: string | null; language?: string | null },
): Promise<string> {
  const { contact } = await findOrCreateContactByIdentity(ctx, {
    channel: 'whatsapp',
    externalId: input.waId,
    displayName: input.displayName ?? null,
    language: input.language ?? null,
  });
  const waId = contact.identities.find((i) => i.channel === 'whatsapp')?.externalId ?? input.waId;
  return ensureBuyer(ctx, {
    contactId: contact.id,
    waId,
    displayName: input.displayName ?? contact.displayName ?? null,
    language: input.language ?? null,
  });
}
