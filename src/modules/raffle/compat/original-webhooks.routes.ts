import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { routeOptions } from '../../../platform/http/index.ts';

const op = routeOptions(['raffle (original backoffice compatibility)']);

/** Where Opsdesk's WhatsApp channel takes Meta's webhook (src/channels/whatsapp). */
const WHATSAPP_WEBHOOK = '/webhooks/whatsapp';

/**
 * Hands a request on to the WhatsApp channel's own webhook route, as Meta sent it: the same method,
 * query, raw body (so the signature over it still holds) and signature header, from the same
 * address (so the channel's per-address limit counts the sender, not this server). The channel's
 * answer is the answer.
 */
async function forwardToWhatsApp(
  app: Parameters<FastifyPluginAsync>[0],
  req: FastifyRequest,
  reply: FastifyReply,
) {
  const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'x-hub-signature-256', 'user-agent']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const answer = await app.inject({
    method: req.method as 'GET' | 'POST',
    url: `${WHATSAPP_WEBHOOK}${query}`,
    headers,
    remoteAddress: req.ip,
    ...(req.method === 'POST'
      ? { payload: req.rawBody ?? (req.body === undefined ? '' : JSON.stringify(req.body)) }
      : {}),
  });
  const type = answer.headers['content-type'];
  if (typeof type === 'string') reply.type(type);
  return reply.status(answer.statusCode).send(answer.rawPayload);
}

/**
 * The original's WhatsApp webhook URLs (`core/urls.py`): `/whatsapp/webhook/` and
 * `/whatsapp/webhook/verify/`, so the Meta app's callback URL needs no change on switch day. Both
 * lead to Opsdesk's WhatsApp handling (subscription handshake, signed deliveries routed to the
 * organization by `phone_number_id`). The original routed a POST to `/whatsapp/webhook/` to its
 * handshake view (405: its `urlpatterns` list that path twice); here it delivers, as intended. The
 * original had no Telegram webhook.
 */
export const originalWebhookRoutes: FastifyPluginAsync = async (app) => {
  const handshake = op(
    { public: true, refuses: [403] },
    "Meta webhook handshake at the original backoffice's URL (as GET /webhooks/whatsapp)",
  );
  app.get('/whatsapp/webhook/', handshake, (req, reply) => forwardToWhatsApp(app, req, reply));
  app.get('/whatsapp/webhook/verify/', handshake, (req, reply) => forwardToWhatsApp(app, req, reply));
  app.post(
    '/whatsapp/webhook/',
    op(
      { public: true, refuses: [401, 403, 409] },
      "Meta WhatsApp deliveries at the original backoffice's URL (as POST /webhooks/whatsapp, signed)",
      undefined,
      { logLevel: 'warn' },
    ),
    (req, reply) => forwardToWhatsApp(app, req, reply),
  );
};
