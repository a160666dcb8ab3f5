import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Arrival, receiveInbound, sameSecret } from '../../core/conversations/index.ts';
import type { AreaDeps } from '../../core/modules/index.ts';
import { recordChatReport } from '../../core/notifications/index.ts';
import { OrgErrors } from '../../core/orgs/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import type { WhatsAppAccount, WhatsAppAccounts } from './whatsapp.accounts.ts';
import { WHATSAPP_CHANNEL } from './whatsapp.channel.ts';
import { WhatsAppErrors } from './whatsapp.errors.ts';
import { parseWhatsAppWebhook, phoneNumberIdsOf } from './whatsapp.inbound.ts';
import { validSignature } from './whatsapp.rules.ts';

const op = routeOptions(['webhooks']);

/**
 * Per address, for requests that are not a verified delivery (the handshake, unsigned or badly signed
 * POSTs). A delivery signed with the app secret is never limited: Meta delivers a launch's bursts from
 * few addresses, and a 429 makes it retry minutes later.
 */
export const WEBHOOK_RATE_LIMIT_PER_MINUTE = 3000;

/**
 * Meta's webhook: the subscription handshake, and deliveries that are verified over the raw body,
 * stored, queued and answered at once (handling happens in the conversation job).
 */
export const whatsappRoutes: FastifyPluginAsyncZod<{ deps: AreaDeps; accounts: WhatsAppAccounts }> = async (
  app,
  { deps, accounts },
) => {
  const { config } = deps;
  const rateLimit = { max: WEBHOOK_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 };
  const verdictOf = signatureVerdicts(accounts, config.WHATSAPP_APP_SECRET);
  const arrivals = messageArrivals(deps);
  // Counted after the body is read (preHandler), so the signature can exempt verified deliveries.
  const deliveryRateLimit = {
    ...rateLimit,
    hook: 'preHandler' as const,
    allowList: async (req: SignedRequest) => (await verdictOf(req).catch(() => 'invalid')) === 'ok',
  };

  app.get(
    '/webhooks/whatsapp',
    op({ public: true, rateLimit, refuses: [403] }, 'Meta webhook subscription handshake', {
      querystring: z.object({
        'hub.mode': z.string().optional(),
        'hub.verify_token': z.string().optional(),
        'hub.challenge': z.string().max(200).optional(),
      }),
    }),
    async (req, reply) => {
      const expected = config.WHATSAPP_VERIFY_TOKEN;
      const token = req.query['hub.verify_token'] ?? '';
      const ok = expected && req.query['hub.mode'] === 'subscribe' && sameSecret(token, expected);
      if (!ok) throw WhatsAppErrors.verify_failed();
      return reply.type('text/plain').send(req.query['hub.challenge'] ?? '');
    },
  );

  app.post(
    '/webhooks/whatsapp',
    op(
      { public: true, rateLimit: deliveryRateLimit, refuses: [401, 403, 409] },
      'Meta WhatsApp Cloud API webhook (signed)',
      undefined,
      // Each message's place among its sender's is taken as soon as the body is read (before the
      // signature's and the account's awaits), and given up with the answer, whatever it was.
      { logLevel: 'warn', preValidation: arrivals.take, onResponse: arrivals.settle },
    ),
    async (req) => {
      const verdict = await verdictOf(req);
      if (verdict !== 'ok') {
        req.log.warn(
          { verdict },
          'whatsapp webhook refused: no app secret applies, or the signature does not match',
        );
        throw verdict === 'disabled' ? WhatsAppErrors.webhook_disabled() : WhatsAppErrors.signature_invalid();
      }

      const { messages, statuses } = arrivals.parsed(req);
      const delivery: Delivery = {
        deps,
        accounts,
        log: req.log,
        accountOf: accountsOnce(accounts),
        arrivalOf: (id) => arrivals.of(req).get(id),
      };
      await refuseDisputedNumbers(delivery, [...messages, ...statuses]);
      const stored = await storeMessages(delivery, messages);
      await recordStatuses(delivery, statuses);
      return { received: messages.length, stored, statuses: statuses.length };
    },
  );
};

type SignatureVerdict = 'ok' | 'invalid' | 'disabled';
type SignedRequest = { rawBody?: Buffer; body: unknown; headers: Record<string, unknown> };

/**
 * Whether a delivery is signed by the Meta app of every number it speaks for: each number's
 * organization's own app secret (sealed in its settings), else WHATSAPP_APP_SECRET; a number no
 * organization has is checked against WHATSAPP_APP_SECRET. 'disabled' when no secret applies at all.
 * Decided once per request (the rate limit asks first, the handler after).
 */
function signatureVerdicts(
  accounts: WhatsAppAccounts,
  deploymentSecret: string | undefined,
): (req: SignedRequest) => Promise<SignatureVerdict> {
  const verdicts = new WeakMap<object, Promise<SignatureVerdict>>();
  const decide = async (req: SignedRequest): Promise<SignatureVerdict> => {
    const secrets = new Set<string | undefined>();
    const ids = phoneNumberIdsOf(req.body);
    for (const id of ids) secrets.add((await accounts.forPhone(id))?.appSecret ?? deploymentSecret);
    if (ids.length === 0) secrets.add(deploymentSecret);
    if ([...secrets].every((secret) => !secret)) return 'disabled';
    const header = req.headers['x-hub-signature-256'];
    const signedBy = (secret: string | undefined) =>
      Boolean(
        secret &&
          req.rawBody &&
          validSignature(req.rawBody, typeof header === 'string' ? header : undefined, secret),
      );
    return [...secrets].every(signedBy) ? 'ok' : 'invalid';
  };
  return (req) => {
    let verdict = verdicts.get(req);
    if (!verdict) {
      verdict = decide(req);
      verdicts.set(req, verdict);
    }
    return verdict;
  };
}

/** One verified delivery being handled: each number's account looked up once. */
interface Delivery {
  deps: AreaDeps;
  accounts: WhatsAppAccounts;
  log: FastifyBaseLogger;
  accountOf(phoneNumberId: string): Promise<WhatsAppAccount | undefined>;
  /** The place a message (by wamid) took among its sender's when the request arrived. */
  arrivalOf(wamid: string): Arrival | undefined;
}

/**
 * The places of a delivery's messages among their senders' (`Arrival`, issue 64, item 4): Meta posts
 * a person's messages concurrently and dates them to the second, so within a second they are handled
 * in the order their requests arrived, not the order the requests' awaits happened to finish in.
 */
function messageArrivals(deps: AreaDeps) {
  type Taken = { webhook: ReturnType<typeof parseWhatsAppWebhook>; places: Map<string, Arrival> };
  const taken = new WeakMap<object, Taken>();
  const of = (req: FastifyRequest) => taken.get(req)?.places ?? new Map<string, Arrival>();
  return {
    of,
    /** The body as the arrivals read it: parsed once per request. */
    parsed: (req: FastifyRequest) => taken.get(req)?.webhook ?? parseWhatsAppWebhook(req.body),
    async take(req: FastifyRequest) {
      const webhook = parseWhatsAppWebhook(req.body);
      const places = new Map<string, Arrival>();
      for (const m of webhook.messages)
        if (!places.has(m.id))
          places.set(m.id, deps.conversations.inboundArrivals.arrive(WHATSAPP_CHANNEL, m.from));
      taken.set(req, { webhook, places });
    },
    async settle(req: FastifyRequest) {
      for (const arrival of of(req).values()) arrival.settle();
    },
  };
}

function accountsOnce(accounts: WhatsAppAccounts): Delivery['accountOf'] {
  const routed = new Map<string, Promise<WhatsAppAccount | undefined>>();
  return (phoneNumberId) => {
    if (!routed.has(phoneNumberId)) routed.set(phoneNumberId, accounts.forPhone(phoneNumberId));
    return routed.get(phoneNumberId)!;
  };
}

const ctxOf = (delivery: Delivery, orgId: string) => delivery.deps.systemCtx(orgId, 'whatsapp.webhook');

/**
 * A number several organizations named before claims existed belongs to none of them: refused
 * before anything is stored, so Meta redelivers it (deduplicated) once the dispute is settled.
 */
async function refuseDisputedNumbers(
  delivery: Delivery,
  parts: ReadonlyArray<{ phoneNumberId: string }>,
): Promise<void> {
  for (const id of new Set(parts.map((m) => m.phoneNumberId))) {
    if (await delivery.accountOf(id)) continue;
    const disputedBy = await delivery.accounts.disputedBy(id);
    if (disputedBy.length === 0) continue;
    delivery.log.error(
      { phoneNumberId: id, disputedBy },
      `WhatsApp delivery refused: organizations ${disputedBy.join(', ')} all name number ${id}; all but one must remove it`,
    );
    throw OrgErrors.identity_disputed({ setting: 'whatsapp.phoneNumberId' });
  }
}

/** Stores each message for its number's organization (a number nobody has is dropped); answers how many were new. */
async function storeMessages(
  delivery: Delivery,
  messages: ReturnType<typeof parseWhatsAppWebhook>['messages'],
): Promise<number> {
  let stored = 0;
  for (const m of messages) {
    const account = await delivery.accountOf(m.phoneNumberId);
    if (!account) {
      delivery.log.warn({ phoneNumberId: m.phoneNumberId }, 'WhatsApp message for an unknown number dropped');
      delivery.arrivalOf(m.id)?.settle();
      continue;
    }
    const result = await receiveInbound(ctxOf(delivery, account.orgId), delivery.deps.conversations, {
      channel: WHATSAPP_CHANNEL,
      externalId: m.from,
      displayName: m.name,
      channelMessageId: m.id,
      input: m.input,
      raw: m.raw,
      sentAt: m.sentAt,
      tap: m.tap,
      arrival: delivery.arrivalOf(m.id),
    });
    if (!result.duplicate) stored += 1;
  }
  return stored;
}

/**
 * Records each status Meta reports on a message through the outbox's one chat report entry: a
 * reply's, a notification's (whose record takes the same final turn), or one the outbox sent under
 * its own id whose answer was lost.
 */
async function recordStatuses(
  delivery: Delivery,
  statuses: ReturnType<typeof parseWhatsAppWebhook>['statuses'],
): Promise<void> {
  for (const s of statuses) {
    const account = await delivery.accountOf(s.phoneNumberId);
    if (!account) continue;
    await recordChatReport(ctxOf(delivery, account.orgId), delivery.deps.jobs, {
      channel: WHATSAPP_CHANNEL,
      channelMessageId: s.id,
      status: s.status,
      at: s.at,
      ...(s.errors ? { error: { errors: s.errors } } : {}),
      ...(s.reference ? { reference: s.reference } : {}),
    });
  }
}
