import { describe, expect, it } from 'vitest';
import { buyerOrderState, readOrderRefundOptions, refundsTakeAll } from './order-refund.rules.ts';

describe('a raffle refund’s options', () => {
  it('releases the numbers unless asked to hold them', () => {
    expect(readOrderRefundOptions({})).toEqual({ ok: true, options: { tickets: 'release' } });
    expect(readOrderRefundOptions({ tickets: 'hold' })).toEqual({ ok: true, options: { tickets: 'hold' } });
  });

  it('names the option it does not know', () => {
    const read = readOrderRefundOptions({ tickets: 'burn', callOff: 'x' });
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.fields.map((f) => f.field)).toEqual(['options.tickets', 'options.callOff']);
  });
});

describe('an order’s refunds', () => {
  it('cancel the order only when they take all that was paid', () => {
    expect(refundsTakeAll({ paidMinor: 3000, refundedMinor: 1000 })).toBe(false);
    expect(refundsTakeAll({ paidMinor: 3000, refundedMinor: 3000 })).toBe(true);
  });

  it('read as refunded to the buyer once money went back for a cancelled order', () => {
    const order = { refundedMinor: 0, proofUnderReview: false };
    expect(buyerOrderState({ ...order, status: 'paid', refundedMinor: 1000 })).toBe('paid');
    expect(buyerOrderState({ ...order, status: 'cancelled', refundedMinor: 3000 })).toBe('refunded');
    expect(buyerOrderState({ ...order, status: 'cancelled' })).toBe('cancelled');
    expect(buyerOrderState({ ...order, status: 'pending_payment', proofUnderReview: true })).toBe(
      'in_review',
    );
  });
});
