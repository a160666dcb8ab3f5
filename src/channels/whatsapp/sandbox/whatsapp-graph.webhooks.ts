import { createHash, createHmac, randomBytes } from 'node:crypto';

/** The business phone the inbound webhooks are addressed to. */
export interface BusinessPhone {
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
}
export interface StoredMediaInput {
  bytes: Uint8Array;
  mimeType: string;
  fileName?: string;
}
type Json = Record<string, unknown>;

export const newWamid = () => `wamid.${randomBytes(30).toString('base64')}`;
const timestamp = () => String(Math.floor(Date.now() / 1000));

/** `sha256=<hex HMAC-SHA256 of the raw body keyed with the App Secret>`, as Meta sends in X-Hub-Signature-256. */
export function signWebhookBody(rawBody: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** POSTs a payload to a webhook exactly as Meta does: raw JSON body, signed; `signature` lets tests forge one. */
export async function postSignedWebhook(input: {
  to: string;
  appSecret: string;
  payload: unknown;
  signature?: 'valid' | 'wrong' | 'missing';
}): Promise<{ status: number; body: string }> {
  const rawBody = JSON.stringify(input.payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'facebookexternalua',
  };
  if (input.signature !== 'missing') {
    const key = input.signature === 'wrong' ? `${input.appSecret}-wrong` : input.appSecret;
    headers['x-hub-signature-256'] = signWebhookBody(rawBody, key);
  }
  const response = await fetch(input.to, { method: 'POST', headers, body: rawBody });
  return { status: response.status, body: await response.text() };
}

/** The GET handshake Meta performs when a callback URL is registered. */
export async function verifyWebhookSubscription(input: {
  to: string;
  verifyToken: string;
  challenge?: string;
}) {
  const url = new URL(input.to);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.verify_token', input.verifyToken);
  url.searchParams.set('hub.challenge', input.challenge ?? String(randomBytes(4).readUInt32BE()));
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}

/**
 * Builders for the inbound envelopes of the "messages" webhook field, shaped like the samples in
 * shared/reference/whatsapp-cloud-api.md; media builders store the bytes so the two-step download works.
 */
export function createWebhookBuilders(phone: BusinessPhone, storeMedia: (media: StoredMediaInput) => string) {
  function envelope(value: Json, phoneNumberId = phone.phoneNumberId): Json {
    const metadata = { display_phone_number: phone.displayPhoneNumber, phone_number_id: phoneNumberId };
    const change = { value: { messaging_product: 'whatsapp', metadata, ...value }, field: 'messages' };
    return { object: 'whatsapp_business_account', entry: [{ id: phone.wabaId, changes: [change] }] };
  }
  interface From {
    from: string;
    name?: string;
    id?: string;
    phoneNumberId?: string;
    /** When the person sent it (Meta's `timestamp`, whole seconds); now when absent. */
    sentAt?: Date;
  }
  function inbound(input: From, message: Json): Json {
    const contacts = [{ profile: { name: input.name ?? 'Test User' }, wa_id: input.from }];
    const sent = input.sentAt ? String(Math.floor(input.sentAt.getTime() / 1000)) : timestamp();
    const base = { from: input.from, id: input.id ?? newWamid(), timestamp: sent };
    return envelope({ contacts, messages: [{ ...base, ...message }] }, input.phoneNumberId);
  }
  const context = (contextId?: string) => ({
    context: { from: phone.displayPhoneNumber, id: contextId ?? newWamid() },
  });
  const base64Sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64');

  return {
    textMessage: (input: From & { text: string }) =>
      inbound(input, { type: 'text', text: { body: input.text } }),
    /** A tap on an interactive reply button; `contextId` is the wamid of the message that carried the buttons. */
    buttonReply: (input: From & { buttonId: string; title: string; contextId?: string }) =>
      inbound(input, {
        ...context(input.contextId),
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: input.buttonId, title: input.title } },
      }),
    listReply: (input: From & { rowId: string; title: string; description?: string; contextId?: string }) =>
      inbound(input, {
        ...context(input.contextId),
        type: 'interactive',
        interactive: {
          type: 'list_reply',
          list_reply: {
            id: input.rowId,
            title: input.title,
            ...(input.description ? { description: input.description } : {}),
          },
        },
      }),
    imageMessage(input: From & { bytes: Uint8Array; mimeType?: string; caption?: string }): Json {
      const mimeType = input.mimeType ?? 'image/jpeg';
      const id = storeMedia({ bytes: input.bytes, mimeType });
      const image = {
        mime_type: mimeType,
        sha256: base64Sha256(input.bytes),
        id,
        ...(input.caption ? { caption: input.caption } : {}),
      };
      return inbound(input, { type: 'image', image });
    },
    documentMessage(
      input: From & { bytes: Uint8Array; fileName: string; mimeType: string; caption?: string },
    ): Json {
      const id = storeMedia({ bytes: input.bytes, mimeType: input.mimeType, fileName: input.fileName });
      const document = {
        ...(input.caption ? { caption: input.caption } : {}),
        filename: input.fileName,
        mime_type: input.mimeType,
        sha256: base64Sha256(input.bytes),
        id,
      };
      return inbound(input, { type: 'document', document });
    },
    /** A delivery status for a message the business sent; `failed` carries `errors[]` like Meta's. */
    statusUpdate(input: {
      id: string;
      status: 'sent' | 'delivered' | 'read' | 'failed';
      recipientId: string;
      errors?: Json[];
      /** What the send carried in `biz_opaque_callback_data`; Meta echoes it here. */
      bizOpaqueCallbackData?: string;
      /** The business number that sent it (else the account's first). */
      phoneNumberId?: string;
    }) {
      const failed = input.status === 'failed';
      const errors = input.errors ?? [
        {
          code: 131026,
          title: 'Message undeliverable',
          message: 'Message undeliverable',
          error_data: { details: 'Message Undeliverable.' },
        },
      ];
      const status = {
        id: input.id,
        status: input.status,
        timestamp: timestamp(),
        recipient_id: input.recipientId,
        ...(input.bizOpaqueCallbackData ? { biz_opaque_callback_data: input.bizOpaqueCallbackData } : {}),
        ...(failed
          ? { errors }
          : {
              conversation: { id: randomBytes(16).toString('hex'), origin: { type: 'service' } },
              pricing: { billable: true, pricing_model: 'CBP', category: 'service' },
            }),
      };
      return envelope({ statuses: [status] }, input.phoneNumberId);
    },
  };
}
