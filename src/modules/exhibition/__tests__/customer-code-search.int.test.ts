import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExhibitionCustomer } from '../../../../test/factories/exhibition.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';

let app: TestApp;
let owner: ApiClient;
let exhibitionId: string;
let boothId: string;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signedInStaff(app, { role: 'owner' });
  const created = await owner.post('/api/exhibition/exhibitions', {
    name: 'Code Fair',
    currency: 'USD',
    startsOn: '2026-12-10',
    endsOn: '2026-12-12',
  });
  expect(created.statusCode, created.body).toBe(201);
  exhibitionId = created.json().id;
  boothId = (await owner.post(`/api/exhibition/exhibitions/${exhibitionId}/booths`, { name: 'Teas' })).json()
    .id;
});
afterAll(() => app?.close());

/** The ways a person types one code: as stored (and as the API returns it), as printed, in lower case, spaced. */
const spellings = (code: string) => [
  code,
  `${code.slice(0, 4)}-${code.slice(4)}`,
  `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase(),
  `${code.slice(0, 4)} ${code.slice(4)}`,
];

describe('a customer code however it is typed', () => {
  it('finds the customer in the console list, the desk search, and their bills in the bill list', async () => {
    const ana = await registerExhibitionCustomer(app, { exhibitionId, name: 'Ana Coded' });
    await registerExhibitionCustomer(app, { exhibitionId, name: 'Other Visitor' });
    const bill = await owner.post(`/api/exhibition/customers/${ana.id}/bills`, {
      boothId,
      amountMinor: 1200,
    });
    expect(bill.statusCode, bill.body).toBe(201);
    expect(ana.code).toMatch(/^[0-9A-Z]{8}$/);
    for (const typed of spellings(ana.code)) {
      const q = encodeURIComponent(typed);
      const list = (await owner.get(`/api/exhibition/console/customers?q=${q}`)).json();
      expect(
        list.items.map((c: { name: string }) => c.name),
        typed,
      ).toEqual(['Ana Coded']);
      const desk = (await owner.get(`/api/exhibition/exhibitions/${exhibitionId}/customers?q=${q}`)).json();
      expect(
        desk.map((c: { name: string }) => c.name),
        typed,
      ).toEqual(['Ana Coded']);
      const bills = (await owner.get(`/api/exhibition/console/bills?q=${q}`)).json();
      expect(
        bills.items.map((b: { id: string }) => b.id),
        typed,
      ).toEqual([bill.json().id]);
    }
  });
});
