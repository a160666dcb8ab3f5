import { describe, expect, it } from 'vitest';
import {
  checkBuyerCap,
  checkRaffleSettings,
  checkSpecificPick,
  effectiveOrderStatus,
  isSelling,
  isTicketFree,
  orderStillHolds,
  parseNumberList,
  parseRandomRequest,
  RANDOM_WORDS,
  reminderAt,
  takenNumbers,
} from './raffle.rules.ts';

const limits = { minNumber: 1, maxNumber: 100, maxPerOrder: 5 };
const now = new Date('2026-12-01T12:00:00Z');
const later = new Date(now.getTime() + 60_000);
const earlier = new Date(now.getTime() - 1);

describe('raffle rules', () => {
  it('reads "5,12,99", "5 12 99" and "5, 12; 99" alike, and nothing else', () => {
    expect(parseNumberList('5,12,99')).toEqual([5, 12, 99]);
    expect(parseNumberList('5 12 99')).toEqual([5, 12, 99]);
    expect(parseNumberList(' 5, 12; 99 ')).toEqual([5, 12, 99]);
    expect(parseNumberList('confirmar')).toBeNull();
    expect(parseNumberList('5, x')).toBeNull();
    expect(parseNumberList('-3')).toBeNull();
  });

  it('reads "aleatorio 3" and "random 3", and a bare "random" as one', () => {
    expect(parseRandomRequest('aleatorio 3')).toBe(3);
    expect(parseRandomRequest('Random 3')).toBe(3);
    expect(parseRandomRequest('random')).toBe(1);
    expect(parseRandomRequest('5 6')).toBeNull();
  });

  it('reads a random pick with its count in every chat language, the count before or after the word', () => {
    for (const [language, words] of Object.entries(RANDOM_WORDS))
      for (const word of words) {
        expect(parseRandomRequest(`${word} 2`), `${language}: ${word} 2`).toBe(2);
        expect(parseRandomRequest(` ${word.toUpperCase()}  2 `), language).toBe(2);
        expect(parseRandomRequest(`2 ${word}`), `${language}: 2 ${word}`).toBe(2);
        expect(parseRandomRequest(word), language).toBe(1);
        expect(parseRandomRequest(`${word} dos`), language).toBeNull();
      }
    expect(parseRandomRequest('aleatorio 2')).toBe(2);
    expect(parseRandomRequest('2 aleatorios')).toBe(2);
    expect(parseRandomRequest('al  azar 4')).toBe(4);
    expect(parseRandomRequest('aleatorio 2 3')).toBeNull();
  });

  it('refuses duplicates, numbers out of range, empty and oversized picks; sorts the rest', () => {
    expect(checkSpecificPick([5, 5], limits)).toMatchObject({ ok: false, reason: 'duplicate', numbers: [5] });
    expect(checkSpecificPick([0, 101], limits)).toMatchObject({ ok: false, reason: 'out_of_range' });
    expect(checkSpecificPick([], limits)).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkSpecificPick([1, 2, 3, 4, 5, 6], limits)).toMatchObject({
      ok: false,
      code: 'quantity_invalid',
      max: 5,
    });
    expect(checkSpecificPick([9, 3], limits)).toEqual({ ok: true, numbers: [3, 9] });
  });

  it('treats a held ticket whose hold ran out as free, and a sold one never', () => {
    expect(isTicketFree({ number: 1, status: 'available', orderId: null, heldUntil: null }, now)).toBe(true);
    expect(isTicketFree({ number: 1, status: 'held', orderId: 'o', heldUntil: earlier }, now)).toBe(true);
    expect(isTicketFree({ number: 1, status: 'held', orderId: 'o', heldUntil: later }, now)).toBe(false);
    expect(isTicketFree({ number: 1, status: 'sold', orderId: 'o', heldUntil: null }, now)).toBe(false);
    expect(
      takenNumbers([1, 2, 3], [{ number: 1, status: 'sold', orderId: 'o', heldUntil: null }], now),
    ).toEqual([1, 2, 3]);
  });

  it('lets an order be paid only while every ticket is still held by it and the hold is live', () => {
    const order = { id: 'o1', numbers: [1, 2], expiresAt: later };
    const held = (n: number, orderId = 'o1') => ({
      number: n,
      status: 'held' as const,
      orderId,
      heldUntil: later,
    });
    expect(orderStillHolds(order, [held(1), held(2)], now)).toBe(true);
    expect(orderStillHolds(order, [held(1), held(2, 'o2')], now)).toBe(false);
    expect(orderStillHolds({ ...order, expiresAt: earlier }, [held(1), held(2)], now)).toBe(false);
  });

  it('shows a pending order past its hold as expired', () => {
    expect(effectiveOrderStatus({ status: 'pending_payment', expiresAt: earlier }, now)).toBe('expired');
    expect(effectiveOrderStatus({ status: 'pending_payment', expiresAt: later }, now)).toBe(
      'pending_payment',
    );
    expect(effectiveOrderStatus({ status: 'paid', expiresAt: earlier }, now)).toBe('paid');
  });

  it('caps tickets per buyer across orders', () => {
    expect(checkBuyerCap(8, 2, 10)).toEqual({ ok: true });
    expect(checkBuyerCap(8, 3, 10)).toMatchObject({ ok: false, held: 8, max: 10 });
  });

  it('sells only while selling and inside the open/close window', () => {
    expect(isSelling({ status: 'selling', opensAt: null, closesAt: later }, now)).toBe(true);
    expect(isSelling({ status: 'selling', opensAt: later, closesAt: null }, now)).toBe(false);
    expect(isSelling({ status: 'selling', opensAt: null, closesAt: earlier }, now)).toBe(false);
    expect(isSelling({ status: 'draft', opensAt: null, closesAt: null }, now)).toBe(false);
  });

  it('checks raffle settings', () => {
    const base = { minNumber: 1, maxNumber: 10, maxPerOrder: 5, maxPerBuyer: 5, prizes: ['x'] };
    expect(checkRaffleSettings(base)).toEqual([]);
    expect(checkRaffleSettings({ ...base, minNumber: 11 })).toContain(
      'maxNumber must not be below minNumber',
    );
    expect(checkRaffleSettings({ ...base, prizes: [] })).toContain('at least one prize');
  });

  it('reminds a third of the hold before it runs out, at most five minutes before', () => {
    const created = new Date(0);
    expect(reminderAt(created, new Date(15 * 60_000))?.getTime()).toBe(10 * 60_000);
    expect(reminderAt(created, new Date(6_000))?.getTime()).toBe(4_000);
  });
});
