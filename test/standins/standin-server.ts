import type { FastifyInstance } from 'fastify';
import { createLoopbackApp, type ReceivedRequest } from '../../src/platform/loopback/index.ts';
import { parseMultipart } from './multipart-form.ts';

export {
  bearerToken,
  createChangeSignal,
  listenOnLoopback,
  type ReceivedRequest,
} from '../../src/platform/loopback/index.ts';

/**
 * A Fastify app for a stand-in: the product's loopback app (JSON with empty bodies, url-encoded
 * forms, raw Buffers, the request log) plus multipart uploads, which only the chat stand-ins take.
 */
export function createStandinApp(): { app: FastifyInstance; requests: ReceivedRequest[] } {
  const made = createLoopbackApp();
  made.app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (req, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, req.headers['content-type'] ?? ''));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  return made;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
