import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { REQUEST_NOT_WRITTEN } from '../../core/conversations/index.ts';

/**
 * The HTTP client of one app's Bot API calls, given to grammY as its `fetch`, over keep-alive
 * connections (issue 40). Telegram closes a connection that stayed idle; a call that picks it up as
 * the close comes in fails with "socket hang up", and grammY's own client (node-fetch) cannot tell
 * whether the call had left: the reply was recorded `unconfirmed` and never sent again, though
 * Telegram had never read it. This client can tell:
 * - on a reused connection, nothing is written until the event loop has read what arrived on it
 *   meanwhile, so a close that already came ends the call before its first byte;
 * - a call that failed before any byte of it was written to its connection fails with
 *   `REQUEST_NOT_WRITTEN`: nothing can have reached Telegram, and the channel sends it again.
 * Anything written, even partly, stays ambiguous.
 */
export function createBotApiFetch() {
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  // Idle kept-alive connections do not hold the process open (Node unrefs them).
  const botApiFetch = (url: string, init: BotApiRequest = {}): Promise<BotApiResponse> =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      const body = typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
      const headers = {
        ...init.headers,
        ...(Buffer.isBuffer(body) ? { 'content-length': String(body.length) } : {}),
      };
      const req = (secure ? https : http).request(target, {
        method: init.method ?? 'GET',
        headers,
        agent: agents[secure ? 'https:' : 'http:'],
      });
      let socket: Socket | undefined;
      let before = 0;
      const abort = () => req.destroy(init.signal?.reason ?? new Error('aborted'));
      init.signal?.addEventListener('abort', abort, { once: true });
      const settle = () => init.signal?.removeEventListener('abort', abort);
      req.on('error', (err) => {
        settle();
        // `bytesWritten` counts what was handed to the connection, sent or still queued on it.
        const written = socket !== undefined && socket.bytesWritten > before;
        reject(written ? err : notWritten(err));
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (err) => {
          settle();
          reject(err);
        });
        res.on('end', () => {
          settle();
          resolve(responseOf(res, Buffer.concat(chunks)));
        });
      });
      req.on('socket', (s: Socket) => {
        socket = s;
        // Nothing of this call is on it yet: headers go with the body, written below.
        before = s.bytesWritten;
        if (!req.reusedSocket) return write(req, body);
        // Two turns of the loop: the second comes after a poll, which reads a close already here.
        setImmediate(() =>
          setImmediate(() => {
            if (req.destroyed) return;
            if (s.destroyed || s.readableEnded || !s.writable)
              return req.destroy(new Error('the kept-alive connection was closed by the server'));
            write(req, body);
          }),
        );
      });
      if (init.signal?.aborted) abort();
    });
  return botApiFetch;
}

/** What grammY passes to its `fetch`: JSON as a string, uploads as a multipart stream. */
interface BotApiRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | AsyncIterable<Uint8Array>;
  signal?: AbortSignal;
}

/** What grammY reads of the answer. */
interface BotApiResponse {
  ok: boolean;
  status: number;
  statusText: string;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

function write(req: http.ClientRequest, body: BotApiRequest['body']): void {
  if (body === undefined || Buffer.isBuffer(body)) {
    req.end(body);
    return;
  }
  const stream = body instanceof Readable ? body : Readable.from(body);
  stream.on('error', (err) => req.destroy(err));
  stream.pipe(req);
}

function responseOf(res: http.IncomingMessage, bytes: Buffer): BotApiResponse {
  const status = res.statusCode ?? 0;
  const text = bytes.toString('utf8');
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    text: async () => text,
    json: async () => JSON.parse(text),
  };
}

/** A failure of a call none of whose bytes reached its connection: safe to send again. */
function notWritten(cause: Error): Error {
  return Object.assign(new Error(`The request was not sent: ${cause.message}`, { cause }), {
    code: REQUEST_NOT_WRITTEN,
  });
}
