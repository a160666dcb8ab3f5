import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices } from '../factories/coffee.ts';
import { createContact } from '../factories/contact.ts';
import { createExhibition } from '../factories/exhibition.ts';
import { createRaffle } from '../factories/raffle.ts';
import { uniqueName } from '../factories/unique.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Every PATCH route, found in the OpenAPI document: a partial update changes only the fields it
 * names. zod 4's `.partial()` keeps each field's `.default()`, so a body built that way resets
 * every field the caller left out (issue 19: a cut-off change wiped the mess admins). Each PATCH
 * operation must have a case below (a new route fails the sweep until it gets one); each case
 * first sets every field to a non-default value, then patches ONE field at a time and reads the
 * resource back: that field changed, every other field is as it was.
 */
interface PatchCase {
  /** Creates what the route changes; returns the URL of the PATCH and a reader of the resource. */
  prepare(owner: ApiClient): Promise<{ url: string; read: () => Promise<Record<string, unknown>> }>;
  /** Non-default values for every field, set before the one-field patches. */
  prime?: Record<string, unknown>;
  /** For each body field, a new value given the resource as read. */
  values: Record<string, (before: Record<string, unknown>) => unknown>;
  /** Derived fields a change to a field is allowed to move too (timestamps, state). */
  alsoChanges?: Record<string, string[]>;
  /** Fields whose answer differs in form from the body (e.g. merged records): not compared to the value. */
  loose?: string[];
}

/**
 * Routes that take the same body to the same use case as another route, for another caller: their
 * bodies must stay identical (checked below), and the twin's case covers the behaviour.
 */
const SAME_AS: Record<string, string> = {
  // an owner in the customer portal (portal session) changes users as staff do in the console
  'PATCH /api/prepaid/portal/{org}/users/{userId}': 'PATCH /api/prepaid/accounts/{id}/portal-users/{userId}',
  // the console's exhibition and booth forms run the same edits as the exhibition API
  'PATCH /api/exhibition/console/exhibitions/{id}': 'PATCH /api/exhibition/exhibitions/{id}',
  'PATCH /api/exhibition/console/booths/{id}': 'PATCH /api/exhibition/booths/{id}',
};

const CASES: Record<string, PatchCase> = {
  'PATCH /api/org': {
    async prepare(owner) {
      return { url: '/api/org', read: async () => (await owner.get('/api/org')).json() };
    },
    values: {
      name: (b) => `${b.name} renamed`,
      timeZone: (b) => (b.timeZone === 'Asia/Kolkata' ? 'Europe/Madrid' : 'Asia/Kolkata'),
      currency: (b) => (b.currency === 'INR' ? 'EUR' : 'INR'),
      languages: (b) => ((b.languages as string[]).includes('hi') ? ['en'] : ['en', 'hi']),
      settings: () => ({ patchProbe: { on: true } }),
      // every enabled module or none chosen: the other cases' routes stay open whichever it ends on
      modules: (b) => (b.modules === null ? app.modules.map((m) => m.name) : null),
    },
    loose: ['settings'],
  },
  'PATCH /api/contacts/{id}': {
    async prepare(owner) {
      const contact = await createContact(app, { name: 'Patch Probe', language: 'en' });
      const url = `/api/contacts/${contact.id}`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      displayName: (b) => `${b.displayName} renamed`,
      preferredLanguage: (b) => (b.preferredLanguage === 'hi' ? 'es' : 'hi'),
      marketingOptIn: (b) => !b.marketingOptIn,
      transactionalOptIn: (b) => !b.transactionalOptIn,
    },
    alsoChanges: {
      marketingOptIn: ['marketingOptInChangedAt', 'updatedAt'],
      transactionalOptIn: ['transactionalOptInChangedAt', 'updatedAt'],
      displayName: ['updatedAt'],
      preferredLanguage: ['updatedAt'],
    },
  },
  'PATCH /api/users/{id}': {
    async prepare(owner) {
      await app.createStaff({ email: 'patch-probe@example.com', role: 'viewer' });
      const find = async () =>
        ((await owner.get('/api/users')).json() as Record<string, unknown>[]).find(
          (m) => m.email === 'patch-probe@example.com',
        )!;
      return { url: `/api/users/${(await find()).id}`, read: find };
    },
    values: {
      role: (b) => (b.role === 'ops' ? 'viewer' : 'ops'),
      extraPermissions: (b) => ((b.extraPermissions as string[]).length ? [] : ['platform.job.read']),
      disabled: (b) => !b.disabled,
    },
    alsoChanges: { disabled: ['state'] },
  },
  // The test-only module the platform tests use.
  'PATCH /api/notes/notes/{id}': {
    async prepare(owner) {
      const created = await owner.post('/api/notes/notes', { title: 'Patch probe', body: 'kept' });
      expect(created.statusCode, created.body).toBe(201);
      const url = `/api/notes/notes/${created.json().id}`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: { title: (b) => `${b.title} renamed` },
  },
  // The console's raffle form (generated from the resource declaration): a draft raffle.
  'PATCH /api/raffle/console/raffles/{id}': {
    async prepare(owner) {
      const raffle = await createRaffle(app, { status: 'draft', title: 'Patch probe raffle' });
      const url = `/api/raffle/console/raffles/${raffle.id}`;
      return { url, read: async () => (await owner.get(`/api/raffle/raffles/${raffle.id}`)).json() };
    },
    values: {
      title: (b) => `${b.title} renamed`,
      description: () => 'Changed description',
      priceMinor: (b) => (b.priceMinor as number) + 100,
      minNumber: () => 2,
      maxNumber: () => 90,
      opensAt: () => '2030-01-01T10:00:00.000Z',
      closesAt: () => '2030-02-01T10:00:00.000Z',
      maxPerOrder: () => 7,
      maxPerBuyer: () => 50,
      holdMinutes: () => 20,
      prizes: () => ['Car', 'Bike'],
    },
    // The raffle answers prizes as `{ position, title, … }`, not as the list of titles it was sent.
    loose: ['prizes'],
  },
  // The raffle original's API (compat), on a draft raffle: its serializer's fields.
  'PATCH /api/raffles/{id}/': {
    async prepare(owner) {
      const raffle = await createRaffle(app, { status: 'draft', title: 'Patch probe original' });
      const url = `/api/raffles/${raffle.id}/`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      title: (b) => `${b.title} renamed`,
      description: () => 'Changed in the original API',
      ticket_price: () => '12345',
      min_number: () => 3,
      max_number: () => 80,
      draw_date: () => '2030-03-01T18:00:00.000Z',
      // sent as they are: a draft stays a draft (is_active starts selling), its currency is the
      // organization's, and a winner is never typed
      is_active: (b) => b.is_active,
      currency: (b) => b.currency,
      winner_number: () => null,
    },
    alsoChanges: {
      title: ['updated_at'],
      description: ['updated_at'],
      ticket_price: ['updated_at'],
      min_number: ['updated_at', 'total_tickets', 'available_count'],
      max_number: ['updated_at', 'total_tickets', 'available_count'],
      draw_date: ['updated_at'],
    },
    loose: ['draw_date', 'ticket_price'],
  },
  // The mess manager's meal form (generated from the resource declaration).
  'PATCH /api/mess/console/meals/{id}': {
    async prepare(owner) {
      const created = await owner.post('/api/mess/console/meals', {
        name: `Patch probe meal ${Date.now()}`,
        start: '16:00',
        end: '17:00',
        position: 9,
      });
      const url = `/api/mess/console/meals/${created.json().id}`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      name: (b) => `${b.name} renamed`,
      start: () => '15:30',
      end: () => '17:30',
      position: () => 4,
    },
  },
  // The mess manager's billing-cycle form: a cycle nobody paid toward, in days no other cycle holds.
  'PATCH /api/mess/console/cycles/{id}': {
    async prepare(owner) {
      const created = await owner.post('/api/mess/console/cycles', {
        name: `Patch probe cycle ${Date.now()}`,
        from: '2031-03-01',
        to: '2031-03-31',
        feeMinor: 250_000,
        rebatePerDayMinor: 5_000,
        currency: 'INR',
      });
      expect(created.statusCode, created.body).toBe(201);
      const url = `/api/mess/console/cycles/${created.json().id}`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      name: (b) => `${b.name} renamed`,
      from: () => '2031-03-02',
      to: () => '2031-03-30',
      feeMinor: () => 260_000,
      rebatePerDayMinor: () => 6_000,
      currency: () => 'USD',
    },
  },
  // Staff changing an electricity account's portal user (a buyer added beside the owner).
  'PATCH /api/prepaid/accounts/{id}/portal-users/{userId}': {
    async prepare(owner) {
      const account = await owner.post('/api/prepaid/console/accounts', {
        kind: 'institution',
        name: `Patch probe institution ${Date.now()}`,
        phone: '+250788700800',
        channel: 'whatsapp',
        channelTo: '250788700800',
        language: 'en',
      });
      expect(account.statusCode, account.body).toBe(201);
      const users = `/api/prepaid/accounts/${account.json().id}/portal-users`;
      const added = await owner.post(users, {
        name: 'Patch probe buyer',
        phone: '+250788700801',
        role: 'buyer',
      });
      expect(added.statusCode, added.body).toBe(201);
      const id = added.json().id as string;
      return {
        url: `${users}/${id}`,
        read: async () =>
          ((await owner.get(users)).json().items as Record<string, unknown>[]).find((u) => u.id === id)!,
      };
    },
    values: {
      name: (b) => `${b.name} renamed`,
      email: () => 'patch-probe-buyer@example.com',
      role: () => 'viewer',
    },
  },
  // The coffee fleet's merchants, locations and bin thresholds (console forms).
  'PATCH /api/coffee/console/merchants/{id}': {
    async prepare(owner) {
      const created = await owner.post('/api/coffee/console/merchants', {
        name: `Patch probe merchant ${Date.now()}`,
        contact: 'front desk',
      });
      expect(created.statusCode, created.body).toBe(201);
      const url = `/api/coffee/console/merchants/${created.json().id}`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      name: (b) => `${b.name} renamed`,
      contact: () => 'back office',
      status: () => 'inactive',
    },
  },
  'PATCH /api/coffee/console/locations/{id}': {
    async prepare(owner) {
      const merchant = await owner.post('/api/coffee/console/merchants', {
        name: `Patch probe site owner ${Date.now()}`,
      });
      expect(merchant.statusCode, merchant.body).toBe(201);
      const created = await owner.post('/api/coffee/console/locations', {
        merchantId: merchant.json().id,
        name: `Patch probe location ${Date.now()}`,
        address: 'Main street 1',
        lat: 10,
        lng: 20,
      });
      expect(created.statusCode, created.body).toBe(201);
      const url = `/api/coffee/console/locations/${created.json().id}`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      name: (b) => `${b.name} renamed`,
      address: () => 'Harbour road 2',
      lat: () => 11.5,
      lng: () => 21.25,
    },
  },
  'PATCH /api/coffee/console/bins/{id}': {
    async prepare(owner) {
      const [device] = await coffeeDevices(app, 1);
      const reported = await app.http.inject({
        method: 'POST',
        url: '/api/coffee/device/materials',
        headers: { authorization: `Bearer ${device!.token}` },
        payload: { bins: [{ binIndex: 0, materialCode: 'MILK', remaining: 300, capacity: 1000 }] },
      });
      expect(reported.statusCode, reported.body).toBe(200);
      const bins = (await owner.get(`/api/coffee/console/bins?deviceId=${device!.id}`)).json().items;
      const url = `/api/coffee/console/bins/${bins[0].id}`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      lowPct: () => 30,
      criticalPct: () => 10,
      capacity: () => 1200,
    },
    // the fill level is remaining ÷ capacity
    alsoChanges: { capacity: ['levelPct'] },
  },
  'PATCH /api/coffee/console/materials/{id}': {
    async prepare(owner) {
      const created = await owner.post('/api/coffee/console/materials', {
        code: uniqueName('PP'),
        name: 'Patch probe powder',
      });
      expect(created.statusCode, created.body).toBe(201);
      const url = `/api/coffee/console/materials/${created.json().id}`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      name: () => 'Patch probe granules',
      unit: () => 'ml',
      enabled: () => false,
    },
  },
  // An organization's retention periods and legal hold (the body names periods; the answer lists kinds).
  'PATCH /api/retention/settings': {
    async prepare(owner) {
      const url = '/api/retention/settings';
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      periods: () => ({ 'notifications.delivered': 45 }),
      legalHold: () => true,
      legalHoldReason: () => 'Patch probe hold',
    },
    alsoChanges: { periods: ['kinds'] },
    loose: ['periods'],
  },
  // The coffee fleet's on-call people (a digits address is valid on WhatsApp and Telegram alike).
  'PATCH /api/coffee/console/oncall/{id}': {
    async prepare(owner) {
      const created = await owner.post('/api/coffee/console/oncall', {
        name: `Patch probe on-call ${Date.now()}`,
        channel: 'whatsapp',
        address: `2507${Date.now() % 100_000_000}`,
        language: 'en',
      });
      expect(created.statusCode, created.body).toBe(201);
      const url = `/api/coffee/console/oncall/${created.json().id}`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      name: (b) => `${b.name} renamed`,
      channel: () => 'telegram',
      address: (b) => `${b.address}9`,
      language: () => 'es',
      active: () => false,
    },
  },
  // The prepaid console's account and meter forms (generated from the resource declarations).
  'PATCH /api/prepaid/console/accounts/{id}': {
    async prepare(owner) {
      const created = await owner.post('/api/prepaid/console/accounts', {
        kind: 'household',
        name: `Patch probe account ${Date.now()}`,
        phone: '+250788100200',
        channel: 'whatsapp',
        channelTo: '250788100200',
        language: 'en',
      });
      expect(created.statusCode, created.body).toBe(201);
      const url = `/api/prepaid/console/accounts/${created.json().id}`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      name: (b) => `${b.name} renamed`,
      phone: () => '+250788300400',
      channel: () => 'telegram',
      channelTo: () => '4242',
      language: () => 'es',
      alertsEnabled: () => false,
      alertLowDays: () => 7,
      alertLowKwh: () => 12.5,
      alertUnusualPercent: () => 300,
    },
  },
  'PATCH /api/prepaid/console/meters/{id}': {
    async prepare(owner) {
      const account = await owner.post('/api/prepaid/console/accounts', {
        kind: 'institution',
        name: `Patch probe campus ${Date.now()}`,
      });
      const created = await owner.post('/api/prepaid/console/meters', {
        accountId: account.json().id,
        number: `PATCH-${Date.now()}`,
        category: 'lab',
        location: 'North wing',
        building: 'Science',
        department: 'Physics',
      });
      expect(created.statusCode, created.body).toBe(201);
      const url = `/api/prepaid/console/meters/${created.json().id}`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      category: () => 'office',
      location: () => 'South wing',
      building: () => 'Library',
      department: () => 'History',
    },
  },
  // The original IngufuPay API's meter edit (compat), on the same use case as the console's.
  'PATCH /api/meters/{id}/': {
    async prepare(owner) {
      const account = await owner.post('/api/prepaid/console/accounts', {
        kind: 'household',
        name: `Patch probe IngufuPay ${Date.now()}`,
      });
      const created = await owner.post('/api/prepaid/console/meters', {
        accountId: account.json().id,
        number: `PATCHV-${Date.now()}`,
        category: 'residential',
        location: 'Kacyiru',
      });
      expect(created.statusCode, created.body).toBe(201);
      const url = `/api/meters/${created.json().id}/`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      location: () => 'Kimironko',
      category: () => 'commercial',
      status: (b) => (b.status === 'disabled' ? 'active' : 'disabled'),
    },
    alsoChanges: {
      location: ['updated_at'],
      category: ['updated_at'],
      status: ['is_active', 'updated_at'],
    },
  },
  // An exhibition's name, venue, days and zone (its currency stays: bills were written in it).
  'PATCH /api/exhibition/exhibitions/{id}': {
    async prepare(owner) {
      const { exhibition } = await createExhibition(app, { venue: 'Hall A', timeZone: 'Africa/Kigali' });
      const url = `/api/exhibition/exhibitions/${exhibition.id}`;
      return { url, read: async () => (await owner.get(url)).json() };
    },
    values: {
      name: (b) => `${b.name} renamed`,
      venue: () => 'Hall B',
      startsOn: () => '2026-12-11',
      endsOn: () => '2026-12-13',
      timeZone: () => 'Asia/Dubai',
      confirmAboveMinor: (b) => Number(b.confirmAboveMinor) + 50_000,
    },
  },
  'PATCH /api/exhibition/booths/{id}': {
    async prepare(owner) {
      const { booths } = await createExhibition(app, { booths: ['Patch probe booth'] });
      const url = `/api/exhibition/booths/${booths[0]!.id}`;
      return {
        url,
        read: async () => (await owner.get(`/api/exhibition/console/booths/${booths[0]!.id}`)).json(),
      };
    },
    values: { name: (b) => `${b.name} renamed` },
  },
  // The account raffle buyers pay into, and whether a buyer WhatsApp cannot reach is texted (issue 65).
  'PATCH /api/raffle/settings': {
    async prepare(owner) {
      return {
        url: '/api/raffle/settings',
        read: async () => (await owner.get('/api/raffle/settings')).json(),
      };
    },
    values: {
      paymentAccount: (b) => (b.paymentAccount === 'Banco Itaú 123-456' ? null : 'Banco Itaú 123-456'),
      smsFallback: (b) => !b.smsFallback,
    },
  },
  // Which texts the coffee fleet's on-call phones get (issue 65).
  'PATCH /api/coffee/settings': {
    async prepare(owner) {
      return {
        url: '/api/coffee/settings',
        read: async () => (await owner.get('/api/coffee/settings')).json(),
      };
    },
    values: { smsAlarms: (b) => !b.smsAlarms, smsRollouts: (b) => !b.smsRollouts },
  },
  'PATCH /api/mess/settings': {
    async prepare(owner) {
      return { url: '/api/mess/settings', read: async () => (await owner.get('/api/mess/settings')).json() };
    },
    prime: {
      adminTelegramIds: ['111'],
      cutoffTime: '21:00',
      maxCutDaysPerCycle: 5,
    },
    values: {
      adminTelegramIds: () => ['222', '333'],
      cutoffTime: () => '09:00',
      maxCutDaysPerCycle: () => 7,
      scanReceipts: () => true,
      // A spreadsheet id is accepted only with the owner's proof (test/api/sheet-ownership.test.ts).
      sheetsSpreadsheetId: () => null,
      phoneRegion: () => 'NP',
      legacyPassesUntil: () => '2027-01-31',
      // Texts to students without a chat (issue 65), each on by default.
      smsApproval: () => false,
      smsDenials: () => false,
      smsPaymentVerdicts: () => false,
      smsRefunds: () => false,
      smsReminders: () => false,
    },
  },
};

interface PatchOperation {
  label: string;
  properties: Record<string, { default?: unknown }>;
}

let app: TestApp;
let owner: ApiClient;
let operations: PatchOperation[];

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await app.signIn('owner@example.com');
  const spec = (await owner.get('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
  };
  operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => method === 'patch')
      .map(([, op]) => ({
        label: `PATCH ${path}`,
        properties: propertiesOf(op.requestBody?.content['application/json']?.schema),
      })),
  );
}, 120_000);
afterAll(() => app?.close());

/** The top-level properties of a body schema (through allOf/anyOf wrappers a refine may add). */
function propertiesOf(schema: unknown): Record<string, { default?: unknown }> {
  const s = schema as {
    properties?: Record<string, { default?: unknown }>;
    allOf?: unknown[];
    anyOf?: unknown[];
  };
  if (!s) return {};
  if (s.properties) return s.properties;
  return Object.assign({}, ...[...(s.allOf ?? []), ...(s.anyOf ?? [])].map(propertiesOf));
}

describe('every PATCH route changes only the fields it names', () => {
  it('finds the PATCH routes and has a case for each', () => {
    expect(operations.length).toBeGreaterThanOrEqual(4);
    for (const op of operations) {
      const twin = SAME_AS[op.label];
      if (!twin) {
        expect(Object.keys(CASES), `${op.label} needs a case`).toContain(op.label);
        continue;
      }
      expect(Object.keys(CASES), `${twin} (twin of ${op.label}) needs a case`).toContain(twin);
      const twinOp = operations.find((o) => o.label === twin)!;
      expect(Object.keys(op.properties).sort(), `${op.label} takes ${twin}'s body`).toEqual(
        Object.keys(twinOp.properties).sort(),
      );
    }
  });

  it('no PATCH body declares a default (a default fills every field the caller left out)', () => {
    for (const op of operations)
      for (const [name, property] of Object.entries(op.properties))
        expect(property.default, `${op.label} field ${name}`).toBeUndefined();
  });

  it('patching one field at a time leaves every other field as it was', async () => {
    for (const op of operations.filter((o) => !SAME_AS[o.label])) {
      const c = CASES[op.label]!;
      const { url, read } = await c.prepare(owner);
      if (c.prime) expect((await owner.patch(url, c.prime)).statusCode, `${op.label} prime`).toBe(200);
      const fields = Object.keys(op.properties);
      expect(fields.sort(), `${op.label}: a value for every field`).toEqual(Object.keys(c.values).sort());
      // Disabling or re-roling a member last: earlier fields are still readable either way.
      for (const field of fields) {
        const before = await read();
        const value = c.values[field]!(before);
        const res = await owner.patch(url, { [field]: value });
        expect(res.statusCode, `${op.label} {${field}}: ${res.body}`).toBe(200);
        const after = await read();
        if (!c.loose?.includes(field)) expect(after[field], `${op.label} {${field}}`).toEqual(value);
        const moved = new Set([field, ...(c.alsoChanges?.[field] ?? [])]);
        for (const key of Object.keys(before))
          if (!moved.has(key)) expect(after[key], `${op.label} {${field}} kept ${key}`).toEqual(before[key]);
      }
    }
  }, 180_000);
});
