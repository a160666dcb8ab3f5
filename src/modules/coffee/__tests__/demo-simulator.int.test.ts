import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices, coffeeRuntime } from '../../../../test/factories/coffee.ts';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { seedCoffeeDemo } from '../coffee.seed.ts';

/*
 * Issue 40, item 4: the demo's coffee simulator brings to life the machines the demo seed made, and
 * no other. It took over every machine tagged `simulated`, a tag any tenant may set: it rotated the
 * machine's token (the real machine was locked out) and heartbeat as it.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { COFFEE_DEMO_SIMULATED_DEVICES: '50' } });
}, 60_000);
afterAll(() => app?.close());

const tokenIssuedAt = async (orgId: string) =>
  (
    await app.database.pool.query<{ serial: string; token_issued_at: Date }>(
      'select serial, token_issued_at from coffee_device where org_id = $1 order by serial',
      [orgId],
    )
  ).rows;

describe('the demo coffee simulator', () => {
  it("takes over only the demo seed's machines, never a tenant's machine tagged simulated", async () => {
    const demo = await createOrg(app);
    await seedCoffeeDemo(await orgCtx(app, demo.slug), coffeeRuntime(app));
    const tenant = await createOrg(app);
    const [machine] = await coffeeDevices(app, 1, { org: tenant.slug, tags: ['simulated'] });
    const demoBefore = await tokenIssuedAt(demo.id);
    const tenantBefore = await tokenIssuedAt(tenant.id);

    await app.startWorkers();

    const demoAfter = await tokenIssuedAt(demo.id);
    expect(demoAfter).toHaveLength(12);
    for (const [i, d] of demoAfter.entries())
      expect(d.token_issued_at.getTime()).toBeGreaterThan(demoBefore[i]!.token_issued_at.getTime());
    expect(await tokenIssuedAt(tenant.id)).toEqual(tenantBefore);
    const beat = await app
      .anonymous()
      .post('/api/coffee/device/status', { status: 'online' }, { authorization: `Bearer ${machine!.token}` });
    expect(beat.statusCode, beat.body).toBe(200);
  });
});
