import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

/** Runs the fleet on fake timers: no time passes unless the test moves it. */
function start(machines: ReturnType<typeof heldMachine>[], stop: AbortController) {
  const fleet = { stopped: false };
  void runFleet(machines, { intervalMs: 3_600_000, signal: stop.signal }).then(() => (fleet.stopped = true));
  return fleet;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('runFleet', () => {
  it('stops at once when the stop comes while a machine is mid-call, not after its next interval', async () => {
    const machine = heldMachine('CM-1');
    const stop = new AbortController();
    const fleet = start([machine], stop);
    await vi.advanceTimersByTimeAsync(0); // its first tick is due now
    await machine.tickStarted;
    stop.abort(); // Ctrl+C while the machine's heartbeat is on the wire
    machine.finishTick();
    await vi.advanceTimersByTimeAsync(0); // what is due now runs; the hour-long interval does not pass
    expect(fleet.stopped).toBe(true);
    expect(machine.ticks).toBe(1);
  });

  it('stops at once while machines wait between ticks', async () => {
    const machines = [heldMachine('CM-1'), heldMachine('CM-2')];
    const stop = new AbortController();
    const fleet = start(machines, stop);
    await vi.advanceTimersByTimeAsync(0);
    await machines[0]!.tickStarted;
    machines[0]!.finishTick();
    await vi.advanceTimersByTimeAsync(0); // the first now waits its interval; the second its half-interval start
    expect(fleet.stopped).toBe(false);
    stop.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(fleet.stopped).toBe(true);
    expect(machines.map((m) => m.ticks)).toEqual([1, 0]);
  });
});
