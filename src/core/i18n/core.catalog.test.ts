import { describe, expect, it } from 'vitest';
import { CORE_AREAS } from '../areas/index.ts';
import { PASS_REFUSAL_REASONS } from '../passes/index.ts';
import { coreCatalogs } from './core.catalog.ts';
import { createI18n } from './create-i18n.ts';
import { errorMessageProblems } from './error-messages.ts';
import { LOCALES } from './locale.ts';
import { flattenKeys } from './missing-keys.ts';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function leaf(catalog: object, key: string): string | undefined {
  const value = key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], catalog);
  return typeof value === 'string' ? value : undefined;
}

describe('core catalog', () => {
  it('has the same keys in every language the server speaks', () => {
    expect(createI18n().findMissingKeys()).toEqual([]);
    expect(Object.keys(coreCatalogs).sort()).toEqual([...LOCALES].sort());
  });

  it('uses the same placeholders in every language', () => {
    for (const key of flattenKeys(coreCatalogs.en)) {
      for (const catalog of [coreCatalogs.hi, coreCatalogs.es, coreCatalogs.fr, coreCatalogs.rw]) {
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

  it('translates every error code the core areas declare, in English, Hindi and Spanish', () => {
    const tables = CORE_AREAS.flatMap((area) => area.errors ?? []);
    expect(tables.map((t) => t.area)).toContain('platform');
    expect(errorMessageProblems(coreCatalogs, tables)).toEqual([]);
  });

  it('translates every refusal reason of a scanned pass', () => {
    const keys = new Set(flattenKeys(coreCatalogs.en));
    for (const reason of PASS_REFUSAL_REASONS)
      expect(keys.has(`passes.refused.${reason}`), reason).toBe(true);
  });
});
