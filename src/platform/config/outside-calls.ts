import { z } from 'zod';

/**
 * Every call the app makes to a service outside it has a bounded time, set here and nowhere else:
 * each driver reads its entry (`outsideCallTimeoutMs`). `OPSDESK_OUTSIDE_CALL_TIMEOUTS` overrides any
 * of them (`telegram=5000,smtp=20000`, milliseconds). A call abandoned at its timeout is not
 * assumed lost: what it means (sent or not) is decided per service below, and by the driver that
 * classifies the failure (`docs/core-capabilities.md`, "Outside calls").
 *
 * grammY's own default was 500 s: one hung `sendMessage` held its person's conversation for 316 s
 * (issue 26).
 */
export const OUTSIDE_CALL_TIMEOUTS_MS = {
  /**
   * One Bot API call (a text, an edit, a callback answer). A send that hangs holds its person's
   * conversation until this time, so it is a few seconds: the 15 s shipped before held a student
   * 15 s after each hung reply (issue 40). A timed-out send may have
   * reached the person (Telegram has no idempotency key): it is ambiguous and never sent again.
   * A long poll (`getUpdates`) gets its own hold time on top.
   */
  telegram: 2_500,
  /**
   * A photo or document sent with its bytes or by link: the upload takes as long as the link needs
   * (a payment proof forwarded to an admin may be megabytes), so it is not cut at `telegram`'s time.
   * A timed-out one is ambiguous, as any send.
   */
  telegramUpload: 30_000,
  /** A file the person sent, downloaded from Telegram's file server; nothing is sent, so it is retried. */
  telegramFile: 30_000,
  /**
   * One Graph API call (a send, a media upload). A timed-out send is ambiguous and settled by
   * Meta's `sent` status echoing our id, or sent again when Meta never reports it.
   */
  whatsapp: 10_000,
  /** A media download (the id, then the bytes); nothing is sent, so it is retried. */
  whatsappMedia: 30_000,
  /**
   * MTN MoMo. A timed-out request-to-pay was made under our reference id (X-Reference-Id): the
   * payment's status checks settle it (`ambiguous` until the provider answers), never a second request.
   */
  momo: 15_000,
  /** Airtel Money: as MoMo, the transaction id is ours and the status checks settle a timed-out request. */
  airtel: 15_000,
  /**
   * An SMTP connection, greeting and each wait on the relay. A message cut off after its data was
   * sent may have been accepted: it is sent again under the same Message-ID, which mailboxes
   * deduplicate.
   */
  smtp: 20_000,
  /** An S3 request (connection and answer). Keys are ours: a repeated put writes the same object. */
  s3: 30_000,
  /**
   * One SMS provider call (Africa's Talking, Twilio). A send is claimed before the call; one cut off
   * may have reached the phone and is ambiguous, never sent twice (issue 52).
   */
  sms: 10_000,
  /** Google Sheets (token and append). A timed-out append is retried by its job, like any transient refusal. */
  sheets: 30_000,
} as const satisfies Record<string, number>;

export type OutsideService = keyof typeof OUTSIDE_CALL_TIMEOUTS_MS;
const SERVICES = Object.keys(OUTSIDE_CALL_TIMEOUTS_MS) as [OutsideService, ...OutsideService[]];

/** `OPSDESK_OUTSIDE_CALL_TIMEOUTS`: `service=milliseconds` pairs, comma-separated; names from the table. */
export const outsideCallTimeoutsSchema = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const overrides: Partial<Record<OutsideService, number>> = {};
    for (const pair of text
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [name, value] = pair.split('=').map((s) => s.trim());
      const service = z.enum(SERVICES).safeParse(name);
      const ms = Number(value);
      if (!service.success || !Number.isInteger(ms) || ms < 1 || ms > 600_000) {
        ctx.addIssue({
          code: 'custom',
          message: `expected service=milliseconds (1-600000) with a service among ${SERVICES.join(', ')}; got "${pair}"`,
        });
        return z.NEVER;
      }
      overrides[service.data] = ms;
    }
    return overrides;
  });

/** The bounded time of one call to `service`: the table's, or the operator's override. */
export function outsideCallTimeoutMs(
  config: { OPSDESK_OUTSIDE_CALL_TIMEOUTS?: Partial<Record<OutsideService, number>> },
  service: OutsideService,
): number {
  return config.OPSDESK_OUTSIDE_CALL_TIMEOUTS?.[service] ?? OUTSIDE_CALL_TIMEOUTS_MS[service];
}
