import type { Locale } from '../i18n/index.ts';
import type { ChannelName } from './notifications.rules.ts';
import { fittedToGsm7, smsSegments } from './sms-encoding.ts';
import type { NotificationTemplate } from './templates.ts';

/**
 * Text staff type freely (a refund's reason, a denial, an announcement) reaches a person only inside
 * a template, from the operator's own sender: it may not stretch the message past the template's room
 * nor carry a link the template does not (security issue 61, item 4). This file is that one rule.
 */

/** What marks staff text that was cut to fit. */
export const CUT_MARK = '…';

/**
 * The room of a message carrying staff text. SMS: the template's parts (2 unless it says fewer), in the
 * encoding the whole text takes once written for the network (`fittedToGsm7`: one Devanagari letter makes
 * it all UCS-2, 67 a part). E-mail, WhatsApp, Telegram: 1,000 characters, within the 1,024 a WhatsApp
 * template's body and a Telegram caption hold.
 */
export type MessageBudget = { smsParts: number } | { chars: number };

export const DEFAULT_SMS_PARTS = 2;
export const CHAT_MESSAGE_CHARS = 1000;

export function messageBudget(channel: ChannelName, smsParts = DEFAULT_SMS_PARTS): MessageBudget {
  return channel === 'sms' ? { smsParts } : { chars: CHAT_MESSAGE_CHARS };
}

/** Whether `body` fits `budget`. */
export function fitsBudget(body: string, budget: MessageBudget): boolean {
  if ('smsParts' in budget) return smsSegments(fittedToGsm7(body)).segments <= budget.smsParts;
  return [...body].length <= budget.chars;
}

// Top-level domains a phone or mail app turns into a link when written bare (`pay.example.com/x`):
// the common generic ones and every two-letter country code. A word glued to the next sentence with a
// two-letter start (`paid.In`) is taken for a link too: the cost is two words, not a phishing link.
const GENERIC_TLDS =
  'com|net|org|info|biz|xyz|top|site|online|link|click|page|shop|store|live|life|tech|club|icu|vip|win|' +
  'email|world|today|news|pro|mobi|name|app|dev|blog|cloud|bank|money|pay|cash|help|support|host|space|' +
  'website|fun|buzz|rest|bond|cfd|sbs|lol|loan|work|cam|monster|quest|asia|africa|kigali|gov|edu|int';
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?`;
const BARE = String.raw`(?<![\p{L}\p{M}\p{N}_.@/-])(?:[\p{L}\p{N}._%+-]+@)?(?:${LABEL}\.)+(?:${GENERIC_TLDS}|[a-z]{2})(?![\p{L}\p{M}\p{N}_-])(?:[/?#:]\S*)?`;
/** A link in any form a reader's phone makes tappable: with a scheme, `www.`, an e-mail address, a bare domain. */
const LINK = new RegExp(String.raw`[a-z][a-z0-9+.-]*:\/\/\S+|\bmailto:\S+|\bwww\.\S+|${BARE}`, 'giu');

/** Whether `text` carries a link. */
export function hasLink(text: string): boolean {
  LINK.lastIndex = 0;
  return LINK.test(text);
}

// Bidirectional overrides and isolates (they can show a link backwards) and invisible spaces (they can
// split one so it is not seen as a link); zero-width joiners stay, Devanagari needs them.
const HIDING = /[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]|[^\P{Cc}\s]/gu;

/**
 * Staff text as a person may read it in a message: without hiding characters, without links (unless
 * `keepLinks`), on one line (a WhatsApp template parameter holds no line break).
 */
export function cleanStaffText(text: string, options: { keepLinks?: boolean } = {}): string {
  const visible = text.replace(HIDING, '');
  const linkless = options.keepLinks ? visible : visible.replace(LINK, ' ');
  return linkless.replace(/\s+/g, ' ').trim();
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** `text`'s characters as a reader sees them (a Devanagari letter with its vowel sign is one). */
export const graphemesOf = (text: string): string[] => Array.from(graphemes.segment(text), (s) => s.segment);

/** The first `count` characters of `text` (as `graphemesOf`), marked cut. */
export function cutStaffText(chars: readonly string[], count: number): string {
  return chars.slice(0, count).join('').trimEnd() + CUT_MARK;
}

/**
 * The data with each staff field cleaned and, when the rendered message would not fit `budget`, cut
 * with "…": every staff field to at most the same number of characters, the most that fits (the
 * template's own words are never cut). Links are removed unless the template's own text carries one.
 */
export function fitStaffText<D>(args: {
  data: D;
  fields: readonly string[];
  render: (data: D) => string;
  budget: MessageBudget;
}): D {
  const { data, render, budget } = args;
  const record = data as Record<string, unknown>;
  const fields = args.fields.filter((f) => typeof record[f] === 'string' || typeof record[f] === 'number');
  if (fields.length === 0) return data;
  const blank = { ...record, ...Object.fromEntries(fields.map((f) => [f, ''])) } as D;
  const keepLinks = hasLink(render(blank));
  const cleaned = fields.map((f) => graphemesOf(cleanStaffText(String(record[f]), { keepLinks })));
  const at = (limit: number) =>
    ({
      ...record,
      ...Object.fromEntries(
        fields.map((f, i) => {
          const chars = cleaned[i]!;
          return [f, chars.length <= limit ? chars.join('') : cutStaffText(chars, limit)];
        }),
      ),
    }) as D;
  const longest = Math.max(...cleaned.map((c) => c.length));
  if (fitsBudget(render(at(longest)), budget)) return at(longest);
  // The most characters each field may keep: the size of the message grows with it.
  let low = 0;
  let high = longest - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fitsBudget(render(at(mid)), budget)) low = mid;
    else high = mid - 1;
  }
  return at(low);
}

/**
 * The data a template is rendered and stored with on `channel`: its `staffText` fields fitted to the
 * channel's budget (`smsParts` of the template on SMS). A template without staff text is left as it is.
 */
export function fitTemplateStaffText<D>(
  template: NotificationTemplate<D>,
  channel: ChannelName,
  locale: Locale,
  data: D,
): D {
  if (!template.staffText?.length) return data;
  return fitStaffText({
    data,
    fields: template.staffText,
    render: (d) => template.body(locale, d),
    budget: messageBudget(channel, template.smsParts),
  });
}

/** `given` with the template's staff fields as `fitted` holds them. */
export function withStaffText<D>(template: NotificationTemplate<D>, given: D, fitted: D): D {
  const fields = template.staffText ?? [];
  if (fields.length === 0) return given;
  const from = fitted as Record<string, unknown>;
  return { ...given, ...Object.fromEntries(fields.filter((f) => f in from).map((f) => [f, from[f]])) } as D;
}
