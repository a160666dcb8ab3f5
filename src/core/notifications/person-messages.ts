import { sql } from 'kysely';
import { type Contact, ContactsErrors, getContact } from '../contacts/index.ts';
import type { Ctx } from '../context/index.ts';
import { type Page, type PageRequest, rowsOf } from '../resources/index.ts';
import { toView, VIEW_COLUMNS } from './notification-view.ts';
import type { NotificationView } from './notifications.contract.ts';
import { type ChannelName, normalizeRecipient } from './notifications.rules.ts';
import type { NotificationTables } from './notifications.tables.ts';
import { withRecipientNames } from './recipient-names.ts';
import { withSmsParts } from './sms-parts.ts';

/** Where a person is reached: their contact (when they have one) and the addresses a module keeps for them. */
export interface PersonAddresses {
  contactId?: string | null;
  emails?: ReadonlyArray<string | null>;
  /** Phones in international form: an SMS and a WhatsApp message both reach one. */
  phones?: ReadonlyArray<string | null>;
  /** Chats the person is reached in (a Telegram chat id, a WhatsApp wa_id). */
  chats?: ReadonlyArray<{ channel: 'telegram' | 'whatsapp'; to: string }>;
}

/**
 * The messages sent to one person on every channel, newest first, with the total for paging (issue 65:
 * the person's record did not show the SMS sent to them): those addressed to their contact and those sent
 * to any of their addresses or the contact's identities, each with its delivery state and, for an SMS,
 * its parts, encoding and cost. The one way a person's page lists their messages, whichever record
 * (contact, student, account, customer) it is.
 */
export async function messagesToPerson(
  ctx: Ctx,
  person: PersonAddresses,
  page: PageRequest,
): Promise<Page<NotificationView>> {
  const contact = person.contactId ? await linkedContact(ctx, person.contactId) : undefined;
  if (!contact) return listMessages(ctx, person, page);
  const known = contactAddresses(contact);
  return listMessages(
    ctx,
    {
      contactId: contact.id,
      emails: [...(person.emails ?? []), ...(known.emails ?? [])],
      phones: [...(person.phones ?? []), ...(known.phones ?? [])],
      chats: [...(person.chats ?? []), ...(known.chats ?? [])],
    },
    page,
  );
}

/** A contact's messages: to the contact itself and to each of its identities (an e-mail, a phone, a chat). */
export async function contactMessages(
  ctx: Ctx,
  contactId: string,
  page: PageRequest,
): Promise<Page<NotificationView>> {
  return listMessages(ctx, contactAddresses(await getContact(ctx, contactId)), page);
}

/** The contact a module's record links; none when it is gone, so the record's own addresses still list. */
async function linkedContact(ctx: Ctx, id: string): Promise<Contact | undefined> {
  try {
    return await getContact(ctx, id);
  } catch (err) {
    if (ContactsErrors.contact_not_found.is(err)) return undefined;
    throw err;
  }
}

async function listMessages(
  ctx: Ctx,
  person: PersonAddresses,
  page: PageRequest,
): Promise<Page<NotificationView>> {
  const pairs = addressPairs(person);
  if (pairs.length === 0 && !person.contactId)
    return { items: [], total: 0, page: page.page, perPage: page.perPage };
  const { limit, offset } = rowsOf(page);
  const base = ctx.db
    .withTables<NotificationTables>()
    .selectFrom('notification')
    .where((eb) =>
      eb.or([
        ...(person.contactId ? [eb('contact_id', '=', person.contactId)] : []),
        ...pairs.map(([channel, to]) => eb.and([eb('channel', '=', channel), eb('recipient', '=', to)])),
      ]),
    );
  const [rows, count] = await Promise.all([
    base
      .select(VIEW_COLUMNS)
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: await withSmsParts(ctx, await withRecipientNames(ctx, rows.map(toView))),
    total: Number(count.n),
    page: page.page,
    perPage: page.perPage,
  };
}

function contactAddresses(contact: Contact): PersonAddresses {
  const of = (channel: string) =>
    contact.identities.filter((i) => i.channel === channel).map((i) => i.externalId);
  return {
    contactId: contact.id,
    emails: of('email'),
    phones: of('phone'),
    chats: contact.identities.flatMap((i) =>
      i.channel === 'telegram' || i.channel === 'whatsapp' ? [{ channel: i.channel, to: i.externalId }] : [],
    ),
  };
}

/** Each address in its stored form, per channel it is reached on; an address no channel accepts is left out. */
function addressPairs(person: PersonAddresses): [ChannelName, string][] {
  const wanted: [ChannelName, string][] = [
    ...(person.emails ?? []).flatMap((to) => (to ? [['email', to] as [ChannelName, string]] : [])),
    ...(person.phones ?? []).flatMap((to) =>
      to ? (['sms', 'whatsapp'] as const).map((channel) => [channel, to] as [ChannelName, string]) : [],
    ),
    ...(person.chats ?? []).map((c) => [c.channel, c.to] as [ChannelName, string]),
  ];
  const pairs = new Map<string, [ChannelName, string]>();
  for (const [channel, to] of wanted) {
    try {
      const stored = normalizeRecipient(channel, to);
      pairs.set(`${channel}:${stored}`, [channel, stored]);
    } catch {
      // Not an address of this channel (a local phone never sent to): nothing went there.
    }
  }
  return [...pairs.values()];
}
