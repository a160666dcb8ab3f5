import { describe, expect, it } from 'vitest';
import { type AccountState, accountStatus, sendFailureOf } from './channel-health.rules.ts';

const at = new Date('2027-01-05T10:00:00Z');
const state = (patch: Partial<AccountState>): AccountState => ({
  channel: 'telegram',
  lastSuccessAt: null,
  lastFailureAt: null,
  lastFailure: null,
  failuresInRow: 0,
  failingSince: null,
  alertedAt: null,
  ...patch,
});

describe('accountStatus', () => {
  it('knows nothing of an account nothing was sent through', () => {
    expect(accountStatus(undefined)).toBe('unknown');
    expect(accountStatus(state({}))).toBe('unknown');
  });

  it('says ok once the last send went out, whatever failed before it', () => {
    expect(accountStatus(state({ lastSuccessAt: at, lastFailureAt: new Date(at.getTime() - 1000) }))).toBe(
      'ok',
    );
  });

  it('says failing after a failure, and down once staff are told', () => {
    expect(accountStatus(state({ lastFailureAt: at, failuresInRow: 2 }))).toBe('failing');
    expect(accountStatus(state({ lastFailureAt: at, failuresInRow: 5, alertedAt: at }))).toBe('down');
  });
});

describe('sendFailureOf', () => {
  it("keeps an error's code and words, and names a failure without a code send_failed", () => {
    expect(
      sendFailureOf(Object.assign(new Error('Forbidden'), { code: 'conversations.delivery_refused' })),
    ).toEqual({ code: 'conversations.delivery_refused', message: 'Forbidden' });
    expect(sendFailureOf(new TypeError('Bot is not a constructor'))).toEqual({
      code: 'send_failed',
      message: 'Bot is not a constructor',
    });
  });

  it('cuts a long answer (an HTML error page) to 500 characters', () => {
    expect(sendFailureOf(new Error('x'.repeat(2000))).message).toHaveLength(500);
  });

  it("keeps the words it is given instead of the error's own (a one-time code masked)", () => {
    expect(sendFailureOf(new Error('code 123456 refused'), 'code ****** refused')).toEqual({
      code: 'send_failed',
      message: 'code ****** refused',
    });
  });
});
