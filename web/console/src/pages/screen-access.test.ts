import { describe, expect, it } from 'vitest';
import { type ScreenCatalog, unmatchedScreen } from './screen-access.ts';

const catalog = (permissions: string[], readable: string[]): ScreenCatalog => ({
  permissions,
  declaredResources: ['raffle.orders', 'mess.students'],
  readableResources: readable,
  pages: [
    { path: '/raffle/grid', permission: 'raffle.raffle.read' },
    { path: '/simulator', permission: 'conversations.simulator.use' },
  ],
});
const owner = catalog(['raffle.raffle.read', 'platform.user.read'], ['raffle.orders', 'mess.students']);
const scannerLike = catalog([], []);

describe('a console address no screen answers', () => {
  it('does not exist for a caller who may see every screen, whatever its shape', () => {
    for (const path of [
      '/raffle.ordrs',
      '/mess/studnts',
      '/raffle/gird',
      '/users/x/y',
      '/raffle.orders/1/nope',
    ])
      expect(unmatchedScreen(path, owner), path).toBe('not_found');
  });

  it('is "no access" only where a screen exists that the caller may not see', () => {
    expect(unmatchedScreen('/raffle.orders', scannerLike)).toBe('no_access');
    expect(unmatchedScreen('/raffle/grid', scannerLike)).toBe('no_access');
    expect(unmatchedScreen('/users', scannerLike)).toBe('no_access');
    expect(unmatchedScreen('/raffle.ordrs', scannerLike)).toBe('not_found');
    expect(unmatchedScreen('/raffle/gird/', scannerLike)).toBe('not_found');
  });
});
