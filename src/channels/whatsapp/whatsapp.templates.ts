import { z } from 'zod';
import type { Output } from '../../core/conversations/index.ts';
import { LOCALES } from '../../core/i18n/index.ts';
import type { NotificationTemplate } from '../../core/notifications/index.ts';
import type { Organization } from '../../core/orgs/index.ts';

const languageCode = z
  .string()
  .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a WhatsApp language code: es, en_US, es_MX');

/**
 * One approved WhatsApp template standing in for a notification outside the 24-hour window: its
 * name at Meta, its language code (one, or one per language of the recipient), and which fields of
 * the notification's data fill its body parameters {{1}}, {{2}}, … in order.
 */
export const whatsappTemplateSchema = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'lower-case letters, digits and underscores'),
  language: z.union([languageCode, z.partialRecord(z.enum(LOCALES), languageCode)]),
  parameters: z.array(z.string().min(1).max(60)).max(20).default([]),
});
export type WhatsAppTemplate = z.infer<typeof whatsappTemplateSchema>;

/** `organization.settings.whatsapp.templates`: by notification template key (`raffle.order_paid`). */
export const whatsappTemplatesSchema = z.record(
  z
    .string()
    .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a notification template key such as raffle.order_paid'),
  whatsappTemplateSchema,
);

/**
 * A template setting for each message that declares its approved template (`chatTemplate`): the
 * suggested name and parameters, in every language the product speaks (the language code is the
 * locale). What a number whose templates are all approved has: the sandbox's.
 */
export function declaredWhatsAppTemplates(
  templates: ReadonlyArray<Pick<NotificationTemplate<never>, 'key' | 'chatTemplate'>>,
): Record<string, WhatsAppTemplate> {
  const language = Object.fromEntries(LOCALES.map((l) => [l, l]));
  return Object.fromEntries(
    templates.flatMap((t) =>
      t.chatTemplate
        ? [[t.key, { name: t.chatTemplate.name, language, parameters: [...t.chatTemplate.parameters] }]]
        : [],
    ),
  );
}

/** The organization's templates; a malformed setting counts as none (the text is tried, and refused outside the window). */
export function whatsappTemplatesOf(org: Pick<Organization, 'settings'>): Record<string, WhatsAppTemplate> {
  const own = (org.settings?.whatsapp ?? {}) as Record<string, unknown>;
  const parsed = whatsappTemplatesSchema.safeParse(own.templates ?? {});
  return parsed.success ? parsed.data : {};
}

/** The template message for a notification, or null when the organization configured none (or not in this language). */
export function templateOutput(
  template: WhatsAppTemplate | undefined,
  message: { locale: string; data: Record<string, unknown>; text: string },
): Output | null {
  if (!template) return null;
  const language =
    typeof template.language === 'string'
      ? template.language
      : template.language[message.locale as (typeof LOCALES)[number]];
  if (!language) return null;
  const parameters = template.parameters.map((field) => ({
    type: 'text',
    text:
      String(message.data[field] ?? '-')
        .replace(/\s+/g, ' ')
        .trim() || '-',
  }));
  return {
    kind: 'template',
    name: template.name,
    language,
    ...(parameters.length ? { components: [{ type: 'body', parameters }] } : {}),
    fallbackText: message.text,
  };
}
