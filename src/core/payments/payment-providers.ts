import type { Config } from '../../platform/config/index.ts';
import { createAirtelProvider } from './airtel.provider.ts';
import { createMomoProvider } from './momo.provider.ts';
import type { PaymentProvider } from './payment-provider.ts';
import type { MobileMoneyMethod } from './payments.rules.ts';

/** The mobile-money providers this deployment has credentials for. */
export interface PaymentProviders {
  get(method: MobileMoneyMethod): PaymentProvider | undefined;
}

/** The configuration names the drivers read; a module's `deps.config` satisfies it. */
export type ProviderConfig = Pick<
  Config,
  | 'OPSDESK_PUBLIC_URL'
  | 'MOMO_BASE_URL'
  | 'MOMO_SUBSCRIPTION_KEY'
  | 'MOMO_API_USER'
  | 'MOMO_API_KEY'
  | 'MOMO_TARGET_ENVIRONMENT'
  | 'AIRTEL_BASE_URL'
  | 'AIRTEL_CLIENT_ID'
  | 'AIRTEL_CLIENT_SECRET'
  | 'AIRTEL_COUNTRY'
>;

/** Which providers are configured, without building them (routes refuse requests early). */
export function configuredProviders(config: ProviderConfig): Set<MobileMoneyMethod> {
  const methods = new Set<MobileMoneyMethod>();
  if (config.MOMO_SUBSCRIPTION_KEY && config.MOMO_API_USER && config.MOMO_API_KEY) methods.add('momo');
  if (config.AIRTEL_CLIENT_ID && config.AIRTEL_CLIENT_SECRET) methods.add('airtel');
  return methods;
}

/** Builds the drivers from the configuration (the default organization's credentials). */
export function createPaymentProviders(config: ProviderConfig): PaymentProviders {
  const configured = configuredProviders(config);
  const providers = new Map<MobileMoneyMethod, PaymentProvider>();
  if (configured.has('momo'))
    providers.set(
      'momo',
      createMomoProvider({
        baseUrl: config.MOMO_BASE_URL,
        subscriptionKey: config.MOMO_SUBSCRIPTION_KEY!,
        apiUser: config.MOMO_API_USER!,
        apiKey: config.MOMO_API_KEY!,
        targetEnvironment: config.MOMO_TARGET_ENVIRONMENT,
        ...(config.OPSDESK_PUBLIC_URL
          ? { callbackUrl: `${config.OPSDESK_PUBLIC_URL.replace(/\/+$/, '')}/webhooks/momo` }
          : {}),
      }),
    );
  if (configured.has('airtel'))
    providers.set(
      'airtel',
      createAirtelProvider({
        baseUrl: config.AIRTEL_BASE_URL,
        clientId: config.AIRTEL_CLIENT_ID!,
        clientSecret: config.AIRTEL_CLIENT_SECRET!,
        country: config.AIRTEL_COUNTRY,
      }),
    );
  return { get: (method) => providers.get(method) };
}

/**
 * The secret of Airtel's authenticated callbacks, when the deployment's configuration carries one
 * (`AIRTEL_CALLBACK_SECRET`). Read loosely so this area works before the name is in the schema.
 */
export function airtelCallbackSecret(config: object): string | undefined {
  const value = (config as { AIRTEL_CALLBACK_SECRET?: unknown }).AIRTEL_CALLBACK_SECRET;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
