import { findOrCreateContactByIdentity } from '../../core/contacts/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';

export interface BuyerInput {
  contactId: string;
  waId?: string | null;
  displayName?: string | null;
  language?: string | null;
}

/**
 * The buyer row of a contact, created on first purchase (race-safe upsert); returns its id. One
 * statement (issue 64: a chat's first pick read the buyer, then wrote it): the row is written only
 * when there is none, or it lacks the WhatsApp number or the language given. Raw SQL: it names the
 * organization itself.
 */
export async function ensureBuyer(ctx: Ctx, input: BuyerInput): Promise<string> {
  const waId = input.waId ?? null;
  const language = input.language ?? null;
  const { rows } = await sql<{ id: string }>`
    with known as (
      select id, wa_id, language from raffle_buyer where org_id = ${ctx.orgId} and contact_id = ${input.contactId}
    ), written as (
      insert into raffle_buyer (org_id, contact_id, wa_id, display_name, language)
      select ${ctx.orgId}, ${input.contactId}, ${waId}, ${input.displayName ?? null},
        coalesce(${language}::text, ${DEFAULT_LANGUAGE})
      where not exists (select 1 from known k
        where (k.wa_id is not null or ${waId}::text is null) and (${language}::text is null or k.language = ${language}))
      on conflict (org_id, contact_id) do update
        set wa_id = coalesce(excluded.wa_id, raffle_buyer.wa_id), language = excluded.language
      returning id
    )
    select coalesce((select id from written), (select id from known)) as id`.execute(ctx.db);
  return rows[0]!.id;
}

/** raffle_buyer.language's default: a buyer written without a language reads Spanish. */
const DEFAULT_LANGUAGE = 'es';

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
