import type { Ctx } from '../../core/context/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { newPdfDocument, scriptFonts } from '../../core/pdf-text/index.ts';
import type { ForecastRow } from './forecast.rules.ts';
import { fill, type ReportLanguage, reportWords } from './report.pdf.catalog.ts';
import { headcountForecast, messSummary } from './reports.ts';

/**
 * The mess report as an A4 PDF for the office file: meals served and denied per day (a bar
 * chart and the table), denial reasons, payments per cycle, cuts, approval times and the
 * headcount forecast. In the reader's language (English or Hindi), in the bundled Noto Sans
 * Devanagari faces embedded in the file (`core/pdf-text`).
 */
export async function reportPdf(
  ctx: Ctx,
  range: { from?: string; to?: string },
  language: ReportLanguage = 'en',
): Promise<Buffer> {
  const [summary, forecast, org] = await Promise.all([
    messSummary(ctx, range),
    headcountForecast(ctx, 6),
    getOrganization(ctx),
  ]);
  return reportPdfOf({ summary, forecast, org }, language);
}

export interface ReportData {
  summary: Awaited<ReturnType<typeof messSummary>>;
  forecast: ForecastRow[];
  org: { name: string; timeZone: string };
}

/** The report drawn from its figures (the layout test draws it from made-up ones). */
export async function reportPdfOf(data: ReportData, language: ReportLanguage = 'en'): Promise<Buffer> {
  const { summary, forecast, org } = data;
  const w = reportWords[language];
  const doc = await newPdfDocument({ size: 'A4', margin: 40, info: { Title: `${org.name} mess report` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const page: ReportPage = { doc, fonts: scriptFonts(doc), left: 40, width: doc.page.width - 80 };
  const { heading, table } = writersOf(page);

  doc.fontSize(18);
  page.fonts.write(fill(w.title, { org: org.name }), 'bold', page.left);
  doc.fontSize(10);
  page.fonts.write(
    fill(w.range, { from: summary.from, to: summary.to, zone: org.timeZone }),
    'regular',
    page.left,
  );

  heading(w.mealsHeading);
  drawMealsChart(page, summary.meals, w.legend);
  table(
    [w.date, w.meal, w.served, w.denied],
    summary.meals.map((m) => [m.date, m.meal, m.allowed, m.denied]),
  );

  heading(w.denialsHeading);
  table(
    [w.reason, w.scans],
    summary.denials.map((d) => [
      w.reasons[d.reason as keyof typeof w.reasons] ?? d.reason.replaceAll('_', ' '),
      d.count,
    ]),
  );

  heading(w.paymentsHeading);
  table(
    [w.cycle, w.paid, w.studentsPaid],
    summary.payments.map((p) => [p.name, formatMoney(money(p.paidMinor, p.currency), language), p.students]),
  );

  heading(w.cutsHeading);
  table(
    [w.cutsInRange, w.studentsOnCut, w.pending, w.decided, w.avgHours],
    [
      [
        summary.cuts.cuts,
        summary.cuts.students,
        summary.approvals.pending,
        summary.approvals.decided,
        summary.approvals.avgHours ?? '—',
      ],
    ],
  );

  heading(w.forecastHeading);
  table(
    [w.date, w.meal, w.eligible, w.expected],
    forecast.map((f) => [f.date, f.mealName, f.eligible, f.expected]),
  );
  doc.end();
  return done;
}

/** Where the report writes: the document, its fonts per script, and the text column. */
interface ReportPage {
  doc: PDFKit.PDFDocument;
  fonts: ReturnType<typeof scriptFonts>;
  left: number;
  width: number;
}

/** A section heading, and a table whose columns share the width. */
function writersOf({ doc, fonts, left, width }: ReportPage) {
  const heading = (text: string) => {
    doc.moveDown(0.8).fontSize(13);
    fonts.write(text, 'bold', left);
    doc.fontSize(10);
  };
  const table = (headers: string[], rows: (string | number)[][]) => {
    const col = width / headers.length;
    // A cell wraps within its column (a long heading takes two lines); the next row starts under
    // the tallest cell, so a heading never runs into the values below it (issue 41).
    const line = (cells: (string | number)[], bold = false) => {
      if (doc.y > doc.page.height - 90) doc.addPage();
      const y = doc.y;
      let bottom = y;
      for (const [i, c] of cells.entries()) {
        fonts.write(String(c), bold ? 'bold' : 'regular', left + i * col, y, { width: col - 6 });
        bottom = Math.max(bottom, doc.y);
      }
      fonts.latin();
      doc.text('', left, Math.max(bottom + 3, y + 16));
    };
    line(headers, true);
    if (rows.length === 0) line(['—']);
    for (const r of rows) line(r);
  };
  return { heading, table };
}

/** Meals served (green) and denied (red) per day as stacked bars, with the legend under them. */
function drawMealsChart(
  { doc, fonts, left, width }: ReportPage,
  meals: ReportData['summary']['meals'],
  legend: string,
): void {
  const byDay = new Map<string, { served: number; denied: number }>();
  for (const m of meals) {
    const d = byDay.get(m.date) ?? { served: 0, denied: 0 };
    d.served += m.allowed;
    d.denied += m.denied;
    byDay.set(m.date, d);
  }
  const days = [...byDay.entries()];
  const peak = Math.max(1, ...days.map(([, d]) => d.served + d.denied));
  const chartTop = doc.y + 6;
  const chartH = 110;
  const bar = days.length ? Math.min(30, width / days.length - 4) : 0;
  days.forEach(([date, d], i) => {
    const x = left + i * (bar + 4);
    const servedH = (d.served / peak) * chartH;
    const deniedH = (d.denied / peak) * chartH;
    doc.rect(x, chartTop + chartH - servedH, bar, servedH).fill('#2e7d32');
    doc.rect(x, chartTop + chartH - servedH - deniedH, bar, deniedH).fill('#c62828');
    fonts.latin();
    doc
      .fillColor('#000')
      .fontSize(6)
      .text(date.slice(5), x, chartTop + chartH + 2, { width: bar + 4, lineBreak: false });
  });
  doc.fillColor('#000').fontSize(8);
  fonts.write(legend, 'regular', left, chartTop + chartH + 12);
  doc.fontSize(10).text('', left, chartTop + chartH + 26);
}
