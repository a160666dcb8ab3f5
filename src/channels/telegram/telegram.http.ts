import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { REQUEST_NOT_WRITTEN } from '../../core/conversations/index.ts';

/**
 * The HTTP client of one app's Bot API calls, given to grammY as its `fetch`, over keep-alive
 * connections (issue 40). Telegram closes a connection that stayed idle; a call that picks it up as
 * the close comes in fails with "socket hang up", and grammY's own client (node-fetch) cannot tell
 * whether the call had left: the reply was taken as ambiguous and never sent again, though
 * Telegram had never read it. This client can tell:
 * - on a reused connection, nothing is written until the event loop has read what arrived on it
 *   meanwhile, so a close that already came ends the call before its first byte;
 * - a call that failed before any byte of it was written to its connection fails with
 *   `REQUEST_NOT_WRITTEN`: nothing can have reached Telegram, and the channel sends it again.
 * Anything written, even partly, stays ambiguous.
 * A call may carry `beforeWrite` (issue 55): it runs once its connection is known to be open, right
 * before the first byte is written, and the call counts as begun only from its return (a bot reply is
 * claimed there, so one a crash cut off before it is still queued, and sent after the restart). And
 * `answerWithinMs`: how long the answer may take once the whole request is written; an upload's bytes
 * take the time the link needs, but Telegram's answer to them comes as fast as to a text (a hung photo
 * held a student 30 s, the upload's bound).
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
      let answerTimer: NodeJS.Timeout | undefined;
      const abort = () => req.destroy(init.signal?.reason ?? new Error('aborted'));
      init.signal?.addEventListener('abort', abort, { once: true });
      const settle = () => {
        clearTimeout(answerTimer);
        init.signal?.removeEventListener('abort', abort);
      };
      if (init.answerWithinMs !== undefined) {
        const ms = init.answerWithinMs;
        req.on('finish', () => {
          answerTimer = setTimeout(
            () => req.destroy(new Error(`no answer within ${ms} ms of the request's last byte`)),
            ms,
          );
        });
      }
      req.on('error', (err) => {
        settle();
        // `bytesWritten` counts what was handed to the connection, sent or still queued on it.
        const written = socket !== undefined && socket.bytesWritten > before;
        reject(written ? err : notWritten(err));
      });
      req.on('response', (res) => {
        clearTimeout(answerTimer);
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
        const closed = () => s.destroyed || s.readableEnded || !s.writable;
        const begin = async () => {
          if (req.destroyed) return;
          if (req.reusedSocket && closed())
            return req.destroy(new Error('the kept-alive connection was closed by the server'));
          if (init.beforeWrite) {
            try {
              await init.beforeWrite();
            } catch (err) {
              return req.destroy(err as Error);
            }
            // What the event loop read while it ran: a close that came meanwhile ends the call unwritten.
            if (req.destroyed) return;
            if (req.reusedSocket && closed())
              return req.destroy(new Error('the kept-alive connection was closed by the server'));
          }
          write(req, body);
        };
        if (!req.reusedSocket && !init.beforeWrite) return write(req, body);
        if (!req.reusedSocket) return void begin();
        // Two turns of the loop: the second comes after a poll, which reads a close already here.
        setImmediate(() => setImmediate(() => void begin()));
      });
      if (init.signal?.aborted) abort();
    });
  return botApiFetch;
}

/**
 * What grammY passes to its `fetch` (JSON as a string, uploads as a multipart stream), and what the
 * app's clients add to it (see `createBotApiFetch`).
 */
export interface BotApiRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | AsyncIterable<Uint8Array>;
  signal?: AbortSignal;
  beforeWrite?: () => Promise<void>;
  answerWithinMs?: number;
}

/** What grammY reads of the answer. */
export interface BotApiResponse {
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
