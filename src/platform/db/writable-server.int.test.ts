import { createServer, type Server } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnreachable } from '../errors/index.ts';
import { parseServerUrl } from './server-url.ts';
import { writableServerClient } from './writable-server.ts';

/**
 * A PostgreSQL server shutting down for a switchover accepts a connection, and ends it in the same
 * packet that says it is ready: ReadyForQuery, then FATAL 57P01. The error arrived before the
 * connect's promise settled, on a client with no 'error' listener yet, and ended the web process
 * (test/ha, under Node 22). Here a server on 127.0.0.1 answers in those bytes of PostgreSQL's wire
 * protocol (authentication ok, ready, the fatal error) and the pool's query fails as the HTTP kit
 * answers 503, with the process still standing.
 */
const message = (type: string, body: Buffer) => {
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const fields = (entries: [string, string][]) =>
  Buffer.concat([...entries.map(([code, text]) => Buffer.from(`${code}${text}\0`)), Buffer.from('\0')]);

const READY_THEN_SHUT_DOWN = Buffer.concat([
  message('R', int32(0)), // AuthenticationOk
  message('Z', Buffer.from('I')), // ReadyForQuery, idle
  message(
    'E',
    fields([
      ['S', 'FATAL'],
      ['V', 'FATAL'],
      ['C', '57P01'],
      ['M', 'terminating connection due to administrator command'],
    ]),
  ),
]);

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((socket) => {
    socket.once('data', () => socket.end(READY_THEN_SHUT_DOWN)); // the startup message
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('a server that ends a connection as it opens it (shutting down for a switchover)', () => {
  it("fails the pool's query as a database that cannot be reached, and leaves the process standing", async () => {
    const url = parseServerUrl(`postgres://opsdesk@127.0.0.1:${port},127.0.0.1:${port}/opsdesk`);
    const pool = new pg.Pool({ max: 1, Client: writableServerClient(url) } as pg.PoolConfig);
    pool.on('error', () => undefined);
    const failure = await pool.query('select 1').catch((err: unknown) => err);
    expect(isDatabaseUnreachable(failure)).toBe(true);
    await pool.end();
  });
});

describe('two connections asking at once while no server takes writes', () => {
  it('each fails with an error of its own, so what one caller adds to its message stays in its log line', async () => {
    // Nothing listens here: every server of the list refuses, and the connections asking at once share one answer.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const url = parseServerUrl(`postgres://opsdesk@127.0.0.1:${free},127.0.0.1:${free}/opsdesk`);
    const Client = writableServerClient(url);
    const [a, b] = await Promise.all([
      new Client().connect().catch((err: Error) => err),
      new Client().connect().catch((err: Error) => err),
    ]);
    expect(a).toBeInstanceOf(Error);
    expect(b).toBeInstanceOf(Error);
    expect(a).not.toBe(b);
    // pg-boss appends its queue's name to the error it was given.
    (a as Error).message += ' (Queue: one)';
    expect((b as Error).message).not.toContain('Queue: one');
    expect(isDatabaseUnreachable(a)).toBe(true);
  });
});
