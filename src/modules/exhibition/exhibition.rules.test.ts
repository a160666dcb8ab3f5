import { describe, expect, it } from 'vitest';
import {
  BOOTH_VOID_WINDOW_MS,
  billDueMinor,
  billRefundable,
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
  it('matches no one on a blank (visitors registered by phone alone share no e-mail)', () => {
    expect(
      duplicateReasons({ email: '', phone: '+250788000111' }, { email: '', phone: '+250788000112' }),
    ).toEqual([]);
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

describe('a bill’s money', () => {
  const none = { paidMinor: 0, pendingMinor: 0, refundedMinor: 0, returningMinor: 0, awaitingMinor: 0 };
  const active = { status: 'active' as const, amountMinor: 1000 };

  it('is due what the bill asks less what was kept and what the payer is being asked for', () => {
    expect(billDueMinor(active, none)).toBe(1000);
    expect(billDueMinor(active, { ...none, pendingMinor: 1000 })).toBe(0);
    expect(billDueMinor(active, { ...none, paidMinor: 1000 })).toBe(0);
    expect(
      billDueMinor({ ...active, amountMinor: 700 }, { ...none, paidMinor: 1000, refundedMinor: 300 }),
    ).toBe(0);
    expect(billDueMinor({ ...active, status: 'void' }, none)).toBe(0);
  });

  it('may go back all once voided, the difference once reduced, and nothing while the bill still asks for it', () => {
    const paid = { ...none, paidMinor: 1000 };
    expect(billRefundable(active, paid, {})).toEqual({ refusal: 'not_voided' });
    expect(billRefundable(active, paid, { bill: 'void' })).toEqual({ refundableMinor: 1000 });
    expect(billRefundable({ ...active, status: 'void' }, paid, {})).toEqual({ refundableMinor: 1000 });
    expect(billRefundable(active, paid, { bill: 'reduce', toMinor: 600 })).toEqual({ refundableMinor: 400 });
    // Reduced before (and its difference given back): the same reduction asks nothing more.
    const reduced = { status: 'active' as const, amountMinor: 600 };
    expect(
      billRefundable(reduced, { ...paid, refundedMinor: 400 }, { bill: 'reduce', toMinor: 600 }),
    ).toEqual({
      refusal: 'nothing_to_refund',
    });
    expect(billRefundable(active, paid, { bill: 'reduce', toMinor: 1200 })).toEqual({
      refusal: 'reduce_invalid',
    });
    expect(billRefundable({ ...active, status: 'void' }, paid, { bill: 'reduce', toMinor: 500 })).toEqual({
      refusal: 'reduce_invalid',
    });
  });

  it('counts a refund waiting for approval as asked back already', () => {
    const waiting = { ...none, paidMinor: 1000, awaitingMinor: 1000 };
    expect(billRefundable(active, waiting, { bill: 'void' })).toEqual({ refusal: 'nothing_to_refund' });
    expect(billDueMinor(active, waiting)).toBe(0);
  });
});
