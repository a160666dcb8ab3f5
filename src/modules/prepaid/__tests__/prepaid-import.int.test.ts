import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { createPrepaidMeter, createPrepaidTariff } from '../../../../test/factories/prepaid.ts';
import { holdingsOf, moduleImport, reportCounts } from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { dumpdataSource, postgresSource, type SourceConnection } from '../../../core/imports/index.ts';
import { createEmbedded, openDatabase, sql } from '../../../platform/db/index.ts';
import { openMeterKey } from '../meter-keys.ts';
import { decodeToken } from '../openpaygo/openpaygo.ts';
import { meterConsumption } from '../readings.ts';

/** Prepaid alone (with the core): the import needs nothing else. */
const AREAS = TEST_MODULES.filter((m) => m.name === 'prepaid');

// Issue 42 for prepaid: IngufuPay's customers, meters, payments and tokens come over from a dumpdata
// file or its PostgreSQL the same way; a second run changes nothing; a meter in the field keeps its
// OpenPAYGO count (the next token is above it); a token sold before the switch is found by the
// token check; a row that cannot come over is reported with its reason and nothing of it is written.

const FIXTURES = new URL('../../../../test/fixtures/import/', import.meta.url);
type Row = { model: string; pk: number | string; fields: Record<string, unknown> };
const DUMPDATA = JSON.parse(readFileSync(new URL('prepaid-dumpdata.json', FIXTURES), 'utf8')) as Row[];
/** The key, starting code and last count of the original's KGL-001, from the operator's commissioning records. */
const IN_FIELD = { key: 'bc41ec9530f6dac86b1a29ab82edc5fb', startingCode: 516959010, lastCount: 40 };
const withOpenPaygo = (rows: Row[]) =>
  rows.map((r) =>
    r.model === 'meters.meter' && r.pk === 1
      ? {
          ...r,
          fields: {
            ...r.fields,
            openpaygo_key: IN_FIELD.key,
            openpaygo_starting_code: IN_FIELD.startingCode,
            openpaygo_last_count: IN_FIELD.lastCount,
          },
        }
      : r,
  );

const clock = shiftableClock();
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ modules: AREAS, clock });
  await app.startWorker();
}, 120_000);
afterAll(() => app?.close());

/** An organization as IngufuPay's operator has it in Opsdesk: Rwanda, RWF, a residential tariff. */
async function operator(slug: string): Promise<ApiClient> {
  const { ownerEmail } = await createOrg(app, { slug, currency: 'RWF', timeZone: 'Africa/Kigali' });
  await createPrepaidTariff(app, { org: slug });
  return app.signIn(ownerEmail, undefined, slug);
}
const run = moduleImport(() => app, AREAS, 'prepaid');
const fixture = (rows = withOpenPaygo(DUMPDATA)) => dumpdataSource(rows, 'dumpdata prepaid-dumpdata.json');

/** What an organization holds that an import could write, or a sale could. */
const holdings = (org: string) =>
  holdingsOf(app.database.db, org, {
    accounts: 'prepaid_account',
    users: 'prepaid_portal_user',
    meters: 'prepaid_meter',
    payments: 'prepaid_imported_payment',
    tokens: 'prepaid_imported_token',
    sales: 'prepaid_purchase',
    issued: 'prepaid_token',
    core_payments: 'payment',
    notifications: 'notification',
    origins: 'import_origin',
  });
const meterOf = async (org: string, number: string) =>
  (
    await sql<Record<string, unknown>>`
      select m.* from prepaid_meter m join organization o on o.id = m.org_id
      where o.slug = ${org} and m.number = ${number}`.execute(app.database.db)
  ).rows[0]!;

const FULL = {
  'users.user': [4, 3, 0, 1, 0],
  'meters.meter': [3, 3, 0, 0, 0],
  'transactions.paymenttransaction': [4, 4, 0, 0, 0],
  'transactions.tokenpurchase': [3, 3, 0, 0, 0],
};
const HOLDINGS = {
  accounts: 3,
  users: 3,
  meters: 3,
  payments: 4,
  tokens: 3,
  sales: 0,
  issued: 0,
  core_payments: 0,
  notifications: 0,
  origins: 13,
};

describe('opsdesk import prepaid', () => {
  let staff: ApiClient;

  it('brings the dumpdata fixture over in full, issuing no token, starting no payment, sending nothing', async () => {
    staff = await operator('ingufu');
    const report = await run('ingufu', fixture());
    expect(report.issues).toEqual([]);
    expect(reportCounts(report)).toEqual(FULL);
    expect(report.messages).toEqual({ wouldSend: 0, queued: 0 });
    expect(await holdings('ingufu')).toEqual(HOLDINGS);

    const db = app.database.db;
    const { rows: accounts } = await sql<Record<string, string>>`
      select a.name, a.phone, a.channel_to, u.role, u.email from prepaid_account a
      join prepaid_portal_user u on u.account_id = a.id order by a.name`.execute(db);
    expect(accounts).toEqual([
      {
        name: 'Aline Uwase',
        phone: '+250788000201',
        channel_to: 'aline.uwase@example.rw',
        role: 'owner',
        email: 'aline.uwase@example.rw',
      },
      {
        name: 'Claire Mukamana',
        phone: null,
        channel_to: 'claire.mukamana@example.rw',
        role: 'owner',
        email: 'claire.mukamana@example.rw',
      },
      // the original's local number, read in Rwanda
      { name: 'Jean Bosco Habimana', phone: '+250788000202', channel_to: null, role: 'owner', email: null },
    ]);
    const { rows: meters } = await sql<Record<string, string>>`
      select number, category, status, location, opg_last_count, reported_balance_tenths,
        opg_key_sheet_until is not null as sheet
      from prepaid_meter order by number`.execute(db);
    expect(meters).toEqual([
      {
        number: 'KGL-001',
        category: 'residential',
        status: 'active',
        location: 'Home — KG 11 Ave, house 14, Ineza, Bibare, Kimironko, Gasabo, Kigali City',
        opg_last_count: 40,
        reported_balance_tenths: '129',
        sheet: false,
      },
      expect.objectContaining({ number: 'KGL-002', category: 'commercial', status: 'suspended' }),
      // no OpenPAYGO settings in the original: a generated key, printable once, counting from the start
      expect.objectContaining({
        number: 'STH-001',
        category: 'school',
        opg_last_count: 1,
        reported_balance_tenths: null,
        sheet: true,
      }),
    ]);
    const { rows: history } = await sql<Record<string, string>>`
      select p.method, p.status, p.amount_minor, p.external_reference, t.token, t.units_milli
      from prepaid_imported_payment p left join prepaid_imported_token t on t.payment_id = p.id
      order by p.created_at`.execute(db);
    expect(history).toEqual([
      expect.objectContaining({ method: 'momo', status: 'failed', amount_minor: '1000', token: null }),
      expect.objectContaining({ method: 'card', status: 'success', token: '77102433680529161847' }),
      {
        method: 'momo',
        status: 'success',
        amount_minor: '5000',
        external_reference: 'MP261101.1820.A00001',
        token: '48213905771236488021',
        units_milli: '16129',
      },
      expect.objectContaining({ method: 'cash', amount_minor: '2000', external_reference: null }),
    ]);
    // The ESP32's last word is the meter's balance: 12.9 kWh, not the units the original sold.
    const kgl = await meterOf('ingufu', 'KGL-001');
    expect(await meterConsumption(await orgCtx(app, 'ingufu'), String(kgl.id))).toMatchObject({
      balanceTenths: 129,
    });
  });

  it('changes nothing when the same import runs again', async () => {
    const before = await holdings('ingufu');
    const again = await run('ingufu', fixture());
    expect(again.issues).toEqual([]);
    expect(again.models.every((m) => m.created === 0 && m.refused === 0)).toBe(true);
    expect(reportCounts(again)['meters.meter']).toEqual([3, 0, 3, 0, 0]);
    expect(await holdings('ingufu')).toEqual(before);
  });

  it('issues the next token of a meter in the field above its imported last count: the meter decodes it', async () => {
    const kgl = await meterOf('ingufu', 'KGL-001');
    const sale = await staff.post('/api/prepaid/purchases', {
      meterId: kgl.id,
      method: 'cash',
      amount: { amountMinor: 500, currency: 'RWF' },
    });
    expect(sale.statusCode, sale.body).toBe(201);
    const { token, tokenCount } = sale.json();
    expect(tokenCount).toBeGreaterThan(IN_FIELD.lastCount);
    const inField = { ...IN_FIELD, usedCounts: [] };
    expect(decodeToken(inField, token)).toMatchObject({ status: 'valid', count: tokenCount, value: 50 });

    // A meter the original never programmed for OpenPAYGO decodes with the key Opsdesk generated.
    const sth = await meterOf('ingufu', 'STH-001');
    await sql`update prepaid_meter set category = 'residential' where id = ${String(sth.id)}`.execute(
      app.database.db,
    );
    const first = await staff.post('/api/prepaid/purchases', {
      meterId: sth.id,
      method: 'cash',
      amount: { amountMinor: 300, currency: 'RWF' },
    });
    expect(first.statusCode, first.body).toBe(201);
    const generated = {
      key: openMeterKey(String(sth.opg_key_sealed), app.config.OPSDESK_SECRET_KEY),
      startingCode: Number(sth.opg_starting_code),
      lastCount: 1,
      usedCounts: [],
    };
    expect(decodeToken(generated, first.json().token)).toMatchObject({ status: 'valid', value: 30 });
  });

  it('finds a token sold before the switch as history, however it is typed', async () => {
    const kgl = await meterOf('ingufu', 'KGL-001');
    for (const typed of ['48213-90577-12364-88021', '48213905771236488021']) {
      const res = await staff.post(`/api/prepaid/meters/${kgl.id}/check-token`, { token: typed });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'already_used',
        reason: 'before_import',
        count: null,
        unitsTenths: 161,
        issuedAt: '2026-11-01T18:20:01.000Z',
      });
    }
    // Another meter's token is not this meter's.
    const other = await staff.post(`/api/prepaid/meters/${kgl.id}/check-token`, {
      token: '77102-43368-05291-61847',
    });
    expect(other.json()).toMatchObject({ status: 'invalid', reason: 'not_this_meter' });
  });

  it('reads the same records from the original database', async () => {
    await operator('from-db');
    const lite = await createEmbedded();
    const original = await openDatabase({ lite });
    try {
      await original.pool.query(readFileSync(new URL('prepaid-django-schema.sql', FIXTURES), 'utf8'));
      const FK = ['owner', 'user', 'meter', 'payment'];
      for (const r of DUMPDATA) {
        const table = r.model.replace('.', '_');
        const entries = Object.entries(r.fields).filter(([f]) => f !== 'groups' && f !== 'user_permissions');
        const columns = entries.map(([f]) => (FK.includes(f) ? `${f}_id` : f));
        const values = [r.pk, ...entries.map(([, v]) => v)];
        await original.pool.query(
          `insert into ${table} (id, ${columns.join(', ')}) values (${values.map((_, i) => `$${i + 1}`).join(', ')})`,
          values,
        );
      }
      const client = await original.pool.connect();
      const source = await postgresSource(client as unknown as SourceConnection, 'postgres ingufupay', () =>
        client.release(),
      );
      const fromDb = await run('from-db', source);
      await source.close();
      expect(fromDb.issues).toEqual([]);
      expect(reportCounts(fromDb)).toEqual(FULL);
      expect(await holdings('from-db')).toEqual(HOLDINGS);
    } finally {
      await original.close();
      await lite.close();
    }
  }, 180_000);

  it('writes nothing in a dry run', async () => {
    await operator('dry');
    const dry = await run('dry', fixture(), { dryRun: true });
    expect(reportCounts(dry)).toEqual(FULL);
    expect(await holdings('dry')).toMatchObject({ accounts: 0, meters: 0, tokens: 0, origins: 0 });
  });

  it('reports a record that cannot come over with its reason, and writes none of it', async () => {
    await operator('bad-rows');
    // Registered in Opsdesk before the import: the original's KGL-002 cannot take the number.
    await createPrepaidMeter(app, { org: 'bad-rows', number: 'KGL-002' });
    const broken = withOpenPaygo(DUMPDATA).map((r) =>
      r.model === 'users.user' && r.pk === 3
        ? { ...r, fields: { ...r.fields, phone_number: 'call me' } }
        : r.model === 'transactions.tokenpurchase' && r.pk === '7d3e2f10-aa55-4b7c-8d9e-000000000002'
          ? { ...r, fields: { ...r.fields, units_generated: 'lots' } }
          : r,
    );
    const report = await run('bad-rows', dumpdataSource(broken, 'dumpdata broken'));
    expect(report.issues).toEqual([
      { model: 'users.user', pk: '3', field: 'phone_number', reason: 'expected a phone number, got call me' },
      { model: 'meters.meter', pk: '3', field: 'owner', reason: 'customer 3 did not come over' },
      {
        model: 'meters.meter',
        pk: '2',
        field: null,
        reason: 'meter_number: this meter number is already registered in Opsdesk',
      },
      expect.objectContaining({
        model: 'transactions.paymenttransaction',
        pk: '1b0c9a7e-3f4d-4c2b-9a8e-000000000003',
        field: 'user',
      }),
      expect.objectContaining({
        model: 'transactions.paymenttransaction',
        pk: '1b0c9a7e-3f4d-4c2b-9a8e-000000000004',
        field: 'user',
      }),
      {
        model: 'transactions.tokenpurchase',
        pk: '7d3e2f10-aa55-4b7c-8d9e-000000000002',
        field: 'units_generated',
        reason: 'expected an amount like 3000.00, got lots',
      },
      expect.objectContaining({
        model: 'transactions.tokenpurchase',
        pk: '7d3e2f10-aa55-4b7c-8d9e-000000000004',
        field: 'payment',
      }),
    ]);
    const { rows } = await sql<{ number: string; location: string }>`
      select m.number, m.location from prepaid_meter m join organization o on o.id = m.org_id
      where o.slug = 'bad-rows' order by m.number`.execute(app.database.db);
    expect(rows.map((r) => r.number)).toEqual(['KGL-001', 'KGL-002']);
    expect(rows[1]!.location, 'the meter registered in Opsdesk is left as it was').toBe('');
    expect(await holdings('bad-rows')).toMatchObject({
      accounts: 3,
      meters: 2,
      payments: 2,
      tokens: 1,
      origins: 2 + 1 + 2 + 1,
    });
  });
});
