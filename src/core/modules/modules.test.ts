import { describe, expect, it } from 'vitest';
import { defineErrors } from '../../platform/errors/index.ts';
import { defineModule, secretSettingsOf, selectModules } from './index.ts';

const raffle = defineModule({ name: 'raffle' });
const mess = defineModule({ name: 'mess' });

describe('module registry', () => {
  it('enables every module for "all" and the named ones otherwise, in the given order', () => {
    expect(selectModules([raffle, mess], ['all']).map((m) => m.name)).toEqual(['raffle', 'mess']);
    expect(selectModules([raffle, mess], ['mess']).map((m) => m.name)).toEqual(['mess']);
  });

  it('names unknown modules and the known ones', () => {
    expect(() => selectModules([raffle, mess], ['rafle'])).toThrow(
      /unknown modules: rafle \(known: raffle, mess\)/,
    );
  });

  it('keeps module permissions inside the module namespace', () => {
    expect(() =>
      defineModule({ name: 'raffle', permissions: [{ key: 'mess.scan.create', description: '' }] }),
    ).toThrow(/must start with raffle\./);
  });

  it('keeps module secret settings inside the module settings and collects them once', () => {
    expect(() => defineModule({ name: 'raffle', secretSettings: ['whatsapp.accessToken'] })).toThrow(
      /under raffle\./,
    );
    expect(() => defineModule({ name: 'raffle', secretSettings: ['raffle'] })).toThrow(/dotted path/);
    const withKey = defineModule({ name: 'raffle', secretSettings: ['raffle.apiKey'] });
    expect(secretSettingsOf([withKey, mess, withKey])).toEqual(['raffle.apiKey']);
  });

  it('keeps module error codes inside the module namespace', () => {
    const MessErrors = defineErrors('mess', { cut_too_long: { status: 400, title: 'Too long' } });
    expect(() => defineModule({ name: 'raffle', errors: [MessErrors] })).toThrow(
      'error codes of mess cannot be declared by raffle',
    );
    expect(defineModule({ name: 'mess', errors: [MessErrors] }).errors).toEqual([MessErrors]);
  });
});
