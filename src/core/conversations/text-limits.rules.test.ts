import { describe, expect, it } from 'vitest';
import { fitText } from './text-limits.rules.ts';

describe('fitText', () => {
  it('keeps text that fits', () => {
    expect(fitText('Ver Rifas', 20)).toBe('Ver Rifas');
  });

  it('cuts long text at the limit with an ellipsis', () => {
    const out = fitText('Confirmar mi pedido de boletos', 20);
    expect(out).toBe('Confirmar mi pedido…');
    expect(out.length).toBeLessThanOrEqual(20);
  });

  it('never splits an emoji or a combined flag', () => {
    const out = fitText('🇵🇾🇵🇾🇵🇾🇵🇾🇵🇾🇵🇾🇵🇾', 9);
    expect(out).toBe('🇵🇾🇵🇾…');
    expect([...out].every((c) => c.codePointAt(0)! > 0x1f000 || c === '…')).toBe(true);
  });

  it('never splits a Devanagari syllable', () => {
    const out = fitText('भाषा बदलें भाषा बदलें', 8);
    expect(out).toBe('भाषा बद…');
    expect(fitText('बदलें बदलें', 5)).toBe('बद…');
    expect(fitText('लेंलेंलें', 6)).toBe('लें…');
  });

  it('counts multi-byte characters as characters, not bytes', () => {
    expect(fitText('ñandutí café', 20)).toBe('ñandutí café');
  });
});
