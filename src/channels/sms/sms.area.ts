import { type AreaDeps, defineArea } from '../../core/modules/index.ts';
import { outsideCallTimeoutMs } from '../../platform/config/index.ts';
import { africasTalkingProvider } from './africastalking.provider.ts';
import { SMS_SECRET_SETTINGS } from './sms.accounts.ts';
import { createSmsChannel } from './sms.channel.ts';
import { smsCommands } from './sms.commands.ts';
import { type SmsConfig, smsConfigSchema } from './sms.config.ts';
import type { SmsProvider } from './sms.provider.ts';
import { smsRoutes } from './sms.routes.ts';
import { smsSetupRoutes } from './sms-setup.routes.ts';

/** One file per provider: Twilio's Messages API would be `twilio.provider.ts`, added here. */
const PROVIDERS: ReadonlyArray<SmsProvider> = [africasTalkingProvider];

interface SmsArea {
  deps: AreaDeps;
  config: SmsConfig;
}

/** SMS (Africa's Talking first): the outbox's `sms` channel, and the provider's callbacks. */
export const smsArea = defineArea<SmsArea, SmsConfig>({
  name: 'sms',
  config: smsConfigSchema,
  secretSettings: SMS_SECRET_SETTINGS,
  start: (deps, config) => ({ deps, config }),
  commands: smsCommands,
  notificationChannels: ({ deps, config }) => [
    createSmsChannel({
      config,
      secretKey: deps.config.OPSDESK_SECRET_KEY,
      providers: PROVIDERS,
      timeoutMs: outsideCallTimeoutMs(deps.config, 'sms'),
    }),
  ],
  routes:
    ({ deps, config }) =>
    async (app) => {
      await app.register(smsSetupRoutes, {
        config,
        secretKey: deps.config.OPSDESK_SECRET_KEY,
        publicUrl: deps.config.OPSDESK_PUBLIC_URL,
      });
      await app.register(smsRoutes, {
        db: deps.database.db,
        jobs: deps.jobs,
        clock: deps.clock,
        systemCtx: deps.systemCtx,
        secretKey: deps.config.OPSDESK_SECRET_KEY,
        config,
        providers: PROVIDERS,
      });
    },
});
