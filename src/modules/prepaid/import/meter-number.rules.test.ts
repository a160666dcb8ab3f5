import { describe, expect, it } from 'vitest';
import { meterNumberKey, readMeterNumber } from './meter-number.rules.ts';

describe('readMeterNumber', () => {
  it('takes a number typed as the original assigned it as it is', () => {
    expect(readMeterNumber('KGL-001')).toEqual({ number: 'KGL-001', normalized: false, unreadable: null });
    expect(readMeterNumber('pm-171624')).toEqual({
      number: 'pm-171624',
      normalized: false,
      unreadable: null,
    });
  });

  it('drops the spaces people group digits with and reads any dash as a dash', () => {
    expect(readMeterNumber('0142 300 00')).toMatchObject({ number: '014230000', normalized: true });
    expect(readMeterNumber('149  -  63103')).toMatchObject({ number: '149-63103', normalized: true });
    expect(readMeterNumber('1862–8618')).toMatchObject({ number: '1862-8618', normalized: true });
    expect(readMeterNumber('KGL 001')).toMatchObject({ number: 'KGL001', normalized: true });
    expect(readMeterNumber('  57\u00a03001 ')).toMatchObject({ number: '573001', normalized: true });
  });

  it('reads digits of other scripts and full-width characters as ASCII', () => {
    expect(readMeterNumber('٠٧٨٨١٢٣٩٩')).toMatchObject({ number: '078812399', normalized: true });
    expect(readMeterNumber('ＰＭ－５５１２')).toMatchObject({ number: 'PM-5512', normalized: true });
    expect(readMeterNumber('०४२')).toMatchObject({ number: '042', normalized: true });
  });

  it('keeps the letters, digits and dashes of what no rule reads, and says what it could not hold', () => {
    expect(readMeterNumber('SN:4471-22/B')).toEqual({
      number: 'SN4471-22B',
      normalized: false,
      unreadable: 'has characters a meter number cannot hold (: /)',
    });
    expect(readMeterNumber('7')).toMatchObject({ number: '7', unreadable: 'is shorter than 3 characters' });
  });
});

describe('meterNumberKey', () => {
  it('makes numbers that differ by dashes, spaces or case alike', () => {
    expect(meterNumberKey('0788123456')).toBe(meterNumberKey('078812-3456'));
    expect(meterNumberKey('KGL001')).toBe(meterNumberKey('kgl-001'));
    expect(meterNumberKey('KGL-001')).not.toBe(meterNumberKey('KGL-010'));
  });
});
