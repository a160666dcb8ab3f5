import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { formatMoney } from '../../core/money/index.ts';
import { newPdfDocument } from '../../core/pdf-text/index.ts';
import { kwhIn } from './prepaid.format.ts';
import { groupedToken } from './prepaid.notifications.ts';
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
    fee: 'Fee',
    vat: 'VAT',
    change: 'Paid, not turned into units',
    token: 'Token',
    count: 'Token number',
    keyIn: 'Type this token on your meter.',
    validUntil: 'Valid until',
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
    fee: 'Frais',
    vat: 'TVA',
    change: 'Payé, non converti en unités',
    token: 'Code',
    count: 'Numéro du code',
    keyIn: 'Tapez ce code sur votre compteur.',
    validUntil: 'Valable jusqu’au',
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
    fee: 'Amafaranga ya serivisi',
    vat: 'TVA',
    change: 'Ayishyuwe atavuyemo umuriro',
    token: 'Tokeni',
    count: 'Nimero ya tokeni',
    keyIn: 'Andika iyi tokeni kuri mubazi yawe.',
    validUntil: 'Izakora kugeza',
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
    fee: 'Cargo',
    vat: 'IVA',
    change: 'Pagado, no convertido en unidades',
    token: 'Token',
    count: 'Número de token',
    keyIn: 'Escriba este token en su medidor.',
    validUntil: 'Válido hasta el',
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

/** A payer's number as people write it (`+250 788 000 111`), not as it is stored. */
const phoneText = (e164: string) => parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;

/**
 * The receipt's number, which staff find the sale by: the meter's number and the token's count on
 * it (`KGL-0001/12`), not the sale's id (issue 54, item 10).
 */
export const receiptNumber = (data: Pick<ReceiptData, 'meterNumber' | 'tokenCount'>) =>
  `${data.meterNumber}/${data.tokenCount}`;

/** `2026-11-23 14:05` on the operator's clock. */
const localTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(at);

/**
 * A sale's receipt in the customer's language: the token large and grouped as the customer keys it
 * in, the units with the tariff blocks they were priced at, the fee and VAT, and what was paid: the
 * lines add up to it. Each line is a label and its value, side by side when both fit the paper, else
 * the value on its own line under the label (a Kinyarwanda label on 58 mm). On a roll the margins
 * are narrow and the page is as long as its lines: drawn once to measure, then on a page that fits.
 */
export async function receiptPdf(data: ReceiptData, paper: ReceiptPaper): Promise<Buffer> {
  const lang = receiptLanguage(data.language);
  const w = RECEIPT_WORDS[lang];
  const roll = paper !== 'a4';
  const width = PAPER_WIDTH[paper];
  const margin = roll ? 8 : 56;
  const info = { Title: `${w.title} · ${data.meterNumber}` };
  let height = A4_HEIGHT;
  if (roll) {
    const probe = await newPdfDocument({ size: [width, 14_400], margin, info });
    height = Math.ceil(drawReceipt(probe, data, paper) + margin);
    probe.end();
  }
  const doc = await newPdfDocument({ size: [width, height], margin, info });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  drawReceipt(doc, data, paper);
  doc.end();
  return done;
}

/** Draws the receipt from the top margin down; answers where it ended (points from the top). */
function drawReceipt(doc: PDFKit.PDFDocument, data: ReceiptData, paper: ReceiptPaper): number {
  const lang = receiptLanguage(data.language);
  const w = RECEIPT_WORDS[lang];
  const roll = paper !== 'a4';
  const margin = roll ? 8 : 56;
  const inner = PAPER_WIDTH[paper] - margin * 2;
  const scale = paper === '58mm' ? 0.8 : 1;
  const size = (pt: number) => pt * scale;
  const money = (amountMinor: number) => moneyText({ amountMinor, currency: data.amount.currency }, lang);
  // kWh in the reader's digits (`47,3` in French and Kinyarwanda, issue 54 item 11)
  const kwhText = (tenths: number) => kwhIn(tenths, lang).replace(/[\u202f\u00a0]/g, ' ');
  const gap = size(8);
  const line = (label: string, value: string, bold = true) => {
    doc.fontSize(size(9));
    const labelW = doc.font('Helvetica').widthOfString(label);
    const valueW = doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').widthOfString(value);
    const y = doc.y;
    if (labelW + gap + valueW <= inner) {
      doc.font('Helvetica').text(label, margin, y, { width: inner - valueW - gap, lineBreak: false });
      doc
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .text(value, margin, y, { width: inner, align: 'right' });
    } else {
      doc.font('Helvetica').text(label, margin, y, { width: inner });
      doc
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .text(value, margin, doc.y, { width: inner, align: 'right' });
    }
  };

  doc
    .font('Helvetica-Bold')
    .fontSize(size(roll ? 11 : 18))
    .text(data.org.name, margin, margin, { width: inner, align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(size(roll ? 10 : 14))
    .text(w.title, margin, doc.y, { width: inner, align: 'center' });
  doc.moveDown(0.6);
  line(w.date, localTime(data.issuedAt, data.org.timeZone));
  line(w.meter, data.meterNumber);
  line(w.customer, data.accountName);
  line(w.method, data.payer ? `${w.methods[data.method]} ${phoneText(data.payer)}` : w.methods[data.method]);
  line(w.units, `${kwhText(data.unitsTenths)} kWh`);
  if (data.tiers.length) {
    doc.font('Helvetica').fontSize(size(9)).text(w.blocks, margin, doc.y, { width: inner });
    for (const t of data.tiers)
      line(`${kwhText(t.unitsTenths)} kWh × ${money(t.priceMinorPerKwh)}`, money(t.energyMinor), false);
  }
  if (data.feeMinor) line(w.fee, money(data.feeMinor), false);
  if (data.taxMinor !== null) line(w.vat, money(data.taxMinor), false);
  if (data.changeMinor) line(w.change, money(data.changeMinor), false);
  line(w.paid, moneyText(data.amount, lang));
  doc.moveDown(0.6);
  doc.font('Helvetica').fontSize(size(9)).text(w.token, margin, doc.y, { width: inner, align: 'center' });
  doc
    .font('Courier-Bold')
    .fontSize(roll ? (paper === '58mm' ? 12 : 15) : 26)
    .text(groupedToken(data.token), margin, doc.y, { width: inner, align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(size(8))
    .text(`${w.count} ${data.tokenCount}`, margin, doc.y, { width: inner, align: 'center' });
  doc.moveDown(0.4).text(w.keyIn, margin, doc.y, { width: inner, align: 'center' });
  // Issue 66: the validity the token was issued with (the organization's days); none for older tokens.
  if (data.expiresAt)
    doc.moveDown(0.2).text(`${w.validUntil} ${localTime(data.expiresAt, data.org.timeZone)}`, margin, doc.y, {
      width: inner,
      align: 'center',
    });
  doc
    .moveDown(0.4)
    .fontSize(size(7))
    .text(`${w.reference}: ${receiptNumber(data)}`, margin, doc.y, { width: inner, align: 'center' });
  return doc.y;
}
