import { DeviceClient, type DeviceCommand } from './device-client.ts';

export interface MachineOptions {
  baseUrl: string;
  serial: string;
  token: string;
  /** 0..1: the share of commands this machine reports as failed. */
  failureRate: number;
  /** Decides failures and sales; pass a seeded one for repeatable runs. */
  random?: () => number;
  currency?: string;
}

/**
 * One simulated coffee machine. `drainCommands` asks for commands until none is due, running each
 * and reporting its result; it records what it was given, and counts a violation whenever the
 * server hands it a different command while one is still without a result.
 */
export class SimulatedMachine {
  readonly client: DeviceClient;
  /** Command ids in the order this machine received them (a resend of the same id is listed once). */
  readonly received: string[] = [];
  violations = 0;
  private sales = 0;
  private temperature = 92;

  constructor(private readonly options: MachineOptions) {
    this.client = new DeviceClient(options.baseUrl, options.token);
  }

  get serial() {
    return this.options.serial;
  }

  private rand() {
    return (this.options.random ?? Math.random)();
  }

  heartbeat() {
    this.temperature = 88 + Math.round(this.rand() * 80) / 10;
    return this.client.status({ temperature: this.temperature, firmware: '1.4.2' });
  }

  /** Runs every due command in turn; returns how many it ran. */
  async drainCommands(limit = 50): Promise<number> {
    let ran = 0;
    let inFlight: DeviceCommand | undefined;
    for (; ran < limit; ran++) {
      const cmd = await this.client.next();
      if (!cmd) return ran;
      if (inFlight && inFlight.id !== cmd.id) this.violations++;
      if (this.received.at(-1) !== cmd.id) this.received.push(cmd.id);
      inFlight = cmd;
      const fails = this.rand() < this.options.failureRate;
      await this.client.result(
        cmd.id,
        fails ? 'failed' : 'succeeded',
        fails ? 'simulated failure' : undefined,
      );
      inFlight = undefined;
    }
    return ran;
  }

  /** Sells a drink now and then (about `chance` of the calls). */
  async maybeSell(now: Date, chance = 0.3) {
    if (this.rand() >= chance) return;
    this.sales++;
    await this.client.order({
      orderId: `${this.options.serial}-${now.getTime()}-${this.sales}`,
      orderedAt: now.toISOString(),
      items: [
        {
          name: this.rand() < 0.5 ? 'Latte' : 'Americano',
          qty: 1,
          unitPriceMinor: 250 + Math.round(this.rand() * 2) * 50,
        },
      ],
      currency: this.options.currency ?? 'USD',
      vend: this.rand() < 0.02 ? 'failed' : 'vended',
    });
  }

  private beans = 2000;

  /** Reports the beans bin, used by every sale and refilled when nearly empty. */
  async reportMaterials() {
    this.beans = this.beans < 100 ? 2000 : this.beans - this.sales * 3;
    await this.client.materials([
      { binIndex: 0, materialCode: 'BEANS', remaining: Math.max(0, this.beans), capacity: 2000 },
    ]);
  }

  /** One tick of a living machine: heartbeat, due commands, maybe a sale, now and then its bins. */
  async tick(now: Date) {
    await this.heartbeat();
    await this.drainCommands();
    await this.maybeSell(now);
    if (this.rand() < 0.2) await this.reportMaterials();
  }
}

/** A small seeded generator (mulberry32), so a simulation repeats exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs machines until `signal` aborts: every `intervalMs` each ticks once (spread over the
 * interval so they do not all call at once). Errors are reported, never fatal.
 */
export async function runFleet(
  machines: ReadonlyArray<SimulatedMachine>,
  options: { intervalMs: number; signal: AbortSignal; onError?: (err: Error, serial: string) => void },
): Promise<void> {
  // Each wait removes its abort listener when it ends: one per tick would pile up on the signal.
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const onAbort = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(() => {
        options.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      options.signal.addEventListener('abort', onAbort, { once: true });
    });
  await Promise.all(
    machines.map(async (m, i) => {
      await wait((options.intervalMs * i) / Math.max(1, machines.length));
      while (!options.signal.aborted) {
        await m.tick(new Date()).catch((err: Error) => options.onError?.(err, m.serial));
        await wait(options.intervalMs);
      }
    }),
  );
}
