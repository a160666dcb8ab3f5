import { describe, expect, it } from 'vitest';
import { missingGlyphs } from '../../../test/support/pdf-glyphs.ts';
import { expectCleanLayout, measureText } from '../../../test/support/pdf-layout.ts';
import { runRenderTask } from '../../platform/render/render-tasks.ts';
import { CUSTOMER_LANGUAGES, type CustomerLanguage } from './exhibition.tables.ts';
import { type StatementInput, statementPdfTask } from './statement.pdf.ts';

/*
 * Issue 41, items 3 and 10: the customer's statement lays its text out without overlaps, and a voided
 * bill reads "voided" in the customer's language, never the staff's internal reason.
 */
const input = (language: CustomerLanguage): StatementInput => ({
  exhibitionName: 'Winter Makers Market — Salón de artesanías y diseño independiente',
  customer: {
    name: 'María Fernanda de los Ángeles Gutiérrez',
    code: 'CE21005X',
    email: 'maria.fernanda.gutierrez@example.com',
    language,
    currency: 'EUR',
    billCount: 3,
    totalMinor: 1_234_567,
  },
  bills: [
    {
      businessDate: '2026-11-21',
      boothName: 'Cerámica Azul',
      description: 'Two large bowls and a teapot with a very long description',
      amountMinor: 12_345,
      status: 'active',
      paidMinor: 12_345,
    },
    {
      businessDate: '2026-11-21',
      boothName: 'Leather & Co',
      description: 'Belt',
      amountMinor: 4500,
      status: 'void',
      voidReason: 'clerk typed 450 instead of 45, customer was rude',
      paidMinor: 4500,
      refundedMinor: 4500,
    },
    {
      businessDate: '2026-11-22',
      boothName: 'Tea Corner',
      description: '',
      amountMinor: 700,
      status: 'active',
    },
  ] as StatementInput['bills'],
});
const render = (language: CustomerLanguage, statement: StatementInput = input(language)) => {
  const task = statementPdfTask(statement);
  return runRenderTask({ kind: 'pdf', options: task.options, calls: task.calls });
};

describe('the exhibition statement PDF', () => {
  for (const language of CUSTOMER_LANGUAGES)
    it(`lays its text out without overlaps (${language})`, async () => {
      await expectCleanLayout(`exhibition statement ${language}`, () => render(language));
    });

  it('marks a voided bill "voided", without the staff’s reason', async () => {
    for (const [language, word] of [
      ['en', 'voided'],
      ['es', 'anulado'],
      ['fr', 'annulée'],
      ['hi', 'रद्द'],
      ['rw', 'yateshejwe agaciro'],
    ] as const) {
      // A Hindi line is drawn in runs of one script each ("(", "रद्द", ")"): joined, they read as drawn.
      const text = (await measureText(() => render(language))).map((b) => b.text).join('');
      expect(text).toContain(`(${word})`);
      expect(text).not.toContain('customer was rude');
    }
  });
});

describe('the statement’s money', () => {
  it('says what was paid, returned, kept and is left to pay, in the customer’s language', async () => {
    const text = (await measureText(() => render('es'))).map((b) => b.text).join('\n');
    expect(text).toMatch(/Pagado: .*168,45/);
    expect(text).toMatch(/Dinero devuelto: .*45,00/);
    expect(text).toMatch(/Pagado neto: .*123,45/);
    expect(text).toMatch(/Queda por pagar: .*12\.222,22|Queda por pagar: .*12 222,22/);
  });
});

describe('a Hindi customer’s statement (issue 65: every message in the person’s language)', () => {
  const hindi: StatementInput = {
    ...input('hi'),
    customer: { ...input('hi').customer, name: 'प्रिया शर्मा', currency: 'INR' },
  };

  it('is worded in Hindi, in Devanagari the PDF has a glyph for, next to the Latin it keeps', async () => {
    // Each run of one script is its own piece of text: put back together, they read as lines.
    const text = (await measureText(() => render('hi', hindi))).map((b) => b.text).join('');
    expect(text).toContain('स्टेटमेंट');
    expect(text).toContain('प्रिया शर्मा');
    expect(text).toMatch(/शुद्ध भुगतान:₹\s?123\.45/);
    expect(text).toContain('Cerámica Azul');
    expect(await missingGlyphs(() => render('hi', hindi))).toEqual([]);
  });

  it('has a glyph for every letter in each language a customer may choose', async () => {
    for (const language of CUSTOMER_LANGUAGES)
      expect(await missingGlyphs(() => render(language)), language).toEqual([]);
  });
});
