import { z } from 'zod';
import type { Locale } from '../../core/i18n/index.ts';
import { defineTemplate, type NotificationTemplate } from '../../core/notifications/index.ts';
import { ALARM_KINDS, type CommandType } from './coffee.rules.ts';
import type { AlarmKind } from './coffee.tables.ts';

export interface AlarmMessage {
  kind: AlarmKind;
  severity: 'info' | 'warn' | 'critical';
  device: string;
  /** The machine's name or its location, when it has one ('' when not). */
  place: string;
  /** A material code, a command type: what the alarm is about beyond the machine ('' when none). */
  about: string;
}

type Lang = 'en' | 'hi' | 'es';
const lang = (locale: Locale): Lang => (locale === 'es' || locale === 'hi' ? locale : 'en');
const where = (d: AlarmMessage) => (d.place ? ` (${d.place})` : '');

const SUBJECT: Record<Lang, Record<AlarmKind, string>> = {
  en: {
    offline: 'Machine offline',
    low_material: 'Material running low',
    predicted_empty: 'Bin will soon be empty',
    command_failed: 'Command failed',
  },
  hi: {
    offline: 'मशीन ऑफ़लाइन',
    low_material: 'सामग्री कम हो रही है',
    predicted_empty: 'डिब्बा जल्द ख़ाली होगा',
    command_failed: 'कमांड विफल',
  },
  es: {
    offline: 'Máquina sin conexión',
    low_material: 'Queda poco material',
    predicted_empty: 'Un depósito se vaciará pronto',
    command_failed: 'Falló una orden',
  },
};
/** A command's name in the message, not its code (`about` of a failed command is its type). */
const COMMAND: Record<Lang, Record<CommandType, string>> = {
  en: {
    make_product: 'Make a product',
    open_door: 'Open the door',
    restart: 'Restart',
    sync: 'Sync',
    set_params: 'Set parameters',
    apply_recipes: 'Apply recipes',
  },
  hi: {
    make_product: 'उत्पाद बनाएँ',
    open_door: 'दरवाज़ा खोलें',
    restart: 'रीस्टार्ट करें',
    sync: 'सिंक करें',
    set_params: 'पैरामीटर सेट करें',
    apply_recipes: 'रेसिपी लागू करें',
  },
  es: {
    make_product: 'Preparar un producto',
    open_door: 'Abrir la puerta',
    restart: 'Reiniciar',
    sync: 'Sincronizar',
    set_params: 'Cambiar parámetros',
    apply_recipes: 'Aplicar recetas',
  },
};
const command = (l: Lang, type: string) => COMMAND[l][type as CommandType] ?? type;

const TEXT: Record<Lang, Record<AlarmKind, (d: AlarmMessage) => string>> = {
  en: {
    offline: (d) => `Coffee machine ${d.device}${where(d)} stopped reporting and is offline.`,
    low_material: (d) =>
      `Coffee machine ${d.device}${where(d)} is running low on ${d.about || 'a material'}.`,
    predicted_empty: (d) =>
      `Coffee machine ${d.device}${where(d)} will run out of ${d.about || 'a material'} soon at its current use.`,
    command_failed: (d) =>
      `Coffee machine ${d.device}${where(d)} failed the command "${command('en', d.about)}".`,
  },
  hi: {
    offline: (d) => `कॉफ़ी मशीन ${d.device}${where(d)} ने रिपोर्ट भेजना बंद कर दिया है और ऑफ़लाइन है।`,
    low_material: (d) => `कॉफ़ी मशीन ${d.device}${where(d)} में ${d.about || 'एक सामग्री'} कम हो रही है।`,
    predicted_empty: (d) =>
      `कॉफ़ी मशीन ${d.device}${where(d)} में मौजूदा खपत पर ${d.about || 'एक सामग्री'} जल्द ख़त्म हो जाएगी।`,
    command_failed: (d) =>
      `कॉफ़ी मशीन ${d.device}${where(d)} कमांड "${command('hi', d.about)}" पूरा नहीं कर सकी।`,
  },
  es: {
    offline: (d) => `La cafetera ${d.device}${where(d)} dejó de informar y está sin conexión.`,
    low_material: (d) => `A la cafetera ${d.device}${where(d)} le queda poco ${d.about || 'material'}.`,
    predicted_empty: (d) =>
      `La cafetera ${d.device}${where(d)} se quedará sin ${d.about || 'material'} pronto a su consumo actual.`,
    command_failed: (d) =>
      `La cafetera ${d.device}${where(d)} no pudo cumplir la orden "${command('es', d.about)}".`,
  },
};
const CRITICAL: Record<Lang, string> = { en: 'Critical', hi: 'गंभीर', es: 'Crítica' };
const severityMark = (locale: Locale, d: AlarmMessage) =>
  d.severity === 'critical' ? `${CRITICAL[lang(locale)]}: ` : '';

/** A new fleet alarm, to each on-call person's channel. */
export const alarmTemplate = defineTemplate<AlarmMessage>({
  key: 'coffee.alarm',
  data: z.object({
    kind: z.enum(ALARM_KINDS),
    severity: z.enum(['info', 'warn', 'critical']),
    device: z.string(),
    place: z.string(),
    about: z.string(),
  }),
  subject: (locale, d) => `${severityMark(locale, d)}${SUBJECT[lang(locale)][d.kind]} ${d.device}`,
  // The body stands alone: a chat message (WhatsApp, Telegram) has no subject, so it says how urgent.
  body: (locale, d) => `${severityMark(locale, d)}${TEXT[lang(locale)][d.kind](d)}`,
});

export const coffeeTemplates = [alarmTemplate] as NotificationTemplate<never>[];
