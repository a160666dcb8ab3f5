import { describe, expect, it } from 'vitest';
import { errorMessageProblems } from '../../core/i18n/index.ts';
import { prepaidModule } from './index.ts';
import { prepaidCatalog } from './prepaid.catalog.ts';

describe('prepaid error codes', () => {
  it('each read in every language the module ships', () => {
    expect(Object.keys(prepaidCatalog).sort()).toEqual(['en', 'fr', 'rw']);
    expect(prepaidModule.errors?.map((t) => t.area)).toEqual(['prepaid']);
    expect(errorMessageProblems(prepaidCatalog, prepaidModule.errors ?? [])).toEqual([]);
  });
});
