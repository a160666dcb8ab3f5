import { type AreaDeps, defineArea } from '../../core/modules/index.ts';
import { ussdChannel } from './ussd.channel.ts';
import { type UssdConfig, ussdConfigSchema } from './ussd.config.ts';
import { ussdRoutes } from './ussd.routes.ts';
import { ussdSetupRoutes } from './ussd-setup.routes.ts';

/** USSD (Africa's Talking's protocol): a session channel whose screens the conversation engine answers inline. */
export const ussdArea = defineArea<{ deps: AreaDeps; config: UssdConfig }, UssdConfig>({
  name: 'ussd',
  config: ussdConfigSchema,
  start: (deps, config) => ({ deps, config }),
  chatChannels: () => [ussdChannel],
  routes:
    ({ deps, config }) =>
    async (app) => {
      await app.register(ussdSetupRoutes, {
        secretKey: deps.config.OPSDESK_SECRET_KEY,
        publicUrl: deps.config.OPSDESK_PUBLIC_URL,
      });
      await app.register(ussdRoutes, { deps, config });
    },
});
