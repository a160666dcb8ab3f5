import { z } from 'zod';
import { createI18n, type Locale } from '../../core/i18n/index.ts';
import { defineTemplate, type ListedTemplate, listed } from '../../core/notifications/index.ts';
import { coffeeNotifyCatalog } from './coffee.notify.catalog.ts';
import { ALARM_KINDS, COMMAND_TYPES } from './coffee.rules.ts';
import { coffeeSmsCatalog } from './coffee.sms.catalog.ts';

// A failed command is named by the alarm message's words for it (`coffee.notify.catalog.ts`).
const coffeeSms = createI18n({
  catalogs: { 'coffee-sms': coffeeSmsCatalog, 'coffee-notify': coffeeNotifyCatalog },
});
const t = (locale: Locale, key: string, params: object = {}) =>
  coffeeSms.t(locale, `coffee-sms:${key}`, { ...params });
const commandName = (locale: Locale, type: string) => coffeeSms.t(locale, `coffee-notify:commands.${type}`);

/**
 * The most SMS parts each coffee text may take: three in Hindi (UCS-2), two in the Latin languages
 * (`coffee.sms.test.ts` renders them with the longest values).
 */
export const COFFEE_SMS_PART_BUDGET = { 'coffee.alarm_sms': 3, 'coffee.rollout_sms': 3 } as const;

/** How long a value staff named (a machine's place, a material, a tag) may run in a text: the rest is cut. */
export const SMS_VALUE_CHARS = { place: 30, about: 40, tag: 32 } as const;

/** `text` cut to `max` characters, "..." marking the cut (GSM-7, where "…" is not). */
export const clipped = (text: string, max: number) =>
  [...text].length <= max
    ? text
    : `${[...text]
        .slice(0, max - 3)
        .join('')
        .trimEnd()}...`;

/**
 * What an alarm message says, by any channel: its kind and how urgent, the machine's serial
 * (`device`), its name or location (`place`, '' when none), and what it is about beyond the machine
 * (`about`: the materials or a failed command's type, '' when none).
 */
export const alarmMessageData = z.object({
  kind: z.enum(ALARM_KINDS),
  severity: z.enum(['info', 'warn', 'critical']),
  device: z.string(),
  place: z.string(),
  about: z.string(),
});
export type AlarmMessage = z.infer<typeof alarmMessageData>;

/** An alarm by SMS: the machine, where it is and what it lacks, said urgent when critical. */
export const alarmSmsTemplate = defineTemplate<AlarmMessage>({
  key: 'coffee.alarm_sms',
  data: alarmMessageData,
  smsParts: COFFEE_SMS_PART_BUDGET['coffee.alarm_sms'],
  body: (locale, d) => {
    const about =
      d.kind === 'command_failed' && (COMMAND_TYPES as readonly string[]).includes(d.about)
        ? commandName(locale, d.about)
        : d.about || t(locale, 'a_material');
    const message = t(locale, `alarm.${d.kind}`, {
      device: d.device,
      where: d.place ? ` (${clipped(d.place, SMS_VALUE_CHARS.place)})` : '',
      about: clipped(about, SMS_VALUE_CHARS.about),
    });
    return d.severity === 'critical' ? t(locale, 'critical', { message }) : message;
  },
});

export interface RolloutSms {
  status: 'held' | 'aborted';
  version: number;
  tag: string;
  failed: number;
  total: number;
}

/** A rollout held for a person's review, or stopped because too many machines failed. */
export const rolloutSmsTemplate = defineTemplate<RolloutSms>({
  key: 'coffee.rollout_sms',
  data: z.object({
    status: z.enum(['held', 'aborted']),
    version: z.number().int(),
    tag: z.string(),
    failed: z.number().int(),
    total: z.number().int(),
  }),
  smsParts: COFFEE_SMS_PART_BUDGET['coffee.rollout_sms'],
  body: (locale, d) =>
    t(locale, `rollout.${d.status}`, {
      version: d.version,
      tag: clipped(d.tag, SMS_VALUE_CHARS.tag),
      failed: d.failed,
      total: d.total,
      // "1 machine ... a échoué": the failed machines choose the sentence's number
      count: d.failed,
    }),
});

export const coffeeSmsTemplates: ReadonlyArray<ListedTemplate> = [
  listed(alarmSmsTemplate),
  listed(rolloutSmsTemplate),
];
