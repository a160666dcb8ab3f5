import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runFleet } from './simulated-machine.ts';

/** A machine whose tick lasts until the test lets it finish. */
function heldMachine(serial: string) {
  let finish = () => {};
  let started = () => {};
  const tickStarted = new Promise<void>((resolve) => (started = resolve));
  return {
    serial,
    ticks: 0,
    tickStarted,
    finishTick: () => finish(),
    tick(): Promise<void> {
      this.ticks++;
      started();
      return new Promise<void>((resolve) => (finish = resolve));
    },
  };
}

describe('runFleet', () => {
  it('stops at once when the stop comes while a machine is mid-call, not after its next interval', async () => {
    const machine = heldMachine('CM-1');
    const stop = new AbortController();
    const running = runFleet([machine], { intervalMs: 3_600_000, signal: stop.signal });
    await machine.tickStarted;
    stop.abort(); // Ctrl+C while the machine's heartbeat is on the wire
    machine.finishTick();
    const outcome = await Promise.race([
      running.then(() => 'stopped'),
      sleep(3_000, 'still waiting out the hour-long interval'),
    ]);
    expect(outcome).toBe('stopped');
    expect(machine.ticks).toBe(1);
  });

  it('stops at once while machines wait between ticks', async () => {
    const machines = [heldMachine('CM-1'), heldMachine('CM-2')];
    const stop = new AbortController();
    const running = runFleet(machines, { intervalMs: 3_600_000, signal: stop.signal });
    await machines[0]!.tickStarted;
    machines[0]!.finishTick();
    await new Promise(setImmediate); // the first now waits its interval; the second its half-interval start
    stop.abort();
    const outcome = await Promise.race([running.then(() => 'stopped'), sleep(3_000, 'still waiting')]);
    expect(outcome).toBe('stopped');
    expect(machines.map((m) => m.ticks)).toEqual([1, 0]);
  });
});
