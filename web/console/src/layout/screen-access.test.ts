import { describe, expect, it } from 'vitest';
import { organizationOfScreen, type ScreenCatalog, unmatchedScreen } from './screen-access.ts';

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

describe('a screen of another organization of the same person', () => {
  const mess = { id: 'o-mess', name: 'Sunrise Hostel Mess', modules: ['mess'] };
  const raffle = { id: 'o-raffle', name: 'Club raffle', modules: ['raffle'] };
  const both = [mess, raffle];

  it('names the organization that runs the screen’s module when the one worked in does not', () => {
    expect(organizationOfScreen('/mess.students/abc/show', raffle, both)).toBe(mess);
    expect(organizationOfScreen('/mess/reports', raffle, both)).toBe(mess);
    expect(organizationOfScreen('raffle/grid', mess, both)).toBe(raffle);
  });

  it('names none for a screen of the organization worked in, of nobody’s, or of the platform', () => {
    expect(organizationOfScreen('/mess.students', mess, both)).toBeUndefined();
    expect(organizationOfScreen('/coffee.devices', mess, both)).toBeUndefined();
    expect(organizationOfScreen('/users', mess, both)).toBeUndefined();
    expect(organizationOfScreen('/raffle.orders', mess, [mess])).toBeUndefined();
  });
});
