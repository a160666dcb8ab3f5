import { conversationsOf } from '../../core/conversations/index.ts';
import type { ModuleDefinition, ModuleDeps } from '../../core/modules/index.ts';
import { registerChannel } from '../../core/notifications/index.ts';
import { createTelegramAccounts, TELEGRAM_SECRET_SETTINGS } from './telegram.accounts.ts';
import { createTelegramDriver } from './telegram.driver.ts';
import { telegramNotificationChannel } from './telegram.notifications.ts';
import { telegramRoutes } from './telegram.routes.ts';

/** The Telegram channel: webhook routes, the conversation driver and the outbox sender. */
export const telegramArea: ModuleDefinition = {
  name: 'telegram',
  secretSettings: TELEGRAM_SECRET_SETTINGS,
  routes: (deps: ModuleDeps) => {
    const accounts = createTelegramAccounts(deps.database.db, deps.config);
    conversationsOf(deps).registerChannel(createTelegramDriver({ accounts, config: deps.config }));
    registerChannel(telegramNotificationChannel);
    return async (app) => app.register(telegramRoutes, { deps, accounts });
  },
};
