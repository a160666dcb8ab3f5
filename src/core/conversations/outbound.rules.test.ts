import { describe, expect, it } from 'vitest';
import type { Output } from './flow.types.ts';
import { insideServiceWindow } from './outbound.rules.ts';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-22T12:00:00Z');
const text: Output = { kind: 'text', text: 'Your order is ready' };
const template: Output = { kind: 'template', name: 'order_ready', language: 'en', fallbackText: 'Ready' };

describe('the service window', () => {
  it('takes free-form messages only within the window after the last inbound message', () => {
    expect(insideServiceWindow(DAY, text, new Date('2026-11-21T12:00:01Z'), now)).toBe(true);
    expect(insideServiceWindow(DAY, text, new Date('2026-11-21T12:00:00Z'), now)).toBe(false);
    expect(insideServiceWindow(DAY, text, null, now)).toBe(false);
  });

  it('takes templates any time, even from a person who never wrote', () => {
    expect(insideServiceWindow(DAY, template, null, now)).toBe(true);
    expect(insideServiceWindow(DAY, template, new Date('2026-01-01T00:00:00Z'), now)).toBe(true);
  });

  it('takes everything on a channel without a window', () => {
    expect(insideServiceWindow(undefined, text, null, now)).toBe(true);
  });
});
