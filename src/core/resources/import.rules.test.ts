import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/index.ts';
import { checkRows, detectDelimiter, failedRowsCsv, parseCsvText, resolveMapping } from './import.rules.ts';
import { sampleResource } from './sample-resource.test-fixture.ts';

const spec = sampleResource.import!;

describe('CSV import rules', () => {
  it('detects the delimiter from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('"a,b";c;d\n')).toBe(';');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
  });

  it('reads a semicolon file with a BOM as Excel writes it', () => {
    const { header, records } = parseCsvText('\uFEFFName;Qty\r\n"Anna; Ltd";2\r\n');
    expect(header).toEqual(['Name', 'Qty']);
    expect(records).toEqual([['Anna; Ltd', '2']]);
  });

  it('maps headers to columns and insists on the required ones', () => {
    expect([...resolveMapping(spec, ['Name', 'Qty'], { Name: 'customer', Qty: 'qty' })]).toEqual([
      ['customer', 0],
      ['qty', 1],
    ]);
    const refuse = (mapping: Record<string, string>) => {
      try {
        resolveMapping(spec, ['Name', 'Qty'], mapping);
      } catch (err) {
        return (err as AppError).fields[0]?.field;
      }
      return 'accepted';
    };
    expect(refuse({ Qty: 'qty' })).toBe('body.mapping');
    expect(refuse({ Nom: 'customer' })).toBe('body.mapping.Nom');
    expect(refuse({ Name: 'customer', Qty: 'secret' })).toBe('body.mapping.Qty');
    expect(refuse({ Name: 'customer', Qty: 'customer' })).toBe('body.mapping.Qty');
    expect(refuse({ Name: 'customer', Qty: '' })).toBe('accepted');
  });

  it('validates each row, numbering rows as a spreadsheet does and skipping blank ones', () => {
    const rows = checkRows(
      spec,
      [
        ['Anna', '2'],
        ['', ''],
        ['', '3'],
        ['Bob', 'zero'],
        ["'=cmd", ''],
      ],
      new Map([
        ['customer', 0],
        ['qty', 1],
      ]),
    );
    expect(rows.map((r) => [r.row, r.values, r.issues.map((i) => i.field)])).toEqual([
      [2, { customer: 'Anna', qty: 2 }, []],
      [4, null, ['customer']],
      [5, null, ['qty']],
      [6, { customer: '=cmd' }, []],
    ]);
  });

  it('writes the failed rows back with an error column, neutralized', () => {
    const rows = checkRows(
      spec,
      [['=1+1', 'x']],
      new Map([
        ['customer', 0],
        ['qty', 1],
      ]),
    );
    const csv = failedRowsCsv(['Name', 'Qty'], rows)!;
    expect(csv.replace('\uFEFF', '').split('\n')[0]).toBe('Name,Qty,error');
    expect(csv).toContain(`'=1+1,x,"qty: `);
    expect(failedRowsCsv(['Name'], [])).toBeNull();
  });

  it('refuses text that is not CSV', () => {
    expect(() => parseCsvText('a,b\n"unterminated')).toThrow(AppError);
  });
});
