import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { createPrepaidTariff, signInToPortal } from '../../../../test/factories/prepaid.ts';
import { pdfTextRuns } from '../../../../test/support/pdf-text.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';
import { getOrganization, updateOrganization } from '../../../core/orgs/index.ts';
import { createAccount } from '../accounts.ts';
import { createMeter } from '../meters.ts';
import { momoEnv } from './prepaid-harness.ts';

/*
 * Issue 41, item 1: what the customer pays is the sum of the lines shown, at the counter, on the
 * portal and on the receipt. The counter's case: 5,000 RWF bought
 * 4,207 energy + 758 tax = 4,965, and the counter took 5,000; the portal charged its own total.
 */
let app: TestApp;
let momo: MomoSandbox;
let clerk: ApiClient;
let meterId: string;

interface Quote {
  tiers: Array<{ energyMinor: number }>;
  feeMinor: number;
  taxMinor: number;
  totalMinor: number;
  chargeMinor: number;
  changeMinor: number;
}
const sumOfLines = (q: Quote) => q.tiers.reduce((s, t) => s + t.energyMinor, 0) + q.feeMinor + q.taxMinor;

beforeAll(async () => {
  momo = await startMomoSandbox({ dropCallbacks: true });
  app = await startTestApp({ env: momoEnv(momo) });
  await app.createStaff({ email: 'clerk@example.com', role: 'ops' });
  clerk = await app.signIn('clerk@example.com');
  await createPrepaidTariff(app, { tiers: [{ uptoKwh: null, priceMinorPerKwh: 182 }], taxBasisPoints: 1800 });
  const ctx = await orgCtx(app);
  const account = await createAccount(ctx, {
    kind: 'household',
    name: 'Uwase household',
    phone: '+250788000111',
    channel: { name: 'email', to: 'uwase@example.com' },
  });
  ({ id: meterId } = await createMeter(ctx, app.config.OPSDESK_SECRET_KEY, {
    accountId: account.id,
    number: 'SUM-1',
  }));
}, 120_000);
afterAll(async () => {
  await app?.close();
  await momo?.close();
});

describe('the customer pays the sum of the lines shown', () => {
  it('at the counter: 5,000 asked, the lines charged, the rest given back, the receipt adding up with its VAT line', async () => {
    const quote = (await clerk.get(`/api/prepaid/meters/${meterId}/quote?amountMinor=5000`)).json() as Quote;
    expect(sumOfLines(quote)).toBe(quote.chargeMinor);
    expect(quote.chargeMinor).toBe(4984);
    expect(quote.changeMinor).toBe(16);

    const res = await clerk.post('/api/prepaid/purchases', {
      meterId,
      method: 'cash',
      amount: { amountMinor: 5000, currency: 'RWF' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const sale = res.json() as { id: string; amount: { amountMinor: number }; status: string };
    expect(sale).toMatchObject({ status: 'paid', amount: { amountMinor: 4984 } });

    const receipt = await clerk.get(`/api/prepaid/purchases/${sale.id}/receipt?paper=80mm`);
    expect(receipt.statusCode).toBe(200);
    const runs = pdfTextRuns(receipt.rawPayload).map((r) => r.trim());
    expect(runs).toContain('VAT');
    // energy, VAT and paid, each as a value of its own line
    const amounts = runs.filter((r) => /^RWF|^RF|FRw/.test(r)).map((r) => Number(r.replace(/\D/g, '')));
    expect(amounts).toEqual([4223, 761, 4984]);
  });

  it('on the portal: 1,500 asked, the same rule, the payment request for the lines’ total', async () => {
    const { session } = await signInToPortal(app, {
      phone: '+250788000111',
      meterNumber: 'SUM-1',
      codeTo: 'uwase@example.com',
    });
    const headers = { 'x-portal-session': session };
    const base = '/api/prepaid/portal/default';
    const q = (
      await app.http.inject({
        method: 'GET',
        url: `${base}/meters/${meterId}/quote?amountMinor=1500`,
        headers,
      })
    ).json() as Quote;
    expect(sumOfLines(q)).toBe(q.chargeMinor);
    expect(q.chargeMinor + q.changeMinor).toBe(1500);
    const counter = (
      await clerk.get(`/api/prepaid/meters/${meterId}/quote?amountMinor=1500`)
    ).json() as Quote;
    expect(counter).toMatchObject({ chargeMinor: q.chargeMinor, changeMinor: q.changeMinor });

    const bought = await app
      .anonymous()
      .post(
        `${base}/purchases`,
        { meterId, method: 'momo', amount: { amountMinor: 1500, currency: 'RWF' }, msisdn: '+250788000111' },
        headers,
      );
    expect(bought.statusCode, bought.body).toBe(201);
    expect(bought.json()).toMatchObject({ status: 'pending', amount: { amountMinor: q.chargeMinor } });
  });
});

describe('the portal of a one-country vendor (issue 41, item 4)', () => {
  it('takes the local phone format everywhere it takes a phone, and names the vendor', async () => {
    const ctx = await orgCtx(app);
    await updateOrganization(ctx, { settings: { prepaid: { phoneCountry: 'RW' } } });
    const { session } = await signInToPortal(app, {
      phone: '0788 000 111',
      meterNumber: 'SUM-1',
      codeTo: 'uwase@example.com',
    });
    const base = '/api/prepaid/portal/default';
    const bought = await app
      .anonymous()
      .post(
        `${base}/purchases`,
        { meterId, method: 'momo', amount: { amountMinor: 1000, currency: 'RWF' }, msisdn: '0788 000 111' },
        { 'x-portal-session': session },
      );
    expect(bought.statusCode, bought.body).toBe(201);
    const vendor = await app.http.inject({ method: 'GET', url: `${base}/vendor` });
    const organization = await getOrganization(ctx);
    // its name for the header, and its zone for the dates the portal writes (issue 54 item 11)
    expect(vendor.json()).toEqual({ name: organization.name, timeZone: organization.timeZone });
  });
});
