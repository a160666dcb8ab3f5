import { describe, expect, it } from 'vitest';
import { fitsGsm7, fittedToGsm7, smsSegments } from '../../core/notifications/index.ts';

describe('smsSegments', () => {
  it('sends plain Latin text as GSM-7: 160 septets in one part, then parts of 153', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts an extension-table character (€, [, ^) as two septets and never splits it', () => {
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(smsSegments(`${'a'.repeat(159)}€`).segments).toBe(2);
    // 152 septets, then € would straddle the boundary: it opens the second part.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments).toBe(3);
  });

  it('sends Devanagari and other scripts as UCS-2: 70 units, then parts of 67', () => {
    expect(smsSegments('क'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
    expect(smsSegments('क'.repeat(71)).segments).toBe(2);
    expect(smsSegments('क'.repeat(134)).segments).toBe(2);
    expect(smsSegments('क'.repeat(135)).segments).toBe(3);
  });

  it('keeps French and Spanish accents of the GSM alphabet in GSM-7, others in UCS-2', () => {
    expect(smsSegments('Reçu: é è à ù ñ ü').encoding).toBe('UCS-2'); // ç lower-case is not in GSM-7
    expect(smsSegments('Réf é è à ù ñ ü Ç').encoding).toBe('GSM-7');
    expect(fitsGsm7('ê')).toBe(false);
  });

  it('counts an emoji as two UCS-2 units, never split between parts', () => {
    expect(smsSegments('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
    expect(smsSegments(`${'a'.repeat(66)}😀`).segments).toBe(1);
    expect(smsSegments(`${'a'.repeat(69)}😀`).segments).toBe(2);
  });
});

describe('fittedToGsm7', () => {
  it('writes the spaces and quotes Intl and editors add in GSM-7 so a Latin text stays GSM-7', () => {
    expect(fittedToGsm7('RWF\u00A01.481 – it’s paid')).toBe("RWF 1.481 - it's paid");
  });

  it('keeps the accents GSM-7 has and drops only those it lacks (issue 65: "n a ete preleve")', () => {
    const french = 'Votre paiement n’a pas abouti, rien n’a été prélevé. Reçu à 14\u202Fh, à bientôt';
    expect(fittedToGsm7(french)).toBe(
      "Votre paiement n'a pas abouti, rien n'a été prélevé. Recu à 14 h, à bientot",
    );
    expect(smsSegments(fittedToGsm7(french)).encoding).toBe('GSM-7');
    expect(fittedToGsm7('Su pago no se cobró, quedan días. ¿Compró? Señor Müller')).toBe(
      'Su pago no se cobro, quedan dias. ¿Compro? Señor Müller',
    );
  });

  it('leaves a text alone when it needs UCS-2 anyway', () => {
    const hindi = 'भुगतान\u00A0₹500 – मिला';
    expect(fittedToGsm7(hindi)).toBe(hindi);
  });
});
