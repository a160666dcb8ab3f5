import { describe, expect, it } from 'vitest';
import { csvCell, neutralizeFormula, restoreNeutralized } from './csv-cells.rules.ts';

describe('CSV cells', () => {
  it.each(['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\r=1'])(
    'neutralizes formula-looking text %j',
    (text) => {
      expect(neutralizeFormula(text)).toBe(`'${text}`);
      expect(restoreNeutralized(neutralizeFormula(text))).toBe(text);
    },
  );

  it.each([
    '＝HYPERLINK("http://evil")',
    '＋1',
    '－2+3',
    '＠SUM(A1)',
    ' =1+1',
    '\u3000=1',
    ' \n ＝cmd',
    '  @A1',
  ])('neutralizes full-width formula characters and a formula after leading whitespace %j', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
    expect(restoreNeutralized(neutralizeFormula(text))).toBe(text);
    expect(csvCell(text, 'text')).toBe(`'${text}`);
  });

  it('leaves ordinary text and quotes alone', () => {
    expect(neutralizeFormula('Anna = boss')).toBe('Anna = boss');
    expect(neutralizeFormula('  Anna')).toBe('  Anna');
    expect(neutralizeFormula('Ｓｈｉｒｏ ＝ boss')).toBe('Ｓｈｉｒｏ ＝ boss');
    expect(restoreNeutralized("'quoted'")).toBe("'quoted'");
  });

  it('keeps numbers as numbers, so a negative amount is not mangled', () => {
    expect(csvCell(-500, 'money')).toBe('-500');
    expect(csvCell(-5, 'text')).toBe("'-5");
    expect(csvCell('-5', 'text')).toBe("'-5");
  });

  it('writes nulls empty, booleans as words and dates as ISO', () => {
    expect(csvCell(null, 'text')).toBe('');
    expect(csvCell(true, 'boolean')).toBe('true');
    expect(csvCell(new Date('2026-11-22T10:00:00Z'), 'datetime')).toBe('2026-11-22T10:00:00.000Z');
  });

  it("exports a message as its English sentence, neutralized like any text, not as the console's key", () => {
    const title = {
      key: 'coffee.alarm_title.offline',
      params: { serial: 'CM-1' },
      text: 'Device CM-1 is offline',
    };
    expect(csvCell(title, 'message')).toBe('Device CM-1 is offline');
    expect(csvCell({ key: 'x', text: '=1+1' }, 'message')).toBe("'=1+1");
  });
});
