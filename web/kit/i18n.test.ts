import { describe, expect, it } from 'vitest';
import { interpolate } from './i18n.ts';

describe('message placeholders', () => {
  it('fills each placeholder, and leaves one with no value readable as itself', () => {
    expect(interpolate('Pay {amount} for {meter}', { amount: 'RWF 1,000', meter: '0421' })).toBe(
      'Pay RWF 1,000 for 0421',
    );
    expect(interpolate('{count} bills', { count: 0 })).toBe('0 bills');
    expect(interpolate('Hello {name}')).toBe('Hello {name}');
  });
});
