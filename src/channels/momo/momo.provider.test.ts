import { describe, expect, it } from 'vitest';
import { momoStatus } from './momo.provider.ts';

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
