import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MomoSandbox, startMomoSandbox } from '../../src/channels/momo/index.ts';
import { sql } from '../../src/platform/db/index.ts';
import { createOrg } from '../factories/org.ts';
import { createPrepaidMeter, createPrepaidTariff } from '../factories/prepaid.ts';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { signedInStaff } from '../factories/staff.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/*
 * Issue 54, item 24: every staff route that takes a phone reads the local numbers the prepaid
 * portal reads, in the organization's country (core/orgs' `phoneCountryOf`, through core/contacts'
 * `phoneReaderOf`): core contacts, mess students, prepaid accounts and purchases, raffle buyers and
 * mobile-money requests. Kigali (RWF) and Dubai (USD in Asia/Dubai) read the same digits each in its
 * own country, and a refusal gives that country's example.
 */
let app: TestApp;
let momo: MomoSandbox;
let kigali: ApiClient;
let dubai: ApiClient;
let asuncion: ApiClient;
let asuncionSlug: string;
let kigaliSlug: string;

beforeAll(async () => {
  momo = await startMomoSandbox({ dropCallbacks: true });
  app = await startTestApp({
    env: {
      MOMO_BASE_URL: momo.url,
      MOMO_SUBSCRIPTION_KEY: momo.subscriptionKey,
      MOMO_API_USER: momo.apiUser,
      MOMO_API_KEY: momo.apiKey,
      MOMO_TARGET_ENVIRONMENT: momo.targetEnvironment,
    },
  });
  kigaliSlug = (await createOrg(app, { currency: 'RWF', timeZone: 'Africa/Kigali' })).slug;
  const dubaiSlug = (await createOrg(app, { currency: 'USD', timeZone: 'Asia/Dubai' })).slug;
  asuncionSlug = (await createOrg(app, { currency: 'PYG', timeZone: 'America/Asuncion' })).slug;
  kigali = await signedInStaff(app, { role: 'owner', org: kigaliSlug });
  dubai = await signedInStaff(app, { role: 'owner', org: dubaiSlug });
  asuncion = await signedInStaff(app, { role: 'owner', org: asuncionSlug });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await momo?.close();
});

describe('core contacts', () => {
  it('creates a contact and adds a phone typed locally, each organization in its own country', async () => {
    const created = await kigali.post('/api/contacts', {
      displayName: 'Aline',
      identities: [{ channel: 'phone', externalId: '0788 123 456' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().identities).toMatchObject([{ channel: 'phone', externalId: '+250788123456' }]);
    const other = (await dubai.post('/api/contacts', { displayName: 'Fatima' })).json();
    const added = await dubai.post(`/api/contacts/${other.id}/identities`, {
      channel: 'phone',
      externalId: '050 123 4567',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().identities).toMatchObject([{ channel: 'phone', externalId: '+971501234567' }]);
    const refused = await dubai.post(`/api/contacts/${other.id}/identities`, {
      channel: 'phone',
      externalId: '0788 123 456',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'body.externalId', expected: '050 123 4567' });
  });

  it('checks phones in the dry run of the CSV import as the import reads them', async () => {
    const csv = 'Name,Phone\nAline Two,0788 123 457\nNot A Phone,0788 12\n';
    const dry = await kigali.post('/api/contacts/records/import?dryRun=true', {
      csv,
      mapping: { Name: 'displayName', Phone: 'phone' },
    });
    expect(dry.json()).toMatchObject({ rows: 2, valid: 1, invalid: 1 });
    expect(dry.json().errors[0]).toMatchObject({ row: 3, field: 'phone' });
    expect(dry.json().errors[0].message).toMatch(/like 07\d\d \d{3} \d{3} or \+250 /);
  });
});

describe('mess students', () => {
  it('registers a walk-in student with a local number read where the mess reads them', async () => {
    const res = await kigali.post('/api/mess/students', {
      name: 'Ravi',
      rollNumber: 'PH-1',
      // The mess reads its students' numbers in its phone region (India unless set), as its bot does.
      phone: '98765 43210',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().phone).toBe('+919876543210');
    const bad = await kigali.post('/api/mess/students', {
      name: 'Bad',
      rollNumber: 'PH-2',
      phone: 'call me',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'body.phone', code: 'invalid_phone' });
    // No phone stays no phone.
    const none = await kigali.post('/api/mess/students', { name: 'Nobody', rollNumber: 'PH-3' });
    expect(none.json().phone).toBe('');
  });

  it('reads phones of the CSV import the same way, checked in its dry run', async () => {
    const csv = 'Name,Roll,Phone\nAsha,PH-10,98765 43211\nBina,PH-11,12\nChitra,PH-12,\n';
    const mapping = { Name: 'name', Roll: 'rollNumber', Phone: 'phone' };
    const dry = (await kigali.post('/api/mess/students/import?dryRun=true', { csv, mapping })).json();
    expect(dry).toMatchObject({ rows: 3, valid: 2, invalid: 1 });
    expect(dry.errors[0]).toMatchObject({ row: 3, field: 'phone' });
    const real = (await kigali.post('/api/mess/students/import?dryRun=false', { csv, mapping })).json();
    expect(real).toMatchObject({ created: 2 });
    const found = (await kigali.get('/api/mess/students?q=PH-10')).json();
    expect(found.items[0]).toMatchObject({ phone: '+919876543211' });
  });
});

describe('prepaid accounts and purchases', () => {
  const phoneOf = async (client: ApiClient, id: string) =>
    (await client.get(`/api/prepaid/console/accounts/${id}`)).json().phone;

  it('creates an account from the API and from the console form with a local number', async () => {
    const api = await kigali.post('/api/prepaid/accounts', {
      kind: 'household',
      name: 'Uwase household',
      phone: '0788 300 001',
    });
    expect(api.statusCode, api.body).toBe(201);
    expect(await phoneOf(kigali, api.json().id)).toBe('+250788300001');
    const form = await kigali.post('/api/prepaid/console/accounts', {
      kind: 'institution',
      name: 'Kigali school',
      phone: '0788 300 002',
    });
    expect(form.statusCode, form.body).toBe(201);
    const id = form.json().id;
    expect(await phoneOf(kigali, id)).toBe('+250788300002');
    const edited = await kigali.patch(`/api/prepaid/console/accounts/${id}`, { phone: '0788 300 003' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await phoneOf(kigali, id)).toBe('+250788300003');
    const refused = await kigali.patch(`/api/prepaid/console/accounts/${id}`, { phone: '050 123 4567' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'body.phone', code: 'invalid_phone' });
  });

  it("asks the payer's MoMo by the number staff type in local form", async () => {
    await createPrepaidTariff(app, { org: kigaliSlug });
    const { meterId } = await createPrepaidMeter(app, { org: kigaliSlug });
    const bought = await kigali.post('/api/prepaid/purchases', {
      meterId,
      method: 'momo',
      amount: { amountMinor: 1000, currency: 'RWF' },
      msisdn: '0788 300 004',
    });
    expect(bought.statusCode, bought.body).toBe(201);
    const payment = (await kigali.get(`/api/payments/${bought.json().paymentId}`)).json();
    expect(payment.payerMsisdn).toBe('250788300004');
  });
});

describe('raffle buyers and mobile-money requests', () => {
  it('holds numbers for a caller whose WhatsApp number staff type in local form', async () => {
    const raffle = await createRaffle(app, { org: asuncionSlug, currency: 'PYG', priceMinor: 10_000 });
    const res = await asuncion.post(`/api/raffle/raffles/${raffle.id}/reservations`, {
      waId: '0981 123-456',
      name: 'Ana',
      numbers: [7],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { rows } = await sql<{ wa_id: string }>`select wa_id from raffle_buyer
      where id = ${res.json().buyerId}::uuid`.execute(app.database.db);
    expect(rows[0]!.wa_id).toBe('595981123456');
  });

  it("asks a raffle order's payment of the number staff type in local form", async () => {
    const raffle = await createRaffle(app, { org: kigaliSlug, currency: 'RWF', priceMinor: 1500 });
    const order = await createRaffleOrder(app, { org: kigaliSlug, raffleId: raffle.id });
    const res = await kigali.post('/api/payments/mobile-money', {
      provider: 'momo',
      amount: { amountMinor: 1500, currency: 'RWF' },
      msisdn: '0788 300 005',
      purpose: { type: 'raffle.order', id: order.id },
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().payerMsisdn).toBe('250788300005');
  });
});
