import { describe, expect, it } from 'vitest';
import { type AnyModule, defineModule } from '../core/modules/index.ts';
import { systemClock } from '../platform/clock/index.ts';
import { defineErrors, PlatformErrors } from '../platform/errors/index.ts';
import { startAreas } from './start-areas.ts';

const ShopErrors = defineErrors('shop', { sold_out: { status: 409, title: 'Sold out' } });
const CafeErrors = defineErrors('cafe', { sold_out: { status: 409, title: 'Sold out' } });

// Nothing here is touched while the areas start: none of them has a `start`, routes or jobs.
const start = (areas: AnyModule[]) =>
  startAreas(areas, {
    database: {} as never,
    jobs: {} as never,
    files: {} as never,
    config: { env: {} } as never,
    clock: systemClock,
    log: {} as never,
  });

describe('startAreas', () => {
  it('starts areas whose codes differ, even where the words after the area are the same', () => {
    const areas = [
      defineModule({ name: 'platform', errors: [PlatformErrors] }),
      defineModule({ name: 'shop', errors: [ShopErrors] }),
      defineModule({ name: 'cafe', errors: [CafeErrors] }),
    ];
    expect(() => start(areas)).not.toThrow();
  });

  it('refuses to start when one code is declared twice', () => {
    const shop = defineModule({ name: 'shop', errors: [ShopErrors] });
    expect(() => start([shop, defineModule({ name: 'shop', errors: [ShopErrors] })])).toThrow(
      'error code shop.sold_out is declared twice (shop and shop)',
    );
    expect(() => start([defineModule({ name: 'shop', errors: [ShopErrors, ShopErrors] })])).toThrow(
      /shop\.sold_out is declared twice/,
    );
  });
});
