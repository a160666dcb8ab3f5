import { describe, expect, it } from 'vitest';
import { CALLBACK_KEY_LENGTH, deriveCallbackKey, sameCallbackKey } from './callback-keys.rules.ts';

const SECRET = 'callback-keys-test-secret-0123456789abcdef';
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('callback keys', () => {
  it('gives every organization, purpose, account and generation a key of its own', () => {
    const keys = [
      deriveCallbackKey(SECRET, { purpose: 'ussd', orgId: A }, 0),
      deriveCallbackKey(SECRET, { purpose: 'ussd', orgId: B }, 0),
      deriveCallbackKey(SECRET, { purpose: 'sms', orgId: A }, 0),
      deriveCallbackKey(SECRET, { purpose: 'sms', orgId: A, account: 'africastalking:a' }, 0),
      deriveCallbackKey(SECRET, { purpose: 'sms', orgId: null, account: 'africastalking:a' }, 0),
      deriveCallbackKey(SECRET, { purpose: 'ussd', orgId: A }, 1),
      deriveCallbackKey(`${SECRET}-rotated`, { purpose: 'ussd', orgId: A }, 0),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(new RegExp(`^[A-Za-z0-9_-]{${CALLBACK_KEY_LENGTH}}$`));
  });

  it('derives the same key again from the same inputs (nothing stored but the generation)', () => {
    expect(deriveCallbackKey(SECRET, { purpose: 'ussd', orgId: A }, 3)).toBe(
      deriveCallbackKey(SECRET, { purpose: 'ussd', orgId: A }, 3),
    );
  });

  it('compares keys whole, refusing other types, prefixes and another organization’s key', () => {
    const key = deriveCallbackKey(SECRET, { purpose: 'ussd', orgId: A }, 0);
    expect(sameCallbackKey(key, key)).toBe(true);
    expect(sameCallbackKey(key.slice(0, -1), key)).toBe(false);
    expect(sameCallbackKey(undefined, key)).toBe(false);
    expect(sameCallbackKey(deriveCallbackKey(SECRET, { purpose: 'ussd', orgId: B }, 0), key)).toBe(false);
  });
});
