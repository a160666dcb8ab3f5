/**
 * A client of the product through a failover, as real clients are: Meta, MTN, the scanner and the
 * console send the same request again (same message id, same nonce, same Idempotency-Key) when the
 * load balancer answers 502, when no answer comes, and after a 503's `Retry-After`. It keeps what it
 * was told on the way, for the test to check: every 503 (its content type and Retry-After), every
 * request that got no answer, and when each request was finally answered.
 */

/** A final answer of the product (anything but a 502 or a 503), read once. */
export interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  /** When it came, in ms since the epoch. */
  at: number;
  json<T = Record<string, unknown>>(): T;
}

/** A try that was not final: a 503, a 502 from the load balancer, or no answer at all. */
export interface Interruption {
  what: string;
  at: number;
  status: number | 'no answer';
  contentType: string | null;
  retryAfter: string | null;
  body: string;
}

export interface SentRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** How long one try may go unanswered before it counts as a hang and is sent again. */
const ANSWER_TIMEOUT_MS = 30_000;
/** How long one request may take in all, its tries and waits included, before the load gives up on it. */
const REQUEST_DEADLINE_MS = 120_000;
/** What a client waits after a 502 or no answer, as a load balancer's client does. */
const QUICK_RETRY_MS = 200;

export class ResendingClient {
  readonly interruptions: Interruption[] = [];
  /** Tries left unanswered for ANSWER_TIMEOUT_MS: a product that hangs instead of answering 503. */
  readonly hangs: string[] = [];

  /** Sends the same request until the product gives a final answer, and resolves with it. */
  async send(what: string, url: string, request: SentRequest): Promise<Answer> {
    const deadline = Date.now() + REQUEST_DEADLINE_MS;
    for (;;) {
      const answer = await this.#try(what, url, request);
      if (answer) return answer;
      if (Date.now() > deadline) throw new Error(`${what}: no final answer in ${REQUEST_DEADLINE_MS} ms`);
    }
  }

  /** One try: the final answer, or undefined once the wait before the next try is over. */
  async #try(what: string, url: string, request: SentRequest): Promise<Answer | undefined> {
    let res: Response;
    try {
      res = await fetch(url, { ...request, signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') this.hangs.push(`${what} at ${new Date().toISOString()}`);
      // fetch's own words ("fetch failed") say nothing: the cause says who closed what.
      const cause = (err as Error).cause;
      this.#interrupted(
        what,
        'no answer',
        null,
        null,
        cause ? `${String(err)}: ${String(cause)}` : String(err),
      );
      await pause(QUICK_RETRY_MS);
      return undefined;
    }
    const bytes = Buffer.from(await res.arrayBuffer().catch(() => new ArrayBuffer(0)));
    const text = bytes.toString('utf8');
    const contentType = res.headers.get('content-type');
    if (res.status !== 502 && res.status !== 503) {
      return {
        status: res.status,
        headers: res.headers,
        bytes,
        text,
        at: Date.now(),
        json: () => JSON.parse(text),
      };
    }
    const retryAfter = res.headers.get('retry-after');
    this.#interrupted(what, res.status, contentType, retryAfter, text);
    await pause(res.status === 503 ? retryAfterMs(retryAfter) : QUICK_RETRY_MS);
    return undefined;
  }

  #interrupted(
    what: string,
    status: Interruption['status'],
    contentType: string | null,
    retryAfter: string | null,
    body: string,
  ) {
    this.interruptions.push({
      what,
      at: Date.now(),
      status,
      contentType,
      retryAfter,
      body: body.slice(0, 500),
    });
  }

  /** The 503s the product answered itself (problem+json), not the load balancer's 502s. */
  unavailable(): Interruption[] {
    return this.interruptions.filter((i) => i.status === 503);
  }
}

/** `Retry-After` in seconds (RFC 9110 also allows a date; the product sends seconds), else one second. */
function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}

/** A client's own wait before it tries again: real clients' back-off, not a test waiting for a state. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
