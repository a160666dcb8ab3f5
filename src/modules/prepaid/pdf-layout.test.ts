import { describe, it } from 'vitest';
import { expectCleanLayout } from '../../../test/support/pdf-layout.ts';
import { commissioningSheetPdf, SHEET_LANGUAGES } from './commissioning-sheet.pdf.ts';
import { RECEIPT_PAPERS, receiptPdf } from './receipt.pdf.ts';
import type { ReceiptData } from './receipts.ts';
import { statementPdf } from './statement.pdf.ts';
import type { StatementData } from './statements.ts';

/*
 * Issue 41, item 3: no text of a prepaid PDF runs into other text or off its page, in every language
 * the server speaks, on every paper. Measured: the boxes pdfkit lays each line of text out in.
 */
const LANGUAGES = ['en', 'hi', 'es', 'fr', 'rw'];

const receipt = (language: string): ReceiptData => ({
  org: { name: 'Koperative y’Ingufu z’Amashanyarazi ya Kicukiro', timeZone: 'Africa/Kigali' },
  purchaseId: '4b0f2a8e-5c1d-4f7e-9a3b-2d6c8e1f0a9b',
  method: 'momo',
  payer: '+250788000111',
  meterNumber: 'KGL-000123',
  accountName: 'Uwimana Jean de Dieu na Mukamana Claudine',
  language,
  token: '12345678901234567890',
  tokenCount: 128,
  unitsTenths: 473,
  amount: { amountMinor: 1_234_565, currency: 'RWF' },
  tiers: [
    { tier: 1, unitsTenths: 150, priceMinorPerKwh: 89, energyMinor: 1335 },
    { tier: 2, unitsTenths: 323, priceMinorPerKwh: 310, energyMinor: 10_013 },
  ],
  energyMinor: 11_348,
  feeMinor: 100,
  taxMinor: 2043,
  changeMinor: 12,
  issuedAt: new Date('2026-11-23T12:05:00Z'),
  // The validity line (issue 66) is laid out too.
  expiresAt: new Date('2027-02-21T12:05:00Z'),
});

const statement = (language: string): StatementData => ({
  org: { name: 'Koperative y’Ingufu z’Amashanyarazi ya Kicukiro', timeZone: 'Africa/Kigali' },
  account: { id: 'a', name: 'Ishuri Ryisumbuye rya Kicukiro', kind: 'institution', language },
  month: '2026-10',
  meters: [1, 2].map((n) => ({
    id: `m${n}`,
    number: `KGL-00012${n}`,
    location: 'Inyubako y’ubuyobozi',
    building: 'Inyubako A',
    department: 'Ishami ry’imari',
    purchases: Array.from({ length: 6 }, (_, i) => ({
      date: `2026-10-${String(i * 5 + 1).padStart(2, '0')}`,
      token: '12345678901234567890',
      unitsTenths: 4731,
      amountMinor: 1_234_565,
      // one purchase partly refunded: the summary's Refunded and net columns and the line's own
      refundedMinor: i === 1 ? 1_000_001 : 0,
      currency: 'RWF',
      method: (['momo', 'airtel', 'cash'] as const)[i % 3]!,
    })),
    days: Array.from({ length: 31 }, (_, i) => ({
      date: `2026-10-${String(i + 1).padStart(2, '0')}`,
      tenths: (i * 37) % 120,
    })),
    usedTenths: 1860,
  })),
});

describe('prepaid PDFs lay their text out without overlaps, in every language and on every paper', () => {
  for (const language of LANGUAGES)
    for (const paper of RECEIPT_PAPERS)
      it(`receipt, ${language}, ${paper}`, async () => {
        // A label and its value keep at least a space between them (issue 41: "labels glued to values").
        await expectCleanLayout(`receipt ${language} ${paper}`, () => receiptPdf(receipt(language), paper), {
          minGap: 2,
        });
      });

  for (const language of LANGUAGES)
    it(`statement, ${language}, A4`, async () => {
      await expectCleanLayout(
        `statement ${language}`,
        () => statementPdf(statement(language), new Date('2026-11-01T08:00:00Z')),
        { minGap: 2 },
      );
    });

  for (const language of SHEET_LANGUAGES)
    it(`commissioning sheet, ${language}, A4`, async () => {
      await expectCleanLayout(`commissioning sheet ${language}`, () =>
        commissioningSheetPdf(
          {
            orgName: 'Koperative y’Ingufu z’Amashanyarazi ya Kicukiro',
            number: 'KGL-000123',
            account: 'Uwimana Jean de Dieu na Mukamana Claudine',
            place: 'Inyubako A · Ishami ry’imari',
            key: '0123456789abcdef0123456789abcdef',
            startingCode: 123456789,
            extended: true,
            restricted: true,
            valueDivider: 10,
            lastCount: 42,
          },
          language,
          new Date('2026-11-23T12:05:00Z'),
        ),
      );
    });
});
