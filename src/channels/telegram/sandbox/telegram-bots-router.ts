import type { AddressInfo } from 'node:net';

// Not `import … from 'node:http'`: for that Node builds an ES module view of node:http by reading
// every export, and its lazy WebSocket and fetch exports load undici (~40 ms of every start).
const { createServer, request } = process.getBuiltinModule('node:http');

/**
 * One Bot API root for several stand-in bots: a request for `/bot<token>/…` or `/file/bot<token>/…`
 * goes to the stand-in of that token, as api.telegram.org serves every bot. The app has one
 * TELEGRAM_API_ROOT; each stand-in serves one bot. `add` routes one more bot (the sandbox makes one
 * per organization as it goes), given by its URL or by how to start it, which its first call does.
 */
export async function startTelegramBotsRouter(bots: ReadonlyArray<{ token: string; url: string }>) {
  const byToken = new Map<string, URL | (() => Promise<string>)>(bots.map((b) => [b.token, new URL(b.url)]));
  const server = createServer(async (req, res) => {
    const token = /^\/(?:file\/)?bot([^/]+)\//.exec(req.url ?? '')?.[1];
    let target = token ? byToken.get(decodeURIComponent(token)) : undefined;
    if (typeof target === 'function') {
      try {
        target = new URL(await target());
      } catch {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error_code: 502, description: 'Bad Gateway' }));
        return;
      }
    }
    if (!target) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
      return;
    }
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // The client gave up (its timeout): the stand-in's held answer is dropped with it.
    res.on('close', () => upstream.destroy());
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  // By default Node closes a connection left idle 6 s (keepAliveTimeout 5 s plus 1 s of grace). The
  // app's Bot API client (grammY over node-fetch) keeps connections for reuse with no idle limit of its
  // own, so a call made ~6 s after the previous one is written on a connection the router is closing
  // and is cut (ECONNRESET); the app rightly records such a send as maybe delivered and never sends it
  // again. The retry_after test's deferred send comes exactly then (two 3 s waits after the last call).
  // The router is only plumbing: a connection stays open as long as the client keeps it, as the
  // stand-ins behind it keep theirs (Fastify: 72 s, which is what their answers announce).
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    add(bot: { token: string; url: string } | { token: string; start: () => Promise<string> }): void {
      if ('url' in bot) return void byToken.set(bot.token, new URL(bot.url));
      // Started once, by whichever call comes first; a start that failed is tried again by the next.
      let starting: Promise<string> | undefined;
      byToken.set(
        bot.token,
        () =>
          (starting ??= bot.start().catch((err: unknown) => {
            starting = undefined;
            throw err;
          })),
      );
    },
    /** The router's own HTTP server: its tests look at the connections it holds. */
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
