import { createHash } from 'node:crypto';
import {
  ConversationsErrors,
  type DownloadedMedia,
  deliveryRefused,
} from '../../core/conversations/index.ts';
import type { WhatsAppAccount } from './whatsapp.accounts.ts';
import { digestMatches } from './whatsapp.rules.ts';

const TIMEOUT_MS = 10_000;

/** A Graph API error answer, kept whole for the message's history. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly error: Record<string, unknown>,
  ) {
    super(`WhatsApp Cloud API ${status}: ${String(error.message ?? 'error')}`);
  }
}

async function graph(
  account: WhatsAppAccount,
  path: string,
  init: RequestInit = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`${account.baseUrl}/${account.version}/${path}`, {
    ...init,
    headers: { authorization: `Bearer ${account.accessToken}`, ...(init.headers ?? {}) },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new GraphError(response.status, (body.error as Record<string, unknown>) ?? {});
  return body;
}

/**
 * Sends one message; answers the wamid. Refusals Meta will repeat (bad parameter, unknown
 * template, re-engagement required) are permanent; throttling and server errors are retried.
 */
export async function sendWhatsAppMessage(
  account: WhatsAppAccount,
  body: Record<string, unknown>,
): Promise<string> {
  try {
    const answer = await graph(account, `${account.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const id = (answer.messages as Array<{ id?: string }> | undefined)?.[0]?.id;
    if (!id) throw new Error('WhatsApp Cloud API answered without a message id');
    return id;
  } catch (err) {
    if (
      err instanceof GraphError &&
      err.status >= 400 &&
      err.status < 500 &&
      err.status !== 429 &&
      err.status !== 401
    )
      throw deliveryRefused('whatsapp_rejected', err.message, { graph: err.error });
    throw err;
  }
}

/** Uploads bytes (`POST /<phone-number-id>/media`); answers the media id to send them by. */
export async function uploadWhatsAppMedia(
  account: WhatsAppAccount,
  file: { bytes: Uint8Array; mime: string; fileName: string },
): Promise<string> {
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', file.mime);
  form.set('file', new Blob([Buffer.from(file.bytes)], { type: file.mime }), file.fileName);
  const answer = await graph(account, `${account.phoneNumberId}/media`, { method: 'POST', body: form });
  return String(answer.id);
}

/**
 * The two-step media download: the media id gives a short-lived URL (with Meta's sha256), which is
 * fetched with the same token. The bytes must match Meta's digest and the webhook's, if given.
 */
export async function downloadWhatsAppMedia(
  account: WhatsAppAccount,
  mediaId: string,
  announcedSha256?: string,
): Promise<DownloadedMedia> {
  const meta = await graph(account, encodeURIComponent(mediaId));
  const url = typeof meta.url === 'string' ? meta.url : undefined;
  if (!url) throw ConversationsErrors.media_download_failed({ mediaId, reason: 'no url' });
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${account.accessToken}` },
    signal: AbortSignal.timeout(TIMEOUT_MS * 3),
  });
  if (!response.ok) throw ConversationsErrors.media_download_failed({ mediaId, status: response.status });
  const bytes = Buffer.from(await response.arrayBuffer());
  for (const expected of [meta.sha256, announcedSha256]) {
    if (typeof expected === 'string' && expected && !digestMatches(bytes, expected))
      throw ConversationsErrors.media_checksum_mismatch({ mediaId });
  }
  return {
    bytes,
    mime: String(meta.mime_type ?? response.headers.get('content-type') ?? 'application/octet-stream'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
