import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExhibition, registerExhibitionCustomer } from '../../../../test/factories/exhibition.ts';
import { createPrepaidMeter, createPrepaidTariff } from '../../../../test/factories/prepaid.ts';
import { createRaffle, createRaffleOrder } from '../../../../test/factories/raffle.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup, createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';

/**
 * The payments list names who paid as the operator knows them (issue 66 item 2): the raffle buyer,
 * the mess student, with the phone the module keeps; the list's search finds a payment by that
 * name as people type it (accents, Devanagari, two surnames) or by the phone, and by the short
 * reference a refund receipt prints.
 */
let app: TestApp;
let ops: ApiClient;

type Row = {
  id: string;
  reference: string;
  payerName: string | null;
  payerPhone: string | null;
  title: { text: string };
};

beforeAll(async () => {
  app = await startTestApp();
  ops = await signedInStaff(app, { role: 'ops' });
  const owner = await signedInStaff(app, { role: 'owner' });
  const { id: raffleId } = await createRaffle(app, { title: 'Rifa Navidad' });
  await createRaffleOrder(app, { raffleId, name: 'Ana Benítez', waId: '595981000111', payment: 'proof' });
  await createRaffleOrder(app, {
    raffleId,
    name: 'María José García López',
    waId: '595981000222',
    payment: 'proof',
  });
  const { cycleId } = await createMessSetup(app);
  await createStudent(app, { name: 'अनन्या शर्मा', rollNumber: 'HI22031', paidCycleId: cycleId });
  // A meter's account with the owner's phone, paid in cash at the counter.
  await createPrepaidTariff(app);
  const meter = await createPrepaidMeter(app, {
    number: '58219940',
    account: { name: 'Uwase Household', phone: '+250788000111' },
  });
  const sale = await owner.post('/api/prepaid/purchases', {
    meterId: meter.meterId,
    method: 'cash',
    amount: { amountMinor: 1500, currency: 'RWF' },
  });
  expect(sale.statusCode, sale.body).toBe(201);
  // An exhibition customer's bill, settled in cash at the desk.
  const today = new Date().toISOString().slice(0, 10);
  const { exhibition, booths } = await createExhibition(app, {
    startsOn: today,
    endsOn: today,
    booths: ['Tea'],
  });
  const customer = await registerExhibitionCustomer(app, {
    exhibitionId: exhibition.id,
    name: 'Jean-Baptiste Nkurunziza',
    phone: '+14155550123',
  });
  const bill = await owner.post(`/api/exhibition/customers/${customer.id}/bills`, {
    boothId: booths[0]!.id,
    amountMinor: 450,
    description: 'Masala chai',
  });
  expect(bill.statusCode, bill.body).toBe(201);
  const paid = await owner.post(`/api/exhibition/customers/${customer.id}/payments`, { method: 'cash' });
  expect(paid.statusCode, paid.body).toBeLessThan(300);
}, 120_000);
afterAll(() => app?.close());

async function search(q: string): Promise<Row[]> {
  const res = await ops.get(`/api/payments/records?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Row[];
}
const payers = (rows: Row[]) => rows.map((r) => r.payerName).sort();

describe('who paid, in the payments list', () => {
  it('names each payer as their module knows them, with their phone, in the list, the record and the CSV', async () => {
    const rows = await search('');
    expect(payers(rows)).toEqual([
      'Ana Benítez',
      'Jean-Baptiste Nkurunziza',
      'María José García López',
      'Uwase Household',
      'अनन्या शर्मा',
    ]);
    expect(rows.find((r) => r.payerName === 'Uwase Household')?.payerPhone).toBe('+250788000111');
    expect(rows.find((r) => r.payerName === 'Jean-Baptiste Nkurunziza')?.payerPhone).toBe('+14155550123');
    const ana = rows.find((r) => r.payerName === 'Ana Benítez')!;
    expect(ana.payerPhone).toBe('+595981000111');
    expect(ana.title.text).toMatch(/^Payment of \$15\.00 by Ana Benítez for /);
    expect(ana.reference).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(ana.reference.replace('-', '').toLowerCase()).toBe(ana.id.slice(0, 8));

    const one = await ops.get(`/api/payments/records/${ana.id}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ payerName: 'Ana Benítez', payerPhone: '+595981000111' });

    const csv = await ops.get('/api/payments/records/export.csv?columns=payerName,payerPhone,amount');
    expect(csv.statusCode, csv.body).toBe(200);
    // A cell starting with + is written '+… so a spreadsheet reads it as text (csv-cells.rules).
    expect(csv.body).toContain("Ana Benítez,'+595981000111,1500");
    expect(csv.body).toContain("María José García López,'+595981000222,1500");
    expect(csv.body).toContain('अनन्या शर्मा');
  });

  it('finds a payment by the payer’s name as typed: accents, two surnames, Devanagari, a phone', async () => {
    expect(payers(await search('Benítez'))).toEqual(['Ana Benítez']);
    expect(payers(await search('García López'))).toEqual(['María José García López']);
    expect(payers(await search('maría josé'))).toEqual(['María José García López']);
    expect(payers(await search('शर्मा'))).toEqual(['अनन्या शर्मा']);
    expect(payers(await search('HI22031'))).toEqual(['अनन्या शर्मा']);
    expect(payers(await search('0981 000 222'))).toEqual(['María José García López']);
    expect(payers(await search('uwase'))).toEqual(['Uwase Household']);
    expect(payers(await search('0788 000 111'))).toEqual(['Uwase Household']);
    expect(payers(await search('Nkurunziza'))).toEqual(['Jean-Baptiste Nkurunziza']);
    expect(await search('Zoltán')).toEqual([]);
  });

  it('finds a payment by the reference a receipt prints, with or without its hyphen', async () => {
    const ana = (await search('Benítez'))[0]!;
    expect((await search(ana.reference)).map((r) => r.id)).toEqual([ana.id]);
    expect((await search(ana.reference.replace('-', '').toLowerCase())).map((r) => r.id)).toEqual([ana.id]);
  });
});
