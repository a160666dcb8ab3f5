import { describe, expect, it } from 'vitest';
import { errorMessageProblems } from '../../core/i18n/index.ts';
import { coffeeCatalog } from './coffee.errors.catalog.ts';
import { CoffeeErrors } from './coffee.errors.ts';

describe('coffee error codes', () => {
  it('each read in English, Hindi and Spanish', () => {
    expect(errorMessageProblems(coffeeCatalog, [CoffeeErrors])).toEqual([]);
  });
});
