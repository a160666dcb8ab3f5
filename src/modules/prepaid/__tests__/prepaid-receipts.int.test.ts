import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPrepaidAccount,
  createPrepaidMeter,
  createPrepaidTariff,
} from '../../../../test/factories/prepaid.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';

let app: TestApp;
let clerk: ApiClient;
let meterId: string;

/** Every page's size in points, as the PDF declares it (`/MediaBox [0 0 w h]`). */
const pageSizes = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);

/** The text pdfkit drew with the built-in fonts: its content streams inflated, hex strings decoded. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      const content = inflateSync(pdf.subarray(start, end)).toString('latin1');
      for (const s of content.matchAll(/<([0-9a-fA-F]+)>/g))
        out.push(Buffer.from(s[1]!, 'hex').toString('latin1'));
    } catch {
      // not a deflated stream (a font or an image)
    }
  }
  return out.join('');
}

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'clerk@example.com', role: 'ops' });
  clerk = await app.signIn('clerk@example.com');
  await createPrepaidTariff(app, {
    tiers: [
      { uptoKwh: 20, priceMinorPerKwh: 89 },
      { uptoKwh: null, priceMinorPerKwh: 310 },
    ],
  });
  const account = await createPrepaidAccount(app, { name: 'Uwase household', language: 'rw' });
  ({ meterId } = await createPrepaidMeter(app, { accountId: account.id, number: 'RCP-0001' }));
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const sellCash = async (amountMinor: number) => {
  const res = await clerk.post('/api/prepaid/purchases', {
    meterId,
    method: 'cash',
    amount: { amountMinor, currency: 'RWF' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; token: string; tokenCount: number };
};

describe('a sale’s receipt at the counter', () => {
  it('prints on A4, 58 mm and 80 mm paper, one page each, the token grouped as it is keyed in', async () => {
    const sale = await sellCash(3000);
    const expected = { a4: 595.28, '58mm': 164.41, '80mm': 226.77 };
    for (const [paper, width] of Object.entries(expected)) {
      const res = await clerk.get(`/api/prepaid/purchases/${sale.id}/receipt?paper=${paper}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const sizes = pageSizes(res.rawPayload);
      expect(sizes, paper).toHaveLength(1);
      expect(sizes[0]![0]).toBeCloseTo(width, 1);
      if (paper === 'a4') expect(sizes[0]![1]).toBeCloseTo(841.89, 1);
      else expect(sizes[0]![1]).toBeLessThan(500); // a roll is cut where the receipt ends
      const text = pdfText(res.rawPayload);
      const grouped = sale.token.match(/.{1,3}/g)!.join(' ');
      expect(text).toContain(grouped);
      // The customer reads Kinyarwanda: the receipt speaks it, with the blocks the units were priced at.
      expect(text).toContain('Tokeni');
      expect(text).toContain('RCP-0001');
      // Its digits are Kinyarwanda's and the price is money (issue 54, item 11).
      expect(text).toContain('20,0 kWh × RF 89');
      // Its reference is the meter and the token's count, which staff find it by, not the sale's id (item 10).
      expect(text).toContain(`Indango: RCP-0001/${sale.tokenCount}`);
      // Until when the token is valid, on every paper (issue 66: the organization's days, 90 by default).
      expect(text).toContain('Izakora kugeza');
      expect(text).not.toContain(sale.id);
    }
  });

  it('keeps a long name and an extended token on one roll page, in the customer’s French', async () => {
    const account = await createPrepaidAccount(app, {
      name: 'Groupe Scolaire Kimironko II — internat des filles, bâtiment B',
      language: 'fr',
    });
    const meter = await createPrepaidMeter(app, {
      accountId: account.id,
      number: 'RCP-INSTITUTION-0002',
      extendedTokens: true,
    });
    const res = await clerk.post('/api/prepaid/purchases', {
      meterId: meter.meterId,
      method: 'cash',
      amount: { amountMinor: 90_000, currency: 'RWF' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const sale = res.json() as { id: string; token: string };
    for (const paper of ['58mm', '80mm']) {
      const pdf = (await clerk.get(`/api/prepaid/purchases/${sale.id}/receipt?paper=${paper}`)).rawPayload;
      expect(pageSizes(pdf), paper).toHaveLength(1);
      const text = pdfText(pdf);
      expect(text).toContain('Reçu d’électricité'.replace('’', '\x92'));
      expect(text.replace(/\s/g, '')).toContain(sale.token);
    }
  });

  it('is A4 unless a paper is asked for', async () => {
    const sale = await sellCash(1000);
    const res = await clerk.get(`/api/prepaid/purchases/${sale.id}/receipt`);
    expect(res.statusCode).toBe(200);
    expect(pageSizes(res.rawPayload)[0]![0]).toBeCloseTo(595.28, 1);
  });

  it('refuses a paper it cannot print on, naming the field and the papers it can', async () => {
    const sale = await sellCash(1000);
    const res = await clerk.get(`/api/prepaid/purchases/${sale.id}/receipt?paper=letter`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const issue = res.json().errors.find((e: { field: string }) => e.field.endsWith('paper'));
    expect(issue, res.body).toBeDefined();
    expect(JSON.stringify(issue)).toMatch(/a4.*58mm.*80mm/);
  });

  it('answers 404 for a purchase that does not exist, 400 naming the id for a malformed one', async () => {
    const missing = await clerk.get('/api/prepaid/purchases/00000000-0000-4000-8000-000000000000/receipt');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('prepaid.purchase_not_found');
    const bad = await clerk.get('/api/prepaid/purchases/not-an-id/receipt');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/id/);
  });
});
