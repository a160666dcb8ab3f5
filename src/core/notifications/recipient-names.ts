import { type Channel, contactNames, type IdentityRef, identityKey } from '../contacts/index.ts';
import type { Ctx } from '../context/index.ts';
import type { ChannelName } from './notifications.rules.ts';

/**
 * The identities a stored recipient may be held as by a contact: a Telegram chat is its user's id,
 * a WhatsApp number is kept without `+` (and a contact may hold it as its phone), an SMS number with it.
 */
function identitiesOf(channel: ChannelName, to: string): IdentityRef[] {
  const as = (c: Channel, externalId: string): IdentityRef => ({ channel: c, externalId });
  switch (channel) {
    case 'telegram':
      return [as('telegram', to)];
    case 'email':
      return [as('email', to)];
    case 'whatsapp':
      return [as('whatsapp', to), as('phone', `+${to}`)];
    case 'sms':
      return [as('phone', to), as('whatsapp', to.replace(/^\+/, ''))];
    default:
      return [];
  }
}

/**
 * Names each message's recipient where the organization knows them (issue 54 item 5: the console
 * listed a Telegram id where the student was meant): the message's contact, else the contact that
 * holds its address; `null` where nobody does.
 */
export async function withRecipientNames<
  T extends { channel: ChannelName; to: string; contactId: string | null },
>(ctx: Ctx, items: T[]): Promise<Array<T & { toName: string | null }>> {
  if (items.length === 0) return [];
  const names = await contactNames(ctx, {
    ids: items.flatMap((i) => (i.contactId ? [i.contactId] : [])),
    identities: items.flatMap((i) => identitiesOf(i.channel, i.to)),
  });
  return items.map((i) => {
    const byContact = i.contactId ? names.byId.get(i.contactId) : undefined;
    const byAddress = identitiesOf(i.channel, i.to)
      .map((ref) => names.byIdentity.get(identityKey(ref)))
      .find(Boolean);
    return { ...i, toName: byContact ?? byAddress ?? null };
  });
}
