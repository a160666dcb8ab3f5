import type { AnyArea } from '../modules/index.ts';
import { contactsArea } from './contacts.area.ts';
import { conversationsArea } from './conversations.area.ts';
import { filesArea } from './files.area.ts';
import { healthArea } from './health.area.ts';
import { importsArea } from './imports.area.ts';
import { authArea, codesArea, i18nArea, moneyArea, orgsArea } from './libraries.area.ts';
import { notificationsArea } from './notifications.area.ts';
import { passesArea } from './passes.area.ts';
import { paymentsArea } from './payments.area.ts';
import { platformArea } from './platform.area.ts';
import { resourcesArea } from './resources.area.ts';
import { retentionArea } from './retention.area.ts';

/**
 * The core capabilities plugged in like modules (same contract), always enabled. They live here,
 * not in each capability, so no capability imports the contract that imports it: the contract sits
 * above the capabilities. Their tables come from the single `src/core/migrations` folder.
 */
export const CORE_AREAS: AnyArea[] = [
  platformArea,
  authArea,
  orgsArea,
  moneyArea,
  codesArea,
  i18nArea,
  contactsArea,
  filesArea,
  notificationsArea,
  paymentsArea,
  passesArea,
  resourcesArea,
  conversationsArea,
  healthArea,
  retentionArea,
  importsArea,
];
