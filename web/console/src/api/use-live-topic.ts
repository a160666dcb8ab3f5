import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

/** One live event: what changed (the page refetches what it shows). */
export interface LiveMessage {
  topic: string;
  id?: string;
}

/**
 * Listens to `GET /api/live` (Server-Sent Events, the session cookie authenticates) for the given
 * topics and calls `onEvent` for each change of the staff member's organization. EventSource
 * reconnects by itself after a dropped connection; `onReconnect` runs then, since changes made
 * meanwhile were not sent (refetch everything).
 */
export function useLiveTopic(
  topics: ReadonlyArray<string>,
  onEvent: (message: LiveMessage) => void,
  onReconnect?: () => void,
): void {
  const handlers = useRef({ onEvent, onReconnect });
  handlers.current = { onEvent, onReconnect };
  const key = [...topics].sort().join(',');
  useEffect(() => {
    if (!key || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/live?topics=${encodeURIComponent(key)}`, { withCredentials: true });
    let opened = false;
    source.onopen = () => {
      if (opened) handlers.current.onReconnect?.();
      opened = true;
    };
    const listener = (e: MessageEvent<string>) => {
      try {
        handlers.current.onEvent(JSON.parse(e.data) as LiveMessage);
      } catch {
        // a malformed event is ignored; the next one refetches anyway
      }
    };
    for (const topic of key.split(',')) source.addEventListener(topic, listener);
    return () => source.close();
  }, [key]);
}

/**
 * Keeps the queries under `queryKey` fresh: refetches them when one of `topics` changes, and after
 * a reconnect. Returns that refetch, for the page to call after its own actions.
 */
export function useLiveRefetch(topics: ReadonlyArray<string>, queryKey: ReadonlyArray<unknown>): () => void {
  const client = useQueryClient();
  const refetch = () => void client.invalidateQueries({ queryKey });
  useLiveTopic(topics, refetch, refetch);
  return refetch;
}
