import { type AreaDeps, defineArea } from '../../core/modules/index.ts';
import {
  createTelegramAccounts,
  TELEGRAM_CLAIMED_SETTINGS,
  TELEGRAM_SECRET_SETTINGS,
  type TelegramAccounts,
} from './telegram.accounts.ts';
import { createTelegramChannel } from './telegram.channel.ts';
import { type TelegramConfig, telegramConfigSchema, telegramInboundOrder } from './telegram.config.ts';
import { TelegramErrors } from './telegram.errors.ts';
import { setTelegramWebhook, startTelegramPolling } from './telegram.polling.ts';
import { telegramRoutes } from './telegram.routes.ts';

interface TelegramArea {
  deps: AreaDeps;
  accounts: TelegramAccounts;
  config: TelegramConfig;
}

/** The Telegram channel: webhook routes, long polling and the chat channel (replies, staff messages, notifications). */
export const telegramArea = defineArea<TelegramArea, TelegramConfig>({
  name: 'telegram',
  config: telegramConfigSchema,
  secretSettings: TELEGRAM_SECRET_SETTINGS,
  claimedSettings: TELEGRAM_CLAIMED_SETTINGS,
  errors: [TelegramErrors],
  start: (deps, config) => ({
    deps,
    config,
    accounts: createTelegramAccounts(deps.database.db, deps.config),
  }),
  chatChannels: ({ deps, accounts, config }) => [
    {
      ...createTelegramChannel({ accounts, config: deps.config, flow: config.TELEGRAM_FLOW }),
      inboundOrder: telegramInboundOrder(config),
    },
  ],
  routes:
    ({ deps, accounts }) =>
    async (app) =>
      app.register(telegramRoutes, { deps, accounts }),
  workers: ({ deps }) => {
    const { TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET, OPSDESK_PUBLIC_URL } = deps.config;
    if (!TELEGRAM_BOT_TOKEN) return [];
    // With a public URL and a webhook secret, any number of web nodes receive updates; otherwise
    // this one process long-polls.
    if (TELEGRAM_WEBHOOK_SECRET && OPSDESK_PUBLIC_URL) {
      return [
        {
          name: 'telegram.webhook',
          async start() {
            await setTelegramWebhook(deps, OPSDESK_PUBLIC_URL);
            return async () => {};
          },
        },
      ];
    }
    return [{ name: 'telegram.polling', start: () => startTelegramPolling(deps) }];
  },
});
