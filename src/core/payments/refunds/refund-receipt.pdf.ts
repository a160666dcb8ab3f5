import { formatMoney } from '../../money/index.ts';
import { newPdfDocument, scriptFonts } from '../../pdf-text/index.ts';
import { shortReference } from '../payment-reference.ts';
import type { Refund } from './refund-view.ts';

const LANGUAGES = ['en', 'hi', 'es', 'fr', 'rw'] as const;
type Lang = (typeof LANGUAGES)[number];

/** The refund receipt's words, each in every language (in the order of `LANGUAGES`). */
const WORDS = {
  title: [
    'Refund receipt',
    'धनवापसी रसीद',
    'Recibo de reembolso',
    'Reçu de remboursement',
    'Inyemezabwishyu yo gusubiza amafaranga',
  ],
  date: ['Date', 'तारीख', 'Fecha', 'Date', 'Itariki'],
  amount: ['Refunded', 'वापस की गई राशि', 'Reembolsado', 'Remboursé', 'Amafaranga yasubijwe'],
  method: ['Paid back by', 'वापसी का तरीका', 'Devuelto por', 'Rendu par', 'Yasubijwe binyuze kuri'],
  reason: ['Reason', 'कारण', 'Motivo', 'Motif', 'Impamvu'],
  payment: ['Original payment', 'मूल भुगतान', 'Pago original', 'Paiement d’origine', 'Ubwishyu bwa mbere'],
  reference: [
    'Refund reference',
    'धनवापसी संदर्भ',
    'Referencia del reembolso',
    'Référence du remboursement',
    'Nimero yo gusubiza',
  ],
  status: ['Status', 'स्थिति', 'Estado', 'État', 'Uko bihagaze'],
  cash: ['Cash', 'नकद', 'Efectivo', 'Espèces', 'Amafaranga mu ntoki'],
  succeeded: ['Paid back', 'वापस कर दिया गया', 'Devuelto', 'Remboursé', 'Yasubijwe'],
  onItsWay: ['On its way', 'प्रक्रिया में', 'En camino', 'En cours', 'Ari mu nzira'],
} satisfies Record<string, readonly [string, string, string, string, string]>;

/** The receipt's words in one language (English for any other). */
function wordsIn(language: string): { lang: Lang; w: Record<keyof typeof WORDS, string> } {
  const base = language.toLowerCase().split('-')[0] ?? 'en';
  const lang = LANGUAGES.find((l) => l === base) ?? 'en';
  const column = LANGUAGES.indexOf(lang);
  const w = Object.fromEntries(Object.entries(WORDS).map(([key, words]) => [key, words[column]!]));
  return { lang, w: w as Record<keyof typeof WORDS, string> };
}

/** How the money went back, in words: the providers keep their names in every language. */
const METHODS = { momo: 'MTN MoMo', airtel: 'Airtel Money' } as const;

/** A refund's receipt in the person's language: what went back, how, why, and for which payment. */
export async function refundReceiptPdf(args: {
  refund: Refund;
  language: string;
  timeZone: string;
  organization: string;
}): Promise<Buffer> {
  const { lang, w } = wordsIn(args.language);
  const { refund } = args;
  // The ids stay in the file's properties for machines; the page prints what a person quotes.
  const doc = await newPdfDocument({
    size: 'A5',
    margin: 40,
    info: {
      Title: `${w.title} ${shortReference(refund.id)}`,
      Subject: `refund ${refund.id} payment ${refund.paymentId}`,
    },
  });
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
  line(w.method, refund.method === 'cash' ? w.cash : METHODS[refund.method]);
  line(w.reason, refund.reason);
  line(w.status, refund.status === 'succeeded' ? w.succeeded : w.onItsWay);
  line(w.payment, shortReference(refund.paymentId));
  line(w.reference, shortReference(refund.id));
  doc.end();
  return done;
}
