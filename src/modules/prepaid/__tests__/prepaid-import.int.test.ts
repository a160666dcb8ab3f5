import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { createPrepaidMeter, createPrepaidTariff } from '../../../../test/factories/prepaid.ts';
import {
  changeCounts,
  holdingsOf,
  moduleImport,
  originalPostgres,
} from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { dumpdataSource, type ImportReport } from '../../../core/imports/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { decodeToken } from '../openpaygo/openpaygo.ts';
import { portalOriginalHistory } from '../portal/portal-views.ts';
import { statementData } from '../statements.ts';

/** Prepaid alone (with the core): the import needs nothing else. */
const AREAS = TEST_MODULES.filter((m) => m.name === 'prepaid');

// Issue 51 for prepaid: IngufuPay's data as its own API views, serializers and admin forms wrote it
// (test/fixtures/import/prepaid-original/, made by make_data.py) comes over whole: meter numbers typed
// with spaces or other dashes, a balance below zero, amounts with cents, phones as people give them,
// every version of its models; a second import after more activity brings exactly the changes, a
// third nothing; a row that cannot come over is reported with its reason and nothing of it written.

const FIXTURES = new URL('../../../../test/fixtures/import/prepaid-original/', import.meta.url);
type Row = { model: string; pk: number | string; fields: Record<string, unknown> };
const dumpdata = (name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Row[];
const FIRST = dumpdata('first.json');
const SECOND = dumpdata('second.json');
const V1 = dumpdata('v1.json');
const fixture = (rows: Row[], label: string) => dumpdataSource(rows, `dumpdata ${label}`);
const of = (rows: Row[], model: string) => rows.filter((r) => r.model === model);

/** What the original holds, by its own numbers: customers, meters, payments and their sum to the cent. */
function originalTotals(rows: Row[]) {
  const payments = of(rows, 'transactions.paymenttransaction');
  const cents = payments.reduce((s, p) => s + Math.round(Number(p.fields.amount_rwf) * 100), 0);
  return {
    customers: of(rows, 'users.user').filter((u) => u.fields.role !== 'admin').length,
    meters: of(rows, 'meters.meter').length,
    payments: payments.length,
    tokens: of(rows, 'transactions.tokenpurchase').length,
    cents,
  };
}

const clock = shiftableClock();
let app: TestApp;
let staff: ApiClient;

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

/** What an organization holds that an import could write, or a sale could; and its imported money to the cent. */
const holdings = (org: string) =>
  holdingsOf(app.database.db, org, {
    accounts: 'prepaid_account',
    meters: 'prepaid_meter',
    payments: 'prepaid_imported_payment',
    tokens: 'prepaid_imported_token',
    cents: 'select coalesce(sum(amount_cents), 0) from prepaid_imported_payment t where t.org_id = o.id',
    sales: 'prepaid_purchase',
    issued: 'prepaid_token',
    core_payments: 'payment',
    notifications: 'notification',
  });
const meterOf = async (org: string, originalId: number) =>
  (
    await sql<Record<string, string | null>>`
      select m.*, i.typed_number, i.balance_milli from prepaid_meter m
      join prepaid_imported_meter i on i.meter_id = m.id join organization o on o.id = m.org_id
      where o.slug = ${org} and i.original_id = ${String(originalId)}`.execute(app.database.db)
  ).rows[0]!;
const issuesOf = (report: ImportReport, kind: 'refused' | 'flagged') =>
  report.issues.filter((i) => i.kind === kind);

/** Loads a pg_dump of the original into an embedded PostgreSQL and imports from it. */
async function fromPgDump(org: string, file: string, label: string) {
  const original = await originalPostgres();
  try {
    await original.load(readFileSync(new URL(file, FIXTURES), 'utf8'));
    const source = await original.source(label);
    try {
      return await run(org, source);
    } finally {
      await source.close();
    }
  } finally {
    await original.close();
  }
}

describe('opsdesk import prepaid, from what IngufuPay wrote', () => {
  it('brings every customer, meter, payment and token over, the money to the cent, sending nothing', async () => {
    staff = await operator('ingufu');
    const report = await run('ingufu', fixture(FIRST, 'first.json'));
    expect(issuesOf(report, 'refused')).toEqual([]);
    const want = originalTotals(FIRST);
    expect(await holdings('ingufu')).toEqual({
      accounts: want.customers,
      meters: want.meters,
      payments: want.payments,
      tokens: want.tokens,
      cents: want.cents,
      sales: 0,
      issued: 0,
      core_payments: 0,
      notifications: 0,
    });
    expect(report.messages).toEqual({ wouldSend: 0, queued: 0 });
    const notifications = report.models.find((m) => m.model === 'notifications.notification')!;
    expect(notifications).toMatchObject({ read: of(FIRST, 'notifications.notification').length, created: 0 });
    expect(notifications.skipped).toBe(notifications.read);
  });

  it('normalizes a meter number typed with spaces or another dash, keeping the typed form, and flags the ambiguous', async () => {
    const typed = (n: string) =>
      of(FIRST, 'meters.meter').find((m) => m.fields.meter_number === n)!.pk as number;
    expect(await meterOf('ingufu', typed('0142 300 00'))).toMatchObject({
      number: '014230000',
      typed_number: '0142 300 00',
    });
    expect(await meterOf('ingufu', typed('1862–8618'))).toMatchObject({ number: '1862-8618' });
    expect(await meterOf('ingufu', typed('٠٧٨٨١٢٣٩٩'))).toMatchObject({ number: '078812399' });
    expect(await meterOf('ingufu', typed('ＰＭ－５５１２'))).toMatchObject({ number: 'PM-5512' });
    // nothing reads `SN:4471-22/B`: kept as typed beside a stand-in number, for staff to check
    const sn = typed('SN:4471-22/B');
    expect(await meterOf('ingufu', sn)).toMatchObject({
      number: `SN4471-22B-M${sn}`,
      typed_number: 'SN:4471-22/B',
    });
    await operator('ingufu-flags');
    const report = await run('ingufu-flags', fixture(FIRST, 'first.json'), { dryRun: true });
    const flagged = issuesOf(report, 'flagged').filter((i) => i.field === 'meter_number');
    expect(flagged.map((i) => i.pk).sort()).toEqual(
      [String(sn), String(typed('KGL 001')), String(typed('078812-3456'))].sort(),
    );
    expect(flagged.find((i) => i.pk === String(typed('KGL 001')))!.reason).toMatch(
      /reads like meter \d+'s KGL-001/,
    );
    const meters = report.models.find((m) => m.model === 'meters.meter')!;
    expect(meters.notes['meter number typed with spaces or other dashes: normalized']).toBeGreaterThan(10);
  });

  it('keeps a balance below zero: the meter owes, and the units it is sold next pay that first', async () => {
    const owes = of(FIRST, 'meters.meter').find((m) =>
      String(m.fields.current_balance_units).startsWith('-'),
    )!;
    expect(await meterOf('ingufu', owes.pk as number)).toMatchObject({ balance_milli: '-3500' });
    const esp32 = of(FIRST, 'meters.meter').find((m) => m.fields.last_seen)!;
    const reported = await meterOf('ingufu', esp32.pk as number);
    expect(Number(reported.reported_balance_tenths)).toBe(
      Math.round(Number(esp32.fields.current_balance_units) * 10),
    );
  });

  it('reads phones as people gave them in Rwanda, leaves blanks blank and refuses nobody', async () => {
    const { rows } = await sql<{ phone: string | null }>`
      select a.phone from prepaid_account a join organization o on o.id = a.org_id
      where o.slug = 'ingufu'`.execute(app.database.db);
    const phones = rows.map((r) => r.phone);
    expect(phones.filter((p) => p !== null).every((p) => /^\+\d{8,15}$/.test(p!))).toBe(true);
    const given = of(FIRST, 'users.user')
      .filter((u) => u.fields.role !== 'admin')
      .map((u) => u.fields.phone_number as string | null);
    // `0738…`, `738…`, `250738…` and `+250738…` are one Rwandan number each
    for (const typed of given.filter((p): p is string => !!p && /^(0|250|\+250)?7\d{8}$/.test(p)))
      expect(phones).toContain(`+250${typed.slice(-9)}`);
    expect(phones.filter((p) => p === null).length).toBe(given.filter((p) => !p).length);
  });

  it('changes nothing when the same import runs again', async () => {
    const before = await holdings('ingufu');
    const again = await run('ingufu', fixture(FIRST, 'first.json'));
    expect(again.issues).toEqual([]);
    expect(again.models.every((m) => m.created === 0 && m.updated === 0 && m.refused === 0)).toBe(true);
    expect(await holdings('ingufu')).toEqual(before);
  });

  it('brings exactly what happened in the original since: new purchases, a payment completed, a token cancelled, a new meter; a third run nothing', async () => {
    const second = await run('ingufu', fixture(SECOND, 'second.json'));
    expect(issuesOf(second, 'refused')).toEqual([]);
    const counts = changeCounts(second);
    const newOf = (model: string) =>
      of(SECOND, model).filter((r) => !of(FIRST, model).some((f) => f.pk === r.pk)).length;
    const changedOf = (model: string) =>
      of(SECOND, model).filter((r) => {
        const was = of(FIRST, model).find((f) => f.pk === r.pk);
        return was && JSON.stringify(was.fields) !== JSON.stringify(r.fields);
      }).length;
    for (const model of ['meters.meter', 'transactions.paymenttransaction', 'transactions.tokenpurchase'])
      expect(counts[model], model).toMatchObject({
        created: newOf(model),
        updated: changedOf(model),
        refused: 0,
      });
    expect(counts['users.user']).toMatchObject({ created: newOf('users.user') });
    const want = originalTotals(SECOND);
    expect(await holdings('ingufu')).toMatchObject({
      accounts: want.customers,
      meters: want.meters,
      payments: want.payments,
      tokens: want.tokens,
      cents: want.cents,
    });
    // the MoMo payment an admin marked successful, with the token typed in the admin's form
    const { rows } = await sql<{ status: string; token: string | null }>`
      select p.status, t.token from prepaid_imported_payment p
      left join prepaid_imported_token t on t.payment_id = p.id
      where p.external_reference = 'MP-PENDING-0001'`.execute(app.database.db);
    expect(rows).toEqual([{ status: 'success', token: '31415926535897932384' }]);
    const cancelled = of(SECOND, 'transactions.tokenpurchase').find((t) => t.fields.status === 'cancelled')!;
    const { rows: tokens } = await sql<{ status: string }>`
      select status from prepaid_imported_token where original_id = ${String(cancelled.pk)}`.execute(
      app.database.db,
    );
    expect(tokens).toEqual([{ status: 'cancelled' }]);

    const third = await run('ingufu', fixture(SECOND, 'second.json'));
    expect(third.models.every((m) => m.created === 0 && m.updated === 0 && m.refused === 0)).toBe(true);
  });

  it('reads the same from the original PostgreSQL, first and second snapshot, as pg_dump wrote them', async () => {
    await operator('from-db');
    const first = await fromPgDump('from-db', 'first.sql', 'postgres first');
    expect(issuesOf(first, 'refused')).toEqual([]);
    expect(await holdings('from-db')).toMatchObject({ cents: originalTotals(FIRST).cents });
    const second = await fromPgDump('from-db', 'second.sql', 'postgres second');
    expect(issuesOf(second, 'refused')).toEqual([]);
    const want = originalTotals(SECOND);
    expect(await holdings('from-db')).toMatchObject({
      accounts: want.customers,
      meters: want.meters,
      payments: want.payments,
      tokens: want.tokens,
      cents: want.cents,
    });
    const third = await fromPgDump('from-db', 'second.sql', 'postgres second');
    expect(third.models.every((m) => m.created === 0 && m.updated === 0 && m.refused === 0)).toBe(true);
  }, 240_000);

  it("takes the original's first version (no category, address or ESP32; status active or inactive)", async () => {
    await operator('v1');
    const report = await run('v1', fixture(V1, 'v1.json'));
    expect(issuesOf(report, 'refused')).toEqual([]);
    const want = originalTotals(V1);
    expect(await holdings('v1')).toMatchObject({
      accounts: want.customers,
      meters: want.meters,
      payments: want.payments,
      cents: want.cents,
    });
    const { rows } = await sql<{ number: string; category: string; status: string }>`
      select m.number, m.category, m.status from prepaid_meter m join organization o on o.id = m.org_id
      where o.slug = 'v1' order by m.number`.execute(app.database.db);
    expect(rows).toEqual(
      [
        { number: '04-1234-5678', category: 'residential', status: 'active' },
        { number: '01423456789', category: 'residential', status: 'active' },
        { number: 'KGL-7', category: 'residential', status: 'inactive' },
      ].sort((a, b) => (a.number < b.number ? -1 : 1)),
    );
  });

  it('issues the next token of a meter in the field above its imported last count: the meter decodes it', async () => {
    const fieldStaff = await operator('in-field');
    const inField = { key: 'bc41ec9530f6dac86b1a29ab82edc5fb', startingCode: 516959010, lastCount: 40 };
    const rows = FIRST.map((r) =>
      r.model === 'meters.meter' && r.pk === 2
        ? {
            ...r,
            fields: {
              ...r.fields,
              openpaygo_key: inField.key,
              openpaygo_starting_code: inField.startingCode,
              openpaygo_last_count: inField.lastCount,
            },
          }
        : r,
    );
    await run('in-field', fixture(rows, 'first.json + OpenPAYGO'));
    const meter = await meterOf('in-field', 2);
    await sql`update prepaid_meter set category = 'residential', status = 'active' where id = ${String(meter.id)}`.execute(
      app.database.db,
    );
    const sale = await fieldStaff.post('/api/prepaid/purchases', {
      meterId: meter.id,
      method: 'cash',
      amount: { amountMinor: 500, currency: 'RWF' },
    });
    expect(sale.statusCode, sale.body).toBe(201);
    const { token, tokenCount } = sale.json();
    expect(tokenCount).toBeGreaterThan(inField.lastCount);
    expect(decodeToken({ ...inField, usedCounts: [] }, token)).toMatchObject({
      status: 'valid',
      count: tokenCount,
    });
  });

  it('finds a token sold before the switch as history, however it is typed', async () => {
    const token = of(FIRST, 'transactions.tokenpurchase')[0]!;
    const meter = await meterOf('ingufu', token.fields.meter as number);
    const typed = String(token.fields.token_generated);
    for (const form of [typed, typed.replace(/-/g, ''), typed.replace(/-/g, ' ')]) {
      const res = await staff.post(`/api/prepaid/meters/${meter.id}/check-token`, { token: form });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'already_used', reason: 'before_import' });
    }
  });

  it('reports a record that cannot come over with its reason, its children with it, and writes none of it', async () => {
    await operator('bad-rows');
    const taken = of(FIRST, 'meters.meter').find((m) => m.fields.meter_number === 'KGL-001')!;
    // Registered in Opsdesk before the import: the original's KGL-001 cannot take the number.
    await createPrepaidMeter(app, { org: 'bad-rows', number: 'KGL-001' });
    const report = await run('bad-rows', fixture(FIRST, 'first.json'));
    const refused = issuesOf(report, 'refused');
    expect(refused[0]).toEqual({
      kind: 'refused',
      model: 'meters.meter',
      pk: String(taken.pk),
      field: null,
      reason: 'meter_number: this meter number is already registered in Opsdesk',
    });
    const children = of(FIRST, 'transactions.paymenttransaction').filter((p) => p.fields.meter === taken.pk);
    expect(
      refused
        .filter((i) => i.model === 'transactions.paymenttransaction')
        .map((i) => i.pk)
        .sort(),
    ).toEqual(children.map((p) => String(p.pk)).sort());
    const all = originalTotals(FIRST);
    expect(await holdings('bad-rows')).toMatchObject({
      meters: all.meters,
      payments: all.payments - children.length,
    });
  });

  it("shows what the original sold on the meter's page, in its statement and in the portal's history, marked as the original's", async () => {
    const token = of(FIRST, 'transactions.tokenpurchase').find((t) => {
      const p = of(FIRST, 'transactions.paymenttransaction').find((x) => x.pk === t.fields.payment)!;
      return /\.\d[1-9]$|\.[1-9]\d$/.test(String(p.fields.amount_rwf));
    })!;
    const payment = of(FIRST, 'transactions.paymenttransaction').find((p) => p.pk === token.fields.payment)!;
    const meter = await meterOf('ingufu', token.fields.meter as number);
    const page = await staff.get(
      `/api/prepaid/console/imported-purchases?meter=${encodeURIComponent(String(meter.number))}&perPage=100`,
    );
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().items).toContainEqual(
      expect.objectContaining({
        originalId: payment.pk,
        amount: Number(payment.fields.amount_rwf),
        token: String(token.fields.token_generated).replace(/\D/g, ''),
      }),
    );
    const ctx = await orgCtx(app, 'ingufu');
    const month = String(token.fields.created_at).slice(0, 7);
    const statement = await statementData(ctx, String(meter.account_id), month);
    const line = statement.meters
      .flatMap((m) => m.purchases)
      .find((p) => p.original && p.token === String(token.fields.token_generated).replace(/\D/g, ''));
    expect(line?.original).toEqual({ amountCents: Math.round(Number(payment.fields.amount_rwf) * 100) });
    const history = await portalOriginalHistory(ctx, String(meter.account_id));
    expect(history).toContainEqual(
      expect.objectContaining({
        meterNumber: meter.number,
        amount: { amountCents: Math.round(Number(payment.fields.amount_rwf) * 100), currency: 'RWF' },
      }),
    );
  });
});
