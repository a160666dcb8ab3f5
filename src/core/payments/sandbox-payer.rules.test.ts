import { describe, expect, it } from 'vitest';
import { autoApproveAt, dueAnswer } from './sandbox-payer.rules.ts';

const timing = { autoApproveAfterMs: 4_000, expireAfterMs: 300_000 };
const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 8, 0, s));
const prompt = { requestedAt: at(0), ignored: false };

describe('the sandbox payer', () => {
  it('approves a prompt left alone once its delay has passed, not before', () => {
    expect(dueAnswer(prompt, at(3), timing)).toBeNull();
    expect(dueAnswer(prompt, at(4), timing)).toBe('approve');
  });

  it('never approves by itself a prompt the person chose to let time out: it expires', () => {
    const ignored = { ...prompt, ignored: true };
    expect(autoApproveAt(ignored, timing)).toBeNull();
    expect(dueAnswer(ignored, at(299), timing)).toBeNull();
    expect(dueAnswer(ignored, at(300), timing)).toBe('expire');
  });

  it('without an approval delay, only the person approves; the prompt still expires', () => {
    const manual = { ...timing, autoApproveAfterMs: null };
    expect(dueAnswer(prompt, at(100), manual)).toBeNull();
    expect(dueAnswer(prompt, at(300), manual)).toBe('expire');
  });

  it('a delay longer than the expiry means the prompt expires first', () => {
    expect(dueAnswer(prompt, at(400), { ...timing, autoApproveAfterMs: 400_000 })).toBe('expire');
  });
});
