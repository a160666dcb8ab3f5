import { createHash } from 'node:crypto';
import {
  ConversationsErrors,
  type DownloadedMedia,
  deliveryAmbiguous,
  deliveryRefused,
  deliveryThrottled,
  failedBeforeSending,
} from '../../core/conversations/index.ts';
import { OUTSIDE_CALL_TIMEOUTS_MS } from '../../platform/config/index.ts';
import type { WhatsAppAccount } from './whatsapp.accounts.ts';
import { digestMatches } from './whatsapp.rules.ts';

/** Bounded times of Graph calls (`outsideCallTimeoutMs`: `whatsapp`, `whatsappMedia`). */
export interface WhatsAppTimeouts {
  callMs: number;
  mediaMs: number;
}
/** An account with the bounded times its calls take; the table's defaults when absent. */
export type WhatsAppCaller = WhatsAppAccount & { timeouts?: WhatsAppTimeouts };

const timeoutsOf = (account: WhatsAppCaller): WhatsAppTimeouts =>
  account.timeouts ?? {
    callMs: OUTSIDE_CALL_TIMEOUTS_MS.whatsapp,
    mediaMs: OUTSIDE_CALL_TIMEOUTS_MS.whatsappMedia,
  };

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
  account: WhatsAppCaller,
  path: string,
  init: RequestInit = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`${account.baseUrl}/${account.version}/${path}`, {
    ...init,
    headers: { authorization: `Bearer ${account.accessToken}`, ...(init.headers ?? {}) },
    signal: AbortSignal.timeout(timeoutsOf(account).callMs),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new GraphError(response.status, (body.error as Record<string, unknown>) ?? {});
  return body;
}

/**
 * Meta's throughput refusals and how long this number (or this pair) waits after one. Meta gives no
 * retry time: 130429 is the number's messages per second (a few seconds clear it), 131056 the pair
 * rate limit of about one message every 6 seconds to one person.
 */
const THROTTLES: Record<number, { scope: 'account' | 'recipient'; waitMs: number }> = {
  130429: { scope: 'account', waitMs: 5_000 },
  131056: { scope: 'recipient', waitMs: 6_000 },
  // The WhatsApp Business Account's own API rate limit.
  80007: { scope: 'account', waitMs: 60_000 },
};

/**
 * What a failed send means for the person. Nothing reached Meta (connection refused, no such host),
 * or Meta refused it for now (401): sent again. Meta said when to come back (throughput): throttled.
 * Meta refused it for good (another 4xx): refused. Anything else (a timeout, a reset after the
 * request was written, a 5xx, an answer without a wamid) may have been accepted: ambiguous, and
 * settled by Meta's `sent` status echoing our reference, or sent again if Meta never reports it.
 */
function sendFailure(account: WhatsAppCaller, to: unknown, err: unknown): unknown {
  if (err instanceof GraphError) {
    const code = Number(err.error.code);
    const throttle = THROTTLES[code] ?? (err.status === 429 ? THROTTLES[130429] : undefined);
    if (throttle)
      return deliveryThrottled('whatsapp_throttled', err.message, {
        account: account.phoneNumberId,
        ...(throttle.scope === 'recipient' ? { recipient: String(to) } : {}),
        retryAfterMs: throttle.waitMs,
      });
    if (err.status === 401) return err;
    if (err.status >= 400 && err.status < 500)
      return deliveryRefused('whatsapp_rejected', err.message, { graph: err.error });
    return deliveryAmbiguous('whatsapp_server_error', err.message, { graph: err.error });
  }
  if (failedBeforeSending(err)) return err;
  const timedOut = (err as Error | undefined)?.name === 'TimeoutError';
  return deliveryAmbiguous(
    timedOut ? 'whatsapp_timeout' : 'whatsapp_no_answer',
    `WhatsApp Cloud API gave no answer: ${(err as Error | undefined)?.message ?? String(err)}`,
  );
}

/**
 * Sends one message; answers the wamid. A failure is classified by what it means for the person
 * (see `sendFailure`): refused, throttled, ambiguous, or not sent (retried). `beforeRequest` runs
 * right before the message is posted (`SendOptions`); what it throws stops the send as it is.
 */
export async function sendWhatsAppMessage(
  account: WhatsAppCaller,
  body: Record<string, unknown>,
  beforeRequest?: () => Promise<void>,
): Promise<string> {
  await beforeRequest?.();
  let answer: Record<string, unknown>;
  try {
    answer = await graph(account, `${account.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw sendFailure(account, body.to, err);
  }
  const id = (answer.messages as Array<{ id?: string }> | undefined)?.[0]?.id;
  if (!id)
    throw deliveryAmbiguous('whatsapp_no_message_id', 'WhatsApp Cloud API answered without a message id');
  return id;
}

/** Uploads bytes (`POST /<phone-number-id>/media`); answers the media id to send them by. */
export async function uploadWhatsAppMedia(
  account: WhatsAppCaller,
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
  account: WhatsAppCaller,
  mediaId: string,
  announcedSha256?: string,
): Promise<DownloadedMedia> {
  const meta = await graph(
    { ...account, timeouts: { ...timeoutsOf(account), callMs: timeoutsOf(account).mediaMs } },
    encodeURIComponent(mediaId),
  );
  const url = typeof meta.url === 'string' ? meta.url : undefined;
  if (!url) throw ConversationsErrors.media_download_failed({ mediaId, reason: 'no url' });
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${account.accessToken}` },
    signal: AbortSignal.timeout(timeoutsOf(account).mediaMs),
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
