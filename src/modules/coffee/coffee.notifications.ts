import { createI18n, type Locale } from '../../core/i18n/index.ts';
import { defineTemplate, type NotificationTemplate } from '../../core/notifications/index.ts';
import { coffeeNotifyCatalog } from './coffee.notify.catalog.ts';
import { COMMAND_TYPES } from './coffee.rules.ts';
import { type AlarmMessage, alarmMessageData, coffeeSmsTemplates } from './coffee.sms.ts';

/** The alarm in the on-call person's language (English when it is not one of theirs). */
const coffeeNotify = createI18n({ catalogs: { 'coffee-notify': coffeeNotifyCatalog } });
const t = (locale: Locale, key: string, params: object = {}) =>
  coffeeNotify.t(locale, `coffee-notify:${key}`, { ...params });

/**
 * The words the message fills in: the place in brackets, the material ("a material" when unknown),
 * or a failed command's name in the reader's language, not its code (`about` of a failed command is
 * its type; a type this version does not know is shown as it came).
 */
const wordsOf = (locale: Locale, d: AlarmMessage) => ({
  device: d.device,
  where: d.place ? ` (${d.place})` : '',
  about:
    d.kind === 'command_failed'
      ? (COMMAND_TYPES as readonly string[]).includes(d.about)
        ? t(locale, `commands.${d.about}`)
        : d.about
      : d.about || t(locale, 'a_material'),
});
/** A critical alarm says so first, in the subject and the body. */
const urgency = (locale: Locale, d: AlarmMessage, message: string) =>
  d.severity === 'critical' ? t(locale, 'critical', { message }) : message;

/** A new fleet alarm, to each on-call person's channel. */
export const alarmTemplate = defineTemplate<AlarmMessage>({
  key: 'coffee.alarm',
  data: alarmMessageData,
  subject: (locale, d) => urgency(locale, d, t(locale, `subject.${d.kind}`, wordsOf(locale, d))),
  // The body stands alone: a chat message (WhatsApp, Telegram) has no subject, so it says how urgent.
  body: (locale, d) => urgency(locale, d, t(locale, `body.${d.kind}`, wordsOf(locale, d))),
});

/** Every message the coffee module sends: the alarm to any channel, and the texts of issue 65. */
export const coffeeTemplates = [alarmTemplate, ...coffeeSmsTemplates] as NotificationTemplate<never>[];
