import { signedInStaff } from '../../../../test/factories/staff.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { SimulatedMachine, seededRandom } from '../simulator/simulated-machine.ts';

/**
 * The real app with an ops member signed in (`ops`); `worker` starts the job worker, `listen`
 * serves HTTP on 127.0.0.1 for simulated machines (`baseUrl`).
 */
export async function startCoffeeApp(options: { clock?: Clock; worker?: boolean; listen?: boolean } = {}) {
  const app = await startTestApp({ clock: options.clock });
  const ops = await signedInStaff(app, { role: 'ops' });
  if (options.worker) await app.startWorker();
  let baseUrl = '';
  if (options.listen) {
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const address = app.http.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }
  return { app, ops, baseUrl };
}

/** The coffee tables of the test app, unscoped. */
export const coffeeDb = (app: TestApp) => app.database.db.withTables<CoffeeTables>();

/** A simulated machine of device `d` talking to the app at `baseUrl`, its failures drawn from `seed`. */
export const simulatedMachine = (
  baseUrl: string,
  d: { serial: string; token: string },
  { failureRate = 0, seed = 1 }: { failureRate?: number; seed?: number } = {},
) =>
  new SimulatedMachine({
    baseUrl,
    serial: d.serial,
    token: d.token,
    failureRate,
    random: seededRandom(seed),
  });
