import { z } from 'zod';
import type { Locale } from '../../core/i18n/index.ts';
import { defineTemplate, type NotificationTemplate } from '../../core/notifications/index.ts';
import { CODE_TTL_MS } from './portal/portal.rules.ts';

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

/**
 * The portal's one-time sign-in (and sign-up) code, sent over the account's channel. The code opens
 * a session as the customer: sealed in the outbox, shown masked, useless after CODE_TTL_MS.
 */
export const portalCodeTemplate = defineTemplate<CodeMessage>({
  key: 'prepaid.portal_code',
  data: z.object({ code: z.string(), meter: z.string() }),
  secrets: ['code'],
  secretsLiveMs: CODE_TTL_MS,
  subject: (locale) => (locale === 'es' ? 'Su código de acceso' : 'Your sign-in code'),
  body: (locale, d) => (locale === 'es' ? CODE_TEXT.es(d) : CODE_TEXT.en(d)),
});

interface AlertMessage {
  kind: 'low_balance' | 'unusual_consumption';
  meter: string;
  /** kWh left, as text (`4.5`). */
  balance: string;
  /** Days left at the recent use; empty when unknown. */
  daysLeft: string;
  /** The last day's use and the usual daily use, as kWh text; empty for a low-balance alert. */
  lastDay: string;
  usual: string;
}
const ALERT_TEXT: Record<'en' | 'es', Record<AlertMessage['kind'], (d: AlertMessage) => string>> = {
  en: {
    low_balance: (d) =>
      `Meter ${d.meter} is running low: ${d.balance} kWh left${d.daysLeft ? `, about ${d.daysLeft} day(s) at your recent use` : ''}. Buy units before it cuts off.`,
    unusual_consumption: (d) =>
      `Meter ${d.meter} used ${d.lastDay} kWh in the last day, against ${d.usual} kWh on a usual day. Check for a fault or an appliance left on.`,
  },
  es: {
    low_balance: (d) =>
      `Al medidor ${d.meter} le queda poco: ${d.balance} kWh${d.daysLeft ? `, unos ${d.daysLeft} día(s) a su consumo reciente` : ''}. Compre unidades antes del corte.`,
    unusual_consumption: (d) =>
      `El medidor ${d.meter} consumió ${d.lastDay} kWh el último día, frente a ${d.usual} kWh en un día normal. Revise si hay una avería o un aparato encendido.`,
  },
};
const ALERT_SUBJECT: Record<'en' | 'es', Record<AlertMessage['kind'], string>> = {
  en: { low_balance: 'Low balance on meter', unusual_consumption: 'Unusual use on meter' },
  es: { low_balance: 'Saldo bajo en el medidor', unusual_consumption: 'Consumo inusual en el medidor' },
};
const lang = (locale: Locale) => (locale === 'es' ? 'es' : 'en');

/** A low-balance or unusual-consumption alert, to the account's channel. */
export const alertTemplate = defineTemplate<AlertMessage>({
  key: 'prepaid.alert',
  data: z.object({
    kind: z.enum(['low_balance', 'unusual_consumption']),
    meter: z.string(),
    balance: z.string(),
    daysLeft: z.string(),
    lastDay: z.string(),
    usual: z.string(),
  }),
  subject: (locale, d) => `${ALERT_SUBJECT[lang(locale)][d.kind]} ${d.meter}`,
  body: (locale, d) => ALERT_TEXT[lang(locale)][d.kind](d),
});

interface RequestDecision {
  meter: string;
  approved: boolean;
  note: string;
}
const REQUEST_TEXT: Record<'en' | 'es', (d: RequestDecision) => string> = {
  en: (d) =>
    d.approved
      ? `Meter ${d.meter} is now on your account: you can buy units for it.${d.note ? ` ${d.note}` : ''}`
      : `We could not add meter ${d.meter} to your account: ${d.note}`,
  es: (d) =>
    d.approved
      ? `El medidor ${d.meter} ya está en su cuenta: puede comprar unidades para él.${d.note ? ` ${d.note}` : ''}`
      : `No pudimos añadir el medidor ${d.meter} a su cuenta: ${d.note}`,
};

/** Staff's answer to a customer's request for a meter. */
export const meterRequestTemplate = defineTemplate<RequestDecision>({
  key: 'prepaid.meter_request',
  data: z.object({ meter: z.string(), approved: z.boolean(), note: z.string() }),
  subject: (locale, d) =>
    lang(locale) === 'es' ? `Su solicitud del medidor ${d.meter}` : `Your request for meter ${d.meter}`,
  body: (locale, d) => REQUEST_TEXT[lang(locale)](d),
});

interface StatementMessage {
  month: string;
  units: string;
  amount: string;
  count: string;
}
const STATEMENT_TEXT: Record<'en' | 'es', (d: StatementMessage) => string> = {
  en: (d) =>
    `Your electricity statement for ${d.month} is attached: ${d.count} purchase(s), ${d.units} kWh for ${d.amount}.`,
  es: (d) =>
    `Adjuntamos su estado de cuenta de electricidad de ${d.month}: ${d.count} compra(s), ${d.units} kWh por ${d.amount}.`,
};

/** The monthly statement's message; the PDF goes as its attachment. */
export const statementTemplate = defineTemplate<StatementMessage>({
  key: 'prepaid.statement',
  data: z.object({ month: z.string(), units: z.string(), amount: z.string(), count: z.string() }),
  subject: (locale, d) =>
    lang(locale) === 'es'
      ? `Estado de cuenta de electricidad ${d.month}`
      : `Electricity statement ${d.month}`,
  body: (locale, d) => STATEMENT_TEXT[lang(locale)](d),
});

export const prepaidTemplates = [
  tokenTemplate,
  portalCodeTemplate,
  alertTemplate,
  meterRequestTemplate,
  statementTemplate,
] as NotificationTemplate<never>[];

/** 1234 → "1234 1234 1234": groups of three (standard 9 digits) or four, as printed on receipts. */
export const groupedToken = (token: string): string =>
  (token.match(token.length % 3 === 0 ? /.{1,3}/g : /.{1,4}/g) ?? [token]).join(' ');

export const kwhText = (tenths: number): string => `${Math.floor(tenths / 10)}.${tenths % 10}`;
