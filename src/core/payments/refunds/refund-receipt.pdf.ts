import { formatMoney } from '../../money/index.ts';
import { newPdfDocument, scriptFonts } from '../../pdf-text/index.ts';
import type { Refund } from './refund-view.ts';

/** The refund receipt's words per language (every language has every word). */
export const REFUND_RECEIPT_WORDS = {
  en: {
    title: 'Refund receipt',
    date: 'Date',
    amount: 'Refunded',
    method: 'Paid back by',
    reason: 'Reason',
    payment: 'Original payment',
    reference: 'Refund reference',
    status: 'Status',
    methods: { cash: 'Cash', momo: 'MTN MoMo', airtel: 'Airtel Money' },
    statuses: { succeeded: 'Paid back', other: 'On its way' },
  },
  hi: {
    title: 'धनवापसी रसीद',
    date: 'तारीख',
    amount: 'वापस की गई राशि',
    method: 'वापसी का तरीका',
    reason: 'कारण',
    payment: 'मूल भुगतान',
    reference: 'धनवापसी संदर्भ',
    status: 'स्थिति',
    methods: { cash: 'नकद', momo: 'MTN MoMo', airtel: 'Airtel Money' },
    statuses: { succeeded: 'वापस कर दिया गया', other: 'प्रक्रिया में' },
  },
  es: {
    title: 'Recibo de reembolso',
    date: 'Fecha',
    amount: 'Reembolsado',
    method: 'Devuelto por',
    reason: 'Motivo',
    payment: 'Pago original',
    reference: 'Referencia del reembolso',
    status: 'Estado',
    methods: { cash: 'Efectivo', momo: 'MTN MoMo', airtel: 'Airtel Money' },
    statuses: { succeeded: 'Devuelto', other: 'En camino' },
  },
  fr: {
    title: 'Reçu de remboursement',
    date: 'Date',
    amount: 'Remboursé',
    method: 'Rendu par',
    reason: 'Motif',
    payment: 'Paiement d’origine',
    reference: 'Référence du remboursement',
    status: 'État',
    methods: { cash: 'Espèces', momo: 'MTN MoMo', airtel: 'Airtel Money' },
    statuses: { succeeded: 'Remboursé', other: 'En cours' },
  },
  rw: {
    title: 'Inyemezabwishyu yo gusubiza amafaranga',
    date: 'Itariki',
    amount: 'Amafaranga yasubijwe',
    method: 'Yasubijwe binyuze kuri',
    reason: 'Impamvu',
    payment: 'Ubwishyu bwa mbere',
    reference: 'Nimero yo gusubiza',
    status: 'Uko bihagaze',
    methods: { cash: 'Amafaranga mu ntoki', momo: 'MTN MoMo', airtel: 'Airtel Money' },
    statuses: { succeeded: 'Yasubijwe', other: 'Ari mu nzira' },
  },
} as const;

type Lang = keyof typeof REFUND_RECEIPT_WORDS;
const langOf = (language: string): Lang => {
  const base = language.toLowerCase().split('-')[0] ?? 'en';
  return base in REFUND_RECEIPT_WORDS ? (base as Lang) : 'en';
};

/** A refund's receipt in the person's language: what went back, how, why, and for which payment. */
export async function refundReceiptPdf(args: {
  refund: Refund;
  language: string;
  timeZone: string;
  organization: string;
}): Promise<Buffer> {
  const lang = langOf(args.language);
  const w = REFUND_RECEIPT_WORDS[lang];
  const { refund } = args;
  const doc = await newPdfDocument({ size: 'A5', margin: 40, info: { Title: `${w.title} ${refund.id}` } });
  const fonts = scriptFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const at = refund.succeededAt ?? refund.createdAt;
  const when = new Intl.DateTimeFormat('sv-SE', {
    timeZone: args.timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at);
  const money = formatMoney(refund.amount, lang === 'rw' ? 'en' : lang).replace(/[\u202f\u00a0]/g, ' ');
  doc.fontSize(11);
  fonts.write(args.organization, 'bold');
  doc.fontSize(18);
  fonts.write(w.title, 'bold');
  doc.moveDown().fontSize(11);
  const line = (label: string, value: string) => {
    fonts.write(`${label}: ${value}`, 'regular');
  };
  line(w.date, when);
  line(w.amount, money);
  line(w.method, w.methods[refund.method]);
  line(w.reason, refund.reason);
  line(w.status, refund.status === 'succeeded' ? w.statuses.succeeded : w.statuses.other);
  line(w.payment, refund.paymentId);
  line(w.reference, refund.id);
  doc.end();
  return done;
}
