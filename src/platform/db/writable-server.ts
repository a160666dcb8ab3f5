import pg from 'pg';
import type { ServerAddress, ServerUrl } from './server-url.ts';

/** How long one server may take to accept a connection before the next is tried. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * No server of the list takes writes right now: a failover or switchover is under way (the old
 * primary is gone or demoted, the standby not yet promoted). Nothing was sent to the database; the
 * HTTP kit answers 503 with Retry-After.
 */
export class NoWritableServerError extends Error {
  readonly code = 'NO_WRITABLE_SERVER';
  constructor(servers: readonly ServerAddress[], target: string) {
    super(`no server of ${servers.map((s) => `${s.host}:${s.port}`).join(', ')} is ${target} now`);
  }
}

/**
 * The servers of a multi-host URL and the one that last took writes, shared by every connection of a
 * pool (and its LISTEN connection). The first connection asks every server at once which it is;
 * later ones go straight to the one found until a connection to it fails or finds it read-only (a
 * switchover demoted it), and then the servers are asked again.
 */
class ServerChoice {
  #chosen: ServerAddress | undefined;
  #asking: Promise<ServerAddress> | undefined;

  constructor(private readonly url: ServerUrl) {}

  async pick(): Promise<ServerAddress> {
    if (this.#chosen) return this.#chosen;
    this.#asking ??= this.#ask().finally(() => {
      this.#asking = undefined;
    });
    // Each caller gets an error of its own: callers decorate what they are given (pg-boss appends its
    // queue's name to the message), and a shared error carried every queue's name into every log line.
    return this.#asking.catch((err: unknown) => {
      throw err instanceof NoWritableServerError
        ? new NoWritableServerError(this.url.servers, this.url.target)
        : err;
    });
  }

  forget(server: ServerAddress): void {
    if (this.#chosen === server) this.#chosen = undefined;
  }

  /** The first server in the URL's order that suits the target, as libpq picks. */
  async #ask(): Promise<ServerAddress> {
    const answers = await Promise.all(this.url.servers.map((server) => this.#suits(server)));
    const found = this.url.servers.find((_, i) => answers[i]);
    if (!found) throw new NoWritableServerError(this.url.servers, this.url.target);
    this.#chosen = found;
    return found;
  }

  async #suits(server: ServerAddress): Promise<boolean> {
    const client = new pg.Client({
      ...this.url.settings,
      ...server,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    client.on('error', () => undefined); // an answer that comes after the question was dropped
    try {
      await client.connect();
      return await suitsTarget(client, this.url.target);
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function suitsTarget(client: pg.Client, target: ServerUrl['target']): Promise<boolean> {
  if (target === 'any') return true;
  const { rows } = await client.query<{ standby: boolean; read_only: string }>(
    `select pg_is_in_recovery() as standby, current_setting('transaction_read_only') as read_only`,
  );
  const row = rows[0]!;
  return target === 'primary' ? !row.standby : row.read_only === 'off';
}

/**
 * A `pg.Client` that connects to the server of the URL's list that suits its `target_session_attrs`,
 * as libpq does (node-postgres takes one host). Given to the pool as its `Client`: after a failover
 * the pool's new connections find the new primary by themselves, and so does a LISTEN connection.
 */
export function writableServerClient(url: ServerUrl): typeof pg.Client {
  const choice = new ServerChoice(url);
  return class WritableServerClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...url.settings, ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true });
    }

    override connect(): Promise<pg.Client>;
    override connect(callback: (err: Error | null, client?: pg.Client) => void): void;
    // The pool connects with a callback, everything else awaits.
    override connect(
      callback?: (err: Error | null, client?: pg.Client) => void,
    ): Promise<pg.Client> | undefined {
      const connected = this.#connectToChosen();
      if (!callback) return connected;
      connected.then(
        (client) => callback(null, client),
        (err: Error) => callback(err),
      );
      return undefined;
    }

    async #connectToChosen(): Promise<pg.Client> {
      const server = await choice.pick();
      this.host = server.host;
      this.port = server.port;
      // Listening before the connect: a server shutting down for a switchover accepts a connection and
      // ends it in the same packet, and the error comes before the connect's promise settles (and before
      // the pool adds its own listener); with no listener it would end the process (seen in test/ha).
      this.on('error', () => choice.forget(server));
      try {
        await super.connect();
      } catch (err) {
        choice.forget(server);
        throw err;
      }
      // Between the choice and this connection a switchover may have demoted the server.
      if (!(await suitsTarget(this, url.target).catch(() => false))) {
        choice.forget(server);
        await this.end().catch(() => undefined);
        throw new NoWritableServerError([server], url.target);
      }
      return this;
    }
  };
}
