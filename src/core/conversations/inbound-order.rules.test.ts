import { describe, expect, it } from 'vitest';
import { holdUntil, waitLimit } from './inbound-order.rules.ts';

const message = {
  sequenceNo: '7',
  sentAt: new Date('2026-11-20T10:00:00Z'),
  arrivedAt: new Date('2026-11-20T10:00:01.400Z'),
  earlierMissing: true,
};
const order = { by: 'sequence', graceMs: 2_000 } as const;

describe('waitLimit', () => {
  it('lets a numbered message wait until its grace after it arrived', () => {
    expect(waitLimit(order, message)).toEqual(new Date('2026-11-20T10:00:03.400Z'));
  });

  it('never holds a message on a channel without an order, or with no grace', () => {
    expect(waitLimit(undefined, message)).toBeNull();
    expect(waitLimit({ by: 'sequence', graceMs: 0 }, message)).toBeNull();
  });
});

describe('holdUntil', () => {
  const now = new Date('2026-11-20T10:00:02Z');

  it('holds a message while a smaller number was missing when it was read, until its grace ends', () => {
    expect(holdUntil(order, message, now)).toEqual(new Date('2026-11-20T10:00:03.400Z'));
  });

  it('handles it now when nothing before it was missing, its grace is over, or it has no number', () => {
    expect(holdUntil(order, { ...message, earlierMissing: false }, now)).toBeNull();
    expect(holdUntil(order, message, new Date('2026-11-20T10:00:03.400Z'))).toBeNull();
    expect(holdUntil(order, { ...message, sequenceNo: null }, now)).toBeNull();
    expect(holdUntil(undefined, message, now)).toBeNull();
  });
});
