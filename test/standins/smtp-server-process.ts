/**
 * The product's caught-mail SMTP server (src/channels/email/sandbox) in a process of its own, for
 * tests of e-mail delivery where the relay must be stoppable ("the relay is down").
 * Run: `node --import tsx test/standins/smtp-server-process.ts`. Env: SMTP_PORT (0 = any).
 * Prints one JSON line `{"smtpPort":…,"controlPort":…}` when ready; the control port is the
 * server's HTTP API (GET /messages, POST /fail?count=N&code=451).
 */
// The server's own file, not the channel's index: a light import keeps the process quick to start.
import { startCaughtMailServer } from '../../src/channels/email/sandbox/caught-mail-server.ts';

const server = await startCaughtMailServer({ smtpPort: Number(process.env.SMTP_PORT ?? 0) });
const controlPort = Number(new URL(server.apiUrl).port);
process.stdout.write(`${JSON.stringify({ smtpPort: server.smtpPort, controlPort })}\n`);

const shutdown = () => {
  setTimeout(() => process.exit(0), 1000).unref();
  void server.close().then(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
