import { describe, expect, it } from 'vitest';
import { createTokenCache } from './payment-provider.ts';

describe('provider token cache', () => {
  it('reuses a token until shortly before it expires, and fetches again after being told it died', async () => {
    let clock = 0;
    let fetched = 0;
    const cache = createTokenCache(
      async () => ({ token: `t${++fetched}`, expiresInSeconds: 100 }),
      () => clock,
    );
    expect(await cache.get()).toBe('t1');
    clock = 80_000;
    expect(await cache.get()).toBe('t1');
    clock = 95_000; // within the 10 % margin
    expect(await cache.get()).toBe('t2');
    cache.invalidate('t2');
    expect(await cache.get()).toBe('t3');
  });

  it('fetches once for concurrent callers', async () => {
    let fetched = 0;
    const cache = createTokenCache(async () => ({ token: `t${++fetched}`, expiresInSeconds: 100 }));
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(['t1', 't1', 't1']);
  });
});
