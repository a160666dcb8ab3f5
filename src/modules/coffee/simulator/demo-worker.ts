import { organizationsRunning } from '../../../core/auth/index.ts';
import type { Worker } from '../../../core/modules/index.ts';
import { getOrganization } from '../../../core/orgs/index.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import { coffeeSeedWordsOf, demoMenuIn } from '../coffee.seed.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { rotateDeviceToken } from '../device-tokens.ts';
import { COFFEE_NEEDS, type MenuItem, runFleet, SimulatedMachine } from './simulated-machine.ts';

/**
 * The demo's living fleet (`npm start`): in a process that runs workers, the machines the demo
 * seed made (`demo_seeded`; never a machine a tenant tagged `simulated`) get fresh tokens (their
 * old ones were shown once, at seeding) and heartbeat, sell and run commands against this server
 * over HTTP. Only when COFFEE_DEMO_SIMULATED_DEVICES > 0 (the demo start sets it; production
 * refuses it).
 */
export function demoSimulatorWorker(rt: CoffeeRuntime): Worker {
  return {
    name: 'coffee.demo-simulator',
    async start() {
      const { PORT, HOST } = rt.deps.config;
      const host = HOST === '0.0.0.0' || HOST === '::' ? '127.0.0.1' : HOST;
      const baseUrl = `http://${host}:${PORT}`;
      const machines = await demoMachines(rt, baseUrl);
      const stop = new AbortController();
      const running = runFleet(machines, {
        intervalMs: 10_000,
        signal: stop.signal,
        onError: (err, serial) => rt.log.warn({ err, serial }, 'simulated coffee machine call failed'),
      });
      return async () => {
        stop.abort();
        await running;
      };
    },
  };
}

/**
 * The demo seed's machines (`demo_seeded`, in organizations running coffee), each with a fresh token,
 * selling the seed's products in its organization's language and currency from its bins as the server
 * last heard them: a coffee whose beans, milk or cups ran out is not sold until the bin is refilled.
 */
export async function demoMachines(
  rt: CoffeeRuntime,
  baseUrl: string,
  options: { random?: () => number } = {},
): Promise<SimulatedMachine[]> {
  const devices = await rt.deps.database.db
    .withTables<CoffeeTables>()
    .selectFrom('coffee_device')
    .select(['id', 'org_id', 'serial'])
    .where('demo_seeded', '=', true)
    .where('org_id', 'in', organizationsRunning(rt.name))
    .where('retired_at', 'is', null)
    .where('revoked_at', 'is', null)
    .orderBy('serial')
    .limit(rt.config.COFFEE_DEMO_SIMULATED_DEVICES)
    .execute();
  const sells = new Map<string, { currency: string; menu: MenuItem[] }>();
  const machines: SimulatedMachine[] = [];
  for (const d of devices) {
    const ctx = rt.systemCtx(d.org_id, 'coffee.demo-simulator');
    let sold = sells.get(d.org_id);
    if (!sold) {
      const menu = demoMenuIn(await coffeeSeedWordsOf(ctx));
      sold = {
        currency: (await getOrganization(ctx)).currency,
        menu: [
          { ...menu.latte, needs: COFFEE_NEEDS.latte },
          { ...menu.americano, needs: COFFEE_NEEDS.americano },
        ],
      };
      sells.set(d.org_id, sold);
    }
    const { deviceToken } = await rotateDeviceToken(ctx, d.id);
    // it starts from the levels the server last heard: a bin the seed left low stays low
    const bins = await ctx.db
      .withTables<CoffeeTables>()
      .selectFrom('coffee_bin')
      .select(['bin_index as binIndex', 'material_code as materialCode', 'remaining', 'capacity'])
      .where('device_id', '=', d.id)
      .orderBy('bin_index')
      .execute();
    machines.push(
      new SimulatedMachine({
        baseUrl,
        serial: d.serial,
        token: deviceToken,
        failureRate: 0.05,
        ...sold,
        bins,
        ...(options.random ? { random: options.random } : {}),
      }),
    );
  }
  return machines;
}
