import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import { fixedClock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { type Ctx, systemCtx } from '../context/index.ts';
import { createEvents } from '../modules/index.ts';
import { createOrganization } from '../orgs/index.ts';
import { addIdentity, createContact, phoneReaderOf, readStaffPhone } from './index.ts';

/*
 * Issue 54, item 24: staff routes read the local numbers people type in their organization's country
 * (core/orgs' `phoneCountryOf`: a module's chosen country, else the currency's, else the time
 * zone's), through one reader in core/contacts. Two organizations on one database read the same
 * digits each in its own country.
 */
let database: Database;
let dubai: Ctx;
let kigali: Ctx;
let nowhere: Ctx;
const clock = fixedClock('2026-11-22T10:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  const ctxOf = async (slug: string, currency: string, timeZone: string) => {
    const org = await createOrganization(database.db, {
      slug,
      name: slug,
      timeZone,
      currency,
      languages: ['en'],
    });
    return systemCtx({
      orgId: org.id,
      db: database.forOrg(org.id),
      clock,
      events: createEvents([]),
      job: 'test',
    });
  };
  dubai = await ctxOf('phones-dubai', 'USD', 'Asia/Dubai');
  kigali = await ctxOf('phones-kigali', 'RWF', 'UTC');
  nowhere = await ctxOf('phones-nowhere', 'USD', 'UTC');
});
afterAll(() => database.close());

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("the organization's phone reader", () => {
  it('reads the country from the zone, the currency, or a setting the module chose', async () => {
    expect((await phoneReaderOf(dubai)).country).toBe('AE');
    expect((await phoneReaderOf(kigali)).country).toBe('RW');
    expect((await phoneReaderOf(nowhere)).country).toBeNull();
    expect((await phoneReaderOf(dubai, 'IN')).country).toBe('IN');
    expect(await readStaffPhone(dubai, '98450 12345', { field: 'phone', chosen: 'IN' })).toBe(
      '+919845012345',
    );
  });

  it('reads local numbers in each organization’s own country, and refuses with that country’s example', async () => {
    expect(await readStaffPhone(dubai, '050 123 4567', { field: 'body.phone' })).toBe('+971501234567');
    expect(await readStaffPhone(kigali, '0788 123 456', { field: 'body.phone' })).toBe('+250788123456');
    const inDubai = await refusal(readStaffPhone(dubai, '0788 123 456', { field: 'body.phone' }));
    expect(inDubai.fields[0]).toMatchObject({
      field: 'body.phone',
      code: 'invalid_phone',
      expected: '050 123 4567',
    });
    // Where nothing says the country, local numbers are refused asking for the international form.
    const unknown = await refusal(readStaffPhone(nowhere, '050 123 4567', { field: 'body.phone' }));
    expect(unknown.fields[0]!.expected).toBe('+250788123456');
    expect(await readStaffPhone(nowhere, '+971 50 123 4567', { field: 'body.phone' })).toBe('+971501234567');
  });

  it('gives imports a schema that reads the same way and words its refusal with the example', async () => {
    const { schema } = await phoneReaderOf(dubai);
    expect(schema.parse('050 123 4567')).toBe('+971501234567');
    const failed = schema.safeParse('050 123');
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]?.message).toBe(
      'is not a phone number like 050 123 4567 or +971 50 123 4567',
    );
  });
});

describe('core contacts read local phones in the organization’s country', () => {
  it('creates a contact and adds a phone typed locally, without being told the country', async () => {
    const contact = await createContact(dubai, {
      displayName: 'Fatima',
      identities: [{ channel: 'phone', externalId: '050 765 4321' }],
    });
    expect(contact.identities).toMatchObject([{ channel: 'phone', externalId: '+971507654321' }]);
    const other = await createContact(kigali, { displayName: 'Aline' });
    const added = await addIdentity(kigali, {
      contactId: other.id,
      channel: 'phone',
      externalId: '0788 765 432',
    });
    expect(added.identities).toMatchObject([{ channel: 'phone', externalId: '+250788765432' }]);
    // A country given with the request still wins.
    const given = await createContact(dubai, {
      identities: [{ channel: 'phone', externalId: '0788 765 433' }],
      defaultCountry: 'RW',
    });
    expect(given.identities[0]!.externalId).toBe('+250788765433');
  });
});
