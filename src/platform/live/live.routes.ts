import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../errors/index.ts';
import { routeOptions } from '../http/index.ts';
import type { LiveChannel, LiveEvent } from './live-channel.ts';

const op = routeOptions(['live']);

/** Who may listen: the caller's organization and a permission check (given by the app's auth). */
export interface LiveCaller {
  orgId: string;
  has(permission: string): boolean;
  /** Whether the topic's area is there for the caller (a module its organization runs). */
  offers(topic: string): boolean;
}

export interface LiveRouteOptions {
  live: LiveChannel;
  caller(req: FastifyRequest): LiveCaller;
  /** Milliseconds between heartbeat comments (proxies close silent streams). */
  heartbeatMs?: number;
}

const query = z.object({
  topics: z.string().min(1).max(500).describe('Comma-separated topics, e.g. coffee.devices,coffee.alarms'),
});

/**
 * `GET /api/live?topics=a.b,c.d`: Server-Sent Events of the caller's organization for the topics the
 * caller may read (each topic's permission, declared by its area; a topic that is not there for the
 * caller's organization answers 404, one it may not read 403). An `event:` per change with
 * `data: {"topic","id"}`; the browser refetches. Heartbeat comments every 15 s; no replay
 * (`Last-Event-ID` is ignored: a reconnecting browser refetches everything anyway). A caller that
 * does not ask for `text/event-stream` gets the topics it would receive, as JSON.
 */
export const liveRoutes: FastifyPluginAsyncZod<LiveRouteOptions> = async (app, options) => {
  const { live, caller } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  // Open streams never end on their own: a closing server ends them, or it would wait forever.
  const open = new Set<{ end(): void }>();
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });
  app.get(
    '/api/live',
    op({ refuses: [403, 404] }, 'Live updates (Server-Sent Events) for the given topics', {
      querystring: query,
      response: { 200: z.object({ topics: z.array(z.string()) }) },
    }),
    async (req, reply) => {
      const who = caller(req);
      const asked = [
        ...new Set(
          req.query.topics
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        ),
      ];
      // A topic nobody declared, or of a module the organization does not run, exists nowhere for it.
      const unknown = asked.filter((t) => !live.permissionFor(t) || !who.offers(t));
      if (unknown.length) throw PlatformErrors.not_found({ topics: unknown });
      const refused = asked.filter((t) => !who.has(live.permissionFor(t)!));
      if (refused.length) throw PlatformErrors.forbidden({ topics: refused });
      if (!String(req.headers.accept ?? '').includes('text/event-stream')) return { topics: asked };

      await live.ready();
      const topics = new Set(asked);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      const send = (event: LiveEvent) => {
        if (event.orgId !== who.orgId || !topics.has(event.topic)) return;
        res.write(`event: ${event.topic}\ndata: ${JSON.stringify({ topic: event.topic, id: event.id })}\n\n`);
      };
      const unsubscribe = live.subscribe(send);
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      heartbeat.unref();
      open.add(res);
      const stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(res);
      };
      req.raw.on('close', stop);
      res.on('close', stop);
    },
  );
};
