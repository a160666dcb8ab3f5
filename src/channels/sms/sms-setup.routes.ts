import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { publicBaseUrl, routeOptions } from '../../platform/http/index.ts';
import { accountOf, smsSettingsOf } from './sms.accounts.ts';
import type { SmsConfig } from './sms.config.ts';
import { ownSmsCallbackUrls, rotateOwnSmsCallbackKey, type SmsCallbackUrls } from './sms-callbacks.ts';

const op = routeOptions(['sms']);

const setupSchema = z.object({
  configured: z.boolean(),
  ownAccount: z.boolean(),
  provider: z.string().nullable(),
  senderId: z.string().nullable(),
  /**
   * `own`: paste the two URLs in the organization's own account's dashboard; `deployment`: it sends
   * through the deployment's account, whose URLs its operator sets (`opsdesk sms callback-urls`);
   * `none`: no account sends for it.
   */
  callbacks: z.enum(['own', 'deployment', 'none']),
  deliveryReportsUrl: z.string().nullable(),
  incomingMessagesUrl: z.string().nullable(),
});
type SmsSetup = z.infer<typeof setupSchema>;

interface SetupDeps {
  config: SmsConfig;
  secretKey: string;
  publicUrl: string | undefined;
}

/**
 * The account the caller's organization sends through and, for its own account, the callback URLs
 * under its current key (or, `rotate`, a new one: only an own account has a key its owner rotates).
 */
async function setupOf(ctx: Ctx, deps: SetupDeps, rotate: boolean): Promise<SmsSetup> {
  const org = await getOrganization(ctx);
  const account = accountOf(smsSettingsOf(org.settings, deps.secretKey), deps.config);
  const callbacks = !account ? 'none' : account.own ? 'own' : 'deployment';
  if (rotate && callbacks !== 'own')
    throw PlatformErrors.conflict(
      { callbacks },
      { message: 'Only an organization’s own SMS account has callback URLs it can rotate' },
    );
  const input = account?.own ? { ...deps, slug: org.slug, account } : undefined;
  const own: SmsCallbackUrls | undefined =
    input && (rotate ? await rotateOwnSmsCallbackKey(ctx, input) : await ownSmsCallbackUrls(ctx, input));
  return {
    configured: account !== undefined,
    ownAccount: account?.own ?? false,
    provider: account?.provider ?? null,
    senderId: account?.senderId ?? null,
    callbacks,
    deliveryReportsUrl: own?.deliveryReportsUrl ?? null,
    incomingMessagesUrl: own?.incomingMessagesUrl ?? null,
  };
}

/**
 * What an owner pastes into Africa's Talking's dashboard (SMS → Callback URLs) for the organization's
 * own account, under a key of its own that only the owner rotates; an organization on the deployment's
 * account is told its operator sets them, and is shown no URL.
 */
export const smsSetupRoutes: FastifyPluginAsyncZod<SetupDeps> = async (app, deps) => {
  app.get(
    '/api/sms/setup',
    op('platform.settings.update', 'The SMS account this organization sends through, and its callback URLs', {
      response: { 200: setupSchema },
    }),
    async (req) => setupOf(req.ctx, { ...deps, publicUrl: publicBaseUrl(req, deps.publicUrl) }, false),
  );
  app.post(
    '/api/sms/setup/rotate',
    op(
      { permission: 'platform.callback_key.rotate', refuses: [409] },
      'A new key in the callback URLs of the organization’s own SMS account: the URLs pasted before are refused from now on',
      { response: { 200: setupSchema } },
    ),
    async (req) => setupOf(req.ctx, { ...deps, publicUrl: publicBaseUrl(req, deps.publicUrl) }, true),
  );
};
