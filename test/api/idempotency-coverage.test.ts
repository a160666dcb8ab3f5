import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock/index.ts';
import { coffeeDevices } from '../factories/coffee.ts';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { signedInStaff } from '../factories/staff.ts';
import { createStudent } from '../factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 55 item 5: every POST that creates something (answers 201 or 202) honours `Idempotency-Key`
 * (DESIGN: "API POSTs that create things accept Idempotency-Key"), or is on the list below with why a
 * retry cannot make a second one. The routes are read from the OpenAPI document, so a new creating
 * route fails here until it is probed, or listed with its reason.
 */
const clock = fixedClock('2026-11-16T09:00:00Z');
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Creating POSTs without the key, each with why a retry never creates twice. */
const EXEMPT: Record<string, string> = {
  'POST /api/users': 'one membership per e-mail and organization: inviting the e-mail again makes none',
  'POST /api/jobs/{id}/retry': 'acts on an existing job (202 queued); creates nothing',
  'POST /api/notifications/{id}/replay':
    'acts on an existing message; a replay of one already queued is refused',
  'POST /api/payments/{id}/check': 'asks the provider again about an existing payment; creates nothing',
  'POST /api/mess/pass-runs': 'one pass run at a time: asking again answers the running one',
  'POST /api/exhibition/exhibitions/{id}/statement-runs':
    'one statement run at a time: the running one is answered',
  'POST /api/prepaid/readings': 'keyed by meter and moment: the same reading twice is kept once',
  'POST /api/prepaid/portal/{org}/meter-requests': 'one open request per meter: asking again answers it',
  'POST /api/prepaid/portal/{org}/sign-in':
    'sign-in: sends a one-time code, rate-limited; nothing a caller keeps',
  'POST /api/prepaid/portal/{org}/sign-up':
    'sign-up: sends a one-time code, rate-limited; nothing a caller keeps',
  'POST /api/prepaid/portal/{org}/sign-up/verify': 'the one-time code is spent once: a retry is refused',
  'POST /api/coffee/device/register':
    'a machine with its claim code, spent once: a repeat answers the same registration',
  'POST /api/v1/devices/register': 'the original path of /api/coffee/device/register, same claim code rule',
  'POST /api/coffee/devices':
    'keyed by serial: a retry is refused 409 device_exists, never a second device (staff rotate a lost token)',
};

/** Honoured, and probed where the state they need is built (a provider, a portal session, an upload). */
const PROBED_ELSEWHERE: Record<string, string> = {
  'POST /api/conversations/{id}/messages': 'test/api/idempotency-keys.test.ts',
  'POST /api/payments/mobile-money': 'src/core/payments/__tests__/momo-payments.int.test.ts',
  'POST /api/payments/{id}/refunds': 'src/core/payments/__tests__/refunds.int.test.ts',
  'POST /api/mess/students/{id}/pay-back': 'src/modules/mess/__tests__/mess-refunds.int.test.ts',
  'POST /api/imports/{module}/runs': 'test/api/imports.test.ts',
  'POST /api/raffle/raffles/{id}/reservations': 'src/modules/raffle/__tests__/raffle-lifecycle.int.test.ts',
  'POST /api/prepaid/portal/{org}/purchases': 'src/modules/prepaid/__tests__/prepaid-portal.int.test.ts',
  'POST /api/prepaid/portal/{org}/users': 'src/modules/prepaid/__tests__/prepaid-portal-users.int.test.ts',
  'POST /api/meters/': 'src/modules/prepaid/compat/ingufupay.int.test.ts',
  'POST /api/transactions/purchase-token/': 'src/modules/prepaid/compat/ingufupay.int.test.ts',
};

/** A console resource's create (`/api/<m>/console/<name>`) is one generic route; two are probed below. */
const CONSOLE_CREATE = /^POST \/api\/[a-z]+\/console\/[a-z_-]+$/;

let app: TestApp;
let owner: ApiClient;
let bearer: string;
const made: Record<string, string> = {};

interface ProbeRequest {
  url: string;
  body?: unknown;
  form?: Record<string, string>;
}

interface Probe {
  /** The request, built on what the earlier probes made (they run in this order). */
  request: () => Promise<ProbeRequest>;
  /** Counts what the create makes: the first request adds to it, the retry must not. */
  count: string;
}

/** A query counting the rows of `table` (those matching `where`). */
const rows = (table: string, where = 'true') => `select count(*)::int as n from ${table} where ${where}`;

/** The coffee machines the probes send to, each on its own tag so one probe's commands do not queue behind another's. */
const machines: Record<string, { id: string; token: string }> = {};
const machineOn = async (tag: string) => {
  machines[tag] ??= (await coffeeDevices(app, 1, { tags: [tag] }))[0]!;
  return machines[tag];
};

/**
 * A rollout the tag then runs (its one machine applied it), and one after it that can be rolled
 * back: the state `POST /api/coffee/rollouts/{id}/rollback` needs.
 */
async function rolloutToRollBack(): Promise<string> {
  const machine = await machineOn('probe-rollout');
  const device = { authorization: `Bearer ${machine.token}` };
  const command = await app.http.inject({
    method: 'GET',
    url: '/api/coffee/device/commands/next',
    headers: device,
  });
  expect(command.statusCode, command.body).toBe(200);
  const result = await app.http.inject({
    method: 'POST',
    url: `/api/coffee/device/commands/${command.json().id}/result`,
    headers: device,
    payload: { status: 'succeeded' },
  });
  expect(result.statusCode, result.body).toBe(200);
  const first = made['POST /api/coffee/rollouts'];
  expect((await owner.get(`/api/coffee/rollouts/${first}/review`)).json().status).toBe('completed');
  const next = (await owner.post('/api/coffee/recipe-packages', { recipes: [recipe('Probe lungo')] })).json();
  const rollout = await owner.post('/api/coffee/rollouts', {
    packageId: next.id,
    tag: 'probe-rollout',
    canaryPercent: 100,
    abortAtFailurePercent: 50,
  });
  expect(rollout.json().previousPackageId).toBe(made['POST /api/coffee/recipe-packages']);
  return rollout.json().id;
}

const recipe = (name: string) => ({
  name,
  version: '1',
  steps: [{ key: 's1', name: 'Brew', type: 'brew', params: { pressure: 9 }, durationSeconds: 25 }],
  materials: [{ materialCode: 'BEANS', binIndex: 0, amount: 18, unit: 'g' }],
});

const PROBES: Record<string, Probe> = {
  'POST /api/tokens': {
    request: async () => ({ url: '/api/tokens', body: { name: 'probe', scopes: ['platform.audit.read'] } }),
    count: rows('api_token'),
  },
  'POST /api/contacts': {
    request: async () => ({ url: '/api/contacts', body: { displayName: 'Probe Contact' } }),
    count: rows('contact'),
  },
  'POST /api/files': { request: async () => ({ url: '/api/files', form: {} }), count: rows('file_object') },
  'POST /api/notes/notes': {
    request: async () => ({ url: '/api/notes/notes', body: { title: 'Probe note' } }),
    count: rows('notes_note'),
  },
  'POST /api/mess/cycles': {
    request: async () => ({
      url: '/api/mess/cycles',
      body: { name: 'Probe cycle', from: '2026-12-01', to: '2026-12-31', feeMinor: 100_000, currency: 'INR' },
    }),
    count: rows('mess_cycle'),
  },
  'POST /api/mess/meals': {
    request: async () => ({ url: '/api/mess/meals', body: { name: 'Probe', start: '06:00', end: '07:00' } }),
    count: rows('mess_meal'),
  },
  'POST /api/mess/closures': {
    request: async () => ({ url: '/api/mess/closures', body: { date: '2026-12-25' } }),
    count: rows('mess_closure'),
  },
  'POST /api/mess/students': {
    request: async () => ({
      url: '/api/mess/students',
      body: { name: 'Probe Student', rollNumber: 'PR00001' },
    }),
    count: rows('mess_student'),
  },
  'POST /api/mess/students/{id}/cuts': {
    request: async () => ({
      url: `/api/mess/students/${made['POST /api/mess/students']}/cuts`,
      body: { from: '2026-11-20', to: '2026-11-21' },
    }),
    count: rows('mess_cut'),
  },
  'POST /api/mess/students/{id}/cash-payments': {
    request: async () => ({
      url: `/api/mess/students/${made['POST /api/mess/students']}/cash-payments`,
      body: { cycleId: made['POST /api/mess/cycles'], amountMinor: 1_000 },
    }),
    count: rows('payment'),
  },
  'POST /api/payments/manual': {
    request: async () => ({
      url: '/api/payments/manual',
      body: {
        amount: { amountMinor: 2_000, currency: 'INR' },
        purpose: {
          type: 'mess.cycle_fee',
          id: `${made['POST /api/mess/students']}:${made['POST /api/mess/cycles']}`,
        },
        kind: 'cash',
      },
    }),
    count: rows('payment'),
  },
  'POST /api/payments/proof': {
    request: async () => ({
      url: '/api/payments/proof',
      form: {
        amountMinor: '3000',
        currency: 'INR',
        purposeType: 'mess.cycle_fee',
        purposeId: `${made['POST /api/mess/students']}:${made['POST /api/mess/cycles']}`,
      },
    }),
    count: rows('payment'),
  },
  'POST /api/mess/warden-invites': {
    request: async () => ({ url: '/api/mess/warden-invites', body: { note: 'probe' } }),
    count: rows('mess_warden_invite'),
  },
  'POST /api/mess/console/meals': {
    request: async () => ({
      url: '/api/mess/console/meals',
      body: { name: 'Probe console meal', start: '08:00', end: '09:00' },
    }),
    count: rows('mess_meal'),
  },
  'POST /api/coffee/claim-codes': {
    request: async () => ({ url: '/api/coffee/claim-codes', body: { note: 'probe' } }),
    count: rows('coffee_registration'),
  },
  'POST /api/coffee/console/merchants': {
    request: async () => ({ url: '/api/coffee/console/merchants', body: { name: 'Probe merchant' } }),
    count: rows('coffee_merchant'),
  },
  'POST /api/coffee/devices/{id}/commands': {
    request: async () => ({
      url: `/api/coffee/devices/${(await machineOn('probe-command')).id}/commands`,
      body: { type: 'sync' },
    }),
    count: rows('coffee_command'),
  },
  'POST /api/coffee/batches': {
    request: async () => {
      await machineOn('probe-batch');
      return {
        url: '/api/coffee/batches',
        body: { tag: 'probe-batch', command: { type: 'sync' }, abortAtFailurePercent: 50 },
      };
    },
    count: rows('coffee_batch'),
  },
  'POST /api/coffee/recipe-packages': {
    request: async () => ({
      url: '/api/coffee/recipe-packages',
      body: { recipes: [recipe('Probe espresso')] },
    }),
    count: rows('coffee_recipe_package'),
  },
  'POST /api/coffee/rollouts': {
    request: async () => {
      await machineOn('probe-rollout');
      return {
        url: '/api/coffee/rollouts',
        body: {
          packageId: made['POST /api/coffee/recipe-packages'],
          tag: 'probe-rollout',
          canaryPercent: 100,
          abortAtFailurePercent: 50,
        },
      };
    },
    count: rows('coffee_rollout'),
  },
  'POST /api/coffee/rollouts/{id}/rollback': {
    request: async () => ({ url: `/api/coffee/rollouts/${await rolloutToRollBack()}/rollback` }),
    count: rows('coffee_rollout'),
  },
  'POST /api/raffle/raffles': {
    request: async () => ({
      url: '/api/raffle/raffles',
      body: {
        title: 'Probe raffle',
        priceMinor: 1500,
        currency: 'USD',
        minNumber: 1,
        maxNumber: 10,
        prizes: ['Kettle'],
      },
    }),
    count: rows('raffle_raffle'),
  },
  // The original raffle API, called as its scripts call it (a staff session, as in its own tests).
  'POST /api/raffles/': {
    request: async () => ({
      url: '/api/raffles/',
      body: { title: 'Probe original raffle', ticket_price: '2.50', currency: 'USD', max_number: 30 },
    }),
    count: rows('raffle_raffle'),
  },
  'POST /api/raffles/{id}/reserve/': {
    request: async () => ({
      url: `/api/raffles/${made['POST /api/raffles/']}/reserve/`,
      body: { wa_id: '+595 981 555-123', type: 'specific', numbers: [7, 8] },
    }),
    count: rows('raffle_order'),
  },
  'POST /api/raffle/raffles/{id}/announcements': {
    request: async () => {
      // A buyer with a paid ticket, so that the announcement is sent to someone.
      const raffleId = made['POST /api/raffles/']!;
      await createRaffleOrder(app, { raffleId, pick: { numbers: [3] }, payment: 'paid' });
      return {
        url: `/api/raffle/raffles/${raffleId}/announcements`,
        body: { message: 'The draw is on Friday' },
      };
    },
    count: rows('audit_event', "action = 'raffle.raffle.announced'"),
  },
  'POST /api/exhibition/exhibitions': {
    request: async () => ({
      url: '/api/exhibition/exhibitions',
      body: { name: 'Probe Expo', currency: 'USD', startsOn: '2026-12-01', endsOn: '2026-12-03' },
    }),
    count: rows('exhibition_exhibition'),
  },
  'POST /api/exhibition/exhibitions/{id}/booths': {
    request: async () => ({
      url: `/api/exhibition/exhibitions/${made['POST /api/exhibition/exhibitions']}/booths`,
      body: { name: 'Probe booth' },
    }),
    count: rows('exhibition_booth'),
  },
  'POST /api/exhibition/customers': {
    request: async () => ({
      url: '/api/exhibition/customers',
      body: {
        exhibitionId: made['POST /api/exhibition/exhibitions'],
        name: 'Probe Customer',
        email: 'probe@example.com',
        phone: '+250788000111',
      },
    }),
    count: rows('exhibition_customer'),
  },
  'POST /api/exhibition/customers/{id}/bills': {
    request: async () => ({
      url: `/api/exhibition/customers/${made['POST /api/exhibition/customers']}/bills`,
      body: { boothId: made['POST /api/exhibition/exhibitions/{id}/booths'], amountMinor: 500 },
    }),
    count: rows('exhibition_bill'),
  },
  'POST /api/exhibition/customers/{id}/payments': {
    request: async () => ({
      url: `/api/exhibition/customers/${made['POST /api/exhibition/customers']}/payments`,
      body: { method: 'cash' },
    }),
    count: rows('payment', "purpose_type = 'exhibition.bill'"),
  },
  'POST /api/exhibition/customers/{id}/statement/email': {
    request: async () => ({
      url: `/api/exhibition/customers/${made['POST /api/exhibition/customers']}/statement/email`,
    }),
    count: rows('notification'),
  },
  'POST /api/exhibition/customers/{id}/statement/sms': {
    request: async () => ({
      url: `/api/exhibition/customers/${made['POST /api/exhibition/customers']}/statement/sms`,
    }),
    count: rows('notification'),
  },
  'POST /api/prepaid/tariffs': {
    request: async () => ({
      url: '/api/prepaid/tariffs',
      body: {
        category: 'residential',
        currency: 'RWF',
        tiers: [{ uptoKwh: null, priceMinorPerKwh: 100 }],
        effectiveFrom: '2020-01-01T00:00:00Z',
      },
    }),
    count: rows('prepaid_tariff'),
  },
  'POST /api/prepaid/accounts': {
    request: async () => ({ url: '/api/prepaid/accounts', body: { kind: 'household', name: 'Probe Home' } }),
    count: rows('prepaid_account'),
  },
  'POST /api/prepaid/accounts/{id}/portal-users': {
    request: async () => ({
      url: `/api/prepaid/accounts/${made['POST /api/prepaid/accounts']}/portal-users`,
      body: { name: 'Probe Bursar', email: 'bursar@example.com', role: 'viewer' },
    }),
    count: rows('prepaid_portal_user'),
  },
  'POST /api/prepaid/meters': {
    request: async () => ({
      url: '/api/prepaid/meters',
      body: { accountId: made['POST /api/prepaid/accounts'], number: 'PROBE-0001' },
    }),
    count: rows('prepaid_meter'),
  },
  'POST /api/prepaid/purchases': {
    request: async () => ({
      url: '/api/prepaid/purchases',
      body: {
        meterId: made['POST /api/prepaid/meters'],
        method: 'cash',
        amount: { amountMinor: 1_500, currency: 'RWF' },
      },
    }),
    count: rows('prepaid_purchase'),
  },
};

beforeAll(async () => {
  app = await startTestApp({ clock });
  owner = await signedInStaff(app, { role: 'owner' });
  bearer = (
    await owner.post('/api/tokens', {
      name: 'uploads',
      scopes: ['files.file.create', 'payments.payment.create'],
    })
  ).json().token;
}, 120_000);
afterAll(() => app.close());

async function creatingPosts(): Promise<string[]> {
  const spec = (await app.anonymous().get('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  };
  return Object.entries(spec.paths)
    .filter(
      ([, methods]) => methods.post && ('201' in methods.post.responses || '202' in methods.post.responses),
    )
    .map(([path]) => `POST ${path}`);
}

/** A multipart body: the form's fields and a tiny PNG as its file. */
function multipart(fields: Record<string, string>) {
  const boundary = 'idempotency-probe';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="proof.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG_1X1,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function send(request: ProbeRequest, key: string) {
  if (!request.form) return owner.post(request.url, request.body, { 'idempotency-key': key });
  const form = multipart(request.form);
  return app.http.inject({
    method: 'POST',
    url: request.url,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': form.contentType, 'idempotency-key': key },
    payload: form.payload,
  });
}

describe('Idempotency-Key on every creating POST', () => {
  it('is honoured, probed elsewhere, or listed with why a retry cannot create twice', async () => {
    const routes = await creatingPosts();
    expect(routes.length).toBeGreaterThan(50);
    const unaccounted = routes.filter(
      (r) => !(r in PROBES || r in PROBED_ELSEWHERE || r in EXEMPT || CONSOLE_CREATE.test(r)),
    );
    expect(unaccounted).toEqual([]);
    const listed = [...Object.keys(PROBES), ...Object.keys(PROBED_ELSEWHERE), ...Object.keys(EXEMPT)];
    expect(listed.filter((r) => !routes.includes(r))).toEqual([]);
    for (const [route, reason] of Object.entries({ ...EXEMPT, ...PROBED_ELSEWHERE }))
      expect(reason.length, route).toBeGreaterThan(10);
  });

  it('answers a retry with the first answer, creating nothing more, on each probed route', async () => {
    const notHonoured: string[] = [];
    const count = async (query: string) => (await app.database.pool.query<{ n: number }>(query)).rows[0]!.n;
    for (const [route, probe] of Object.entries(PROBES)) {
      const request = await probe.request();
      const key = `probe ${route}`;
      const before = await count(probe.count);
      const first = await send(request, key);
      expect(first.statusCode, `${route}: ${first.body}`).toBeLessThan(300);
      const made1 = await count(probe.count);
      expect(made1, `${route}: what the first request made`).toBeGreaterThan(before);
      const again = await send(request, key);
      expect(again.statusCode, `${route}: ${again.body}`).toBe(first.statusCode);
      // The same thing answered: its id, or the whole answer where it has none. (A new meter's key is
      // shown to the first answer only, by design: the retry names the same meter without it.)
      const idOf = (body: { id?: string; apiToken?: { id: string } }) => body.id ?? body.apiToken?.id;
      const id = idOf(first.json());
      const same = id ? idOf(again.json()) === id : again.body === first.body;
      if (!same) notHonoured.push(`${route}: ${first.body} then ${again.body}`);
      const made2 = await count(probe.count);
      if (made2 !== made1) notHonoured.push(`${route}: the retry made ${made2 - made1} more`);
      if (id) made[route] = id;
    }
    expect(notHonoured).toEqual([]);
  }, 120_000);
  it('keeps a key to its sender where the create records it: a colleague sending the same key makes their own', async () => {
    // These use cases record the key on what they create (a payment's key, an order's source key), so
    // the key kept there must be the caller's own form of it (f250e01), not the header as sent.
    const colleague = await signedInStaff(app, { role: 'owner' });
    const cycleId = (
      await owner.post('/api/mess/cycles', {
        name: 'Shared key cycle',
        from: '2027-01-01',
        to: '2027-01-31',
        feeMinor: 100_000,
        currency: 'INR',
      })
    ).json().id;
    const studentId = (await createStudent(app)).id;
    const raffleId = (await createRaffle(app, { title: 'Shared key raffle' })).id;
    const creates = [
      {
        url: `/api/mess/students/${studentId}/cash-payments`,
        body: () => ({ cycleId, amountMinor: 500 }),
        idOf: (body: { paymentId: string }) => body.paymentId,
      },
      {
        url: `/api/raffle/raffles/${raffleId}/reservations`,
        body: (n: number) => ({ waId: `59598100020${n}`, numbers: [10 + n] }),
        idOf: (body: { id: string }) => body.id,
      },
      {
        url: `/api/raffles/${raffleId}/reserve/`,
        body: (n: number) => ({ wa_id: `59598100030${n}`, type: 'specific', numbers: [20 + n] }),
        idOf: (body: { id: string }) => body.id,
      },
    ];
    for (const create of creates) {
      const key = { 'idempotency-key': `shared ${create.url}` };
      const first = await owner.post(create.url, create.body(1), key);
      const theirs = await colleague.post(create.url, create.body(2), key);
      expect([first.statusCode, theirs.statusCode], `${create.url}: ${theirs.body}`).toEqual([201, 201]);
      expect(create.idOf(theirs.json()), create.url).not.toBe(create.idOf(first.json()));
      const again = await colleague.post(create.url, create.body(2), key);
      expect(create.idOf(again.json()), `${create.url}: the colleague's retry`).toBe(
        create.idOf(theirs.json()),
      );
    }
  });
});
