/**
 * A console tab's live updates, as the browser's EventSource keeps them: `GET /api/live` on one web
 * process with the staff session's cookie, every `event:` block kept with when it came, and a new
 * connection a second after the stream ends or fails (EventSource reconnects by itself). The failover
 * test reads whether events still come after the database's primary changed.
 */
export interface LiveEventSeen {
  at: number;
  topic: string;
  id?: string;
}

/** EventSource's wait before it connects again (browsers use a few seconds unless the server says `retry:`). */
const RECONNECT_MS = 1_000;

export class LiveSubscriber {
  readonly events: LiveEventSeen[] = [];
  /** How many times the stream was opened: 1 while the first connection survives everything. */
  connections = 0;
  #closed = false;
  readonly #abort = new AbortController();
  readonly #running: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly cookie: string,
  ) {
    this.#running = this.#keepListening();
  }

  /** The first event of `topic` with `id` that came at or after `sinceMs`. */
  seen(topic: string, id: string, sinceMs: number): LiveEventSeen | undefined {
    return this.events.find((e) => e.topic === topic && e.id === id && e.at >= sinceMs);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#abort.abort();
    await this.#running;
  }

  async #keepListening(): Promise<void> {
    while (!this.#closed) {
      await this.#listenOnce().catch(() => undefined);
      if (!this.#closed) await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  }

  /** One connection, read until it ends. */
  async #listenOnce(): Promise<void> {
    const res = await fetch(this.url, {
      headers: { cookie: this.cookie, accept: 'text/event-stream' },
      signal: this.#abort.signal,
    });
    if (res.status !== 200 || !res.body) return;
    this.connections += 1;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        this.#read(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  /** An `event:` block (comments and heartbeats carry none). */
  #read(block: string): void {
    const data = /^data: (.+)$/m.exec(block)?.[1];
    if (!/^event: /m.test(block) || !data) return;
    const { topic, id } = JSON.parse(data) as { topic: string; id?: string };
    this.events.push({ at: Date.now(), topic, ...(id === undefined ? {} : { id }) });
  }
}
