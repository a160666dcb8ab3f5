import { describe, expect, it } from 'vitest';
import { commitmentOf, ledgerHashOf, pickWinners, verifyDraw } from './draw.rules.ts';

const seed = 'a'.repeat(63) + 'b';
const ledger = Array.from({ length: 40 }, (_, i) => ({ number: i * 3 + 1, orderId: `order-${i % 7}` }));

describe('verifiable draw', () => {
  it('gives the same winners for the same seed and ledger, in any ledger order', () => {
    const a = pickWinners({ seedHex: seed, ledger, prizes: 3 });
    const b = pickWinners({ seedHex: seed, ledger: [...ledger].reverse(), prizes: 3 });
    expect(a).toEqual(b);
    expect(new Set(a.map((w) => w.number)).size).toBe(3);
  });

  it('verifies an honest draw and names each kind of tampering', () => {
    const honest = {
      commitment: commitmentOf(seed),
      seed,
      ledgerHash: ledgerHashOf(ledger),
      ledger,
      prizes: 2,
      winners: pickWinners({ seedHex: seed, ledger, prizes: 2 }),
    };
    expect(verifyDraw(honest)).toEqual({ ok: true, problems: [] });
    expect(verifyDraw({ ...honest, seed: 'c'.repeat(64) }).problems).toContain(
      'seed_does_not_match_commitment',
    );
    const forged = [...ledger.slice(1), { number: 999, orderId: 'order-x' }];
    expect(verifyDraw({ ...honest, ledger: forged }).problems).toContain('ledger_does_not_match_hash');
    const swapped = [...honest.winners].reverse();
    expect(verifyDraw({ ...honest, winners: swapped }).problems).toContain('winners_do_not_match');
  });

  it('picks every ticket about equally often over many seeds (no modulo bias)', () => {
    const small = Array.from({ length: 7 }, (_, i) => ({ number: i, orderId: 'o' }));
    const counts = new Array(7).fill(0);
    for (let s = 0; s < 7000; s++) {
      const hex = s.toString(16).padStart(64, '0');
      counts[pickWinners({ seedHex: hex, ledger: small, prizes: 1 })[0]!.number]++;
    }
    const chi = counts.reduce((sum, c) => sum + (c - 1000) ** 2 / 1000, 0);
    expect(chi).toBeLessThan(22.5); // 99.9th percentile, 6 df
  });
});
