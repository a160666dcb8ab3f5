import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { WITHOUT_DEFAULT_COMPILERS } from '../http/index.ts';
import { parseMultipart } from './multipart-form.ts';

/** One HTTP request as a loopback service received it, after body parsing. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: Date;
}

/**
 * A Fastify app for a service played on 127.0.0.1 (the sandbox's drivers, the tests' stand-ins):
 * parses JSON (an empty body allowed, as payment APIs send) and url-encoded forms, keeps other
 * bodies as raw Buffers, and records every request in `requests` so a test can read what the
 * real client sent. With `multipart`, uploads too (the chat services take files that way).
 */
export function createLoopbackApp(options: { multipart?: boolean } = {}): {
  app: FastifyInstance;
  requests: ReceivedRequest[];
} {
  const app = Fastify({
    logger: false,
    bodyLimit: 60 * 1024 * 1024,
    forceCloseConnections: true,
    schemaController: WITHOUT_DEFAULT_COMPILERS, // its routes declare no schemas
  });
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
  if (options.multipart)
    app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (req, body, done) => {
      try {
        done(null, parseMultipart(body as Buffer, req.headers['content-type'] ?? ''));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addHook('preHandler', async (req) => {
    const url = new URL(req.url, 'http://loopback');
    requests.push({
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body: req.body,
      at: new Date(),
    });
    // A long-running sandbox must not grow without end: keep the latest requests only.
    if (requests.length > 5000) requests.splice(0, requests.length - 5000);
  });
  return { app, requests };
}

/** Listens on 127.0.0.1 (a random port unless given) and returns the base URL (no trailing slash). */
export async function listenOnLoopback(app: FastifyInstance, port = 0): Promise<string> {
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(.+)$/i.exec(value ?? '');
  return match?.[1]?.trim();
}
