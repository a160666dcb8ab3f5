import { describe, expect, it } from 'vitest';
import { amountToMinor, readDeskInput } from './desk-input.ts';

describe('the desk input', () => {
  it('reads a scanned pass, a typed code with dashes, and anything else as a search', () => {
    expect(readDeskInput(' OD1:ABCDEF234 ')).toEqual({ kind: 'pass', pass: 'OD1:ABCDEF234' });
    expect(readDeskInput('abcd-ef23')).toEqual({ kind: 'code', code: 'ABCDEF23', q: 'abcd-ef23' });
    expect(readDeskInput('Fernando')).toEqual({ kind: 'code', code: 'FERNANDO', q: 'Fernando' });
    expect(readDeskInput('Meera Shah')).toEqual({ kind: 'search', q: 'Meera Shah' });
    expect(readDeskInput('+34 600')).toEqual({ kind: 'search', q: '+34 600' });
    expect(readDeskInput('  ')).toEqual({ kind: 'empty' });
  });

  it('reads amounts as exact minor units and refuses what is not one', () => {
    expect(amountToMinor('12.5', 2)).toBe(1250);
    expect(amountToMinor('12,50', 2)).toBe(1250);
    expect(amountToMinor('1 200', 0)).toBe(1200);
    expect(amountToMinor('0.1', 2)).toBe(10);
    expect(amountToMinor('12.505', 2)).toBeUndefined();
    expect(amountToMinor('0', 2)).toBeUndefined();
    expect(amountToMinor('-3', 2)).toBeUndefined();
    expect(amountToMinor('abc', 2)).toBeUndefined();
  });
});
