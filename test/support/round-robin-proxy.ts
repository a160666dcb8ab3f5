import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** Web process ports behind the proxy; replace one when its process restarts on a new port. */
  upstreams: number[];
  /** Answers the proxy gave itself because the chosen process was down (as a load balancer does). */
  badGateways: () => number;
  close(): Promise<void>;
}

/**
 * The load balancer of a scaled-out deployment, in miniature: each request goes to the next web
 * process in turn; a process that is down gets a 502, which the client retries as real clients do.
 *
 * No connection is dropped by a keep-alive race, on either side: a client's idle connection is kept
 * open as long as the client keeps it (Node's 5 s default closed it while a client slowed by a busy
 * CPU was sending on it: "fetch failed", counted against the product in the HA suite), and each
 * request opens its own connection to the web process (a pooled one the process had just closed as
 * idle would be a 502 the product never gave).
 */
export async function startRoundRobinProxy(upstreams: number[]): Promise<RoundRobinProxy> {
  let next = 0;
  let badGateways = 0;
  const server = createServer((req, res) => {
    const port = upstreams[next++ % upstreams.length]!;
    const upstream = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      badGateways++;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('bad gateway');
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    upstreams,
    badGateways: () => badGateways,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
