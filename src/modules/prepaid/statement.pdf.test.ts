import { describe, expect, it } from 'vitest';
import { pdfTextRuns } from '../../../test/support/pdf-text.ts';
import { statementPdf } from './statement.pdf.ts';
import type { StatementData } from './statements.ts';

const data = (language: string, refundedMinor = 0): StatementData => ({
  org: { name: 'Kigali Prepaid Power', timeZone: 'Africa/Kigali' },
  account: { id: 'a', name: 'Uwase household', kind: 'household', language },
  month: '2026-11',
  meters: [
    {
      id: 'm',
      number: 'KGL-0001',
      location: 'Kimironko',
      building: '',
      department: '',
      purchases: [
        {
          date: '2026-11-24',
          token: '123456789',
          unitsTenths: 114,
          amountMinor: 1481,
          refundedMinor,
          currency: 'RWF',
          method: 'momo',
        },
      ],
      days: [
        { date: '2026-11-24', tenths: 0 },
        { date: '2026-11-25', tenths: 920 },
      ],
      usedTenths: 920,
    },
  ],
});
const text = async (language: string, at: Date, refundedMinor = 0) =>
  pdfTextRuns(await statementPdf(data(language, refundedMinor), at))
    .join(' ')
    .replace(/\s+/g, ' ');

/* Issue 54, item 11: a statement's digits and dates as its reader writes them, dated on the operator's clock. */
describe('the monthly statement’s numbers and dates', () => {
  // 00:30 on 26 November in Kigali is still the 25th in UTC.
  const earlyInKigali = new Date('2026-11-25T22:30:00Z');

  it('is dated on the operator’s clock, in the reader’s words', async () => {
    const rw = await text('rw', earlyInKigali);
    expect(rw).toContain('Yakozwe: 26 Ugushyingo 2026');
    expect(rw).toContain('Ukwezi: Ugushyingo 2026');
    expect(rw).not.toContain('2026-11-25');
    expect(await text('fr', earlyInKigali)).toContain('Établi le: 26 nov. 2026');
    expect(await text('en', earlyInKigali)).toContain('Generated: Nov 26, 2026');
  });

  it('writes kWh with the reader’s decimal mark', async () => {
    const fr = await text('fr', earlyInKigali);
    expect(fr).toContain('11,4 kWh');
    expect(fr).toContain('92,0 kWh');
    expect(fr).not.toMatch(/\b92\.0\b|\b11\.4\b/);
    const rw = await text('rw', earlyInKigali);
    expect(rw).toContain('11,4 kWh');
    expect(rw).toContain('24 Ugushyingo 2026');
    expect(await text('en', earlyInKigali)).toContain('11.4 kWh');
  });
});

/* Issue 62: "Payé 10 740 RWF" with 3,969 RWF refunded. What went back stands beside what was paid. */
describe('the monthly statement of a refunded purchase', () => {
  const at = new Date('2026-12-01T08:00:00Z');

  it('says nothing of refunds when nothing went back', async () => {
    const en = await text('en', at);
    expect(en).not.toContain('Refunded');
    expect(en).not.toContain('Paid less refunded');
  });

  it('shows the line as refunded and the summary paid less refunded, in every language it speaks', async () => {
    const expected: Record<string, string[]> = {
      en: ['Refunded RWF 1,000', 'Paid less refunded', 'RWF 481'],
      fr: ['Remboursé 1 000 RWF', 'Payé moins remboursé', '481 RWF'],
      rw: ['Amafaranga yasubijwe', 'Ayishyuwe hakuwemo ayasubijwe'],
      es: ['Reembolsado', 'Pagado menos reembolsado'],
    };
    for (const [language, words] of Object.entries(expected)) {
      const written = await text(language, at, 1000);
      for (const word of words) expect(written, `${language}: ${word}`).toContain(word);
    }
  });
});
