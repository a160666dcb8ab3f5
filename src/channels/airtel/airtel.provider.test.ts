import { describe, expect, it } from 'vitest';
import { airtelStatus, nationalNumber } from './airtel.provider.ts';
import { validAirtelHash } from './airtel.rules.ts';
import { callbackHash } from './index.ts';

describe('reading Airtel Money enquiries', () => {
  const envelope = (status: string, extra: Record<string, unknown> = {}) => ({
    data: { transaction: { id: 'x', status, message: 'm', ...extra } },
    // success:false must not matter: the transaction status decides
    status: { code: '200', result_code: 'ESB000010', success: false },
  });

  it('decides on the transaction status: TS paid, TF failed, TIP pending, TA ambiguous, TR reversed', () => {
    expect(airtelStatus(envelope('TS', { airtel_money_id: 'MP1' }))).toEqual({
      state: 'succeeded',
      raw: 'TS',
      transactionId: 'MP1',
      amount: null,
    });
    expect(airtelStatus(envelope('TF'))).toMatchObject({ state: 'failed', reason: 'm' });
    expect(airtelStatus(envelope('TIP')).state).toBe('pending');
    expect(airtelStatus(envelope('TA')).state).toBe('ambiguous');
    expect(airtelStatus(envelope('TR'))).toMatchObject({ state: 'failed', reason: 'reversed' });
  });

  it('sends the national number of the configured country', () => {
    expect(nationalNumber('250733000111', 'RW')).toBe('733000111');
    expect(nationalNumber('256701000111', 'RW')).toBe('256701000111');
  });

  it('accepts an authenticated callback only with the right hash', () => {
    const transaction = { id: 'p1', message: 'Paid', status_code: 'TS', airtel_money_id: 'MP1' };
    const hash = callbackHash(transaction, 'callback-secret');
    expect(validAirtelHash({ transaction, hash }, 'callback-secret')).toBe(true);
    expect(validAirtelHash({ transaction, hash }, 'other-secret')).toBe(false);
    expect(
      validAirtelHash({ transaction: { ...transaction, status_code: 'TF' }, hash }, 'callback-secret'),
    ).toBe(false);
    expect(validAirtelHash({ transaction }, 'callback-secret')).toBe(false);
  });
});
