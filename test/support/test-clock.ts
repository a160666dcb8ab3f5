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

/**
 * A fixed-offset zone (`Etc/GMT…`) where the hour at `now` is `hour`, for tests on the wall clock
 * that need the local time of day known whatever time they run.
 */
export function zoneAtHour(hour: number, now: Date = new Date()): string {
  let ahead = hour - now.getUTCHours();
  if (ahead < -12) ahead += 24;
  if (ahead > 14) ahead -= 24;
  // Etc/GMT's sign is POSIX's, the reverse of the offset: Etc/GMT-5 is five hours ahead of UTC.
  return ahead === 0 ? 'Etc/GMT' : `Etc/GMT${ahead > 0 ? '-' : '+'}${Math.abs(ahead)}`;
}

/**
 * A zone where it is about noon at `now` (12:00–12:59 there). A meal window ends before midnight (its
 * end is exclusive, 23:59 at the latest), so a test on the wall clock that scans in an "all day" meal
 * is refused as outside it whenever it runs in the last minute of its organization's day: give that
 * organization this zone.
 */
export const middayZone = (now: Date = new Date()): string => zoneAtHour(12, now);
