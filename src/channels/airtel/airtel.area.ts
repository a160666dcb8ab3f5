import { type AreaDeps, defineArea } from '../../core/modules/index.ts';
import type { PaymentProvider } from '../../core/payments/index.ts';
import { outsideCallTimeoutMs } from '../../platform/config/index.ts';
import { type AirtelConfig, airtelConfigSchema, airtelSettingsOf } from './airtel.config.ts';
import { createAirtelProvider } from './airtel.provider.ts';
import { airtelRoutes } from './airtel.routes.ts';

interface AirtelArea {
  deps: AreaDeps;
  config: AirtelConfig;
  /** Built once per app, so its token cache is this app's; absent without credentials. */
  provider: PaymentProvider | undefined;
}

/** Airtel Money collection: the payment provider (when configured) and Airtel's callback route. */
export const airtelArea = defineArea<AirtelArea, AirtelConfig>({
  name: 'airtel',
  config: airtelConfigSchema,
  start: (deps, config) => {
    const settings = airtelSettingsOf(config);
    const timeoutMs = outsideCallTimeoutMs(deps.config, 'airtel');
    return {
      deps,
      config,
      provider: settings ? createAirtelProvider({ ...settings, timeoutMs }) : undefined,
    };
  },
  paymentProviders: ({ provider }) => (provider ? [provider] : []),
  routes:
    ({ deps, config }) =>
    async (app) =>
      app.register(airtelRoutes, {
        db: deps.database.db,
        jobs: deps.jobs,
        ...(config.AIRTEL_CALLBACK_SECRET ? { callbackSecret: config.AIRTEL_CALLBACK_SECRET } : {}),
      }),
});
