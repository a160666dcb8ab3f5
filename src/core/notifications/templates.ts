import type { z } from 'zod';
import type { Ctx } from '../context/index.ts';
import type { Locale } from '../i18n/index.ts';
import { NotificationErrors } from './notifications.errors.ts';
import type { ChannelName } from './notifications.rules.ts';

/**
 * A message template: renders a text body in a locale, and a subject when it may go by e-mail.
 * Rendering happens at enqueue, so the stored text is what was sent, except for the fields the
 * template declares `secrets`: those are stored sealed and shown masked, and the message is
 * rendered again with them only when it is sent. Senders pass the template itself (the compiler
 * checks its data); modules also list theirs in their definition.
 */
export interface NotificationTemplate<D = Record<string, unknown>> {
  /** Dotted key owned by its area (`mess.pass_issued`); stored with each message. */
  key: string;
  /** Checks the data at enqueue; a mismatch is refused before anything is stored. */
  data?: z.ZodType<D>;
  /**
   * The e-mail subject. Declared only by templates that may go by e-mail: a chat message has no
   * subject, so chat channels never show it (printing one above the body repeated its start, cut).
   */
  subject?(locale: Locale, data: D): string;
  body(locale: Locale, data: D): string;
  /**
   * The approved template that stands in for this message when a chat channel's service window is
   * closed (WhatsApp: 24 hours after the person's last message), as staff should create it at Meta:
   * its suggested name and the data fields that fill {{1}}, {{2}}, … (docs/whatsapp-templates.md).
   * Declared by messages the business starts; staff see which of these their organization lacks.
   */
  chatTemplate?: { name: string; parameters: readonly string[] };
  /**
   * Optional HTML alternative of the body (e-mail only; chat channels send `body`). It may show
   * attachments that carry a `contentId` inline as `<img src="cid:…">`. Escape what it interpolates.
   */
  html?(locale: Locale, data: D): string;
  /**
   * Optional files made when the message is sent, not when it is queued (a QR PNG, a PDF badge):
   * costly to render inside the request that queues the message and bulky to keep in the outbox.
   * Made from the stored `data` at each send attempt, so they must depend on nothing else; a
   * failure to make them counts as a failed attempt. Sent after the stored attachments.
   */
  attachments?(locale: Locale, data: D): Promise<SentAttachment[]>;
  /**
   * Data fields that are secrets for the recipient alone (a sign-in code, an invitation link, a
   * signed pass): sealed with OPSDESK_SECRET_KEY in the outbox, masked in its data, body, subject,
   * delivery log, errors and the chat history, put into the message only while it is sent, and
   * erased once it is sent. A sender must queue such a template with the key (`secretKey`). Each
   * must be a field of the `data` schema (checked by `defineTemplate`).
   * `src/app/template-secrets.test.ts` makes every template decide on its fields that look secret.
   */
  secrets?: ReadonlyArray<string>;
  /**
   * How long after queueing the secrets are worth sending (a code that expires in 10 minutes): a
   * message still unsent by then is not sent (`undeliverable`, `secret_expired`) and its sealed
   * secrets are erased. Without it they are kept until the message is sent.
   */
  secretsLiveMs?: number;
  /**
   * Data fields staff type freely (a refund's reason, a denial, an announcement): the person reads them
   * from the operator's sender, so at enqueue they lose any link (unless the template's own text has
   * one) and are cut with "…" until the message fits its channel: `smsParts` by SMS, 1,000 characters
   * by e-mail, WhatsApp and Telegram (`staff-text.ts`). The fitted text is what is stored and sent.
   * `src/app/staff-text.test.ts` makes every template decide on its fields that look typed by staff.
   */
  staffText?: ReadonlyArray<string>;
  /** The most SMS parts the message may take (default 2, the promise of docs/production.md). */
  smsParts?: number;
  /** What core sends in this message's place when it is lost (`DeliveryFallback`). */
  fallback?: DeliveryFallback<D>;
}

/**
 * Delivery policy as data (issue 75): the same news on another channel to the same person when a
 * message is lost. Core queues it in the transaction that records the loss, once per lost message, and
 * tells the module on the outcome event (`fallback`); the module only reacts. The address is the lost
 * message's own in the other channel's form (a WhatsApp wa_id `250788000111` is the phone
 * `+250788000111`); a message whose address has no such form, or is lost on that channel itself, gets none.
 */
export interface DeliveryFallback<D> {
  /** The channel it goes by: nothing is queued while the organization has not configured it. */
  channel: ChannelName;
  /** Its template, declared by the module too (as every template it sends); it has no fallback itself. */
  template: ListedTemplate;
  /** Its data, from the lost message's as it was stored; without it, that data as it is. */
  data?(data: D): Record<string, unknown>;
  /** Whether the organization wants it (a setting such as `raffle.smsFallback`); without it, always. */
  when?(ctx: Ctx): Promise<boolean>;
}

/** A file as a channel sends it; `contentId` marks an image the HTML body shows inline (`cid:`). */
export interface SentAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  contentId?: string;
}

/**
 * A template in a list that holds templates of every data type (a module's or area's `templates`,
 * the outbox's lookup by key): its own schema, not the compiler, checks the data it is given.
 */
export type ListedTemplate = NotificationTemplate<never>;
/** Puts a template in such a list. */
export const listed = <D>(template: NotificationTemplate<D>): ListedTemplate =>
  template as unknown as ListedTemplate;
/** Stored data handed back to a listed template: its schema checked that data when it was queued. */
export const checkedData = (data: Record<string, unknown>): never => data as never;

const KEY = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** Declares a template; its key must be dotted lowercase, like `mess.pass_issued`. */
export function defineTemplate<D>(template: NotificationTemplate<D>): NotificationTemplate<D> {
  if (!KEY.test(template.key)) {
    throw new Error(`template key ${template.key} must be dotted lowercase, like mess.pass_issued`);
  }
  const shape = (template.data as { shape?: Record<string, unknown> } | undefined)?.shape;
  const unknown = (template.secrets ?? []).filter((f) => !shape || !(f in shape));
  if (unknown.length)
    throw new Error(
      `template ${template.key} declares secrets that are not fields of its data: ${unknown.join(', ')}`,
    );
  // A data schema without a shape (a record of strings) cannot be checked: its fields are any.
  const notFields = (template.staffText ?? []).filter((f) => shape && !(f in shape));
  if (notFields.length)
    throw new Error(
      `template ${template.key} declares staff text that is not a field of its data: ${notFields.join(', ')}`,
    );
  if (template.smsParts !== undefined && !(Number.isInteger(template.smsParts) && template.smsParts >= 1))
    throw new Error(`template ${template.key} must allow a whole number of SMS parts, at least 1`);
  const fallback = template.fallback?.template;
  // A fallback of a fallback could hand one lost message back and forth between two channels.
  if (fallback?.fallback)
    throw new Error(`template ${template.key} falls back to ${fallback.key}, which falls back too`);
  // Core queues it with no key to seal secrets with, from data whose secrets are masked.
  if (fallback?.secrets?.length)
    throw new Error(`template ${template.key} falls back to ${fallback.key}, which declares secrets`);
  return template;
}

/** The data checked against the template's schema (and normalized by it); a mismatch is refused. */
export function checkTemplateData<D>(template: NotificationTemplate<D>, data: D): D {
  if (!template.data) return data;
  const parsed = template.data.safeParse(data);
  if (!parsed.success)
    throw NotificationErrors.invalid_template_data({
      template: template.key,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  return parsed.data;
}

/** Renders a template from data already checked (`checkTemplateData`). */
export function renderCheckedTemplate<D>(
  template: NotificationTemplate<D>,
  locale: Locale,
  data: D,
): { subject?: string; body: string; html?: string } {
  return {
    ...(template.subject ? { subject: template.subject(locale, data) } : {}),
    body: template.body(locale, data),
    ...(template.html ? { html: template.html(locale, data) } : {}),
  };
}

/** Renders a template; data that does not fit its schema is refused. */
export function renderTemplate<D>(
  template: NotificationTemplate<D>,
  locale: Locale,
  data: D,
): { subject?: string; body: string; html?: string } {
  return renderCheckedTemplate(template, locale, checkTemplateData(template, data));
}
