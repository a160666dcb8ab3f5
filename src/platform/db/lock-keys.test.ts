import { describe, expect, it } from 'vitest';
import { canonicalLockKeys, lockKeyOf } from './lock-keys.ts';

describe('canonicalLockKeys', () => {
  it('gives the same order whatever order the caller names the objects in', () => {
    const names = ['raffle.order:o1:a', 'payment.proof_sha256:o1:ff', 'prepaid.signup:o1:+256700000000'];
    const once = canonicalLockKeys(names);
    expect(canonicalLockKeys([...names].reverse())).toEqual(once);
    expect(canonicalLockKeys([names[1]!, names[2]!, names[0]!])).toEqual(once);
    expect([...once].sort((a, b) => (a < b ? -1 : 1))).toEqual(once);
  });

  it('takes a name named twice once', () => {
    expect(canonicalLockKeys(['a', 'b', 'a'])).toHaveLength(2);
  });

  it('keys fit PostgreSQL bigint and differ by organization', () => {
    const key = lockKeyOf('raffle.order:org-1:x');
    expect(key >= -(2n ** 63n) && key < 2n ** 63n).toBe(true);
    expect(lockKeyOf('raffle.order:org-2:x')).not.toBe(key);
  });
});
