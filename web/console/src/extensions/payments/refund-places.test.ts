import { describe, expect, it } from 'vitest';
import { refundPlaceOf } from './refund-places.ts';

const places = new Map([
  ['prepaid.purchase', 'prepaid.purchases'],
  ['mess.cycle_fee', 'mess.students'],
  ['exhibition.bill', 'exhibition.bills'],
]);

describe('where a payment is refunded', () => {
  it('points a purchase’s payment to the purchase its words name', () => {
    const words = {
      key: 'prepaid.purpose.purchase',
      params: { meter: 'M-4', account: 'Uwase' },
      record: { resource: 'prepaid.purchases', id: 'p1' },
    };
    expect(
      refundPlaceOf(places, { purposeType: 'prepaid.purchase', purposeId: 'p1', record: words }),
    ).toEqual({ resource: 'prepaid.purchases', id: 'p1', words });
  });

  it('points a mess fee (student:cycle) to the student its words name', () => {
    const words = { key: 'mess.purpose.cycleFee', record: { resource: 'mess.students', id: 's1' } };
    expect(
      refundPlaceOf(places, { purposeType: 'mess.cycle_fee', purposeId: 's1:c1', record: words })?.id,
    ).toBe('s1');
  });

  it('points a bill’s payment to the bill when its words name the customer', () => {
    const words = { key: 'exhibition.purpose.bill', record: { resource: 'exhibition.customers', id: 'c1' } };
    expect(
      refundPlaceOf(places, { purposeType: 'exhibition.bill', purposeId: 'b1', record: words }),
    ).toMatchObject({ resource: 'exhibition.bills', id: 'b1' });
  });

  it('leaves a payment no panel refunds to its own page', () => {
    expect(refundPlaceOf(places, { purposeType: 'test.purchase', purposeId: 'x' })).toBeUndefined();
  });
});
