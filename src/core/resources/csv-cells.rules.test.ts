import { describe, expect, it } from 'vitest';
import { csvCell } from './csv-cells.rules.ts';

describe('CSV cells', () => {
  it.each(['=HYPERLINK("http://evil")', '＝1', '|cmd', '｜cmd', ' @A1'])(
    'neutralizes text that a spreadsheet would run %j, by the one rule of core/csv',
    (text) => {
      expect(csvCell(text, 'text')).toBe(`'${text}`);
      expect(csvCell(text, 'enum')).toBe(`'${text}`);
    },
  );

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
