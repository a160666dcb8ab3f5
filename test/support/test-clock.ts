import type { Clock } from '../../src/platform/clock/index.ts';

/**
 * The real clock, moved forward on demand: a hold or a deadline runs out without waiting. It keeps
 * running, so paced work (the outbox) still moves; once moved, it stays ahead of the database's own
 * time, so jobs it schedules for "later" wait that long for pg-boss: give a test that moves it an
 * app of its own.
 */
export function shiftableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}
