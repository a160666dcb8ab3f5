import { describe, expect, it } from 'vitest';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { CODE_ERROR_CODES } from '../codes/index.ts';
import { MONEY_ERROR_CODES } from '../money/index.ts';
import { PASS_ERROR_CODES, PASS_REFUSAL_REASONS } from '../passes/index.ts';
import { coreCatalogs } from './core.catalog.ts';
import { createI18n } from './create-i18n.ts';
import { flattenKeys } from './missing-keys.ts';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function leaf(catalog: object, key: string): string | undefined {
  const value = key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], catalog);
  return typeof value === 'string' ? value : undefined;
}

describe('core catalog', () => {
  it('has the same keys in English, Hindi and Spanish', () => {
    expect(createI18n().findMissingKeys()).toEqual([]);
    expect(Object.keys(coreCatalogs).sort()).toEqual(['en', 'es', 'hi']);
  });

  it('uses the same placeholders in every language', () => {
    for (const key of flattenKeys(coreCatalogs.en)) {
      for (const catalog of [coreCatalogs.hi, coreCatalogs.es]) {
        const translated = leaf(catalog ?? {}, key);
        if (translated !== undefined)
          expect(placeholders(translated), key).toEqual(placeholders(leaf(coreCatalogs.en, key) ?? ''));
      }
    }
  });

  it('writes Hindi in Devanagari', () => {
    for (const key of flattenKeys(coreCatalogs.hi ?? {})) {
      expect(leaf(coreCatalogs.hi ?? {}, key), key).toMatch(/[\u0900-\u097f]/);
    }
  });

  it('translates every error code and refusal reason the core capabilities produce', () => {
    const keys = new Set(flattenKeys(coreCatalogs.en));
    const expected = [
      ...MONEY_ERROR_CODES.map((code) => `money.${code}`),
      ...CODE_ERROR_CODES.map((code) => `codes.${code}`),
      ...PASS_REFUSAL_REASONS.map((reason) => `passes.refused.${reason}`),
      ...PASS_ERROR_CODES.map((code) => `passes.errors.${code}`),
      ...Object.keys(PlatformErrors).map((code) => `errors.${code}`),
    ];
    for (const key of expected) expect(keys.has(key), key).toBe(true);
  });
});
