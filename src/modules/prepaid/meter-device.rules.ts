// Pure rules of meters that report: their API token and what a report may say. No I/O.
import { UUID_SOURCE } from '../../platform/ids/index.ts';

/** A meter's API token: `ppm_<meter id>_<secret>`; only sha256(secret) is stored. */
const TOKEN = new RegExp(`^ppm_(${UUID_SOURCE})_([A-Za-z0-9_-]{32,64})$`);

export const formatMeterToken = (meterId: string, secret: string) => `ppm_${meterId}_${secret}`;

export function parseMeterToken(token: string): { meterId: string; secret: string } | undefined {
  const m = TOKEN.exec(token);
  return m ? { meterId: m[1]!, secret: m[2]! } : undefined;
}

/** Days an issued token may wait to be keyed in before it is flagged, unless the organization says otherwise. */
export const DEFAULT_UNUSED_TOKEN_DAYS = 7;

/**
 * The accepted counts of a report that no token of this meter was ever issued at (a garbled report,
 * or a meter with another key), given the counts it was issued. Not only those above the last one:
 * a token moves the count by 2, so the counts between two sales were never issued either.
 */
export const countsNeverIssued = (accepted: readonly number[], issued: Iterable<number>): number[] => {
  const known = new Set(issued);
  return [...new Set(accepted)].filter((c) => !known.has(c));
};

/**
 * The tokens a meter should key in next: issued, not reported taken, and still acceptable
 * (above its last accepted count, or an older Add Time within OpenPAYGO's 16-count window), oldest first.
 */
export function waitingCounts(
  issued: ReadonlyArray<{ count: number; keyedIn: boolean }>,
  reportedCount: number | null,
  window: number,
): number[] {
  const floor = reportedCount === null ? -1 : reportedCount - window;
  return issued
    .filter((t) => !t.keyedIn && t.count > floor)
    .map((t) => t.count)
    .sort((a, b) => a - b);
}
