import type { FastifyReply } from 'fastify';
import { createHeldReplies } from '../../../platform/loopback/index.ts';

/**
 * Failures the Telegram stand-in can be told to inject, each in the wire format the real service
 * uses, for the next calls of one method:
 * - `hang`: the call is carried out (the person gets the message) and the answer never comes, as
 *   when Telegram's front loses the answer of a send its bot server completed;
 * - `connection-cut`: carried out, then the connection is closed without an answer, as when a
 *   connection breaks while Telegram answers a call it read;
 * - `server-error-after-delivery`: carried out, then answered with a 5xx: `502` is the HTML page
 *   Telegram's nginx front answers, `500` the Bot API's own JSON error;
 * - `retry-after`: not carried out, answered 429 with `parameters.retry_after` (seconds), as the
 *   Bot API does when a bot exceeds its flood limits;
 * - `refused`: not carried out, answered with the Bot API's error for a call it will never carry out
 *   as it is (403 `Forbidden: bot was blocked by the user`, 400 `Bad Request: chat not found`).
 */
export type TelegramFault =
  | { kind: 'hang' }
  | { kind: 'connection-cut' }
  | { kind: 'server-error-after-delivery'; status: 500 | 502 }
  | { kind: 'retry-after'; seconds: number }
  | { kind: 'refused'; errorCode: 400 | 403; description: string };

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n';

/** A queue of faults per Bot API method; `take(method)` hands out the next one. */
export function createTelegramFaults() {
  const queued = new Map<string, TelegramFault[]>();
  const hanging = createHeldReplies();
  return {
    /** The next `count` calls of `method` (`sendMessage`, `sendPhoto`…) fail with `fault`. */
    inject(method: string, fault: TelegramFault, count = 1): void {
      const list = queued.get(method) ?? [];
      for (let i = 0; i < count; i++) list.push(fault);
      queued.set(method, list);
    },
    take: (method: string): TelegramFault | undefined => queued.get(method)?.shift(),
    /** Answers a fault whose call was carried out (`hang`, `connection-cut`, `server-error-after-delivery`). */
    answerAfterDelivery(fault: TelegramFault, reply: FastifyReply): Promise<unknown> | unknown {
      if (fault.kind === 'connection-cut') {
        reply.hijack();
        reply.raw.socket?.destroy();
        return reply;
      }
      if (fault.kind === 'hang') return hanging.hold(reply);
      if (fault.kind === 'server-error-after-delivery' && fault.status === 502)
        return reply.code(502).type('text/html').send(NGINX_502);
      return reply.code(500).send({ ok: false, error_code: 500, description: 'Internal Server Error' });
    },
    /** The Bot API's answer to a call it refuses for good. */
    refusal: (fault: { errorCode: number; description: string }) => ({
      ok: false,
      error_code: fault.errorCode,
      description: fault.description,
    }),
    /** The Bot API's flood-control answer. */
    retryAfter: (seconds: number) => ({
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${seconds}`,
      parameters: { retry_after: seconds },
    }),
    releaseAll: hanging.releaseAll,
  };
}
