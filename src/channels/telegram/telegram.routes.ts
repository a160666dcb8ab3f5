import type { FastifyContextConfig, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import { sameSecret } from '../../core/conversations/index.ts';
import type { AreaDeps } from '../../core/modules/index.ts';
import type { TelegramAccount, TelegramAccounts } from './telegram.accounts.ts';
import { TelegramErrors } from './telegram.errors.ts';
import { ingestTelegramUpdate } from './telegram.ingest.ts';

/** Per address, for requests without the right secret token; a verified update is never limited. */
export const WEBHOOK_RATE_LIMIT_PER_MINUTE = 3000;

const update = z.looseObject({ update_id: z.number().int().nonnegative() });

/**
 * Telegram's webhook: the default organization's bot at `/webhooks/telegram`, other organizations'
 * bots at `/webhooks/telegram/<org slug>`. The secret token header is required and compared in
 * constant time; the update is stored and queued, and Telegram gets its 200 at once.
 */
export const telegramRoutes: FastifyPluginAsyncZod<{ deps: AreaDeps; accounts: TelegramAccounts }> = async (
  app,
  { deps, accounts },
) => {
  // looked up once per request: by the rate limit's exemption, then by the handler
  const lookedUp = new WeakMap<FastifyRequest, Promise<TelegramAccount | undefined>>();
  const accountOf = (req: FastifyRequest) => {
    let account = lookedUp.get(req);
    if (!account) {
      const org = (req.params as { org?: string } | undefined)?.org;
      account = org === undefined ? accounts.defaultAccount() : accounts.forSlug(org);
      lookedUp.set(req, account);
    }
    return account;
  };
  const verified = async (req: FastifyRequest) => {
    const account = await accountOf(req);
    const header = req.headers['x-telegram-bot-api-secret-token'];
    return Boolean(
      account?.webhookSecret && typeof header === 'string' && sameSecret(header, account.webhookSecret),
    );
  };
  const options = {
    schema: { tags: ['webhooks'], summary: 'Telegram Bot API webhook', body: update },
    config: {
      public: true,
      // counted after routing (preHandler), so a verified update is exempt
      rateLimit: {
        max: WEBHOOK_RATE_LIMIT_PER_MINUTE,
        timeWindow: 60_000,
        hook: 'preHandler',
        allowList: verified,
      },
      refuses: [401, 403],
    } satisfies FastifyContextConfig,
  };
  const handle = async (account: TelegramAccount | undefined, header: unknown, body: unknown) => {
    if (!account?.webhookSecret) throw TelegramErrors.webhook_disabled();
    if (typeof header !== 'string' || !sameSecret(header, account.webhookSecret))
      throw TelegramErrors.secret_invalid();
    return ingestTelegramUpdate(deps, account.orgId, body as Update);
  };

  app.post('/webhooks/telegram', options, async (req) =>
    handle(await accountOf(req), req.headers['x-telegram-bot-api-secret-token'], req.body),
  );
  app.post(
    '/webhooks/telegram/:org',
    { ...options, schema: { ...options.schema, params: z.object({ org: z.string().max(40) }) } },
    async (req) => handle(await accountOf(req), req.headers['x-telegram-bot-api-secret-token'], req.body),
  );
};
