import { describe, expect, it } from 'vitest';
import { paymentFailureKind } from './payment-failure.rules.ts';

describe('paymentFailureKind', () => {
  it.each([
    ['NOT_ENOUGH_FUNDS', 'insufficient_funds'],
    ['APPROVAL_REJECTED', 'declined'],
    ['COULD_NOT_PERFORM_TRANSACTION', 'not_approved'],
    ['PAYER_NOT_FOUND', 'payer_not_found'],
    ['PAYER_LIMIT_REACHED', 'limit_reached'],
    ['SENDER_ACCOUNT_NOT_ACTIVE', 'account_inactive'],
    ['NOT_ALLOWED', 'not_allowed'],
    ['INTERNAL_PROCESSING_ERROR', 'provider_error'],
  ] as const)('words the MTN MoMo reason %s as %s', (reason, kind) => {
    expect(paymentFailureKind(reason)).toBe(kind);
  });

  it.each([
    ['Insufficient funds', 'insufficient_funds'],
    ['The subscriber declined the payment', 'declined'],
    ['Transaction expired: the subscriber did not answer', 'not_approved'],
    ['Transaction reversed', 'reversed'],
  ] as const)('recognizes the Airtel Money message "%s" as %s', (reason, kind) => {
    expect(paymentFailureKind(reason)).toBe(kind);
  });

  it('tells our own deadline apart from a refused request and from a reason nobody knows', () => {
    expect(paymentFailureKind('timeout')).toBe('timeout');
    expect(paymentFailureKind('request_rejected: PAYER_NOT_FOUND')).toBe('payer_not_found');
    expect(paymentFailureKind('request_rejected: ESB000041')).toBe('provider_error');
    expect(paymentFailureKind('TF')).toBe('other');
    expect(paymentFailureKind('FAILED')).toBe('other');
    expect(paymentFailureKind(null)).toBe('other');
  });
});
