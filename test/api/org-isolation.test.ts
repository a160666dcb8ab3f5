import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock/index.ts';
import { isUuid, UUID_SOURCE } from '../../src/platform/ids/index.ts';
import { createContact } from '../factories/contact.ts';
import { createOrg, orgCtx, orgIdOf } from '../factories/org.ts';
import { createPayment } from '../factories/payment.ts';
import { createRaffleOrder } from '../factories/raffle.ts';
import { signedInStaff } from '../factories/staff.ts';
import { isolationProbes, type OpenApi, type ResourceActions } from '../support/isolation-probes.ts';
import { type ApiClient, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

/**
 * Two organizations on one deployment. Organization A gets real records of every module through
 * the module contract (each module's demo `seed`) and of the core areas through their API; then
 * every private route in the OpenAPI document is called by organization B's owner with each kind of
 * A's ids. A route is scoped when B gets exactly the answer it gets for an id that exists nowhere,
 * and A's rows are byte for byte the same afterwards.
 */
// A Monday lunch in the past (UTC): the seeded mess serves meals, and jobs would not wait for it.
const clock = fixedClock('2026-11-23T13:30:00Z');
const NOWHERE = '0b5e7a3c-1d2f-4e6a-9b8c-7d6e5f4a3b2c';
const SIMULATOR_KEY = 'isolation-a';
/** A handle that is not a uuid is compared with another such handle that exists nowhere. */
/**
 * Two 400s from the same area's parser (`codes.invalid_length`, `codes.invalid_character`) refuse the
 * value's form before anything is looked up, so which one a value gets tells nothing about A.
 */
const sameMalformedRefusal = (got: string, nowhere: string) => {
  const area = (answer: string) => /^400 ([a-z_]+)\.[a-z_]+$/.exec(answer)?.[1];
  return area(got) !== undefined && area(got) === area(nowhere);
};
const nowhereLike = (value: string) => (isUuid(value) ? NOWHERE : 'isolation-nowhere');
let app: TestApp;
let a: ApiClient;
let b: ApiClient;
let orgA: string;
/** Every id of a row of organization A, to look for in B's answers. */
const aIds = new Set<string>();
/** One id per table of A (and A's other handles): what each route is probed with. */
const probeValues: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ clock });
  orgA = await orgIdOf(app);
  a = await signedInStaff(app, { role: 'owner' });
  const other = await createOrg(app);
  b = await app.signIn(other.ownerEmail, undefined, other.slug);
  await seedOrganizationA();
  for (const [table, all] of await idsOfA()) {
    // uuids only: a bigint id (an event's sequence number) would "leak" as any digit
    const ids = all.filter(isUuid);
    for (const id of ids) aIds.add(id);
    // A public view repeats its table's ids: probing them twice would reuse one id as a nonce.
    if (ids[0] && !table.startsWith('v_')) probeValues.push(ids[0]);
  }
  probeValues.push(orgA, SIMULATOR_KEY);
}, 120_000);
afterAll(() => app.close());

/** Each module's demo data through the contract, then what the demo leaves out, through the API. */
async function seedOrganizationA(): Promise<void> {
  const ctx = await orgCtx(app);
  for (const module of app.modules) await module.seed?.(ctx, app.runtimeOf(module.name));
  const created = [
    await a.post('/api/users', {
      email: 'staff-a@example.com',
      name: 'Staff A',
      password: TEST_PASSWORD,
      role: 'ops',
    }),
    await a.post('/api/tokens', { name: 'token of A', scopes: ['platform.audit.read'] }),
    await a.post('/api/views', { resource: 'raffle.orders', name: 'mine', params: {} }),
    await a.post('/api/conversations/simulator/messages', {
      flow: 'raffle',
      contactKey: SIMULATOR_KEY,
      input: { kind: 'text', text: 'hola' },
    }),
  ];
  for (const res of created) expect(res.statusCode, res.body).toBeLessThan(300);
  await createContact(app, { name: 'Contact of A' });
  await createPayment(app, { method: 'proof' });
  const raffle = (await a.get('/api/raffle/raffles')).json()[0] as { id: string };
  await createRaffleOrder(app, { raffleId: raffle.id, payment: 'proof' });
  // A student served lunch on two offline devices (a conflict), and a mess cut for later this week.
  const student = (await a.get('/api/mess/students?rollNumber=CS21001')).json().items[0] as { id: string };
  for (const deviceId of ['tablet-a', 'tablet-b']) {
    const scan = { nonce: crypto.randomUUID(), rollNumber: 'CS21001', scannedAt: clock.now().toISOString() };
    const res = await a.post('/api/mess/scans', {
      deviceId,
      scans: [{ ...scan, offline: true, localDecision: 'allowed' }],
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const cut = await a.post(`/api/mess/students/${student.id}/cuts`, { from: '2026-11-26', to: '2026-11-26' });
  expect(cut.statusCode, cut.body).toBe(201);
}

/** Tables (and views) with an organization column and an id, each with A's ids in order. */
async function idsOfA(): Promise<Map<string, string[]>> {
  const { rows: tables } = await app.database.pool.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
       join information_schema.columns i on i.table_schema = c.table_schema and i.table_name = c.table_name
     where c.table_schema = current_schema() and c.column_name = 'org_id' and i.column_name = 'id'
     order by c.table_name`,
  );
  const ids = new Map<string, string[]>();
  for (const { table_name: table } of tables) {
    const { rows } = await app.database.pool.query<{ id: string }>(
      `select id::text as id from "${table}" where org_id = $1 order by id`,
      [orgA],
    );
    ids.set(
      table,
      rows.map((r) => r.id),
    );
  }
  // Staff accounts belong to no organization; A's are the ones with a membership in A.
  const { rows } = await app.database.pool.query<{ id: string }>(
    'select user_id::text as id from membership where org_id = $1 order by user_id',
    [orgA],
  );
  ids.set(
    'staff_user',
    rows.map((r) => r.id),
  );
  return ids;
}

/** A fingerprint of every row that belongs to A, table by table (and A's members' accounts). */
async function fingerprintOfA(): Promise<Record<string, string>> {
  const { rows: tables } = await app.database.pool.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = current_schema() and c.column_name = 'org_id' and t.table_type = 'BASE TABLE'`,
  );
  const print: Record<string, string> = {};
  const hash = async (name: string, query: string) => {
    const { rows } = await app.database.pool.query<{ h: string }>(query, [orgA]);
    print[name] = rows[0]!.h;
  };
  const agg = `md5(coalesce(string_agg(t::text, '|' order by t::text), ''))`;
  for (const { table_name: table } of tables)
    await hash(table, `select ${agg} as h from "${table}" t where org_id = $1`);
  await hash('organization', `select ${agg} as h from organization t where id = $1`);
  await hash(
    'staff_user',
    `select ${agg} as h from staff_user t where id in (select user_id from membership where org_id = $1)`,
  );
  return print;
}

/** Request bodies whose rules the schema cannot say ("at least one of"), or that name no record. */
const EXAMPLES: Record<string, ((id: string) => unknown) | null> = {
  'PATCH /api/users/{id}': () => ({ role: 'ops' }),
  'PATCH /api/contacts/{id}': () => ({ displayName: 'renamed by B' }),
  'POST /api/raffle/raffles/{id}/reservations': () => ({ waId: '595981999999', random: 1 }),
  'POST /api/mess/scans': (id) => ({
    deviceId: 'gate-b',
    scans: [{ nonce: id, rollNumber: 'CS21001', scannedAt: clock.now().toISOString(), offline: false }],
  }),
  'PATCH /api/mess/settings': null, // Telegram user ids, not records
  // `{module}` is a module's name, not a record: every id in its place is refused before the handler.
  'POST /api/imports/{module}/runs': null,
  // An e-mail's name and a language, not records: each organization's words are its own (issue 66,
  // exhibition-mail-texts.int holds another organization to the default).
  'PUT /api/exhibition/mail-texts/{template}/{locale}': null,
  'DELETE /api/exhibition/mail-texts/{template}/{locale}': null,
  'POST /api/exhibition/mail-texts/{template}/{locale}/preview': null,
  // "studentId or rollNumber" is a rule the schema cannot say: name B's student by id.
  'POST /api/mess/legacy-passes/students': (id) => ({
    students: [
      { legacyId: 'aaaaaaaa-0000-4000-8000-000000000001', studentId: id, nonce: 'n1', qrVersion: 1 },
    ],
  }),
  // "A phone or an e-mail, at least one" is a rule the schema cannot say (issue 65): give the e-mail.
  'POST /api/exhibition/customers': (id) => ({ exhibitionId: id, name: 'Probe', email: 'probe@example.com' }),
  // A command's parameters are checked per type before the machine is looked up: send one that takes none.
  'POST /api/coffee/devices/{id}/commands': () => ({ type: 'restart' }),
  'POST /api/coffee/batches': (id) => ({
    deviceIds: [id],
    command: { type: 'restart' },
    abortAtFailurePercent: 50,
  }),
  'POST /api/coffee/console/batches': (id) => ({
    type: 'restart',
    deviceIds: [id],
    abortAtFailurePercent: 50,
  }),
};

const routes = async () => {
  const spec = (await app.anonymous().get('/api/openapi.json')).json() as OpenApi;
  const resources = (await a.get('/api/resources')).json() as ResourceActions[];
  return { spec, probes: isolationProbes(spec, resources, EXAMPLES) };
};

/**
 * What B is told, reduced to what must not depend on whether A's record exists: the status and
 * problem code, or a success's body with the probe and any id B's request just created blanked
 * (A's other ids stay, so a body that carries one differs); the clock stands still, so times match.
 */
const outcome = async (method: string, request: { url: string; body?: unknown }, value: string) => {
  const res = await b.request(method, request.url, request.body);
  if (res.statusCode >= 400) {
    const problem = res.json() as { code?: string; errors?: Array<{ code?: string }> };
    // A field refused as `not_found` was looked up by the handler (a bulk body naming records), not
    // stopped by the schema: the probe reached the scope.
    const lookedUp = problem.errors?.some((e) => e.code === 'not_found') ? ':not_found' : '';
    return `${res.statusCode} ${problem.code ?? ''}${lookedUp}`;
  }
  // A PDF differs on every request (its document id): its size says whether it holds more.
  const type = String(res.headers['content-type'] ?? '');
  if (!/json|text/.test(type)) return `${res.statusCode} ${type} ${res.rawPayload.length} bytes`;
  const body = res.body
    .replaceAll(value, '<probe>')
    .replace(new RegExp(UUID_SOURCE, 'g'), (id) => (aIds.has(id) ? id : '<new>'));
  return `${res.statusCode} ${body}`;
};

describe('organization isolation', () => {
  it('seeds real records of every module in organization A', async () => {
    const ids = await idsOfA();
    for (const table of ['raffle_raffle', 'raffle_order', 'raffle_ticket', 'raffle_buyer', 'raffle_prize'])
      expect(ids.get(table)?.length, table).toBeGreaterThan(0);
    for (const table of [
      'mess_student',
      'mess_scan',
      'mess_scan_conflict',
      'mess_cut',
      'mess_cycle',
      'mess_meal',
    ])
      expect(ids.get(table)?.length, table).toBeGreaterThan(0);
    for (const table of ['payment', 'contact', 'conversation', 'file_object', 'notification', 'notes_note'])
      expect(ids.get(table)?.length, table).toBeGreaterThan(0);
  });

  it('lists never show another organization’s records', async () => {
    const { spec } = await routes();
    const lists = Object.entries(spec.paths).filter(([path, methods]) => !path.includes('{') && methods.get);
    expect(lists.length).toBeGreaterThan(20);
    for (const [path] of lists) {
      const res = await b.get(path);
      expect(res.statusCode, `${path}: ${res.body}`).toBeLessThan(500);
      for (const id of aIds) expect(res.body.includes(id), `${path} leaks ${id}`).toBe(false);
    }
  });

  it('answers a foreign id exactly as an id that exists nowhere, and changes nothing of A', async () => {
    const before = await fingerprintOfA();
    const { probes } = await routes();
    expect(probes.length).toBeGreaterThan(60);
    const differences: string[] = [];
    // A probe stopped by validation never reaches the handler, where the scope is decided.
    const unreached = new Set<string>();
    for (const probe of probes) {
      const baseline = new Map<string, string>();
      for (const value of probeValues) {
        const missing = nowhereLike(value);
        if (!baseline.has(missing))
          baseline.set(missing, await outcome(probe.method, probe.request(missing), missing));
        const nowhere = baseline.get(missing)!;
        expect(nowhere, `${probe.method} ${probe.route}`).not.toMatch(/^500/);
        if (nowhere === '400 validation_failed') {
          // a handle that is not a uuid only fits the routes that take one (the simulator's key)
          if (missing === NOWHERE) unreached.add(`${probe.method} ${probe.route}`);
          continue;
        }
        const got = await outcome(probe.method, probe.request(value), value);
        if (got !== nowhere && !sameMalformedRefusal(got, nowhere))
          differences.push(`${probe.method} ${probe.route} with ${value}: ${got} (nowhere: ${nowhere})`);
      }
    }
    console.info(`isolation sweep: ${probes.length} probes × ${probeValues.length} of A's ids and handles`);
    expect(differences).toEqual([]);
    expect([...unreached]).toEqual([]);
    expect(await fingerprintOfA()).toEqual(before);
  }, 300_000);

  it('the query layer scopes inserts, reads and updates, and public views, even when a module forgets', async () => {
    const orgB = (await b.get('/api/auth/session')).json().organization.id;
    const dbB = app.database.forOrg(orgB).withTables<{
      notes_note: { id: string; title: string; org_id: string };
      v_payments_payment: { id: string; org_id: string };
    }>();
    expect(await dbB.selectFrom('notes_note').selectAll().execute()).toEqual([]);
    const changed = await dbB.updateTable('notes_note').set({ title: 'hijacked' }).executeTakeFirst();
    expect(changed.numUpdatedRows).toBe(0n);
    await expect(
      dbB.insertInto('notes_note').values({ id: crypto.randomUUID(), title: 'x', org_id: orgA }).execute(),
    ).rejects.toThrow(/another organization/);
    // A core public view is scoped like a table: A has payments, B sees none of them.
    const dbA = app.database
      .forOrg(orgA)
      .withTables<{ v_payments_payment: { id: string; org_id: string } }>();
    expect((await dbA.selectFrom('v_payments_payment').select('id').execute()).length).toBeGreaterThan(0);
    expect(await dbB.selectFrom('v_payments_payment').select('id').execute()).toEqual([]);
  });
});
