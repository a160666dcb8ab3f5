import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../../../test/factories/org.ts';
import { createPrepaidTariff } from '../../../../test/factories/prepaid.ts';
import { moduleImport } from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { dumpdataSource } from '../../../core/imports/index.ts';

/**
 * IngufuPay's `/api/transactions/…` paths after its data came over (issue 51): the list, one
 * transaction and purchase-token answer with the original's field names and its ids, for what it
 * sold and what Opsdesk sold since.
 */
const AREAS = TEST_MODULES.filter((m) => m.name === 'prepaid');
const FIXTURES = new URL('../../../../test/fixtures/import/prepaid-original/', import.meta.url);
type Row = { model: string; pk: number | string; fields: Record<string, unknown> };
const FIRST = JSON.parse(readFileSync(new URL('first.json', FIXTURES), 'utf8')) as Row[];
const of = (model: string) => FIRST.filter((r) => r.model === model);
const PAYMENTS = of('transactions.paymenttransaction');
const TOKENS = of('transactions.tokenpurchase');
const METERS = of('meters.meter');

const clock = shiftableClock();
let app: TestApp;
let staff: ApiClient;

beforeAll(async () => {
  app = await startTestApp({ modules: AREAS, clock });
  const { ownerEmail } = await createOrg(app, { slug: 'ingufu', currency: 'RWF', timeZone: 'Africa/Kigali' });
  await createPrepaidTariff(app, { org: 'ingufu' });
  staff = await app.signIn(ownerEmail, undefined, 'ingufu');
  const report = await moduleImport(
    () => app,
    AREAS,
    'prepaid',
  )('ingufu', dumpdataSource(FIRST, 'first.json'));
  expect(report.issues.filter((i) => i.kind === 'refused')).toEqual([]);
}, 120_000);
afterAll(() => app?.close());

/** What the original's serializer said of a payment of the fixture. */
function asOriginal(p: Row) {
  const token = TOKENS.find((t) => t.fields.payment === p.pk);
  const meter = METERS.find((m) => m.pk === p.fields.meter);
  return {
    id: p.pk,
    meter: p.fields.meter ?? null,
    meter_name: meter?.fields.name ?? null,
    amount_rwf: p.fields.amount_rwf,
    payment_method: p.fields.method,
    status: p.fields.status,
    token: token ? String(token.fields.token_generated).replace(/\s/g, '-') : null,
    units_purchased: token?.fields.units_generated ?? null,
    external_reference: p.fields.external_reference,
    created_at: new Date(String(p.fields.created_at)).toISOString(),
  };
}

describe("IngufuPay's /api/transactions/ on imported history", () => {
  it("lists the original's payments newest first, 20 a page, with its field names, ids and amounts to the cent", async () => {
    const res = await staff.get('/api/transactions/');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.count).toBe(PAYMENTS.length);
    expect(page.previous).toBeNull();
    expect(page.next).toContain('/api/transactions/?page=2');
    expect(page.results).toHaveLength(20);
    const newest = [...PAYMENTS].sort((a, b) =>
      String(b.fields.created_at).localeCompare(String(a.fields.created_at)),
    );
    expect(page.results.map((t: { id: string }) => t.id)).toEqual(newest.slice(0, 20).map((p) => p.pk));
    for (const t of page.results) {
      const original = PAYMENTS.find((p) => p.pk === t.id)!;
      expect(t).toMatchObject(asOriginal(original));
      expect(Object.keys(t).sort()).toEqual(
        [
          'id',
          'meter',
          'meter_number',
          'meter_name',
          'amount_rwf',
          'payment_method',
          'status',
          'token',
          'units_purchased',
          'external_reference',
          'created_at',
        ].sort(),
      );
    }
    const all = (await staff.get('/api/transactions/?page_size=100')).json();
    const cents = all.results.reduce(
      (s: number, t: { amount_rwf: string }) => s + Math.round(Number(t.amount_rwf) * 100),
      0,
    );
    expect(cents).toBe(PAYMENTS.reduce((s, p) => s + Math.round(Number(p.fields.amount_rwf) * 100), 0));
  });

  it("filters by the original's meter id, and finds nothing for a meter it does not know", async () => {
    const meter = METERS.find((m) => PAYMENTS.filter((p) => p.fields.meter === m.pk).length > 1)!;
    const res = await staff.get(`/api/transactions/?meter=${meter.pk}&page_size=100`);
    expect(res.statusCode, res.body).toBe(200);
    const ids = res
      .json()
      .results.map((t: { id: string }) => t.id)
      .sort();
    expect(ids).toEqual(
      PAYMENTS.filter((p) => p.fields.meter === meter.pk)
        .map((p) => p.pk)
        .sort(),
    );
    expect((await staff.get('/api/transactions/?meter=999999')).json()).toMatchObject({
      count: 0,
      results: [],
    });
  });

  it('answers one transaction by the id its list gives, and 404 as DRF for one it does not know', async () => {
    const cents = PAYMENTS.find((p) => /\.\d[1-9]$|\.[1-9]\d$/.test(String(p.fields.amount_rwf)))!;
    const res = await staff.get(`/api/transactions/${cents.pk}/`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject(asOriginal(cents));
    // the original routed `<int:pk>` to a UUID key: 5 is UUID(int=5), which no payment has
    const missing = await staff.get('/api/transactions/5/');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ detail: expect.any(String) });
  });

  it("sells for a meter named by the original's id, and lists the sale first beside the original's", async () => {
    const meter = METERS.find(
      (m) => m.fields.status === 'active' && (m.fields.category ?? 'residential') === 'residential',
    )!;
    const sold = await staff.post('/api/transactions/purchase-token/', {
      meter: meter.pk,
      amount_rwf: '500',
      method: 'cash',
    });
    expect(sold.statusCode, sold.body).toBe(201);
    expect(sold.json()).toMatchObject({ status: 'success', token: expect.any(String) });
    const list = (await staff.get(`/api/transactions/?meter=${meter.pk}`)).json();
    expect(list.results[0]).toMatchObject({
      id: sold.json().payment_id,
      meter: meter.pk,
      amount_rwf: '500.00',
      payment_method: 'cash',
      status: 'success',
      token: sold.json().token,
    });
    expect(list.count).toBe(PAYMENTS.filter((p) => p.fields.meter === meter.pk).length + 1);
    const one = await staff.get(`/api/transactions/${sold.json().payment_id}/`);
    expect(one.json()).toMatchObject({ id: sold.json().payment_id, meter: meter.pk });
  });
});
