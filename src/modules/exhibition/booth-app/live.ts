const LIVE_TOPIC = 'exhibition.booth_bills';

/**
 * The server's live stream of booth bills (`GET /api/live`, topic `exhibition.booth_bills`), opened
 * once signed in (the session cookie authenticates it). EventSource reconnects by itself after a
 * network drop; bills taken meanwhile were not announced, so a reopened stream says so. A refused
 * stream (401/403) closes for good: the next `open` makes a new one.
 */
export class BoothBillStream {
  private source: EventSource | undefined;

  /** Opens the stream unless it is open: `bill` at every bill or void, `reopened` after a drop. */
  open(on: { bill: () => void; reopened: () => void }): void {
    if (typeof EventSource === 'undefined') return;
    if (this.source && this.source.readyState !== EventSource.CLOSED) return;
    const source = new EventSource(`/api/live?topics=${LIVE_TOPIC}`, { withCredentials: true });
    let opened = false;
    source.onopen = () => {
      if (opened) on.reopened();
      opened = true;
    };
    source.addEventListener(LIVE_TOPIC, on.bill);
    this.source = source;
  }

  /** Closes the stream: it belongs to the session and the organization it was opened in. */
  close(): void {
    this.source?.close();
    this.source = undefined;
  }
}
