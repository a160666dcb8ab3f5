import type { AreaDeps } from '../../core/modules/index.ts';
import { createTelegramAccounts, POLL_HOLD_SECONDS } from './telegram.accounts.ts';
import { TelegramErrors } from './telegram.errors.ts';
import { ingestTelegramUpdate } from './telegram.ingest.ts';

/**
 * Long polling for the default organization's bot, for `opsdesk start` without a public URL. Each
 * update is stored and queued before grammY confirms it, so a crash re-delivers rather than loses
 * (and re-deliveries are deduplicated). Removes a webhook if one is set. Resolves to a stop function.
 */
export async function startTelegramPolling(
  deps: Pick<AreaDeps, 'database' | 'conversations' | 'config' | 'log' | 'systemCtx'>,
): Promise<() => Promise<void>> {
  const accounts = createTelegramAccounts(deps.database.db, deps.config);
  const account = await accounts.defaultAccount();
  if (!account) throw TelegramErrors.not_configured();
  const bot = await accounts.pollingBot(account.token);
  bot.use(async (ctx) => {
    await ingestTelegramUpdate(deps, account.orgId, ctx.update);
  });
  bot.catch((err) => deps.log.error({ err: err.error }, 'telegram update could not be stored'));
  let started!: () => void;
  const ready = new Promise<void>((resolve) => {
    started = resolve;
  });
  const running = bot
    .start({
      allowed_updates: ['message', 'callback_query'],
      timeout: POLL_HOLD_SECONDS,
      onStart: () => started(),
    })
    .catch((err) => deps.log.error({ err }, 'telegram polling stopped'));
  await Promise.race([ready, running]);
  return async () => {
    if (bot.isRunning()) await bot.stop();
    await running;
  };
}

/**
 * Connections Telegram may open at once to post one bot's updates (its default is 40). Posted in
 * parallel, a chat's update n+1 can be stored before update n; the chat step puts them back in order
 * by update_id and waits briefly for a missing one (`inboundOrder`), but each such wait delays a
 * reply. One connection keeps the updates in the order Telegram numbered them, and it is plenty for a
 * webhook that only stores the update and answers (issue 40, item 9).
 */
export const WEBHOOK_MAX_CONNECTIONS = 1;

/** Points the default organization's bot at `<publicUrl>/webhooks/telegram` with the secret token. */
export async function setTelegramWebhook(
  deps: Pick<AreaDeps, 'database' | 'config'>,
  publicUrl: string,
): Promise<void> {
  const accounts = createTelegramAccounts(deps.database.db, deps.config);
  const account = await accounts.defaultAccount();
  if (!account?.webhookSecret)
    throw TelegramErrors.not_configured(
      {},
      { message: 'Set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET' },
    );
  await (await accounts.bot(account.token)).api.setWebhook(
    `${publicUrl.replace(/\/+$/, '')}/webhooks/telegram`,
    {
      secret_token: account.webhookSecret,
      allowed_updates: ['message', 'callback_query'],
      max_connections: WEBHOOK_MAX_CONNECTIONS,
    },
  );
}
