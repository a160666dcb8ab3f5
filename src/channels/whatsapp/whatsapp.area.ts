import { conversationsOf } from '../../core/conversations/index.ts';
import type { ModuleDefinition, ModuleDeps } from '../../core/modules/index.ts';
import { registerChannel } from '../../core/notifications/index.ts';
import { createWhatsAppAccounts, WHATSAPP_SECRET_SETTINGS } from './whatsapp.accounts.ts';
import { createWhatsAppDriver } from './whatsapp.driver.ts';
import { whatsappNotificationChannel } from './whatsapp.notifications.ts';
import { whatsappRoutes } from './whatsapp.routes.ts';

/** The WhatsApp Cloud API channel: webhook routes, the conversation driver and the outbox sender. */
export const whatsappArea: ModuleDefinition = {
  name: 'whatsapp',
  secretSettings: WHATSAPP_SECRET_SETTINGS,
  routes: (deps: ModuleDeps) => {
    const accounts = createWhatsAppAccounts(deps.database.db, deps.config);
    conversationsOf(deps).registerChannel(createWhatsAppDriver({ accounts, config: deps.config }));
    registerChannel(whatsappNotificationChannel);
    return async (app) => app.register(whatsappRoutes, { deps, accounts });
  },
};
