import { describe, expect, it } from 'vitest';
import { errorMessageProblems } from '../../core/i18n/index.ts';
import { exhibitionCatalog } from './exhibition.errors.catalog.ts';
import { exhibitionModule } from './index.ts';

describe('exhibition error codes', () => {
  it('each read in every language the server speaks', () => {
    expect(Object.keys(exhibitionCatalog)).toEqual(['en', 'hi', 'es', 'fr', 'rw']);
    expect(exhibitionModule.errors?.map((t) => t.area)).toEqual(['exhibition']);
    expect(errorMessageProblems(exhibitionCatalog, exhibitionModule.errors ?? [])).toEqual([]);
  });
});
