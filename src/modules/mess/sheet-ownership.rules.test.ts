import { describe, expect, it } from 'vitest';
import { sheetProofCode, showsProofCode } from './sheet-ownership.rules.ts';

const KEY = 'k'.repeat(40);

describe('spreadsheet ownership proof', () => {
  it('gives each organization its own stable code', () => {
    const a = sheetProofCode('org-a', KEY);
    expect(sheetProofCode('org-a', KEY)).toBe(a);
    expect(sheetProofCode('org-b', KEY)).not.toBe(a);
    expect(sheetProofCode('org-a', 'n'.repeat(40))).not.toBe(a);
  });

  it('accepts the code alone in the cell, and nothing else', () => {
    const code = sheetProofCode('org-a', KEY);
    expect(showsProofCode([[` ${code} `]], code)).toBe(true);
    expect(showsProofCode([[sheetProofCode('org-b', KEY)]], code)).toBe(false);
    expect(showsProofCode([[`${code}x`]], code)).toBe(false);
    expect(showsProofCode([], code)).toBe(false);
  });
});
