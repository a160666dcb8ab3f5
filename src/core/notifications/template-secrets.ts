import { openSecret, sealSecret } from '../../platform/secrets/index.ts';
import type { Locale } from '../i18n/index.ts';
import { ChannelSendError, type OutboundMessage } from './notification-channel.ts';
import {
  checkedData,
  type ListedTemplate,
  type NotificationTemplate,
  renderCheckedTemplate,
} from './templates.ts';

/** What a one-time secret looks like wherever the outbox shows or keeps a message: API, events, history. */
export const SECRET_MASK = '••••••';

/** The purpose label of the key that seals a message's secrets (derived from OPSDESK_SECRET_KEY). */
export const NOTIFICATION_SECRETS_PURPOSE = 'notifications.secrets';

/** Shorter values are not searched for in free text: masking every "1" would garble errors. */
const MIN_MASKED_LENGTH = 4;

export interface SealedData<D> {
  /** The data with every secret field replaced by the mask: what is stored, rendered and shown. */
  masked: D;
  /** The secret fields' values, sealed; null when the template declares none. */
  sealed: string | null;
  /** When the secrets stop being worth sending (`secretsLiveMs` after queueing); null when they do not expire. */
  expiresAt: Date | null;
}

/**
 * Splits a message's data into what may rest in the outbox (secrets masked) and the secrets
 * themselves, sealed with OPSDESK_SECRET_KEY. A template that declares secrets cannot be queued
 * without the key: nothing is stored in plain text by mistake.
 */
export function sealTemplateSecrets<D>(
  template: NotificationTemplate<D>,
  data: D,
  secretKey: string | undefined,
  now: Date,
): SealedData<D> {
  const fields = template.secrets ?? [];
  if (fields.length === 0) return { masked: data, sealed: null, expiresAt: null };
  if (!secretKey)
    throw new Error(`template ${template.key} declares secrets: queue it with the app's OPSDESK_SECRET_KEY`);
  const record = data as Record<string, unknown>;
  const secrets = Object.fromEntries(fields.map((f) => [f, record[f]]));
  return {
    masked: maskSecretFields(template, data),
    sealed: sealSecret(JSON.stringify(secrets), secretKey, NOTIFICATION_SECRETS_PURPOSE),
    expiresAt: template.secretsLiveMs === undefined ? null : new Date(now.getTime() + template.secretsLiveMs),
  };
}

/** The data with each field the template declares secret replaced by the mask. */
export function maskSecretFields<D>(template: NotificationTemplate<D>, data: D): D {
  const fields = template.secrets ?? [];
  if (fields.length === 0) return data;
  return { ...(data as object), ...Object.fromEntries(fields.map((f) => [f, SECRET_MASK])) } as D;
}

/** Opens what `sealTemplateSecrets` sealed: the secret fields by name. Throws on a wrong key. */
export function openTemplateSecrets(sealed: string, secretKey: string): Record<string, unknown> {
  return JSON.parse(openSecret(sealed, secretKey, NOTIFICATION_SECRETS_PURPOSE).toString('utf8'));
}

/** The text values of opened secrets, to mask wherever the sent message could echo them. */
export function secretValues(secrets: Record<string, unknown>): string[] {
  return Object.values(secrets)
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .map(String)
    .filter((v) => v.length >= MIN_MASKED_LENGTH);
}

/** `text` with every occurrence of each secret value replaced by the mask. */
export function maskText(text: string, values: ReadonlyArray<string>): string {
  let masked = text;
  for (const value of values) masked = masked.split(value).join(SECRET_MASK);
  return masked;
}

/** Every string inside `value` (objects, arrays) masked; other values unchanged. */
export function maskDeep<T>(value: T, values: ReadonlyArray<string>): T {
  if (values.length === 0) return value;
  if (typeof value === 'string') return maskText(value, values) as T;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, values)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, values)])) as T;
  return value;
}

/**
 * The message as it is sent: the template rendered again from the stored data with the opened
 * secrets put back (subject, body, HTML and the data a chat template's parameters read). Only the
 * sending attempt ever holds this; nothing of it is stored.
 */
export function withSecrets(
  message: OutboundMessage,
  template: ListedTemplate | undefined,
  secrets: Record<string, unknown>,
): OutboundMessage {
  if (!template) throw new ChannelSendError(`template ${message.template} is not enabled in this app`);
  const data = { ...message.data, ...secrets };
  const rendered = renderCheckedTemplate(template, message.locale as Locale, checkedData(data));
  const { html: _, ...rest } = message;
  return {
    ...rest,
    data,
    subject: rendered.subject ?? null,
    body: rendered.body,
    ...(rendered.html !== undefined ? { html: rendered.html } : {}),
  };
}
