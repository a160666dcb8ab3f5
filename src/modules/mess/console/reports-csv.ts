import { neutralizeFormula } from '../../../core/csv/index.ts';
import type { HeadcountForecastJson, MessSummaryJson } from '../browser.ts';

/** The reports page's summary (`GET /api/mess/reports/summary`). */
export type FullSummary = MessSummaryJson;
export type ForecastRow = HeadcountForecastJson[number];

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Words staff typed (a meal's or a cycle's name) or a reason, through the one rule of every CSV (core/csv). */
const text = (words: string) => neutralizeFormula(words);

/** Digits after the decimal point of a currency's amounts (INR 2, JPY 0). */
const digitsOf = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** An amount in the currency's units (rupees, not paise), as a spreadsheet reads a number: `1500.00`. */
export const major = (minor: number, currency: string) => {
  const digits = digitsOf(currency);
  return (minor / 10 ** digits).toFixed(digits);
};

/**
 * The report as one CSV (UTF-8 with BOM): a section per table, money in the currency's units with
 * the currency beside it, reasons as the reader reads them (`reason`) with the code after. Built in
 * the browser, its text cells follow the same rule as the server's exports (a meal named `=…` or `|…`
 * is written inert).
 */
export function reportCsv(s: FullSummary, forecast: ForecastRow[], reason: (code: string) => string): string {
  const rows: (string | number)[][] = [
    ['section', 'date', 'meal', 'served', 'denied'],
    ...s.meals.map((m) => ['meals', m.date, text(m.meal), m.allowed, m.denied]),
    [],
    ['section', 'reason', 'code', 'scans'],
    ...s.denials.map((d) => ['denials', text(reason(d.reason)), text(d.reason), d.count]),
    [],
    ['section', 'cycle', 'paid', 'currency', 'students'],
    ...s.payments.map((p) => [
      'payments',
      text(p.name),
      major(p.paidMinor, p.currency),
      text(p.currency.trim()),
      p.students,
    ]),
    [],
    ['section', 'cuts', 'students_on_cut', 'pending', 'decided', 'avg_hours_to_decide'],
    [
      'cuts_approvals',
      s.cuts.cuts,
      s.cuts.students,
      s.approvals.pending,
      s.approvals.decided,
      s.approvals.avgHours ?? '',
    ],
    [],
    [
      'section',
      'proofs_decided',
      'median_hours_to_verify',
      'slowest_hours',
      'proofs_waiting',
      'oldest_waiting_hours',
    ],
    [
      'payment_verification',
      s.verification.decided,
      s.verification.medianHours ?? '',
      s.verification.slowestHours ?? '',
      s.verification.waiting,
      s.verification.oldestWaitingHours ?? '',
    ],
    [],
    ['section', 'date', 'meal', 'eligible', 'expected'],
    ...forecast.map((f) => ['forecast', f.date, text(f.mealName), f.eligible, f.expected]),
  ];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
