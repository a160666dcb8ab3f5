import { createHash, randomInt } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import {
  bearerToken,
  createChangeSignal,
  createHeldReplies,
  createLoopbackApp,
  isMultipartForm,
  listenOnLoopback,
} from '../../../platform/loopback/index.ts';
import {
  badToken,
  GraphApiError,
  invalidParameter,
  pairRateLimit,
  sendFailure,
  unknownObject,
  validateOutboundMessage,
} from './whatsapp-graph.validation.ts';
import {
  createWebhookBuilders,
  newWamid,
  postSignedWebhook,
  type StoredMediaInput,
  verifyWebhookSubscription,
} from './whatsapp-graph.webhooks.ts';

export interface WhatsAppStandinOptions {
  accessToken?: string;
  phoneNumberId?: string;
  displayPhoneNumber?: string;
  wabaId?: string;
  /** Approved template names; when omitted every template name is accepted. */
  templates?: string[];
}
/** One message the business sent through `POST /<version>/<phone-number-id>/messages`. */
export interface SentWhatsAppMessage {
  id: string;
  to: string;
  type: string;
  /** The request body exactly as received. */
  body: Record<string, unknown>;
  phoneNumberId: string;
  version: string;
  at: Date;
}
interface StoredMedia {
  id: string;
  bytes: Buffer;
  mimeType: string;
  fileName?: string;
  sha256: string;
}

/** A Meta WhatsApp Cloud API (Graph API) stand-in: send, media upload/download, and signed webhook delivery. */
export async function startWhatsAppStandin(opts: WhatsAppStandinOptions = {}) {
  const accessToken = opts.accessToken ?? 'EAAStandinWhatsAppAccessToken';
  const phone = {
    phoneNumberId: opts.phoneNumberId ?? '1122334455667',
    displayPhoneNumber: opts.displayPhoneNumber ?? '15550001111',
    wabaId: opts.wabaId ?? '1234567890987654321',
  };
  const { app, requests } = createLoopbackApp({ multipart: true });
  const media = new Map<string, StoredMedia>();
  const sent: SentWhatsAppMessage[] = [];
  const readReceipts: string[] = [];
  const signal = createChangeSignal();
  const forcedFailures: number[] = [];
  const forcedDelays: number[] = [];
  // Sends carried out (stored, reported) and then answered wrongly: hang forever, or a 5xx.
  const afterDelivery: Array<{ hang: true } | { status: number }> = [];
  const hanging = createHeldReplies();
  let url = '';
  const builders = createWebhookBuilders(phone, storeMedia);
  // Where Meta posts the `sent` status of each accepted message, when a test asks for it.
  // `to` may be asked for each time: the sandbox knows the app's address only once it listens.
  let statusWebhook:
    | { to: string | (() => string | undefined); appSecret: string; delayMs?: number }
    | undefined;
  const reporting = new Set<Promise<void>>();
  let closed = false;

  /** Like Meta: a signed `sent` status echoing biz_opaque_callback_data, retried while the app fails. */
  function reportSent(message: SentWhatsAppMessage): void {
    const to = typeof statusWebhook?.to === 'function' ? statusWebhook.to() : statusWebhook?.to;
    if (!statusWebhook || !to) return;
    const target = { ...statusWebhook, to };
    const reference = message.body.biz_opaque_callback_data;
    const payload = builders.statusUpdate({
      id: message.id,
      status: 'sent',
      recipientId: message.to,
      phoneNumberId: message.phoneNumberId,
      ...(typeof reference === 'string' ? { bizOpaqueCallbackData: reference } : {}),
    });
    const report = (async () => {
      // Meta's reports come seconds after its answer, sometimes more.
      if (target.delayMs) await new Promise((resolve) => setTimeout(resolve, target.delayMs));
      // Meta retries a webhook it could not deliver for days, less and less often; here for two
      // minutes, which outlasts an app's restart after a crash (issue 55).
      const until = Date.now() + 120_000;
      for (let wait = 250; !closed && Date.now() < until; wait = Math.min(wait * 2, 2_000)) {
        const answer = await postSignedWebhook({ ...target, payload }).catch(() => ({ status: 0 }));
        if (answer.status >= 200 && answer.status < 300) return;
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
      }
    })();
    reporting.add(report);
    void report.finally(() => reporting.delete(report));
  }

  function storeMedia(input: StoredMediaInput): string {
    const id = String(10 ** 14 + randomInt(0, 10 ** 14));
    const bytes = Buffer.from(input.bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    media.set(id, { id, bytes, mimeType: input.mimeType, fileName: input.fileName, sha256 });
    return id;
  }
  function authorize(req: FastifyRequest): void {
    if (bearerToken(req.headers.authorization) !== accessToken) throw badToken();
  }
  // More business numbers on the same account (the sandbox gives each organization its own).
  const morePhones = new Set<string>();
  function knownPhone(id: string): void {
    if (id !== phone.phoneNumberId && !morePhones.has(id)) throw unknownObject(id, 'post');
  }

  app.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
    if (error instanceof GraphApiError) return reply.code(error.status).send(error.toJSON());
    const status = error.statusCode ?? 500;
    return reply
      .code(status)
      .send({ error: { message: error.message, type: 'OAuthException', code: status === 400 ? 100 : 1 } });
  });

  app.post('/:version/:phoneNumberId/messages', async (req, reply) => {
    const { version, phoneNumberId } = req.params as { version: string; phoneNumberId: string };
    authorize(req);
    knownPhone(phoneNumberId);
    const failure = forcedFailures.shift();
    if (failure === 131056) throw pairRateLimit();
    if (failure !== undefined) throw sendFailure(failure);
    const delay = forcedDelays.shift();
    if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<
      string,
      unknown
    >;
    if (body.status === 'read') {
      if (typeof body.message_id !== 'string')
        throw invalidParameter('The parameter message_id is required.');
      readReceipts.push(body.message_id);
      return { success: true };
    }
    validateOutboundMessage(body, { mediaExists: (id) => media.has(id), templates: opts.templates });
    const to = String(body.to);
    const message = {
      id: newWamid(),
      to,
      type: String(body.type ?? 'text'),
      body,
      phoneNumberId,
      version,
      at: new Date(),
    };
    sent.push(message);
    signal.notify();
    reportSent(message);
    const after = afterDelivery.shift();
    if (after && 'hang' in after) return hanging.hold(reply);
    if (after) throw sendFailure(after.status);
    return {
      messaging_product: 'whatsapp',
      contacts: [{ input: to, wa_id: to.replace(/\D/g, '') }],
      messages: [{ id: message.id, ...(message.type === 'template' ? { message_status: 'accepted' } : {}) }],
    };
  });

  app.post('/:version/:phoneNumberId/media', async (req) => {
    authorize(req);
    knownPhone((req.params as { phoneNumberId: string }).phoneNumberId);
    if (!isMultipartForm(req.body)) throw invalidParameter('Media upload must be multipart/form-data.');
    if (req.body.fields.messaging_product !== 'whatsapp')
      throw invalidParameter('The parameter messaging_product is required.');
    const file = req.body.files.file;
    if (!file) throw invalidParameter('The parameter file is required.');
    const mimeType = req.body.fields.type ?? file.contentType;
    return { id: storeMedia({ bytes: file.data, mimeType, fileName: file.fileName }) };
  });

  app.get('/:version/:mediaId', async (req) => {
    authorize(req);
    const { mediaId } = req.params as { mediaId: string };
    const stored = media.get(mediaId);
    if (!stored) throw unknownObject(mediaId, 'get');
    return {
      messaging_product: 'whatsapp',
      url: `${url}/whatsapp_business/attachments/?mid=${stored.id}&ext=${Date.now()}`,
      mime_type: stored.mimeType,
      sha256: stored.sha256,
      file_size: stored.bytes.length,
      id: stored.id,
    };
  });

  app.delete('/:version/:mediaId', async (req) => {
    authorize(req);
    const { mediaId } = req.params as { mediaId: string };
    if (!media.delete(mediaId)) throw unknownObject(mediaId, 'get');
    return { success: true };
  });

  // Stands in for lookaside.fbsbx.com: the download still needs the same Bearer token.
  app.get('/whatsapp_business/attachments/', async (req, reply) => {
    authorize(req);
    const stored = media.get(String((req.query as { mid?: string }).mid ?? ''));
    if (!stored) return reply.code(404).send();
    return reply.type(stored.mimeType).send(stored.bytes);
  });

  url = await listenOnLoopback(app);
  const sentTo = (to?: string) => (to === undefined ? [...sent] : sent.filter((m) => m.to === to));

  return {
    url,
    accessToken,
    phoneNumberId: phone.phoneNumberId,
    displayPhoneNumber: phone.displayPhoneNumber,
    requests,
    readReceipts,
    /** One more business number the same access token sends from. */
    addPhone(phoneNumberId: string): void {
      morePhones.add(phoneNumberId);
    },
    /** Messages the business sent, optionally only those to one number (as given in `to`). */
    sentMessages: sentTo,
    waitForMessage(
      to: string,
      predicate: (m: SentWhatsAppMessage) => boolean = () => true,
      timeoutMs = 5_000,
    ) {
      const seen = () => JSON.stringify(sentTo(to).map((m) => m.body));
      return signal.waitFor(
        () => sentTo(to).find(predicate),
        timeoutMs,
        () => `no match in ${seen()}`,
      );
    },
    /**
     * The next `count` sends are refused with Meta's error envelope and not sent: 429 → 130429, 503 →
     * 131016, 131056 → the pair rate limit (HTTP 400), else 131000.
     */
    failNextSends(count: number, status = 500): void {
      for (let i = 0; i < count; i++) forcedFailures.push(status);
    },
    /**
     * The next `count` sends are carried out (the person gets them, Meta reports them) and then
     * answered with `status` in Meta's error envelope (500 → 131000, 503 → 131016): a lost answer.
     */
    failNextSendsAfterDelivery(count: number, status = 500): void {
      for (let i = 0; i < count; i++) afterDelivery.push({ status });
    },
    /** The next `count` sends are carried out and never answered (until the caller gives up). */
    hangNextSends(count: number): void {
      for (let i = 0; i < count; i++) afterDelivery.push({ hang: true });
    },
    /** The next `count` sends are answered after `ms` (Meta slow under load): a send stays in flight. */
    slowNextSends(count: number, ms: number): void {
      for (let i = 0; i < count; i++) forcedDelays.push(ms);
    },
    /**
     * From now on, posts a `sent` status webhook to `to` for each accepted message, as Meta does;
     * `delayMs` after the send's answer when given (a report slower than the sender's retries).
     */
    reportStatusesTo(target: {
      to: string | (() => string | undefined);
      appSecret: string;
      delayMs?: number;
    }): void {
      statusWebhook = target;
    },
    /** Stores media as if a user had sent it; returns the media id. */
    storeMedia,
    mediaBytes: (id: string): Buffer | undefined => media.get(id)?.bytes,
    mediaOf: (id: string): { bytes: Buffer; mimeType: string; fileName?: string } | undefined =>
      media.get(id),
    /** Acts as Meta: POSTs the payload to the callback with `X-Hub-Signature-256` over the raw body. */
    deliverWebhook: postSignedWebhook,
    verifyWebhookSubscription,
    ...builders,
    async close(): Promise<void> {
      closed = true;
      hanging.releaseAll();
      await Promise.allSettled([...reporting]);
      await app.close();
    },
  };
}

export type WhatsAppStandin = Awaited<ReturnType<typeof startWhatsAppStandin>>;
