import type { z } from 'zod';
import type { Locale } from '../i18n/index.ts';
import { NotificationErrors } from './notifications.errors.ts';

/**
 * A message template: renders a text body in a locale, and a subject when it may go by e-mail.
 * Rendering happens at enqueue, so the stored text is exactly what was sent. Senders pass the
 * template itself (the compiler checks its data); modules also list theirs in their definition.
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
}

/** A file as a channel sends it; `contentId` marks an image the HTML body shows inline (`cid:`). */
export interface SentAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  contentId?: string;
}

const KEY = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** Declares a template; its key must be dotted lowercase, like `mess.pass_issued`. */
export function defineTemplate<D>(template: NotificationTemplate<D>): NotificationTemplate<D> {
  if (!KEY.test(template.key)) {
    throw new Error(`template key ${template.key} must be dotted lowercase, like mess.pass_issued`);
  }
  return template;
}

/** Renders a template; data that does not fit its schema is refused. */
export function renderTemplate<D>(
  template: NotificationTemplate<D>,
  locale: Locale,
  data: D,
): { subject?: string; body: string; html?: string } {
  let input = data;
  if (template.data) {
    const parsed = template.data.safeParse(data);
    if (!parsed.success)
      throw NotificationErrors.invalid_template_data({
        template: template.key,
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    input = parsed.data;
  }
  return {
    ...(template.subject ? { subject: template.subject(locale, input) } : {}),
    body: template.body(locale, input),
    ...(template.html ? { html: template.html(locale, input) } : {}),
  };
}
