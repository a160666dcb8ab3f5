import { describe, expect, it } from 'vitest';
import { errorMessageProblems } from '../../core/i18n/index.ts';
import { exhibitionCatalog } from './exhibition.errors.catalog.ts';
import { exhibitionModule } from './index.ts';

describe('exhibition error codes', () => {
  it('each read in English, Hindi and Spanish', () => {
    expect(Object.keys(exhibitionCatalog)).toEqual(['en', 'hi', 'es']);
    expect(exhibitionModule.errors?.map((t) => t.area)).toEqual(['exhibition']);
    expect(errorMessageProblems(exhibitionCatalog, exhibitionModule.errors ?? [])).toEqual([]);
  });
});
