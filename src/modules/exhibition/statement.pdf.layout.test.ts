import { describe, expect, it } from 'vitest';
import { expectCleanLayout, measureText } from '../../../test/support/pdf-layout.ts';
import { runRenderTask } from '../../platform/render/render-tasks.ts';
import { type StatementInput, statementPdfTask } from './statement.pdf.ts';

/*
 * Issue 41, items 3 and 10: the customer's statement lays its text out without overlaps, and a voided
 * bill reads "voided" in the customer's language, never the staff's internal reason.
 */
const input = (language: 'en' | 'es'): StatementInput => ({
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
const render = (language: 'en' | 'es') => {
  const task = statementPdfTask(input(language));
  return runRenderTask({ kind: 'pdf', options: task.options, calls: task.calls });
};

describe('the exhibition statement PDF', () => {
  for (const language of ['en', 'es'] as const)
    it(`lays its text out without overlaps (${language})`, async () => {
      await expectCleanLayout(`exhibition statement ${language}`, () => render(language));
    });

  it('marks a voided bill "voided", without the staff’s reason', async () => {
    for (const [language, word] of [
      ['en', 'voided'],
      ['es', 'anulado'],
    ] as const) {
      const text = (await measureText(() => render(language))).map((b) => b.text).join('\n');
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
