import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { uniqueName } from '../../../../test/factories/unique.ts';
import type { ApiClient, TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { startCoffeeApp } from './coffee-harness.ts';

// Issue 30, item 5: a machine registers itself with a claim code; staff accept it into a location;
// the machine then collects its token, once.
const clock = shiftableClock();
let app: TestApp;
let ops: ApiClient;
let locationId: string;

beforeAll(async () => {
  ({ app, ops } = await startCoffeeApp({ clock }));
  const merchant = (await ops.post('/api/coffee/console/merchants', { name: 'Café Sur' })).json();
  locationId = (
    await ops.post('/api/coffee/console/locations', { merchantId: merchant.id, name: 'Lobby' })
  ).json().id;
}, 60_000);
afterAll(() => app.close());

const register = (body: object) =>
  app.http.inject({ method: 'POST', url: '/api/coffee/device/register', payload: body });
const serial = () => uniqueName('SN').replace(/[^A-Za-z0-9-]/g, '');

describe('coffee machine self-registration', () => {
  it('makes a machine pending with its claim code, and hands out its token once after staff accept it', async () => {
    const issued = await ops.post('/api/coffee/claim-codes', { note: 'Lobby machine' });
    expect(issued.statusCode, issued.body).toBe(201);
    const { id, claimCode } = issued.json();
    expect(claimCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const stored = await app.database.db
      .withTables<CoffeeTables>()
      .selectFrom('coffee_registration')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(claimCode.replaceAll('-', ''));

    const sn = serial();
    const machine = { serial: sn, model: 'CM-200', firmware: '2.1.0', claimCode: claimCode.toLowerCase() };
    const first = await register(machine);
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toEqual({ status: 'pending', registrationId: id });
    expect((await register(machine)).statusCode).toBe(202);

    const listed = (await ops.get('/api/coffee/console/registrations?status_in=pending')).json().items;
    expect(listed).toEqual([
      expect.objectContaining({ id, serial: sn, model: 'CM-200', status: 'pending', note: 'Lobby machine' }),
    ]);
    const stranger = await register({ ...machine, serial: serial() });
    expect(stranger.statusCode).toBe(409);
    expect(stranger.json().code).toBe('coffee.claim_code_used');

    const accepted = await ops.post(`/api/coffee/registrations/${id}/accept`, {
      locationId,
      name: 'Lobby #1',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const deviceId = accepted.json().deviceId;
    const device = await app.database.db
      .withTables<CoffeeTables>()
      .selectFrom('coffee_device')
      .selectAll()
      .where('id', '=', deviceId)
      .executeTakeFirstOrThrow();
    expect(device).toMatchObject({ serial: sn, name: 'Lobby #1', location_id: locationId, token_hash: null });

    const collected = await register(machine);
    expect(collected.statusCode, collected.body).toBe(200);
    expect(collected.json()).toMatchObject({ status: 'active', deviceId });
    const token = collected.json().deviceToken;
    const heartbeat = await app.http.inject({
      method: 'POST',
      url: '/api/coffee/device/status',
      headers: { authorization: `Bearer ${token}` },
      payload: { temperature: 90 },
    });
    expect(heartbeat.json()).toEqual({ status: 'online' });
    const again = await register(machine);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('coffee.registration_collected');

    const audit = await app.database.pool.query<{ action: string }>(
      'select action from audit_event where subject_id = $1 order by id',
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'coffee.registration.code_issued',
      'coffee.registration.requested',
      'coffee.registration.accepted',
      'coffee.registration.token_collected',
    ]);
  });

  it('refuses unknown and mistyped codes, and a machine staff rejected', async () => {
    expect((await register({ serial: serial(), model: 'X', claimCode: 'AAAA-BBBB-CCCC' })).json().code).toBe(
      'coffee.claim_code_invalid',
    );
    const { id, claimCode } = (await ops.post('/api/coffee/claim-codes', {})).json();
    const machine = { serial: serial(), model: 'CM-100', claimCode };
    expect((await register(machine)).statusCode).toBe(202);
    const reject = await ops.post('/api/coffee/console/registrations/actions/reject', { ids: [id] });
    expect(reject.statusCode, reject.body).toBe(200);
    const refused = await register(machine);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('coffee.registration_rejected');
    expect((await ops.post(`/api/coffee/registrations/${id}/accept`, { locationId })).json().code).toBe(
      'coffee.registration_not_pending',
    );
    const bad = await register({ serial: 'x y', model: '', claimCode: '' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.claimCode', 'body.model', 'body.serial']);
  });

  it("never lets another organization accept a machine, or a machine land in another organization's location", async () => {
    const other = await createOrg(app);
    const theirs = await signedInStaff(app, { org: other.slug, role: 'ops' });
    const { id, claimCode } = (await ops.post('/api/coffee/claim-codes', {})).json();
    await register({ serial: serial(), model: 'CM-100', claimCode });
    expect((await theirs.post(`/api/coffee/registrations/${id}/accept`, { locationId })).statusCode).toBe(
      404,
    );
    const merchant = (await theirs.post('/api/coffee/console/merchants', { name: 'Other' })).json();
    const theirLocation = (
      await theirs.post('/api/coffee/console/locations', { merchantId: merchant.id, name: 'Theirs' })
    ).json().id;
    expect(
      (await ops.post(`/api/coffee/registrations/${id}/accept`, { locationId: theirLocation })).statusCode,
    ).toBe(404);
  });

  // last: it moves the clock past the staff session's life too
  it('refuses a claim code past its validity', async () => {
    const { claimCode } = (await ops.post('/api/coffee/claim-codes', { validDays: 1 })).json();
    clock.advance(86_400_000 + 1000);
    const late = await register({ serial: serial(), model: 'CM-100', claimCode });
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('coffee.claim_code_invalid');
  });
});
