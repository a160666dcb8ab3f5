import { callProvider, createTokenCache, ProviderUnavailableError } from './payment-provider.ts';
import type { MobileMoneyMethod } from './payments.rules.ts';

/**
 * What a mobile-money driver (MoMo, Airtel) does around its own calls: the access token the provider
 * issues, read from `{ access_token, expires_in }` (a number or a string) and cached until shortly
 * before it expires, and each call made with it. A 401 means the token died early: a new one is
 * fetched and the call made once more. How a token is asked for and which headers carry it are the
 * driver's (its wire format).
 */
export function createProviderSession(options: {
  provider: MobileMoneyMethod;
  /** How the provider is asked for a token: where, and the driver's credentials in its wire format. */
  tokenRequest: { url: string; init: RequestInit };
  /** The token's life when the provider's answer does not say. */
  defaultTtlSeconds: number;
  /** Bounded time of each call (`outsideCallTimeoutMs(config, provider)`). */
  timeoutMs?: number | undefined;
  now?: () => number;
}) {
  const { provider } = options;
  const tokens = createTokenCache(async () => {
    const { url, init } = options.tokenRequest;
    const res = await callProvider(provider, url, init, options.timeoutMs);
    const body = res.body as { access_token?: string; expires_in?: number | string } | null;
    if (res.status !== 200 || !body?.access_token)
      throw new ProviderUnavailableError(provider, `token refused (${res.status})`, res.status);
    return {
      token: body.access_token,
      expiresInSeconds: Number(body.expires_in) || options.defaultTtlSeconds,
    };
  }, options.now);

  return {
    /** One call with the cached token, its headers made by `headers` around it. */
    async call(url: string, init: RequestInit, headers: (token: string) => Record<string, string>) {
      for (let attempt = 1; ; attempt++) {
        const token = await tokens.get();
        const res = await callProvider(
          provider,
          url,
          { ...init, headers: headers(token) },
          options.timeoutMs,
        );
        if (res.status !== 401) return res;
        tokens.invalidate(token);
        if (attempt >= 2) throw new ProviderUnavailableError(provider, 'token refused twice', 401);
      }
    },
  };
}
