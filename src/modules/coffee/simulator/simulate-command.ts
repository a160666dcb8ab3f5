import { runFleet, SimulatedMachine } from './simulated-machine.ts';

export interface SimulateOptions {
  url: string;
  /** A staff API token with `coffee.device.manage` (provisions the simulated machines). */
  apiToken: string;
  devices: number;
  failureRate: number;
  intervalSeconds: number;
  /** Serial prefix; machines are `<prefix>-0001`…; existing serials get a new token. */
  prefix: string;
  tag: string;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/**
 * `opsdesk coffee simulate`: provisions N machines through the staff API (each token is shown
 * once, so the simulator keeps it in memory) and runs them against the server until stopped:
 * heartbeats, sales, and every command they are sent, failing the given share.
 */
export async function simulateCoffeeFleet(o: SimulateOptions): Promise<void> {
  const log = o.log ?? ((line: string) => console.log(line));
  const staff = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(new URL(path, o.url), {
      method,
      headers: { authorization: `Bearer ${o.apiToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const machines: SimulatedMachine[] = [];
  for (let i = 1; i <= o.devices; i++) {
    const serial = `${o.prefix}-${String(i).padStart(4, '0')}`;
    const created = await staff('POST', '/api/coffee/devices', { serial, model: 'CM-SIM', tags: [o.tag] });
    if (created.status !== 201)
      throw new Error(`provisioning ${serial}: ${created.status} ${JSON.stringify(created.json)}`);
    machines.push(
      new SimulatedMachine({
        baseUrl: o.url,
        serial,
        token: String(created.json.deviceToken),
        failureRate: o.failureRate,
      }),
    );
  }
  log(`simulating ${machines.length} coffee machines against ${o.url} (tag ${o.tag}); Ctrl-C stops`);
  const stop = new AbortController();
  o.signal?.addEventListener('abort', () => stop.abort());
  process.once('SIGINT', () => stop.abort());
  let errors = 0;
  await runFleet(machines, {
    intervalMs: o.intervalSeconds * 1000,
    signal: stop.signal,
    onError: (err, serial) => {
      errors++;
      if (errors <= 10) log(`${serial}: ${err.message}`);
    },
  });
  const violations = machines.reduce((n, m) => n + m.violations, 0);
  log(`stopped; ${errors} failed calls, ${violations} ordering violations`);
}
