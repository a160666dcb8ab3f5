import { formatMoney } from '../../core/money/index.ts';
import { newPdfDocument } from '../../core/pdf-text/index.ts';
import { dateIn, kwhIn, monthIn, numberIn } from './prepaid.format.ts';
import { groupedToken } from './prepaid.notifications.ts';
import type { StatementData } from './statements.ts';

/** The statement's words per language; every language has every word (prepaid.languages.test.ts). */
export const STATEMENT_WORDS = {
  en: {
    title: 'Electricity statement',
    month: 'Month',
    generated: 'Generated',
    summary: 'Summary',
    meter: 'Meter',
    bought: 'Bought',
    used: 'Used (from readings)',
    paid: 'Paid',
    purchases: 'Purchases',
    date: 'Date',
    method: 'Paid by',
    token: 'Token',
    none: 'No purchases this month.',
    chart: 'Use per day (kWh)',
    most: 'highest',
    noReadings: 'No readings this month.',
    total: 'Total',
    methods: { momo: 'MTN MoMo', airtel: 'Airtel Money', cash: 'Cash', card: 'Card' },
    original: '* sold by the original system, before the switch',
    refunded: 'Refunded',
    net: 'Paid less refunded',
  },
  fr: {
    title: 'Relevé d’électricité',
    month: 'Mois',
    generated: 'Établi le',
    summary: 'Résumé',
    meter: 'Compteur',
    bought: 'Acheté',
    used: 'Consommé (relevés)',
    paid: 'Payé',
    purchases: 'Achats',
    date: 'Date',
    method: 'Payé par',
    token: 'Code',
    none: 'Aucun achat ce mois-ci.',
    chart: 'Consommation par jour (kWh)',
    most: 'maximum',
    noReadings: 'Aucun relevé ce mois-ci.',
    total: 'Total',
    methods: { momo: 'MTN MoMo', airtel: 'Airtel Money', cash: 'Espèces', card: 'Carte' },
    original: '* vendu par l’ancien système, avant la bascule',
    refunded: 'Remboursé',
    net: 'Payé moins remboursé',
  },
  rw: {
    title: 'Raporo y’amashanyarazi',
    month: 'Ukwezi',
    generated: 'Yakozwe',
    summary: 'Incamake',
    meter: 'Mubazi',
    bought: 'Ibyaguzwe',
    used: 'Ibyakoreshejwe (ibipimo)',
    paid: 'Amafaranga yishyuwe',
    purchases: 'Ibyo waguze',
    date: 'Itariki',
    method: 'Yishyuwe na',
    token: 'Tokeni',
    none: 'Nta kintu waguze uku kwezi.',
    chart: 'Ibyo wakoresheje ku munsi (kWh)',
    most: 'ikirenze',
    noReadings: 'Nta bipimo uku kwezi.',
    total: 'Igiteranyo',
    methods: { momo: 'MTN MoMo', airtel: 'Airtel Money', cash: 'Amafaranga mu ntoki', card: 'Ikarita' },
    original: '* byagurishijwe na sisitemu ya mbere, mbere yo guhindura',
    refunded: 'Amafaranga yasubijwe',
    net: 'Ayishyuwe hakuwemo ayasubijwe',
  },
  es: {
    title: 'Estado de cuenta de electricidad',
    month: 'Mes',
    generated: 'Emitido',
    summary: 'Resumen',
    meter: 'Medidor',
    bought: 'Comprado',
    used: 'Consumido (lecturas)',
    paid: 'Pagado',
    purchases: 'Compras',
    date: 'Fecha',
    method: 'Pagado con',
    token: 'Token',
    none: 'Sin compras este mes.',
    chart: 'Consumo por día (kWh)',
    most: 'máximo',
    noReadings: 'Sin lecturas este mes.',
    total: 'Total',
    methods: { momo: 'MTN MoMo', airtel: 'Airtel Money', cash: 'Efectivo', card: 'Tarjeta' },
    original: '* vendido por el sistema original, antes del cambio',
    refunded: 'Reembolsado',
    net: 'Pagado menos reembolsado',
  },
};
export const statementLanguage = (language: string): keyof typeof STATEMENT_WORDS =>
  language in STATEMENT_WORDS ? (language as keyof typeof STATEMENT_WORDS) : 'en';

/** Money as the built-in font can draw it: French groups digits with a narrow no-break space it lacks. */
const moneyText = (amount: { amountMinor: number; currency: string }, locale: string) =>
  formatMoney(amount, locale).replace(/[\u202f\u00a0]/g, ' ');

type StatementPurchase = StatementData['meters'][number]['purchases'][number];

/** Hundredths of a currency's unit (the original's amounts, `1500.50`), with their cents when there are any. */
const centsText = (cents: number, currency: string, locale: string) =>
  cents % 100 === 0
    ? moneyText({ amountMinor: cents / 100, currency }, locale)
    : `${currency} ${numberIn(cents / 100, locale, { minimumFractionDigits: 2 }).replace(/[\u202f\u00a0]/g, ' ')}`;

/** A purchase's money: in hundredths of its currency where the original kept cents, else in minor units. */
type Amount = { minor: number; cents: number | null };
const paidOf = (p: StatementPurchase): Amount =>
  p.original ? { minor: 0, cents: p.original.amountCents } : { minor: p.amountMinor, cents: null };
const refundedOf = (p: StatementPurchase): Amount => ({ minor: p.refundedMinor, cents: null });
/** What was paid less what went back (issue 62: "Payé 10 740 RWF" with 3,969 RWF refunded). */
const netOf = (p: StatementPurchase): Amount => {
  const paid = paidOf(p);
  return paid.cents === null
    ? { minor: paid.minor - p.refundedMinor, cents: null }
    : { minor: 0, cents: paid.cents - p.refundedMinor * 100 };
};

/** One purchase's money as the reader's language writes it: an imported one to the cent. */
const amountText = (amount: Amount, currency: string, locale: string) =>
  amount.cents === null
    ? moneyText({ amountMinor: amount.minor, currency }, locale)
    : centsText(amount.cents, currency, locale);

/** What a purchase cost, and what went back for it on a line of its own. */
const paidText = (p: StatementPurchase, locale: string, refunded: string) => {
  const paid = amountText(paidOf(p), p.currency, locale);
  return p.refundedMinor > 0
    ? `${paid}\n${refunded} ${moneyText({ amountMinor: p.refundedMinor, currency: p.currency }, locale)}`
    : paid;
};

/** The sum per currency of `pick`; the original's cents are kept (a currency with no minor unit sums in hundredths). */
const sumMoney = (
  rows: StatementPurchase[],
  locale: string,
  pick: (p: StatementPurchase) => Amount = paidOf,
) => {
  const by = new Map<string, { minor: number; cents: number; exact: boolean }>();
  for (const r of rows) {
    const sum = by.get(r.currency) ?? { minor: 0, cents: 0, exact: false };
    const amount = pick(r);
    sum.minor += amount.minor;
    if (amount.cents !== null) {
      sum.cents += amount.cents;
      sum.exact = true;
    }
    by.set(r.currency, sum);
  }
  return (
    [...by]
      .map(([currency, s]) =>
        s.exact
          ? centsText(s.cents + s.minor * 100, currency, locale)
          : moneyText({ amountMinor: s.minor, currency }, locale),
      )
      .join(' + ') || '—'
  );
};

/**
 * A monthly statement as an A4 PDF in the reader's language (the account's, or the portal's it was
 * asked from: English, French, Kinyarwanda or Spanish, all in the built-in font's Latin script),
 * with its numbers and dates written as that language writes them and dated on the operator's clock
 * (issue 54, items 8 and 11): a summary per meter, then each meter's use-per-day chart and its
 * purchases with their tokens.
 */
export async function statementPdf(
  data: StatementData,
  at: Date,
  language: string = data.account.language,
): Promise<Buffer> {
  const lang = statementLanguage(language);
  const w = STATEMENT_WORDS[lang];
  const kwhText = (tenths: number) => kwhIn(tenths, lang).replace(/[\u202f\u00a0]/g, ' ');
  const day = (date: string) => dateIn(date, lang);
  const doc = await newPdfDocument({
    size: 'A4',
    margin: 40,
    info: { Title: `${w.title} ${data.month} · ${data.account.name}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const page = statementPageOf(doc);
  doc.fontSize(18).font('Helvetica-Bold').text(`${data.org.name}: ${w.title}`, page.left);
  doc.font('Helvetica').fontSize(11).text(data.account.name);
  doc
    .fontSize(10)
    .text(
      `${w.month}: ${monthIn(data.month, lang)} · ${w.generated}: ${dateIn(at, lang, data.org.timeZone)}`,
    );
  const words: StatementWording = { w, lang, kwhText, day };
  writeSummary(page, data, words);
  for (const m of data.meters) writeMeter(page, m, words);
  doc.end();
  return done;
}

/** Where the statement writes: the document, the text column, a heading, and a row of cells. */
interface StatementPage {
  doc: PDFKit.PDFDocument;
  left: number;
  width: number;
  heading(text: string): void;
  row(cells: string[], widths: number[], bold?: boolean): void;
}

/** How the reader's language writes the statement: its words, kWh and dates. */
interface StatementWording {
  w: (typeof STATEMENT_WORDS)[StatementLanguage];
  lang: StatementLanguage;
  kwhText(tenths: number): string;
  day(date: string): string;
}

type StatementMeter = StatementData['meters'][number];
type StatementLanguage = keyof typeof STATEMENT_WORDS;

function statementPageOf(doc: PDFKit.PDFDocument): StatementPage {
  const left = 40;
  return {
    doc,
    left,
    width: doc.page.width - 80,
    heading: (text) =>
      doc.moveDown(0.8).fontSize(13).font('Helvetica-Bold').text(text, left).font('Helvetica').fontSize(10),
    // A cell wraps within its column (a Kinyarwanda heading takes two lines); the row is as tall as its tallest cell.
    row: (cells, widths, bold = false) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
      const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 })));
      if (doc.y + height > doc.page.height - 60) doc.addPage();
      const y = doc.y;
      let x = left;
      for (const [i, c] of cells.entries()) {
        doc.text(c, x, y, { width: widths[i]! - 6 });
        x += widths[i]!;
      }
      doc.font('Helvetica').text('', left, y + height + 3);
    },
  };
}

/**
 * One line per meter (bought, used, paid) and the account's total. When money went back this month's
 * purchases, what was refunded and what was paid less it stand beside "Paid" (issue 62).
 */
function writeSummary(
  { heading, row, width }: StatementPage,
  data: StatementData,
  { w, lang, kwhText }: StatementWording,
) {
  heading(w.summary);
  const all = data.meters.flatMap((m) => m.purchases);
  const refunds = all.some((p) => p.refundedMinor > 0);
  const cols = refunds
    ? [0.2, 0.14, 0.18, 0.16, 0.16, 0.16].map((f) => width * f)
    : [width * 0.3, width * 0.2, width * 0.25, width * 0.25];
  const money = (rows: StatementPurchase[]) =>
    refunds
      ? [sumMoney(rows, lang), sumMoney(rows, lang, refundedOf), sumMoney(rows, lang, netOf)]
      : [sumMoney(rows, lang)];
  row([w.meter, w.bought, w.used, w.paid, ...(refunds ? [w.refunded, w.net] : [])], cols, true);
  for (const m of data.meters)
    row(
      [
        m.number,
        `${kwhText(m.purchases.reduce((s, p) => s + p.unitsTenths, 0))} kWh`,
        `${kwhText(m.usedTenths)} kWh`,
        ...money(m.purchases),
      ],
      cols,
    );
  row(
    [
      w.total,
      `${kwhText(all.reduce((s, p) => s + p.unitsTenths, 0))} kWh`,
      `${kwhText(data.meters.reduce((s, m) => s + m.usedTenths, 0))} kWh`,
      ...money(all),
    ],
    cols,
    true,
  );
}

/** A meter's section: where it is, its use per day, and its purchases with their tokens. */
function writeMeter(page: StatementPage, m: StatementMeter, words: StatementWording) {
  const { doc, left, width, heading, row } = page;
  const { w, lang, kwhText, day } = words;
  if (doc.y > doc.page.height - 260) doc.addPage();
  heading(`${w.meter} ${m.number}`);
  const place = [m.location, m.building, m.department].filter(Boolean).join(' · ');
  if (place) doc.fontSize(9).text(place, left).fontSize(10);
  drawUsePerDay(page, m, words);
  doc.moveDown(0.3).font('Helvetica-Bold').text(w.purchases, left).font('Helvetica');
  if (m.purchases.length === 0) doc.text(w.none, left);
  const pc = [width * 0.16, width * 0.2, width * 0.16, width * 0.14, width * 0.34];
  if (m.purchases.length) row([w.date, w.paid, w.method, 'kWh', w.token], pc, true);
  for (const p of m.purchases)
    row(
      [
        p.original ? `${day(p.date)} *` : day(p.date),
        paidText(p, lang, w.refunded),
        w.methods[p.method],
        kwhText(p.unitsTenths),
        // the original printed its tokens in groups of five
        p.original ? (p.token.match(/.{1,5}/g) ?? []).join('-') : groupedToken(p.token),
      ],
      pc,
    );
  if (m.purchases.some((p) => p.original)) doc.fontSize(8).text(w.original, left).fontSize(10);
}

/** The meter's use per day as bars under its peak, or a line saying it sent no readings. */
function drawUsePerDay(
  { doc, left, width }: StatementPage,
  m: StatementMeter,
  { w, kwhText }: StatementWording,
) {
  const peakTenths = Math.max(1, ...m.days.map((d) => d.tenths));
  doc
    .moveDown(0.3)
    .fontSize(9)
    .text(`${w.chart} · ${w.most} ${kwhText(peakTenths)} kWh`, left)
    .fontSize(10);
  if (m.usedTenths === 0) {
    doc.fontSize(9).text(w.noReadings, left).fontSize(10);
    return;
  }
  const top = doc.y + 4;
  const chartH = 90;
  const peak = peakTenths;
  const bar = width / m.days.length - 2;
  m.days.forEach((d, i) => {
    const x = left + i * (bar + 2);
    const hgt = (d.tenths / peak) * chartH;
    doc.rect(x, top + chartH - hgt, bar, hgt).fill('#1565c0');
    if (i % 5 === 0)
      doc
        .fillColor('#000')
        .fontSize(6)
        .text(d.date.slice(8), x, top + chartH + 2, { width: 14, lineBreak: false });
  });
  doc.fillColor('#000');
  doc.fontSize(10).text('', left, top + chartH + 14);
}
