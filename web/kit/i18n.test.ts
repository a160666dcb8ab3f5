import { describe, expect, it } from 'vitest';
import { interpolate, relabel } from './i18n.ts';

describe('message placeholders', () => {
  it('fills each placeholder, and leaves one with no value readable as itself', () => {
    expect(interpolate('Pay {amount} for {meter}', { amount: 'RWF 1,000', meter: '0421' })).toBe(
      'Pay RWF 1,000 for 0421',
    );
    expect(interpolate('{count} bills', { count: 0 })).toBe('0 bills');
    expect(interpolate('Hello {name}')).toBe('Hello {name}');
  });

  it('words the labels and placeholders a page marks, in the language asked', () => {
    const label = { dataset: { i18n: 'login.submit' }, textContent: 'Sign in' };
    const input = { dataset: { i18nPlaceholder: 'typed.placeholder' }, placeholder: 'Code' };
    // A stand-in page with the one method relabel reads; a DOM ParentNode has dozens more.
    const page = {
      querySelectorAll: (selector: string) => (selector === '[data-i18n]' ? [label] : [input]),
    } as unknown as ParentNode;
    const es: Record<string, string> = { 'login.submit': 'Entrar', 'typed.placeholder': 'Código' };
    relabel(page, (key) => es[key] ?? key);
    expect(label.textContent).toBe('Entrar');
    expect(input.placeholder).toBe('Código');
  });
});
