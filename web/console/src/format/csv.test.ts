import { describe, expect, it } from 'vitest';
import { guessMapping, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and CRLF line ends', () => {
    expect(parseCsv('name,note\r\n"Doe, Jane","said ""hi"""\r\nBo,\r\n')).toEqual([
      ['name', 'note'],
      ['Doe, Jane', 'said "hi"'],
      ['Bo', ''],
    ]);
  });

  it('skips blank lines and a byte-order mark', () => {
    expect(parseCsv('\ufeffa,b\n\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('guessMapping', () => {
  it('matches headers to columns by name, ignoring case and punctuation', () => {
    expect(guessMapping(['Full Name', 'E-mail', 'junk'], [{ name: 'full_name' }, { name: 'email' }])).toEqual(
      {
        'Full Name': 'full_name',
        'E-mail': 'email',
      },
    );
  });
});
