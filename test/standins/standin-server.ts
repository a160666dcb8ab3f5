import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { parseMultipart } from './multipart-form.ts';

/** One HTTP request as a stand-in received it, after body parsing. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: Date;
}

/**
 * A Fastify app for a stand-in: parses JSON (empty body allowed), url-encoded forms and multipart uploads, keeps
 * other bodies as raw Buffers, and records every request in `requests` for inspection.
 */
export function createStandinApp(): { app: FastifyInstance; requests: ReceivedRequest[] } {
  const app = Fastify({ logger: false, bodyLimit: 60 * 1024 * 1024, forceCloseConnections: true });
  const requests: ReceivedRequest[] = [];
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('Request body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (req, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, req.headers['content-type'] ?? ''));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addHook('preHandler', async (req) => {
    const url = new URL(req.url, 'http://standin');
    requests.push({
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body: req.body,
      at: new Date(),
    });
  });
  return { app, requests };
}

/** Listens on 127.0.0.1 with a random port and returns the base URL (no trailing slash). */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(.+)$/i.exec(value ?? '');
  return match?.[1]?.trim();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Lets tests await a condition on stand-in state: `notify()` after each change, `waitFor()` re-probes. */
export function createChangeSignal() {
  const listeners = new Set<() => void>();
  return {
    notify(): void {
      for (const listener of [...listeners]) listener();
    },
    waitFor<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = probe();
          if (found === undefined) return;
          stop();
          resolve(found);
        };
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`Timed out after ${timeoutMs} ms: ${describe()}`));
        }, timeoutMs);
        const stop = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}
