import { expect } from 'vitest';
import type { App } from '../../src/app/build-app.ts';
import { TEST_PASSWORD } from './test-app.ts';

/** A browser's EventSource, by hand: the session cookie, then the stream's events as they come. */
export async function openStream(baseUrl: string, email: string, topics: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('opsdesk_session='))!
    .split(';')[0]!;
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/api/live?topics=${topics}`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  /** The next `event:` block (comments and heartbeats skipped). */
  const next = async (): Promise<{ event: string; data: { topic: string; id?: string } }> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) return { event, data: JSON.parse(data) };
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return { next, close: () => abort.abort() };
}

export async function listenOn(app: App): Promise<string> {
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}
