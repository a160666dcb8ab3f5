import { describe, expect, it } from 'vitest';
import { neutralizeFormula, restoreNeutralized } from './formula-cells.rules.ts';

describe('formula cells', () => {
  it.each([
    '=HYPERLINK("http://evil")',
    '+1+1',
    '-2+3',
    '@SUM(A1)',
    '|cmd',
    "|cmd '/C calc'!A0",
    '\tx',
    '\r=1',
  ])('neutralizes formula-looking text %j', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
    expect(restoreNeutralized(neutralizeFormula(text))).toBe(text);
  });

  it.each([
    '＝HYPERLINK("http://evil")',
    '＋1',
    '－2+3',
    '＠SUM(A1)',
    '｜cmd',
    ' =1+1',
    ' |cmd',
    '\u3000=1',
    '\u3000｜cmd',
    ' \n ＝cmd',
    '  @A1',
  ])('neutralizes full-width formula characters and a formula after leading whitespace %j', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
    expect(restoreNeutralized(neutralizeFormula(text))).toBe(text);
  });

  it('leaves ordinary text and quotes alone', () => {
    expect(neutralizeFormula('Anna = boss')).toBe('Anna = boss');
    expect(neutralizeFormula('tea | coffee')).toBe('tea | coffee');
    expect(neutralizeFormula('  Anna')).toBe('  Anna');
    expect(neutralizeFormula('Ｓｈｉｒｏ ＝ boss')).toBe('Ｓｈｉｒｏ ＝ boss');
    expect(restoreNeutralized("'quoted'")).toBe("'quoted'");
    expect(restoreNeutralized("'|")).toBe('|');
  });
});
