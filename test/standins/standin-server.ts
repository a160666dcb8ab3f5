import type { FastifyInstance } from 'fastify';
import { createLoopbackApp, type ReceivedRequest } from '../../src/platform/loopback/index.ts';

export {
  bearerToken,
  createChangeSignal,
  listenOnLoopback,
  type ReceivedRequest,
} from '../../src/platform/loopback/index.ts';

/** A Fastify app for a stand-in: the product's loopback app, multipart uploads included. */
export function createStandinApp(): { app: FastifyInstance; requests: ReceivedRequest[] } {
  return createLoopbackApp({ multipart: true });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
