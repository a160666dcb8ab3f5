import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The road to Africa's Talking with a hand on it, for the outbox failover test: requests pass through
 * to the sandbox, but the next send to a chosen phone waits at the gate, before the provider has it,
 * until the test lets it on. The worker's send is then under way (its attempt claimed in the database,
 * the provider not answered) for exactly as long as the test wants: through the start of a failover.
 */
export interface SmsGate {
  url: string;
  /** The next send to `phone` waits at the gate until `release(phone)`. */
  holdNextTo(phone: string): void;
  /** When the send to `phone` waiting at the gate arrived (ms since the epoch); undefined: none waits. */
  heldSince(phone: string): number | undefined;
  /** Passes the waiting send to `phone` on; resolves with when the provider's answer went back to the worker. */
  release(phone: string): Promise<number>;
  close(): Promise<void>;
}

interface Waiting {
  arrivedAt: number;
  pass: () => Promise<number>;
}

export async function startSmsGate(upstream: string): Promise<SmsGate> {
  const holding = new Set<string>();
  const waiting = new Map<string, Waiting>();

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) =>
    new Promise<number>((resolve) => {
      const target = new URL(req.url ?? '/', upstream);
      const onward = request(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          res.on('finish', () => resolve(Date.now()));
        },
      );
      onward.on('error', () => {
        if (!res.headersSent) res.writeHead(502).end();
        else res.end();
        resolve(Date.now());
      });
      onward.end(body);
    });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const to = new URLSearchParams(body.toString()).get('to') ?? '';
      if (!holding.delete(to)) return void forward(req, res, body);
      waiting.set(to, { arrivedAt: Date.now(), pass: () => forward(req, res, body) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    holdNextTo: (phone) => holding.add(phone),
    heldSince: (phone) => waiting.get(phone)?.arrivedAt,
    release: (phone) => {
      const there = waiting.get(phone);
      if (!there) throw new Error(`no send to ${phone} is waiting at the gate`);
      waiting.delete(phone);
      return there.pass();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
