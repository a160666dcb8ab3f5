import { isDatabaseUnreachable } from '../errors/index.ts';

interface Logger {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/** How often an outage is logged while it lasts. */
const OUTAGE_LOG_EVERY_MS = 10_000;

/**
 * The log of background work (job polls, the LISTEN connection) through a database outage: a
 * failover made every worker's poll fail, ~15 error lines a second for its whole length. An
 * unreachable database is one warning every ten seconds, counting what failed meanwhile; any other
 * error is logged as it comes.
 */
export function outageLog(
  log: Logger,
  message: string,
  now: () => number = () => performance.now(),
): (err: Error) => void {
  let lastLogged = Number.NEGATIVE_INFINITY;
  let since = 0;
  return (err) => {
    if (!isDatabaseUnreachable(err)) return log.error({ err }, message);
    since++;
    const at = now();
    if (at - lastLogged < OUTAGE_LOG_EVERY_MS) return;
    log.warn({ err: err.message, failures: since }, `${message}: the database cannot be reached; retrying`);
    lastLogged = at;
    since = 0;
  };
}
