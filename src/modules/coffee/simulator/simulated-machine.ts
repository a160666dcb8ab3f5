import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { type MaterialNeed, materialsLacking } from '../coffee.rules.ts';
import { canonicalJson } from '../recipe.schema.ts';
import { DeviceClient, type DeviceCommand } from './device-client.ts';

export interface MachineOptions {
  baseUrl: string;
  serial: string;
  token: string;
  /** 0..1: the share of commands this machine reports as failed. */
  failureRate: number;
  /** Decides failures and sales; pass a seeded one for repeatable runs. */
  random?: () => number;
  /** The currency it sells in; default USD. */
  currency?: string;
  /**
   * What it sells, each at its price in minor units (a sale adds 0, 50 or 100); default a latte
   * and an americano at 250, in English. The demo's machines sell the seed's products in the
   * organization's language.
   */
  menu?: ReadonlyArray<MenuItem>;
  /** Its bins as they stand when it starts (the demo: as the server last heard); default full ones. */
  bins?: ReadonlyArray<SimulatedBin>;
}

/** A product the machine sells, with what each one takes from its bins. */
export interface MenuItem {
  name: string;
  unitPriceMinor: number;
  needs?: ReadonlyArray<MaterialNeed>;
}

export interface SimulatedBin {
  binIndex: number;
  materialCode: string;
  remaining: number;
  capacity: number;
}

/** What a coffee takes: beans and a cup, milk powder for a latte. */
export const COFFEE_NEEDS = {
  latte: [
    { materialCode: 'BEANS', amount: 18 },
    { materialCode: 'MILK', amount: 12 },
    { materialCode: 'CUPS', amount: 1 },
  ],
  americano: [
    { materialCode: 'BEANS', amount: 18 },
    { materialCode: 'CUPS', amount: 1 },
  ],
} satisfies Record<string, MaterialNeed[]>;

const DEFAULT_MENU: MenuItem[] = [
  { name: 'Latte', unitPriceMinor: 250, needs: COFFEE_NEEDS.latte },
  { name: 'Americano', unitPriceMinor: 250, needs: COFFEE_NEEDS.americano },
];
const DEFAULT_BINS: SimulatedBin[] = [
  { binIndex: 0, materialCode: 'BEANS', remaining: 2000, capacity: 2000 },
  { binIndex: 1, materialCode: 'MILK', remaining: 2000, capacity: 2000 },
  { binIndex: 4, materialCode: 'CUPS', remaining: 200, capacity: 200 },
];
/** Ticks an empty bin waits for someone to refill it (about five minutes at the demo's pace). */
export const REFILL_AFTER_TICKS = 30;

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
  /** The recipe package version this machine runs (reported with its heartbeat). */
  packageVersion: number | undefined;
  /** A drink is being made: recipe packages marked `whenIdle` wait until it is done. */
  vending = false;
  /** Commands this machine held back because it was busy (ids, once each). */
  readonly deferred: string[] = [];
  /** Sales it refused because a material the product needs ran out (as a real machine does). */
  refused = 0;
  /** Its bins as it measures them. */
  readonly bins: SimulatedBin[];
  private sales = 0;
  private temperature = 92;
  /** Ticks each bin has stood empty, by bin index. */
  private readonly emptyFor = new Map<number, number>();

  constructor(private readonly options: MachineOptions) {
    this.client = new DeviceClient(options.baseUrl, options.token);
    this.bins = (options.bins?.length ? options.bins : DEFAULT_BINS).map((b) => ({ ...b }));
  }

  get serial() {
    return this.options.serial;
  }

  private rand() {
    return (this.options.random ?? Math.random)();
  }

  heartbeat() {
    this.temperature = 88 + Math.round(this.rand() * 80) / 10;
    return this.client.status({
      temperature: this.temperature,
      firmware: '1.4.2',
      ...(this.packageVersion ? { packageVersion: this.packageVersion } : {}),
    });
  }

  /**
   * Runs every due command in turn; returns how many it ran. A recipe package sent `whenIdle`
   * while a drink is being made is held without a result (the server hands the same command again
   * on the next call, never a later one) and applied on the first call once the machine is idle.
   */
  async drainCommands(limit = 50): Promise<number> {
    let ran = 0;
    let inFlight: DeviceCommand | undefined;
    for (; ran < limit; ran++) {
      const cmd = await this.client.next();
      if (!cmd) return ran;
      if (inFlight && inFlight.id !== cmd.id) this.violations++;
      if (this.received.at(-1) !== cmd.id) this.received.push(cmd.id);
      inFlight = cmd;
      if (cmd.type === 'apply_recipes' && cmd.params.whenIdle === true && this.vending) {
        if (!this.deferred.includes(cmd.id)) this.deferred.push(cmd.id);
        return ran;
      }
      const outcome = await this.run(cmd);
      await this.client.result(cmd.id, outcome.status, outcome.detail);
      inFlight = undefined;
    }
    return ran;
  }

  private async run(cmd: DeviceCommand): Promise<{ status: 'succeeded' | 'failed'; detail?: string }> {
    if (this.rand() < this.options.failureRate) return { status: 'failed', detail: 'simulated failure' };
    if (cmd.type !== 'apply_recipes' || typeof cmd.params.version !== 'number')
      return { status: 'succeeded' };
    const pkg = await this.client.recipePackage(cmd.params.version);
    const sum = createHash('sha256').update(canonicalJson(pkg.recipes)).digest('hex');
    if (sum !== pkg.checksum || pkg.checksum !== cmd.params.checksum)
      return { status: 'failed', detail: 'recipe package checksum mismatch' };
    this.packageVersion = pkg.version;
    return { status: 'succeeded', detail: `recipes v${pkg.version} applied` };
  }

  /** Makes one drink: while it runs the machine is busy (not idle). */
  async vend<T>(making: () => Promise<T>): Promise<T> {
    this.vending = true;
    try {
      return await making();
    } finally {
      this.vending = false;
    }
  }

  /**
   * Sells a drink now and then (about `chance` of the calls), taking what it needs from the bins. A
   * product one of whose materials ran out is not made (no sale), and the machine reports its bins at
   * once so the server's alarm says which material stopped it.
   */
  async maybeSell(now: Date, chance = 0.3) {
    if (this.rand() >= chance) return;
    const menu = this.options.menu?.length ? this.options.menu : DEFAULT_MENU;
    const item = menu[Math.min(menu.length - 1, Math.floor(this.rand() * menu.length))]!;
    const needs = item.needs ?? [];
    if (materialsLacking(needs, this.bins).length) {
      this.refused++;
      return;
    }
    for (const n of needs) {
      const bin = this.bins.find((b) => b.materialCode === n.materialCode && b.remaining >= n.amount)!;
      bin.remaining -= n.amount;
    }
    this.sales++;
    await this.client.order({
      orderId: `${this.options.serial}-${now.getTime()}-${this.sales}`,
      orderedAt: now.toISOString(),
      items: [
        {
          name: item.name,
          qty: 1,
          unitPriceMinor: item.unitPriceMinor + Math.round(this.rand() * 2) * 50,
        },
      ],
      currency: this.options.currency ?? 'USD',
      vend: this.rand() < 0.02 ? 'failed' : 'vended',
    });
    if (needs.some((n) => this.bins.find((b) => b.materialCode === n.materialCode)?.remaining === 0))
      await this.reportMaterials();
  }

  /** Reports every bin as it stands. */
  async reportMaterials() {
    await this.client.materials(this.bins.map((b) => ({ ...b, remaining: Math.max(0, b.remaining) })));
  }

  /**
   * A bin left empty is refilled after `REFILL_AFTER_TICKS` ticks (someone came by), and reported then;
   * until then the machine makes nothing that needs it.
   */
  private async refillWhenVisited() {
    let refilled = false;
    for (const b of this.bins) {
      if (b.remaining > 0) {
        this.emptyFor.delete(b.binIndex);
        continue;
      }
      const ticks = (this.emptyFor.get(b.binIndex) ?? 0) + 1;
      this.emptyFor.set(b.binIndex, ticks);
      if (ticks < REFILL_AFTER_TICKS) continue;
      b.remaining = b.capacity;
      this.emptyFor.delete(b.binIndex);
      refilled = true;
    }
    if (refilled) await this.reportMaterials();
  }

  /** One tick of a living machine: heartbeat, due commands, maybe a sale, now and then its bins. */
  async tick(now: Date) {
    await this.heartbeat();
    await this.drainCommands();
    await this.maybeSell(now);
    await this.refillWhenVisited();
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
  machines: ReadonlyArray<Pick<SimulatedMachine, 'serial' | 'tick'>>,
  options: { intervalMs: number; signal: AbortSignal; onError?: (err: Error, serial: string) => void },
): Promise<void> {
  // Each machine waits on the signal at once (Node warns of a leak past 10 listeners, the demo runs 12).
  setMaxListeners(Math.max(10, machines.length + 2), options.signal);
  // Ends early on abort, also when the abort came before the wait began (during a tick): a listener
  // added to an aborted signal never hears it, and Ctrl+C on the demo waited out a whole interval.
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (options.signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      options.signal.addEventListener('abort', done, { once: true });
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
