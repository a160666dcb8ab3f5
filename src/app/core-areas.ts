import { airtelArea } from '../channels/airtel/index.ts';
import { emailArea } from '../channels/email/index.ts';
import { momoArea } from '../channels/momo/index.ts';
import { sheetsArea } from '../channels/sheets/index.ts';
import { smsArea } from '../channels/sms/index.ts';
import { telegramArea } from '../channels/telegram/index.ts';
import { ussdArea } from '../channels/ussd/index.ts';
import { whatsappArea } from '../channels/whatsapp/index.ts';
import { CORE_AREAS } from '../core/areas/index.ts';
import type { AnyArea } from '../core/modules/index.ts';

/**
 * Every area that is always enabled: the core capabilities and the channels to outside services
 * (each offers its driver only when its settings are configured).
 */
export const ALWAYS_ENABLED: AnyArea[] = [
  ...CORE_AREAS,
  whatsappArea,
  telegramArea,
  emailArea,
  smsArea,
  ussdArea,
  momoArea,
  airtelArea,
  sheetsArea,
];
