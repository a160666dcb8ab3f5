import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../../test/support/test-app.ts';
import { defineModule } from '../../modules/index.ts';
import { findOrganizationBySlug } from '../../orgs/index.ts';
import { type PaymentsTestApp, startPaymentsApp, testPurposeLabel } from './payments-test-kit.ts';

// Security issue 61 item 3: the refund limits by role are the owner's to set. An admin who lifted
// their own limit (or ops') through PATCH /api/org refunded alone what needs a second person.

const PURPOSE = 'limitstest.order';
const purposes = defineModule({ name: 'limitstest', purposeLabel: testPurposeLabel(PURPOSE) });

let t: PaymentsTestApp;
let owner: ApiClient;
let admin: ApiClient;
let defaultOrg: string;

beforeAll(async () => {
  t = await startPaymentsApp({}, [purposes]);
  await t.app.createStaff({ email: 'admin@example.com', role: 'admin' });
  owner = await t.app.signIn('owner@example.com');
  admin = await t.app.signIn('admin@example.com');
  defaultOrg = (await findOrganizationBySlug(t.app.database.db, 'default'))!.id;
});
afterAll(async () => t?.close());

const limitsPatch = (limits: unknown) => ({ settings: { payments: { refunds: { limits } } } });
const limitsOf = async (client: ApiClient) =>
  (await client.get('/api/org')).json().settings.payments?.refunds?.limits as unknown;
const limitAudits = async (orgId: string) =>
  (
    await t.app.database.pool.query(
      `select actor_label, subject_type, subject_id, before, after from audit_event
       where org_id = $1 and action = 'payments.refund_limits.changed' order by at, id`,
      [orgId],
    )
  ).rows;

let order = 0;
async function cashPayment(amountMinor: number): Promise<string> {
  const res = await t.call('POST', '/api/payments/manual', {
    amount: { amountMinor, currency: 'RWF' },
    purpose: { type: PURPOSE, id: `o-${++order}` },
    kind: 'cash',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('who sets the refund limits', () => {
  it("refuses an admin who lifts a role's limit with 403 naming the permission; the limits hold and the admin's big refund still waits for a second person", async () => {
    const set = await owner.patch('/api/org', limitsPatch({ admin: 1000, ops: 500 }));
    expect(set.statusCode, set.body).toBe(200);
    const audits = (await limitAudits(defaultOrg)).length;

    for (const limits of [{ admin: null }, { ops: null }, { admin: 1_000_000 }, { admin: 'default' }]) {
      const res = await admin.patch('/api/org', limitsPatch(limits));
      expect(res.statusCode, JSON.stringify(limits)).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json()).toMatchObject({
        code: 'forbidden',
        details: { permission: 'payments.refund.limits', setting: 'payments.refunds.limits' },
      });
      expect(res.json().detail).toContain('payments.refund.limits');
    }
    // Nor by replacing what holds them.
    for (const settings of [
      { payments: null },
      { payments: { refunds: null } },
      { payments: { refunds: 5 } },
    ])
      expect((await admin.patch('/api/org', { settings })).statusCode, JSON.stringify(settings)).toBe(403);
    expect(await limitsOf(owner)).toEqual({ admin: 1000, ops: 500 });
    expect((await limitAudits(defaultOrg)).length).toBe(audits);

    const payment = await cashPayment(3000);
    const asked = await admin.post(`/api/payments/${payment}/refunds`, {
      amount: { amountMinor: 3000, currency: 'RWF' },
      method: 'cash',
      reason: 'paid twice',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().status).toBe('awaiting_approval');
    expect((await admin.post(`/api/refunds/${asked.json().id}/approve`)).statusCode).toBe(409);
  });

  it('lets an admin change the other payment settings, and send back the limits as they read them, without touching the limits', async () => {
    await owner.patch('/api/org', limitsPatch({ admin: 1000, ops: 500 }));
    const audits = (await limitAudits(defaultOrg)).length;
    const timing = await admin.patch('/api/org', {
      settings: { payments: { mobileMoney: { firstCheckSeconds: 20 } } },
    });
    expect(timing.statusCode, timing.body).toBe(200);
    expect(timing.json().settings.payments).toEqual({
      mobileMoney: { firstCheckSeconds: 20 },
      refunds: { limits: { admin: 1000, ops: 500 } },
    });
    const echoed = await admin.patch('/api/org', { settings: (await admin.get('/api/org')).json().settings });
    expect(echoed.statusCode, echoed.body).toBe(200);
    expect(await limitsOf(owner)).toEqual({ admin: 1000, ops: 500 });
    expect((await limitAudits(defaultOrg)).length).toBe(audits);
  });

  it('lets an owner change one role\'s limit and keeps the others; null is no limit, "default" gives the role its default back', async () => {
    await owner.patch('/api/org', limitsPatch({ admin: 1000, ops: 500 }));
    const one = await owner.patch('/api/org', limitsPatch({ admin: 5000 }));
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().settings.payments.refunds.limits).toEqual({ admin: 5000, ops: 500 });
    await owner.patch('/api/org', limitsPatch({ ops: null }));
    expect(await limitsOf(owner)).toEqual({ admin: 5000, ops: null });
    await owner.patch('/api/org', limitsPatch({ ops: 'default', viewer: 0 }));
    expect(await limitsOf(owner)).toEqual({ admin: 5000, viewer: 0 });
    // Other payment settings sent beside them are kept as sent; the limits still merge by role.
    const beside = await owner.patch('/api/org', {
      settings: { payments: { mobileMoney: { deadlineSeconds: 600 }, refunds: { limits: { admin: 4000 } } } },
    });
    expect(beside.json().settings.payments).toEqual({
      mobileMoney: { deadlineSeconds: 600 },
      refunds: { limits: { admin: 4000, viewer: 0 } },
    });

    // What the refunds read: the admin's limit is 4000, so 3000 goes through alone.
    const payment = await cashPayment(3000);
    const alone = await admin.post(`/api/payments/${payment}/refunds`, {
      amount: { amountMinor: 3000, currency: 'RWF' },
      method: 'cash',
      reason: 'paid twice',
    });
    expect(alone.json().status).toBe('succeeded');

    // null for the whole setting: every role has its default again.
    expect((await owner.patch('/api/org', limitsPatch(null))).statusCode).toBe(200);
    expect(await limitsOf(owner)).toBeUndefined();
  });

  it('refuses a limit that is no limit, naming the field, and keeps the patch whole', async () => {
    await owner.patch('/api/org', limitsPatch({ admin: 1000, ops: 500 }));
    for (const [limits, field] of [
      [{ admin: -1 }, 'admin'],
      [{ admin: 1.5 }, 'admin'],
      [{ admin: '5000' }, 'admin'],
      [{ opps: 5 }, 'opps'],
    ] as const) {
      const res = await owner.patch('/api/org', { name: 'Half written?', ...limitsPatch(limits) });
      expect(res.statusCode, JSON.stringify(limits)).toBe(400);
      expect(res.json().errors[0].field).toBe(`body.settings.payments.refunds.limits.${field}`);
    }
    for (const limits of [7, 'none', [1]]) {
      const res = await owner.patch('/api/org', limitsPatch(limits));
      expect(res.statusCode, JSON.stringify(limits)).toBe(400);
      expect(res.json().errors[0].field).toBe('body.settings.payments.refunds.limits');
    }
    expect(await limitsOf(owner)).toEqual({ admin: 1000, ops: 500 });
    expect((await owner.get('/api/org')).json().name).not.toBe('Half written?');
  });
});

describe('the trail of the refund limits', () => {
  it('audits a change in an entry of its own with the limits before and after, beside the organization update', async () => {
    await owner.patch('/api/org', limitsPatch({ admin: 1000, ops: 500 }));
    const before = await limitAudits(defaultOrg);
    const updates = async () =>
      (
        await t.app.database.pool.query(
          `select count(*)::int as n from audit_event where org_id = $1 and action = 'platform.organization.updated'`,
          [defaultOrg],
        )
      ).rows[0].n as number;
    const updated = await updates();
    await owner.patch('/api/org', limitsPatch({ ops: 2000 }));
    const after = await limitAudits(defaultOrg);
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toEqual({
      actor_label: 'owner@example.com',
      subject_type: 'organization',
      subject_id: defaultOrg,
      before: { limits: { admin: 1000, ops: 500 } },
      after: { limits: { admin: 1000, ops: 2000 } },
    });
    expect(await updates()).toBe(updated + 1);
    // The same limits again change nothing: no entry of the limits.
    await owner.patch('/api/org', limitsPatch({ ops: 2000 }));
    expect((await limitAudits(defaultOrg)).length).toBe(after.length);
  });
});

describe('organizations', () => {
  it("an owner sets only their own organization's limits", async () => {
    await owner.patch('/api/org', limitsPatch({ admin: 1000, ops: 500 }));
    const otherId = await t.app.createOrg('limits-other', 'other-owner@example.com');
    const other = await t.app.signIn('other-owner@example.com', undefined, 'limits-other');
    const res = await other.patch('/api/org', limitsPatch({ admin: 7, ops: 7 }));
    expect(res.statusCode, res.body).toBe(200);
    expect(await limitsOf(other)).toEqual({ admin: 7, ops: 7 });
    expect(await limitsOf(owner)).toEqual({ admin: 1000, ops: 500 });
    expect((await limitAudits(otherId)).map((a) => a.after)).toEqual([{ limits: { admin: 7, ops: 7 } }]);
    expect(JSON.stringify(await limitAudits(defaultOrg))).not.toContain('"admin":7');
  });
});
