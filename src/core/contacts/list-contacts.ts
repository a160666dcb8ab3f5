import type { Ctx } from '../context/index.ts';
import { type Page, type PageRequest, rowsOf } from '../resources/index.ts';
import { type Contact, contactTables, loadContacts } from './contact-view.ts';
import { searchPatterns } from './contacts.rules.ts';

export interface ContactQuery extends PageRequest {
  /** Part of a name or of an identity (e-mail, phone digits, Telegram id). */
  q?: string;
  /** Also list contacts merged into others (left out by default). */
  includeMerged?: boolean;
}

/** Contacts of the caller's organization, newest first, optionally searched by name or identity. */
export async function listContacts(ctx: Ctx, query: ContactQuery): Promise<Page<Contact>> {
  const { limit, offset } = rowsOf(query);
  const db = contactTables(ctx);
  let filtered = db.selectFrom('contact');
  if (!query.includeMerged) filtered = filtered.where('contact.merged_into_id', 'is', null);
  if (query.q?.trim()) {
    const { text, digits } = searchPatterns(query.q);
    filtered = filtered.where((eb) =>
      eb.or([
        eb('contact.display_name', 'ilike', text),
        eb.exists(
          eb
            .selectFrom('contact_identity as i')
            .select('i.contact_id')
            .whereRef('i.contact_id', '=', 'contact.id')
            .where((ib) =>
              ib.or([
                ib('i.external_id', 'like', text),
                ...(digits ? [ib('i.external_id', 'like', digits)] : []),
              ]),
            ),
        ),
      ]),
    );
  }
  const [page, count] = await Promise.all([
    filtered
      .select('contact.id')
      .orderBy('contact.created_at', 'desc')
      .orderBy('contact.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: await loadContacts(
      ctx,
      page.map((r) => r.id),
    ),
    total: Number(count.total),
    page: query.page,
    perPage: query.perPage,
  };
}
