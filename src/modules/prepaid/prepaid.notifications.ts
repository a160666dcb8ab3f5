import { z } from 'zod';
import type { Locale } from '../../core/i18n/index.ts';
import { defineTemplate, type NotificationTemplate } from '../../core/notifications/index.ts';

interface TokenMessage {
  meter: string;
  amount: string;
  units: string;
  token: string;
}

const TEXT: Record<'en' | 'es', (d: TokenMessage) => string> = {
  en: (d) => `Meter ${d.meter}: paid ${d.amount}, ${d.units} kWh. Token: ${d.token}`,
  es: (d) => `Medidor ${d.meter}: pagado ${d.amount}, ${d.units} kWh. Token: ${d.token}`,
};
const text = (locale: Locale, d: TokenMessage) => (locale === 'es' ? TEXT.es(d) : TEXT.en(d));

/** The token message: SMS-length text with the amount paid, the units and the token. */
export const tokenTemplate = defineTemplate<TokenMessage>({
  key: 'prepaid.token',
  data: z.object({ meter: z.string(), amount: z.string(), units: z.string(), token: z.string() }),
  subject: (locale, d) => (locale === 'es' ? `Token del medidor ${d.meter}` : `Token for meter ${d.meter}`),
  body: text,
});

export const prepaidTemplates = [tokenTemplate] as NotificationTemplate<never>[];

/** 1234 → "1234 1234 1234": groups of three (standard 9 digits) or four, as printed on receipts. */
export const groupedToken = (token: string): string =>
  (token.match(token.length % 3 === 0 ? /.{1,3}/g : /.{1,4}/g) ?? [token]).join(' ');

export const kwhText = (tenths: number): string => `${Math.floor(tenths / 10)}.${tenths % 10}`;
