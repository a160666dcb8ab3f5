import { describe, expect, it } from 'vitest';
import { errorMessageProblems } from '../../core/i18n/index.ts';
import { raffleModule } from './index.ts';
import { raffleCatalog } from './raffle.catalog.ts';

describe('raffle error codes', () => {
  it('each read in English and Spanish, the languages of the raffle chat and console', () => {
    expect(Object.keys(raffleCatalog).sort()).toEqual(['en', 'es']);
    expect(raffleModule.errors?.map((t) => t.area)).toEqual(['raffle']);
    expect(errorMessageProblems(raffleCatalog, raffleModule.errors ?? [])).toEqual([]);
  });
});
