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
 */
export async function startRoundRobinProxy(upstreams: number[]): Promise<RoundRobinProxy> {
  let next = 0;
  let badGateways = 0;
  const server = createServer((req, res) => {
    const port = upstreams[next++ % upstreams.length]!;
    const upstream = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
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
