import { describe, expect, it } from 'vitest';
import { waitLimit } from './inbound-order.rules.ts';

const message = {
  sequenceNo: '7',
  sentAt: new Date('2026-11-20T10:00:00Z'),
  arrivedAt: new Date('2026-11-20T10:00:01.400Z'),
};

describe('waitLimit', () => {
  it('lets a numbered message wait until its grace after it arrived', () => {
    expect(waitLimit({ by: 'sequence', graceMs: 2_000 }, message)).toEqual(
      new Date('2026-11-20T10:00:03.400Z'),
    );
  });

  it('never holds a message on a channel without an order, or with no grace', () => {
    expect(waitLimit(undefined, message)).toBeNull();
    expect(waitLimit({ by: 'sequence', graceMs: 0 }, message)).toBeNull();
  });
});
