import { type AreaDeps, defineArea } from '../../core/modules/index.ts';
import type { PaymentProvider } from '../../core/payments/index.ts';
import { outsideCallTimeoutMs } from '../../platform/config/index.ts';
import { type MomoConfig, momoConfigSchema, momoSettingsOf } from './momo.config.ts';
import { createMomoProvider } from './momo.provider.ts';
import { momoRoutes } from './momo.routes.ts';

interface MomoArea {
  deps: AreaDeps;
  /** Built once per app, so its token cache is this app's; absent without credentials. */
  provider: PaymentProvider | undefined;
}

/** MTN MoMo Collection: the payment provider (when configured) and MTN's callback route. */
export const momoArea = defineArea<MomoArea, MomoConfig>({
  name: 'momo',
  config: momoConfigSchema,
  start: (deps, config) => {
    const settings = momoSettingsOf(config, deps.config.OPSDESK_PUBLIC_URL);
    const timeoutMs = outsideCallTimeoutMs(deps.config, 'momo');
    return { deps, provider: settings ? createMomoProvider({ ...settings, timeoutMs }) : undefined };
  },
  paymentProviders: ({ provider }) => (provider ? [provider] : []),
  routes:
    ({ deps }) =>
    async (app) =>
      app.register(momoRoutes, { db: deps.database.db, jobs: deps.jobs }),
});
