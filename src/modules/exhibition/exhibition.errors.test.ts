import { describe, expect, it } from 'vitest';
import { errorMessageProblems } from '../../core/i18n/index.ts';
import { exhibitionCatalog } from './exhibition.catalog.ts';
import { exhibitionModule } from './index.ts';

describe('exhibition error codes', () => {
  it('each read in English and Spanish', () => {
    expect(Object.keys(exhibitionCatalog)).toEqual(['en', 'es']);
    expect(exhibitionModule.errors?.map((t) => t.area)).toEqual(['exhibition']);
    expect(errorMessageProblems(exhibitionCatalog, exhibitionModule.errors ?? [])).toEqual([]);
  });
});
