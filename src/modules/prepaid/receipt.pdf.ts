import { formatMoney } from '../../core/money/index.ts';
import { newPdfDocument } from '../../core/pdf-text/index.ts';
import { groupedToken, kwhText } from './prepaid.notifications.ts';
import type { ReceiptData } from './receipts.ts';

/** The receipt's words per language; every language has every word (prepaid.languages.test.ts). */
export const RECEIPT_WORDS = {
  en: {
    title: 'Electricity receipt',
    date: 'Date',
    meter: 'Meter',
    customer: 'Customer',
    paid: 'Paid',
    method: 'Paid by',
    units: 'Units',
    blocks: 'Blocks',
    token: 'Token',
    count: 'Token number',
    keyIn: 'Type this token on your meter.',
    reference: 'Reference',
    methods: { momo: 'MTN MoMo', airtel: 'Airtel Money', cash: 'Cash' },
  },
  fr: {
    title: 'Reçu d’électricité',
    date: 'Date',
    meter: 'Compteur',
    customer: 'Client',
    paid: 'Payé',
    method: 'Payé par',
    units: 'Unités',
    blocks: 'Tranches',
    token: 'Code',
    count: 'Numéro du code',
    keyIn: 'Tapez ce code sur votre compteur.',
    reference: 'Référence',
    methods: { momo: 'MTN MoMo', airtel: 'Airtel Money', cash: 'Espèces' },
  },
  rw: {
    title: 'Inyemezabuguzi y’amashanyarazi',
    date: 'Itariki',
    meter: 'Mubazi',
    customer: 'Umukiriya',
    paid: 'Amafaranga yishyuwe',
    method: 'Yishyuwe na',
    units: 'Umuriro',
    blocks: 'Ibyiciro',
    token: 'Tokeni',
    count: 'Nimero ya tokeni',
    keyIn: 'Andika iyi tokeni kuri mubazi yawe.',
    reference: 'Indango',
    methods: { momo: 'MTN MoMo', airtel: 'Airtel Money', cash: 'Amafaranga mu ntoki' },
  },
  es: {
    title: 'Recibo de electricidad',
    date: 'Fecha',
    meter: 'Medidor',
    customer: 'Cliente',
    paid: 'Pagado',
    method: 'Pagado con',
    units: 'Unidades',
    blocks: 'Tramos',
    token: 'Token',
    count: 'Número de token',
    keyIn: 'Escriba este token en su medidor.',
    reference: 'Referencia',
    methods: { momo: 'MTN MoMo', airtel: 'Airtel Money', cash: 'Efectivo' },
  },
};

/** The papers a receipt is printed on: A4, or a 58 mm or 80 mm thermal roll. */
export const RECEIPT_PAPERS = ['a4', '58mm', '80mm'] as const;
export type ReceiptPaper = (typeof RECEIPT_PAPERS)[number];

const MM = 72 / 25.4;
/** Page widths in points; a roll's page is as long as the receipt needs. */
export const PAPER_WIDTH: Record<ReceiptPaper, number> = { a4: 595.28, '58mm': 58 * MM, '80mm': 80 * MM };
const A4_HEIGHT = 841.89;

const receiptLanguage = (language: string): keyof typeof RECEIPT_WORDS =>
  language in RECEIPT_WORDS ? (language as keyof typeof RECEIPT_WORDS) : 'en';

/** Money as the built-in font can draw it (no narrow no-break spaces). */
const moneyText = (amount: { amountMinor: number; currency: string }, locale: string) =>
  formatMoney(amount, locale).replace(/[\u202f\u00a0]/g, ' ');

/** `2026-11-23 14:05` on the operator's clock. */
const localTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(at);

/**
 * A sale's receipt in the customer's language: the token large and grouped as the customer keys it
 * in, the units with the tariff blocks they were priced at, and what was paid. On a roll the
 * margins are narrow and the page is only as long as its lines.
 */
export async function receiptPdf(data: ReceiptData, paper: ReceiptPaper): Promise<Buffer> {
  const lang = receiptLanguage(data.language);
  const w = RECEIPT_WORDS[lang];
  const roll = paper !== 'a4';
  const width = PAPER_WIDTH[paper];
  const margin = roll ? 8 : 56;
  const scale = paper === '58mm' ? 0.8 : 1;
  const lines = 12 + data.tiers.length;
  const height = roll ? Math.ceil(margin * 2 + 90 * scale + lines * 15 * scale) : A4_HEIGHT;
  const doc = await newPdfDocument({
    size: [width, height],
    margin,
    info: { Title: `${w.title} · ${data.meterNumber}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const inner = width - margin * 2;
  const size = (pt: number) => pt * scale;
  const line = (label: string, value: string) =>
    doc
      .font('Helvetica')
      .fontSize(size(9))
      .text(`${label}: `, margin, doc.y, { continued: true, width: inner })
      .font('Helvetica-Bold')
      .text(value);

  doc
    .font('Helvetica-Bold')
    .fontSize(size(roll ? 11 : 18))
    .text(data.org.name, margin, margin, {
      width: inner,
      align: 'center',
    });
  doc
    .font('Helvetica')
    .fontSize(size(roll ? 10 : 14))
    .text(w.title, { width: inner, align: 'center' });
  doc.moveDown(0.6);
  line(w.date, localTime(data.issuedAt, data.org.timeZone));
  line(w.meter, data.meterNumber);
  line(w.customer, data.accountName);
  line(w.paid, moneyText(data.amount, lang));
  line(w.method, data.payer ? `${w.methods[data.method]} ${data.payer}` : w.methods[data.method]);
  line(w.units, `${kwhText(data.unitsTenths)} kWh`);
  if (data.tiers.length) {
    doc.font('Helvetica').fontSize(size(9)).text(`${w.blocks}:`, margin, doc.y, { width: inner });
    for (const t of data.tiers)
      doc.text(
        `  ${kwhText(t.unitsTenths)} kWh × ${t.priceMinorPerKwh} = ${moneyText({ amountMinor: t.energyMinor, currency: data.amount.currency }, lang)}`,
        { width: inner },
      );
  }
  doc.moveDown(0.6);
  doc.font('Helvetica').fontSize(size(9)).text(w.token, margin, doc.y, { width: inner, align: 'center' });
  doc
    .font('Courier-Bold')
    .fontSize(roll ? (paper === '58mm' ? 12 : 15) : 26)
    .text(groupedToken(data.token), { width: inner, align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(size(8))
    .text(`${w.count} ${data.tokenCount}`, { width: inner, align: 'center' });
  doc.moveDown(0.4).text(w.keyIn, { width: inner, align: 'center' });
  doc
    .moveDown(0.4)
    .fontSize(size(7))
    .text(`${w.reference}: ${data.purchaseId}`, { width: inner, align: 'center' });
  doc.end();
  return done;
}
