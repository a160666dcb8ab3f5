import { describe, expect, it } from 'vitest';
import { measureText } from '../../../../test/support/pdf-layout.ts';
import { refundReceiptPdf } from './refund-receipt.pdf.ts';
import type { Refund } from './refund-view.ts';

const refund = (over: Partial<Refund>) =>
  ({
    id: '3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b',
    paymentId: '0c1d2e3f-9a4d-4e6f-8b7a-3f2b8c1e4a5b',
    amount: { amountMinor: 70_000, currency: 'RWF' },
    method: 'cash',
    status: 'succeeded',
    reason: 'Double charge',
    createdAt: new Date('2026-11-20T08:00:00Z'),
    succeededAt: new Date('2026-11-20T08:05:00Z'),
    ...over,
  }) as Refund;

/** The receipt's lines as drawn (pdfkit's own layout, read before the fonts encode them). */
const text = async (r: Refund, language: string) =>
  (
    await measureText(() =>
      refundReceiptPdf({ refund: r, language, timeZone: 'Africa/Kigali', organization: 'Kigali Power' }),
    )
  )
    .map((box) => box.text)
    .join('\n');

describe('the refund receipt', () => {
  it('reads in the person’s language: each line’s word, the method and where the money is', async () => {
    const fr = await text(refund({}), 'fr');
    for (const words of [
      'Reçu de remboursement',
      'Date: 2026-11-20 10:05',
      'Rendu par: Espèces',
      'Motif: Double charge',
      'État: Remboursé',
    ])
      expect(fr).toContain(words);
    const es = await text(refund({ method: 'momo', status: 'pending' }), 'es-PY');
    for (const words of ['Recibo de reembolso', 'Devuelto por: MTN MoMo', 'Estado: En camino'])
      expect(es).toContain(words);
  });

  it('falls back to English for a language it has no words in', async () => {
    const en = await text(refund({ method: 'airtel' }), 'de');
    for (const words of [
      'Refund receipt',
      'Paid back by: Airtel Money',
      'Status: Paid back',
      'Refund reference: 3F2B-8C1E',
      'Original payment: 0C1D-2E3F',
    ])
      expect(en).toContain(words);
    // What a person quotes, not the ids machines read (issue 66 item 6: the footer printed a raw uuid).
    expect(en).not.toContain('3f2b8c1e-9a4d');
    expect(en).not.toContain('0c1d2e3f-9a4d');
  });
});
