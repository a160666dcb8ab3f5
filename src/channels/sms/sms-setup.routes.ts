import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getOrganization } from '../../core/orgs/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { smsAccountFor, smsCallbackKey, smsSettingsOf } from './sms.accounts.ts';
import type { SmsConfig } from './sms.config.ts';

const op = routeOptions(['sms']);

/**
 * What an owner pastes into Africa's Talking's dashboard (SMS → Callback URLs): the delivery reports
 * and incoming messages URLs under this deployment's key, and whether an account sends for the
 * organization (its own, or the deployment's) under which sender id.
 */
export const smsSetupRoutes: FastifyPluginAsyncZod<{
  config: SmsConfig;
  secretKey: string;
  publicUrl: string | undefined;
}> = async (app, { config, secretKey, publicUrl }) => {
  app.get(
    '/api/sms/setup',
    op('platform.settings.update', 'The SMS account this organization sends through, and its callback URLs', {
      response: {
        200: z.object({
          configured: z.boolean(),
          ownAccount: z.boolean(),
          provider: z.string().nullable(),
          senderId: z.string().nullable(),
          deliveryReportsUrl: z.string(),
          incomingMessagesUrl: z.string(),
        }),
      },
    }),
    async (req) => {
      const account = await smsAccountFor(req.ctx, config, secretKey);
      const own = smsSettingsOf((await getOrganization(req.ctx)).settings, secretKey);
      const base = `${(publicUrl ?? '').replace(/\/+$/, '')}/webhooks/sms/${account?.provider ?? config.SMS_PROVIDER}/${smsCallbackKey(secretKey)}`;
      return {
        configured: account !== undefined,
        ownAccount: own.username !== undefined && own.apiKey !== undefined,
        provider: account?.provider ?? null,
        senderId: account?.senderId ?? null,
        deliveryReportsUrl: `${base}/delivery`,
        incomingMessagesUrl: `${base}/inbound`,
      };
    },
  );
};
