import { z } from 'zod';
import { createI18n } from '../../core/i18n/index.ts';
import {
  type DeliveryFallback,
  defineTemplate,
  type ListedTemplate,
  listed,
  type NotificationTemplate,
} from '../../core/notifications/index.ts';
import { raffleSettingsOf } from './raffle.settings.ts';
import { raffleSmsCatalog } from './raffle.sms.catalog.ts';

const raffleSms = createI18n({ catalogs: { 'raffle-sms': raffleSmsCatalog } });
const t = (locale: string, key: string, params: object = {}) =>
  raffleSms.t(locale, `raffle-sms:${key}`, { ...params });

/** The most SMS parts a raffle text may take (each template's `smsParts`, checked in `raffle.sms.test.ts`). */
export const RAFFLE_SMS_PARTS = 2;

const NAME_ROOM = 32;

/**
 * A raffle's title or a prize as a text carries it: at most 32 characters, so the text keeps to two
 * parts; a longer one is cut after a whole word and marked ("Gran Rifa Solidaria de...").
 */
export function smsName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length <= NAME_ROOM) return trimmed;
  const room = trimmed.slice(0, NAME_ROOM - 2);
  const space = room.lastIndexOf(' ');
  return `${(space > NAME_ROOM / 2 ? room.slice(0, space) : room.slice(0, -1)).trimEnd()}...`;
}

/** Room for the ticket numbers in a text: about a dozen four-digit numbers. */
const NUMBERS_ROOM = 60;

/**
 * Ticket numbers as a text carries them ("3, 7, 12"): as many as fit the room, then how many more
 * ("3, 7, 12 (+488)"), so an order of 500 tickets still fits two parts.
 */
export function smsNumbers(numbers: string): string {
  const all = numbers
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const shown: string[] = [];
  for (const n of all) {
    if ([...shown, n].join(', ').length > NUMBERS_ROOM) break;
    shown.push(n);
  }
  const more = all.length - shown.length;
  return more > 0 ? `${shown.join(', ')} (+${more})` : shown.join(', ');
}

const text = z.string().default('');

/** Each text by the WhatsApp message it stands in for, and the data fields it reads. */
const SMS = {
  'raffle.order_paid': { key: 'order_paid', fields: ['raffle', 'numbers'], staffText: [] },
  'raffle.proof_denied': { key: 'proof_denied', fields: ['numbers', 'reason'], staffText: ['reason'] },
  'raffle.order_cancelled': { key: 'order_cancelled', fields: ['numbers', 'raffle'], staffText: [] },
  'raffle.order_refunded': {
    key: 'order_refunded',
    fields: ['amount', 'numbers', 'raffle', 'reason'],
    staffText: ['reason'],
  },
  'raffle.winner': { key: 'winner', fields: ['number', 'prize', 'raffle'], staffText: [] },
} as const satisfies Record<
  `raffle.${string}`,
  { key: string; fields: readonly string[]; staffText: readonly string[] }
>;

export type SmsBackedTemplate = keyof typeof SMS;

/** The WhatsApp messages a buyer is texted when WhatsApp cannot deliver them (issue 65). */
export const SMS_BACKED = Object.keys(SMS) as SmsBackedTemplate[];

const SMS_TEMPLATES = Object.fromEntries(
  Object.entries(SMS).map(([whatsapp, { key, fields, staffText }]) => [
    whatsapp,
    defineTemplate<Record<string, string>>({
      key: `raffle.${key}_sms`,
      data: z.object(Object.fromEntries(fields.map((f) => [f, text]))) as never,
      ...(staffText.length ? { staffText } : {}),
      smsParts: RAFFLE_SMS_PARTS,
      body: (locale, d) => t(locale, key, d),
    }),
  ]),
) as Record<SmsBackedTemplate, NotificationTemplate<Record<string, string>>>;

/** The text standing in for one WhatsApp message. */
export const smsTemplateFor = (whatsapp: SmsBackedTemplate) => SMS_TEMPLATES[whatsapp];

const isSmsBacked = (template: string): template is SmsBackedTemplate => Object.hasOwn(SMS, template);

/**
 * The delivery policy of a WhatsApp message the buyer is texted when WhatsApp cannot deliver it (Meta
 * refused the template, the 24-hour window closed with no template, the number left WhatsApp; issue
 * 65): its text, in the buyer's language, while the seller keeps `raffle.smsFallback` on. Core sends it
 * (`DeliveryFallback`); none for the other messages.
 */
export function smsFallbackFor(whatsapp: string): DeliveryFallback<Record<string, string>> | undefined {
  if (!isSmsBacked(whatsapp)) return undefined;
  return {
    channel: 'sms',
    template: listed(SMS_TEMPLATES[whatsapp]),
    data: (data) => smsDataOf(whatsapp, data),
    when: async (ctx) => (await raffleSettingsOf(ctx)).smsFallback,
  };
}

/**
 * The text's data from the WhatsApp message's own (as it was queued): the same facts, the raffle's
 * title and the prize shortened and the ticket numbers fitted, so the text keeps to its parts.
 */
export function smsDataOf(
  whatsapp: SmsBackedTemplate,
  data: Record<string, unknown>,
): Record<string, string> {
  const value = (f: string) => (typeof data[f] === 'string' ? (data[f] as string) : String(data[f] ?? ''));
  const out: Record<string, string> = {};
  for (const f of SMS[whatsapp].fields) out[f] = fitted(f, value(f));
  return out;
}

/** One field as the text carries it; a reason loses its closing stop (the sentence has its own). */
function fitted(field: string, value: string): string {
  if (field === 'numbers') return smsNumbers(value);
  if (field === 'raffle' || field === 'prize') return smsName(value);
  if (field === 'reason') return value.trim().replace(/[.\s]+$/, '');
  return value;
}

export const raffleSmsTemplates: ReadonlyArray<ListedTemplate> = Object.values(SMS_TEMPLATES).map(listed);
