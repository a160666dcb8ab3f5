import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExhibition } from '../../../../test/factories/exhibition.ts';
import { createOrg } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { holdingsOf, moduleImport, reportCounts } from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { dumpdataSource, openCsvSource } from '../../../core/imports/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { ORIGINAL_DESK } from '../import/bills.import.ts';

/** The exhibition alone (with the core): the import needs nothing else. */
const AREAS = TEST_MODULES.filter((m) => m.name === 'exhibition');

// Issue 42 for the exhibition: the Django original's customers (with their customer ID as the
// code) and bills come over from a dumpdata file or CSV files the same way; a second run changes
// nothing; an imported code is found at the desk however typed; a bad row is reported with its
// reason and nothing of it is written; no welcome e-mail goes out unless --notify, and the dry run
// counts them.

const FIXTURES = new URL('../../../../test/fixtures/import/', import.meta.url);
const DUMPDATA = JSON.parse(readFileSync(new URL('exhibition-dumpdata.json', FIXTURES), 'utf8')) as Array<{
  model: string;
  pk: number;
  fields: Record<string, unknown>;
}>;

let app: TestApp;
let desk: ApiClient;

/** An organization with the exhibition the operator created in Opsdesk before importing. */
async function orgWithExhibition(slug: string) {
  if (slug !== 'default') await createOrg(app, { slug, currency: 'USD', timeZone: 'UTC' });
  await createExhibition(app, { org: slug, name: 'Winter Expo', timeZone: 'UTC', booths: ['Tea stall'] });
}

beforeAll(async () => {
  app = await startTestApp({ modules: AREAS });
  desk = await signedInStaff(app, { role: 'ops' });
  await orgWithExhibition('default');
}, 180_000);
afterAll(() => app?.close());

const run = moduleImport(() => app, AREAS, 'exhibition');
const fixture = () => dumpdataSource(DUMPDATA, 'dumpdata exhibition-dumpdata.json');

/** What an organization holds of the exhibition and its e-mails: everything an import could write. */
const holdings = (org: string) =>
  holdingsOf(app.database.db, org, {
    customers: 'exhibition_customer',
    bills: 'exhibition_bill',
    booths: 'exhibition_booth',
    tabs: 'select coalesce(sum(c.total_minor), 0) from exhibition_customer c where c.org_id = o.id',
    notifications: 'notification',
    origins: 'import_origin',
  });

const FULL = { 'customers.customer': [4, 4, 0, 0, 0], 'customers.bill': [5, 5, 0, 0, 0] };
const HOLDINGS = { customers: 4, bills: 5, booths: 2, tabs: 14_725, notifications: 0, origins: 9 };

describe('opsdesk import exhibition', () => {
  it('brings the dumpdata fixture over in full, codes, bills and tabs kept, sending nothing', async () => {
    const report = await run('default', fixture());
    expect(report.issues).toEqual([]);
    expect(reportCounts(report)).toEqual(FULL);
    // 4 welcome e-mails would go with --notify; none went.
    expect(report.messages).toEqual({ wouldSend: 4, queued: 0 });
    expect(await holdings('default')).toEqual(HOLDINGS);

    const db = app.database.db;
    const { rows: customers } = await sql<Record<string, unknown>>`
      select code, name, email, phone, total_minor::int as total, bill_count, registered_via,
        welcome_notification_id, created_at
      from exhibition_customer order by code`.execute(db);
    expect(customers).toEqual([
      expect.objectContaining({ code: '9HDW3TZL', name: 'Diego Fernández', email: 'diego@visitor.test' }),
      expect.objectContaining({
        code: 'K7QX4M2P',
        name: 'Asha Rao',
        phone: '+14155550101',
        total: 1975,
        bill_count: 2,
        registered_via: 'import',
        welcome_notification_id: null,
        created_at: new Date('2025-11-14T09:05:12.481Z'),
      }),
      expect.objectContaining({ code: 'QP2R7S4T', total: 300 }),
      expect.objectContaining({ code: 'ZX9Y8W7V', total: 450 }),
    ]);
    const { rows: bills } = await sql<Record<string, unknown>>`
      select c.code, bo.name as booth, b.amount_minor::int as amount, b.currency, b.description,
        b.created_by, b.created_at, to_char(b.business_date, 'YYYY-MM-DD') as day
      from exhibition_bill b join exhibition_customer c on c.id = b.customer_id
      join exhibition_booth bo on bo.id = b.booth_id order by b.created_at`.execute(db);
    expect(bills[0]).toEqual({
      code: 'K7QX4M2P',
      booth: ORIGINAL_DESK,
      amount: 1250,
      currency: 'USD',
      description: 'Two coffees',
      created_by: 'admin',
      created_at: new Date('2025-11-14T09:30:00Z'),
      day: '2025-11-14',
    });
    expect(bills.map((b) => [b.code, b.amount, b.created_by])).toEqual([
      ['K7QX4M2P', 1250, 'admin'],
      ['K7QX4M2P', 725, 'admin'],
      ['9HDW3TZL', 12_000, 'maria'],
      ['ZX9Y8W7V', 450, 'maria'],
      ['QP2R7S4T', 300, 'admin'],
    ]);
  });

  it('changes nothing when the same import runs again', async () => {
    const before = await holdings('default');
    const again = await run('default', fixture());
    expect(again.issues).toEqual([]);
    expect(reportCounts(again)).toEqual({
      'customers.customer': [4, 0, 4, 0, 0],
      'customers.bill': [5, 0, 5, 0, 0],
    });
    expect(await holdings('default')).toEqual(before);
  });

  it('finds an imported customer at the desk by the original code however typed', async () => {
    for (const typed of ['K7QX4M2P', 'K7QX-4M2P', 'k7qx-4m2p', 'k7qx4m2p', ' k7qx 4m2p ']) {
      const found = await desk.get(`/api/exhibition/customers/by-code/${encodeURIComponent(typed)}`);
      expect(found.statusCode, `${typed}: ${found.body}`).toBe(200);
      expect(found.json()).toMatchObject({
        code: 'K7QX4M2P',
        name: 'Asha Rao',
        totalMinor: 1975,
        billCount: 2,
      });
    }
  });

  it('reads the same records from CSV files', async () => {
    await orgWithExhibition('from-csv');
    const csv = await run('from-csv', openCsvSource(new URL('exhibition-csv', FIXTURES).pathname));
    expect(csv.issues).toEqual([]);
    expect(reportCounts(csv)).toEqual(FULL);
    expect(await holdings('from-csv')).toEqual(HOLDINGS);
  });

  it('writes nothing in a dry run and says how many welcome e-mails --notify would send; --notify queues them', async () => {
    await orgWithExhibition('dry');
    const dry = await run('dry', fixture(), { dryRun: true, notify: true });
    expect(reportCounts(dry)).toEqual(FULL);
    expect(dry.messages).toEqual({ wouldSend: 4, queued: 0 });
    expect(await holdings('dry')).toMatchObject({
      customers: 0,
      bills: 0,
      booths: 1,
      origins: 0,
      notifications: 0,
    });

    const sent = await run('dry', fixture(), { notify: true });
    expect(sent.messages).toEqual({ wouldSend: 4, queued: 4 });
    expect(await holdings('dry')).toMatchObject({ customers: 4, notifications: 4 });
  });

  it('reports a record that cannot come over with its reason, and writes none of it', async () => {
    await orgWithExhibition('bad-rows');
    const broken = DUMPDATA.map((r) =>
      r.model === 'customers.customer' && r.pk === 3
        ? { ...r, fields: { ...r.fields, email: 'meera at visitor' } }
        : r,
    ).concat([
      {
        model: 'customers.customer',
        pk: 5,
        fields: { ...DUMPDATA[0]!.fields, customer_id: 'K7QX4M2P', name: 'Twin' },
      },
      { model: 'customers.bill', pk: 6, fields: { ...DUMPDATA[4]!.fields, amount: '-5.00' } },
    ]);
    const report = await run('bad-rows', dumpdataSource(broken, 'dumpdata broken'));
    expect(report.issues).toEqual([
      { model: 'customers.customer', pk: '3', field: 'email', reason: 'is not an e-mail address' },
      {
        model: 'customers.customer',
        pk: '5',
        field: null,
        reason: 'customer_id: another customer in Opsdesk already has this code',
      },
      { model: 'customers.bill', pk: '4', field: 'customer', reason: 'customer 3 did not come over' },
      { model: 'customers.bill', pk: '6', field: 'amount', reason: 'is not above zero' },
    ]);
    const { rows } = await sql<{ code: string; name: string }>`
      select c.code, c.name from exhibition_customer c join organization o on o.id = c.org_id
      where o.slug = 'bad-rows' order by c.code`.execute(app.database.db);
    expect(rows.map((r) => r.code)).toEqual(['9HDW3TZL', 'K7QX4M2P', 'QP2R7S4T']);
    expect(rows.find((r) => r.code === 'K7QX4M2P')?.name).toBe('Asha Rao');
    expect(await holdings('bad-rows')).toMatchObject({ customers: 3, bills: 4, origins: 3 + 4 });
  });

  it('refuses every customer, in words, when the organization has no open exhibition to bring them into', async () => {
    await createOrg(app, { slug: 'no-expo', currency: 'USD', timeZone: 'UTC' });
    const report = await run('no-expo', fixture());
    expect(report.issues[0]).toEqual({
      model: 'customers.customer',
      pk: '1',
      field: null,
      reason: 'no open exhibition in Opsdesk to bring customers into: create the exhibition first',
    });
    expect(await holdings('no-expo')).toMatchObject({ customers: 0, bills: 0, origins: 0 });
  });
});
