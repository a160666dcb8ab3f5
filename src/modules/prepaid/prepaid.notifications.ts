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

interface CodeMessage {
  code: string;
  meter: string;
}
const CODE_TEXT: Record<'en' | 'es', (d: CodeMessage) => string> = {
  en: (d) => `Your code for meter ${d.meter}: ${d.code}. It works for 10 minutes. Never share it.`,
  es: (d) => `Su código para el medidor ${d.meter}: ${d.code}. Vale 10 minutos. No lo comparta.`,
};

/** The portal's one-time sign-in code, sent over the account's channel. */
export const portalCodeTemplate = defineTemplate<CodeMessage>({
  key: 'prepaid.portal_code',
  data: z.object({ code: z.string(), meter: z.string() }),
  subject: (locale) => (locale === 'es' ? 'Su código de acceso' : 'Your sign-in code'),
  body: (locale, d) => (locale === 'es' ? CODE_TEXT.es(d) : CODE_TEXT.en(d)),
});

export const prepaidTemplates = [tokenTemplate, portalCodeTemplate] as NotificationTemplate<never>[];

/** 1234 → "1234 1234 1234": groups of three (standard 9 digits) or four, as printed on receipts. */
export const groupedToken = (token: string): string =>
  (token.match(token.length % 3 === 0 ? /.{1,3}/g : /.{1,4}/g) ?? [token]).join(' ');

export const kwhText = (tenths: number): string => `${Math.floor(tenths / 10)}.${tenths % 10}`;
