import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import { fixedClock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { type AuditTables, recordAudit } from '../audit/index.ts';
import { type Ctx, systemCtx } from '../context/index.ts';
import { createEvents, defineModule } from '../modules/index.ts';
import { createOrganization } from '../orgs/index.ts';
import {
  addIdentity,
  type ContactsTables,
  createContact,
  findOrCreateContactByIdentity,
  getContact,
  listContacts,
  mergeContacts,
  updateContact,
} from './index.ts';

let database: Database;
let orgA: Ctx;
let orgB: Ctx;
const clock = fixedClock('2026-11-22T10:00:00Z');
/** What a module would do when contacts merge: set by the tests that need it. */
let onMerge: ((tx: Ctx, event: { keepId: string; mergeId: string }) => Promise<void>) | undefined;
const linker = defineModule({
  name: 'linker',
  hooks: { contactsMerged: async (tx, _rt, event) => onMerge?.(tx, event) },
});
const events = createEvents([{ area: linker, rt: null }]);

beforeAll(async () => {
  database = await createTestDatabase();
  const ctxOf = async (slug: string) => {
    const org = await createOrganization(database.db, {
      slug,
      name: slug,
      timeZone: 'UTC',
      currency: 'USD',
      languages: ['en'],
    });
    return systemCtx({ orgId: org.id, db: database.forOrg(org.id), clock, events, job: 'test' });
  };
  orgA = await ctxOf('contacts-a');
  orgB = await ctxOf('contacts-b');
});
afterAll(() => database.close());

async function expectCode(promise: Promise<unknown>, code: string): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

const auditCount = async (ctx: Ctx, action: string) =>
  (
    await ctx.db
      .withTables<AuditTables>()
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', action)
      .execute()
  ).length;

describe('findOrCreateContactByIdentity', () => {
  it('creates one contact when ten first messages from the same WhatsApp user arrive at once', async () => {
    const spellings = ['250788000111', '+250788000111', '+250 788 000 111', '250-788-000-111'];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        findOrCreateContactByIdentity(orgA, {
          channel: 'whatsapp',
          externalId: spellings[i % spellings.length]!,
          displayName: 'Asha',
        }),
      ),
    );
    const ids = new Set(results.map((r) => r.contact.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await orgA.db
      .withTables<ContactsTables>()
      .selectFrom('contact_identity')
      .select('contact_id')
      .where('external_id', '=', '250788000111')
      .execute();
    expect(rows).toEqual([{ contact_id: [...ids][0] }]);
    expect(results[0]!.contact.identities).toEqual([
      { channel: 'whatsapp', externalId: '250788000111', createdAt: '2026-11-22T10:00:00.000Z' },
    ]);
  });

  it('finds the existing contact and keeps its name and language', async () => {
    const first = await findOrCreateContactByIdentity(orgA, {
      channel: 'telegram',
      externalId: '424242',
      displayName: 'Ravi',
      language: 'hi-IN',
    });
    expect(first.contact).toMatchObject({
      displayName: 'Ravi',
      preferredLanguage: 'hi',
      transactionalOptIn: true,
    });
    // The contact it answers is the one stored (built from what was written, not read back).
    expect(first.contact).toEqual(await getContact(orgA, first.contact.id));
    const again = await findOrCreateContactByIdentity(orgA, {
      channel: 'telegram',
      externalId: '0424242',
      displayName: 'Someone else',
    });
    expect(again).toMatchObject({ created: false, contact: { id: first.contact.id, displayName: 'Ravi' } });
  });

  it('keeps organizations apart: the same identity is a different contact in another organization', async () => {
    const a = await findOrCreateContactByIdentity(orgA, { channel: 'email', externalId: 'Same@Example.com' });
    const b = await findOrCreateContactByIdentity(orgB, { channel: 'email', externalId: 'same@example.com' });
    expect(b.created).toBe(true);
    expect(b.contact.id).not.toBe(a.contact.id);
    await expectCode(getContact(orgB, a.contact.id), 'contacts.contact_not_found');
    await expectCode(
      updateContact(orgB, a.contact.id, { displayName: 'Hijack' }),
      'contacts.contact_not_found',
    );
    expect((await listContacts(orgB, { q: 'same', page: 1, perPage: 50 })).items.map((c) => c.id)).toEqual([
      b.contact.id,
    ]);
  });
});

describe('identities', () => {
  it('refuses to take an identity that belongs to another contact, and ignores re-adding an own one', async () => {
    const owner = await createContact(orgA, {
      displayName: 'Owner',
      identities: [{ channel: 'phone', externalId: '+919876543210' }],
    });
    const other = await createContact(orgA, { displayName: 'Other' });
    const err = await expectCode(
      addIdentity(orgA, { contactId: other.id, channel: 'phone', externalId: '+91 98765 43210' }),
      'contacts.identity_taken',
    );
    expect(err.details).toMatchObject({ contactId: owner.id, externalId: '+919876543210' });
    const same = await addIdentity(orgA, {
      contactId: owner.id,
      channel: 'phone',
      externalId: '+919876543210',
    });
    expect(same.identities).toHaveLength(1);
    await expectCode(
      createContact(orgA, { identities: [{ channel: 'phone', externalId: '+919876543210' }] }),
      'contacts.identity_taken',
    );
  });

  it('searches by name, by e-mail and by phone digits, leaving merged contacts out', async () => {
    const meera = await createContact(orgA, {
      displayName: 'Meera Nair',
      identities: [
        { channel: 'email', externalId: 'meera@hostel.example' },
        { channel: 'phone', externalId: '+250788555666' },
      ],
    });
    const q = (text: string) => listContacts(orgA, { q: text, page: 1, perPage: 50 });
    expect((await q('meera nair')).items.map((c) => c.id)).toEqual([meera.id]);
    expect((await q('HOSTEL.example')).items.map((c) => c.id)).toEqual([meera.id]);
    expect((await q('788 555')).items.map((c) => c.id)).toEqual([meera.id]);
    expect((await q('%')).total).toBe(0);
  });
});

describe('updateContact', () => {
  it('moves a consent timestamp only when the consent changes', async () => {
    const c = await createContact(orgA, { displayName: 'Consent' });
    clock.advance(60_000);
    const same = await updateContact(orgA, c.id, { transactionalOptIn: true, marketingOptIn: false });
    expect(same.transactionalOptInChangedAt).toBe(c.transactionalOptInChangedAt);
    expect(same.marketingOptInChangedAt).toBeNull();
    const yes = await updateContact(orgA, c.id, { marketingOptIn: true, preferredLanguage: 'es' });
    expect(yes).toMatchObject({ marketingOptIn: true, marketingOptInChangedAt: clock.now().toISOString() });
    expect(yes.preferredLanguage).toBe('es');
  });
});

describe('mergeContacts', () => {
  it('moves identities, marks the merged contact, audits, and runs handlers inside the transaction', async () => {
    const keep = await createContact(orgA, {
      displayName: 'Kept',
      identities: [{ channel: 'telegram', externalId: '7001' }],
    });
    const gone = await createContact(orgA, {
      preferredLanguage: 'hi',
      identities: [{ channel: 'whatsapp', externalId: '919812345678' }],
    });
    const earlier = await createContact(orgA, { displayName: 'Earlier duplicate' });
    await mergeContacts(orgA, { keepId: gone.id, mergeId: earlier.id });

    const seen: unknown[] = [];
    onMerge = async (tx, event) => {
      const moved = await getContact(tx, event.keepId);
      seen.push({ event, inTransaction: tx.db.isTransaction, identities: moved.identities.length });
      await recordAudit(tx, {
        action: 'test.link.repointed',
        subject: { type: 'contact', id: event.keepId },
      });
    };
    try {
      const after = await mergeContacts(orgA, { keepId: keep.id, mergeId: gone.id });
      expect(after.identities.map((i) => i.channel).sort()).toEqual(['telegram', 'whatsapp']);
      expect(after).toMatchObject({ displayName: 'Kept', preferredLanguage: 'hi', mergedIntoId: null });
    } finally {
      onMerge = undefined;
    }
    expect(seen).toEqual([
      { event: { keepId: keep.id, mergeId: gone.id }, inTransaction: true, identities: 2 },
    ]);
    expect((await getContact(orgA, gone.id)).mergedIntoId).toBe(keep.id);
    expect((await getContact(orgA, earlier.id)).mergedIntoId).toBe(keep.id);
    expect(await auditCount(orgA, 'test.link.repointed')).toBe(1);
    const found = await findOrCreateContactByIdentity(orgA, {
      channel: 'whatsapp',
      externalId: '919812345678',
    });
    expect(found.contact.id).toBe(keep.id);
    expect((await listContacts(orgA, { q: 'Earlier duplicate', page: 1, perPage: 10 })).total).toBe(0);
    await expectCode(mergeContacts(orgA, { keepId: gone.id, mergeId: keep.id }), 'contacts.contact_merged');
    await expectCode(
      addIdentity(orgA, { contactId: gone.id, channel: 'email', externalId: 'x@y.co' }),
      'contacts.contact_merged',
    );
  });

  it('rolls the whole merge back when a handler throws', async () => {
    const keep = await createContact(orgA, {
      identities: [{ channel: 'email', externalId: 'keep@rollback.example' }],
    });
    const gone = await createContact(orgA, {
      identities: [{ channel: 'email', externalId: 'gone@rollback.example' }],
    });
    const mergedBefore = await auditCount(orgA, 'contacts.contact.merged');
    onMerge = async (tx) => {
      await recordAudit(tx, { action: 'test.link.half_done', subject: { type: 'contact', id: keep.id } });
      throw new Error('module could not re-point its rows');
    };
    try {
      await expect(mergeContacts(orgA, { keepId: keep.id, mergeId: gone.id })).rejects.toThrow('re-point');
    } finally {
      onMerge = undefined;
    }
    const still = await getContact(orgA, gone.id);
    expect(still.mergedIntoId).toBeNull();
    expect(still.identities.map((i) => i.externalId)).toEqual(['gone@rollback.example']);
    expect(await auditCount(orgA, 'contacts.contact.merged')).toBe(mergedBefore);
    expect(await auditCount(orgA, 'test.link.half_done')).toBe(0);
  });

  it('refuses to merge a contact into itself or across organizations', async () => {
    const a = await createContact(orgA, { displayName: 'A' });
    const b = await createContact(orgB, { displayName: 'B' });
    await expectCode(mergeContacts(orgA, { keepId: a.id, mergeId: a.id }), 'contacts.merge_same_contact');
    await expectCode(mergeContacts(orgA, { keepId: a.id, mergeId: b.id }), 'contacts.contact_not_found');
  });
});
