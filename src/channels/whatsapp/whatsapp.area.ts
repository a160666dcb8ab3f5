import { defineModule, type ModuleDeps } from '../../core/modules/index.ts';
import {
  createWhatsAppAccounts,
  WHATSAPP_SECRET_SETTINGS,
  type WhatsAppAccounts,
} from './whatsapp.accounts.ts';
import { createWhatsAppDriver } from './whatsapp.driver.ts';
import { WhatsAppErrors } from './whatsapp.errors.ts';
import { whatsappNotificationChannel } from './whatsapp.notifications.ts';
import { whatsappRoutes } from './whatsapp.routes.ts';

interface WhatsAppArea {
  deps: ModuleDeps;
  accounts: WhatsAppAccounts;
}

/** The WhatsApp Cloud API channel: webhook routes, the conversation driver and the outbox sender. */
export const whatsappArea = defineModule<WhatsAppArea>({
  name: 'whatsapp',
  secretSettings: WHATSAPP_SECRET_SETTINGS,
  errors: [WhatsAppErrors],
  start: (deps) => ({ deps, accounts: createWhatsAppAccounts(deps.database.db, deps.config) }),
  chatChannels: ({ deps, accounts }) => [createWhatsAppDriver({ accounts, config: deps.config })],
  notificationChannels: () => [whatsappNotificationChannel],
  routes:
    ({ deps, accounts }) =>
    async (app) =>
      app.register(whatsappRoutes, { deps, accounts }),
});
