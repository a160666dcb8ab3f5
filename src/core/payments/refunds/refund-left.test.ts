import { describe, expect, it } from 'vitest';
import type { PaymentProvider } from '../payment-provider.ts';
import type { Payment } from '../payment-view.ts';
import { defaultRefundMethod } from './refund-left.ts';

const rwf = (amountMinor: number) => ({ amountMinor, currency: 'RWF' });
const paid = (method: string) => ({ method, amount: rwf(1_000) }) as Payment;
const provider = (method: string, refunds: boolean) =>
  ({ method, ...(refunds ? { refund: async () => ({}) } : {}) }) as PaymentProvider;
/** The app's declared providers, as a module hands them over (`rt.deps`). */
const offering = (providers: PaymentProvider[]) => ({ declared: { paymentProviders: () => providers } });

describe('the method a module refund goes back by when staff choose none', () => {
  it('goes back through the provider the payer paid by when it sends refunds here, Airtel only in full', () => {
    const both = [provider('momo', true), provider('airtel', true)];
    expect(defaultRefundMethod(paid('momo'), rwf(400), offering(both))).toBe('momo');
    expect(defaultRefundMethod(paid('airtel'), rwf(1_000), offering(both))).toBe('airtel');
    expect(defaultRefundMethod(paid('airtel'), rwf(400), offering(both))).toBe('cash');
  });

  it('is cash for money taken by hand, or through a provider that cannot send refunds here', () => {
    expect(defaultRefundMethod(paid('cash'), rwf(1_000), offering([provider('momo', true)]))).toBe('cash');
    expect(defaultRefundMethod(paid('proof'), rwf(1_000), offering([provider('momo', true)]))).toBe('cash');
    expect(defaultRefundMethod(paid('momo'), rwf(1_000), offering([provider('momo', false)]))).toBe('cash');
    expect(defaultRefundMethod(paid('momo'), rwf(1_000), offering([]))).toBe('cash');
  });
});
