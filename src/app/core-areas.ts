import { telegramArea } from '../channels/telegram/index.ts';
import { whatsappArea } from '../channels/whatsapp/index.ts';
import { CORE_AREAS } from '../core/areas/index.ts';
import type { AnyModule } from '../core/modules/index.ts';

/** Every area that is always enabled: the core capabilities and the chat channels. */
export const ALWAYS_ENABLED: AnyModule[] = [...CORE_AREAS, whatsappArea, telegramArea];
