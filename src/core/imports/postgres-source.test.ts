import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresSource } from './postgres-source.ts';

// Issue 55 item 10: `opsdesk import --from postgres://…` connects to a server the operator names;
// PGPASSWORD in Opsdesk's environment (its own database's) must not be sent there.

let server: Server;
let port = 0;
const passwordsSent: string[] = [];

beforeAll(async () => {
  // Speaks PostgreSQL's wire protocol just far enough: asks for a cleartext password, keeps it, hangs up.
  server = createServer((socket) => {
    let startup = true;
    socket.on('data', (data) => {
      if (startup) {
        startup = false;
        const ask = Buffer.alloc(9);
        ask.write('R', 0);
        ask.writeInt32BE(8, 1);
        ask.writeInt32BE(3, 5);
        socket.write(ask);
        return;
      }
      if (data[0] === 'p'.charCodeAt(0)) passwordsSent.push(data.subarray(5, data.indexOf(0, 5)).toString());
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  server?.close();
});

describe('the original PostgreSQL database as a source', () => {
  it("sends the URL's password, never PGPASSWORD from Opsdesk's environment", async () => {
    const saved = process.env.PGPASSWORD;
    process.env.PGPASSWORD = 'opsdesk-own-database-password';
    try {
      await expect(openPostgresSource(`postgres://importer@127.0.0.1:${port}/sahara`)).rejects.toThrow();
      await expect(
        openPostgresSource(`postgres://importer:given%20here@127.0.0.1:${port}/sahara`),
      ).rejects.toThrow();
    } finally {
      if (saved === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = saved;
    }
    expect(passwordsSent).toEqual(['', 'given here']);
  });
});
