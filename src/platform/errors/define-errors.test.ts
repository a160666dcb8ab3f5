import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from './app-error.ts';
import { defineErrors } from './define-errors.ts';
import { PlatformErrors } from './platform-errors.ts';

const ShopErrors = defineErrors('shop', {
  sold_out: { status: 409, title: 'Sold out' },
  closed: { status: 503, title: 'The shop is closed' },
});

describe('defineErrors', () => {
  it('makes errors coded by their area, with status and title on the instance', () => {
    const err = ShopErrors.sold_out({ item: 'tea' });
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'shop.sold_out',
      status: 409,
      title: 'Sold out',
      details: { item: 'tea' },
    });
    expect(err.message).toBe('Sold out');
    expect(ShopErrors.closed({}, { message: 'Closed until 9:00' }).message).toBe('Closed until 9:00');
  });

  it('recognizes its own code only', () => {
    const err: unknown = ShopErrors.sold_out();
    expect(ShopErrors.sold_out.is(err)).toBe(true);
    expect(ShopErrors.closed.is(err)).toBe(false);
    expect(ShopErrors.sold_out.is(new Error('shop.sold_out'))).toBe(false);
    expect(isAppError(err)).toBe(true);
  });

  it('lists its area and every code', () => {
    expect(ShopErrors.area).toBe('shop');
    expect(ShopErrors.kinds.map((k) => [k.code, k.status])).toEqual([
      ['shop.sold_out', 409],
      ['shop.closed', 503],
    ]);
  });

  it('keeps the HTTP kit codes without an area', () => {
    expect(PlatformErrors.not_found().code).toBe('not_found');
    expect(PlatformErrors.area).toBe('platform');
  });

  it('refuses names that would not read as codes or would hide the table itself', () => {
    expect(() => defineErrors('Shop', {})).toThrow(/lowercase/);
    expect(() => defineErrors('shop', { 'Sold-Out': { status: 409, title: '' } })).toThrow(/snake_case/);
    expect(() => defineErrors('shop', { kinds: { status: 409, title: '' } })).toThrow(/not area or kinds/);
  });
});
