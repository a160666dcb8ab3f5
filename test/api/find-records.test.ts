import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices } from '../factories/coffee.ts';
import { createExhibition, registerExhibitionCustomer } from '../factories/exhibition.ts';
import { createOrg } from '../factories/org.ts';
import { createPrepaidMeter } from '../factories/prepaid.ts';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { createStudent } from '../factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/*
 * Ctrl+K finds records, not only screens: a person types a name or a code and gets the student,
 * customer, meter, order, machine or buyer, from the modules and records their role may read, in
 * their own organization only.
 */
let app: TestApp;
let owner: ApiClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'find-owner@example.com', role: 'owner' });
  await app.createStaff({ email: 'find-scanner@example.com', role: 'scanner' });
  owner = await app.signIn('find-owner@example.com');
  ids.student = (await createStudent(app, { name: 'Rohan Mehta', rollNumber: 'CE21005' })).id;
  const { exhibition } = await createExhibition(app, {});
  const customer = await registerExhibitionCustomer(app, {
    exhibitionId: exhibition.id,
    name: 'Lina Haddad',
  });
  ids.customer = customer.id;
  ids.meter = (await createPrepaidMeter(app, { number: 'KWH-77120' })).meterId;
  const raffle = await createRaffle(app, {});
  ids.order = (await createRaffleOrder(app, { raffleId: raffle.id, name: 'Lina Suarez' })).id;
  ids.machine = (await coffeeDevices(app, 1))[0]!.id;
  // Another organization's namesake is never found.
  const other = await createOrg(app, { slug: 'find-other' });
  await createStudent(app, { org: other.slug, name: 'Rohan Other', rollNumber: 'CE21006' });
}, 120_000);
afterAll(() => app?.close());

type Found = { resource: string; id: string; title: string; detail: string[] };
const find = async (client: ApiClient, q: string) => {
  const res = await client.get(`/api/resources/find?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Found[];
};

describe('GET /api/resources/find (Ctrl+K)', () => {
  it('finds a student by name and by roll number, in the caller’s organization only', async () => {
    expect(await find(owner, 'rohan')).toEqual([
      {
        resource: 'mess.students',
        label: 'mess.menu.students',
        id: ids.student,
        title: 'Rohan Mehta',
        detail: ['CE21005'],
      },
    ]);
    expect((await find(owner, 'CE21005')).map((r) => r.id)).toEqual([ids.student]);
  });

  it('finds customers, buyers and orders by name, and a meter by its number', async () => {
    const lina = await find(owner, 'Lina');
    expect(lina.map((r) => [r.resource, r.title])).toEqual(
      expect.arrayContaining([
        ['exhibition.customers', 'Lina Haddad'],
        ['raffle.buyers', 'Lina Suarez'],
      ]),
    );
    // An order has no name of its own: it is named by what found it, never by its id.
    const order = lina.find((r) => r.resource === 'raffle.orders');
    expect(order?.id).toBe(ids.order);
    expect(order?.title).not.toBe(ids.order);
    expect((await find(owner, 'KWH-77120')).map((r) => [r.resource, r.id])).toEqual([
      ['prepaid.meters', ids.meter],
    ]);
  });

  it('shows only what the role may read, and refuses a one-letter search', async () => {
    const scanner = await app.signIn('find-scanner@example.com');
    expect(await find(scanner, 'rohan')).toEqual([]);
    const short = await owner.get('/api/resources/find?q=r');
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({
      type: expect.any(String),
      errors: [expect.objectContaining({ field: 'querystring.q' })],
    });
  });
});
