import { describe, expect, it } from 'vitest';
import { defineErrors } from '../../platform/errors/index.ts';
import { errorMessageProblems } from './error-messages.ts';

const ShopErrors = defineErrors('shop', {
  sold_out: { status: 409, title: 'Sold out' },
  closed: { status: 409, title: 'Closed' },
});

describe('errorMessageProblems', () => {
  it('finds nothing when every language the namespace speaks has every code', () => {
    const catalogs = {
      en: { errors: { shop: { sold_out: 'Sold out.', closed: 'Closed.' } } },
      es: { errors: { shop: { sold_out: 'Agotado.', closed: 'Cerrado.' } } },
    };
    expect(errorMessageProblems(catalogs, [ShopErrors])).toEqual([]);
  });

  it('names a code a language lacks and a message no code needs any more', () => {
    const catalogs = {
      en: { errors: { shop: { sold_out: 'Sold out.', closed: 'Closed.' } } },
      hi: { errors: { shop: { sold_out: 'बिक गया।', gone: 'बंद।' } } },
    };
    expect(errorMessageProblems(catalogs, [ShopErrors])).toEqual([
      'hi lacks errors.shop.closed',
      'hi has errors.shop.gone, which no area declares',
    ]);
  });
});
