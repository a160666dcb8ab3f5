import { describe, expect, it } from 'vitest';
import { callbackHash } from '../../../test/standins/airtel-money.ts';
import { airtelStatus, nationalNumber } from './airtel.provider.ts';
import { momoStatus } from './momo.provider.ts';
import { createTokenCache } from './payment-provider.ts';
import { validAirtelHash } from './webhooks.routes.ts';

describe('reading MTN MoMo statuses', () => {
  it('reads a success with the transaction id and the amount MTN collected', () => {
    expect(
      momoStatus({ status: 'SUCCESSFUL', amount: '12.5', currency: 'EUR', financialTransactionId: '9911' }),
    ).toEqual({
      state: 'succeeded',
      raw: 'SUCCESSFUL',
      transactionId: '9911',
      amount: { amountMinor: 1250, currency: 'EUR' },
    });
  });

  it('treats an unreadable collected amount as different from ours', () => {
    const status = momoStatus({ status: 'SUCCESSFUL', amount: 'lots', currency: 'EUR' });
    expect(status.state === 'succeeded' && status.amount?.amountMinor).toBe(-1);
  });

  it('reads failures with their reason, and pending as pending', () => {
    expect(momoStatus({ status: 'FAILED', reason: 'PAYER_NOT_FOUND' })).toMatchObject({
      state: 'failed',
      reason: 'PAYER_NOT_FOUND',
    });
    expect(momoStatus({ status: 'FAILED', reason: { code: 'APPROVAL_REJECTED' } })).toMatchObject({
      reason: 'APPROVAL_REJECTED',
    });
    expect(momoStatus({ status: 'PENDING' }).state).toBe('pending');
    expect(momoStatus({}).state).toBe('ambiguous');
  });
});

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

describe('provider token cache', () => {
  it('reuses a token until shortly before it expires, and fetches again after being told it died', async () => {
    let clock = 0;
    let fetched = 0;
    const cache = createTokenCache(
      async () => ({ token: `t${++fetched}`, expiresInSeconds: 100 }),
      () => clock,
    );
    expect(await cache.get()).toBe('t1');
    clock = 80_000;
    expect(await cache.get()).toBe('t1');
    clock = 95_000; // within the 10 % margin
    expect(await cache.get()).toBe('t2');
    cache.invalidate('t2');
    expect(await cache.get()).toBe('t3');
  });

  it('fetches once for concurrent callers', async () => {
    let fetched = 0;
    const cache = createTokenCache(async () => ({ token: `t${++fetched}`, expiresInSeconds: 100 }));
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(['t1', 't1', 't1']);
  });
});
