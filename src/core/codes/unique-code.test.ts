import { describe, expect, it } from 'vitest';
import { hasValidCheckCharacter } from './check-character.ts';
import { createUniqueCode } from './unique-code.ts';

describe('createUniqueCode', () => {
  it('retries after a unique violation and returns the code that was stored', async () => {
    const taken = new Set<string>();
    const attempts: string[] = [];
    const tryInsert = async (code: string) => {
      attempts.push(code);
      if (attempts.length < 3) return false;
      taken.add(code);
      return true;
    };
    const code = await createUniqueCode({ length: 8, tryInsert });
    expect(attempts).toHaveLength(3);
    expect(taken.has(code)).toBe(true);
    expect(hasValidCheckCharacter(code)).toBe(true);
  });

  it('gives up with unique_code_attempts_exhausted after maxAttempts', async () => {
    let calls = 0;
    const tryInsert = async () => {
      calls++;
      return false;
    };
    await expect(createUniqueCode({ length: 8, tryInsert, maxAttempts: 4 })).rejects.toMatchObject({
      code: 'codes.unique_code_attempts_exhausted',
    });
    expect(calls).toBe(4);
  });

  it('hands out distinct codes to many concurrent callers sharing one unique index', async () => {
    const index = new Set<string>();
    // A deliberately tiny code space (length 2 → 31 codes) forces collisions between callers.
    const tryInsert = async (code: string) => {
      await Promise.resolve();
      if (index.has(code)) return false;
      index.add(code);
      return true;
    };
    const codes = await Promise.all(
      Array.from({ length: 20 }, () => createUniqueCode({ length: 2, tryInsert, maxAttempts: 500 })),
    );
    expect(new Set(codes).size).toBe(20);
  });

  it('lets database errors other than a unique violation propagate', async () => {
    const tryInsert = async () => {
      throw new Error('connection lost');
    };
    await expect(createUniqueCode({ length: 8, tryInsert })).rejects.toThrow('connection lost');
  });
});
