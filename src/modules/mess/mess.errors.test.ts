import { describe, expect, it } from 'vitest';
import { errorMessageProblems } from '../../core/i18n/index.ts';
import { messModule } from './index.ts';
import { messCatalog } from './mess.catalog.ts';

describe('mess error codes', () => {
  it('each read in English and Hindi, the languages of the mess bot and console', () => {
    expect(Object.keys(messCatalog).sort()).toEqual(['en', 'hi']);
    expect(messModule.errors?.map((t) => t.area)).toEqual(['mess']);
    expect(errorMessageProblems(messCatalog, messModule.errors ?? [])).toEqual([]);
  });
});
