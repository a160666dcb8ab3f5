import { describe, expect, it } from 'vitest';
import {
  BOOTH_VOID_WINDOW_MS,
  boothVoidRefusal,
  checkExhibitionSettings,
  duplicateReasons,
  mayBillAtBooth,
  needsConfirmation,
} from './exhibition.rules.ts';

const valid = { startsOn: '2026-12-10', endsOn: '2026-12-12', currency: 'USD', timeZone: 'Asia/Kolkata' };

describe('exhibition settings', () => {
  it('accepts dates in order, a currency code and a time zone', () => {
    expect(checkExhibitionSettings(valid)).toEqual([]);
  });
  it('accepts a one-day exhibition', () => {
    expect(checkExhibitionSettings({ ...valid, endsOn: valid.startsOn })).toEqual([]);
  });
  it('names each wrong field', () => {
    expect(
      checkExhibitionSettings({
        startsOn: '2026-12-10',
        endsOn: '2026-12-09',
        currency: 'XX',
        timeZone: 'Mars/Base',
      }),
    ).toEqual([
      { field: 'endsOn', message: 'is before startsOn' },
      { field: 'currency', message: 'is not an ISO 4217 currency code' },
      { field: 'timeZone', message: 'is not an IANA time zone' },
    ]);
  });
  it('refuses dates that are not calendar dates', () => {
    expect(checkExhibitionSettings({ ...valid, startsOn: '10/12/2026' }).map((p) => p.field)).toEqual([
      'startsOn',
    ]);
  });
});

describe('who may bill at a booth', () => {
  it('lets desk staff bill at any booth', () => {
    expect(mayBillAtBooth({ billsAnyBooth: true, assignedToBooth: false })).toBe(true);
  });
  it('lets booth staff bill at their own booth only', () => {
    expect(mayBillAtBooth({ billsAnyBooth: false, assignedToBooth: true })).toBe(true);
    expect(mayBillAtBooth({ billsAnyBooth: false, assignedToBooth: false })).toBe(false);
  });
});

describe('duplicate customers', () => {
  it('names the e-mail and the phone that match', () => {
    const a = { email: 'a@x.test', phone: '+14155550100' };
    expect(duplicateReasons(a, a)).toEqual(['email', 'phone']);
    expect(duplicateReasons(a, { ...a, email: 'b@x.test' })).toEqual(['phone']);
    expect(duplicateReasons(a, { email: 'b@x.test', phone: '+14155550101' })).toEqual([]);
  });
});

describe('booth safeguards', () => {
  it('asks to confirm only an amount above the limit', () => {
    expect(needsConfirmation(100_000, 100_000)).toBe(false);
    expect(needsConfirmation(100_001, 100_000)).toBe(true);
  });
  it('lets only the maker void at the booth, and only within the window', () => {
    const createdAt = new Date('2026-12-10T10:00:00Z');
    const at = (ms: number) => new Date(createdAt.getTime() + ms);
    const mine = { createdByUserId: 'u1', userId: 'u1', createdAt };
    expect(boothVoidRefusal({ ...mine, now: at(BOOTH_VOID_WINDOW_MS) })).toBe('ok');
    expect(boothVoidRefusal({ ...mine, now: at(BOOTH_VOID_WINDOW_MS + 1) })).toBe('window_passed');
    expect(boothVoidRefusal({ ...mine, userId: 'u2', now: at(1) })).toBe('not_yours');
    expect(boothVoidRefusal({ ...mine, createdByUserId: null, now: at(1) })).toBe('not_yours');
  });
});
