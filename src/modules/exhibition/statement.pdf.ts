import { formatCode } from '../../core/codes/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { type PdfCall, renderPdf } from '../../platform/render/index.ts';
import type { BillView } from './bills.ts';
import type { CustomerView } from './customers.ts';
import { exhibitionMail } from './exhibition.notifications.ts';

const t = (locale: string, key: string, params?: Record<string, unknown>) =>
  exhibitionMail.t(locale, `exhibition-mail:statement.${key}`, params);

export interface StatementInput {
  exhibitionName: string;
  customer: Pick<
    CustomerView,
    'name' | 'code' | 'email' | 'language' | 'currency' | 'billCount' | 'totalMinor'
  >;
  bills: Array<
    Pick<BillView, 'businessDate' | 'boothName' | 'description' | 'amountMinor' | 'status'> & {
      /** Money taken for it (issue 62). */
      paidMinor?: number;
      /** Money taken for it that went back (issue 53). */
      refundedMinor?: number;
    }
  >;
}

/** The statement's money in all: paid, given back, and kept (paid less given back). */
export function statementMoney(bills: StatementInput['bills']): {
  paidMinor: number;
  refundedMinor: number;
  netMinor: number;
} {
  const paidMinor = bills.reduce((n, b) => n + (b.paidMinor ?? 0), 0);
  const refundedMinor = bills.reduce((n, b) => n + (b.refundedMinor ?? 0), 0);
  return { paidMinor, refundedMinor, netMinor: paidMinor - refundedMinor };
}

/** Made on a render thread: the PDF is drawn from the calls listed here. */
export async function renderStatement(input: StatementInput): Promise<Buffer> {
  const task = statementPdfTask(input);
  return Buffer.from(await renderPdf(task.options, task.calls));
}

/**
 * The statement's page options and drawing calls: every bill on its own line (a voided one struck
 * out and marked "voided" in the customer's language: the staff's reason is theirs, not the
 * customer's), then the total.
 */
export function statementPdfTask(input: StatementInput): {
  options: Record<string, unknown>;
  calls: PdfCall[];
} {
  const { customer, bills } = input;
  const locale = customer.language;
  const fmt = (minor: number) => formatMoney(money(minor, customer.currency), locale);
  const calls: PdfCall[] = [
    ['fontSize', 16],
    ['text', t(locale, 'title', { exhibition: input.exhibitionName })],
    ['fontSize', 11],
    ['text', [customer.name, formatCode(customer.code, 4), customer.email].filter(Boolean).join(' · ')],
    ['moveDown'],
  ];
  for (const b of bills) {
    const line = `${b.businessDate}  ${b.boothName}  ${b.description || '-'}  ${fmt(b.amountMinor)}`;
    const text = b.status === 'void' ? `${line}  (${t(locale, 'voided')})` : line;
    calls.push(['fontSize', 10], ['text', text, { strike: b.status === 'void' }]);
    if (b.paidMinor)
      calls.push(['fontSize', 10], ['text', `    ${t(locale, 'paid', { amount: fmt(b.paidMinor) })}`]);
    if (b.refundedMinor)
      calls.push(
        ['fontSize', 10],
        ['text', `    ${t(locale, 'refunded', { amount: fmt(b.refundedMinor) })}`],
      );
  }
  if (bills.length === 0) calls.push(['fontSize', 10], ['text', t(locale, 'none')]);
  calls.push(
    ['moveDown'],
    ['fontSize', 12],
    ['text', t(locale, 'total', { billCount: customer.billCount, total: fmt(customer.totalMinor) })],
  );
  calls.push(...moneyLines(locale, fmt, customer.totalMinor, statementMoney(bills)));
  return {
    options: { size: 'A4', margin: 48, info: { Title: `Statement ${formatCode(customer.code, 4)}` } },
    calls,
  };
}

/**
 * The statement's closing lines once money was taken or given back: paid, returned and net, and what
 * is left to pay when the bills ask for more than was kept.
 */
function moneyLines(
  locale: string,
  fmt: (minor: number) => string,
  totalMinor: number,
  sums: ReturnType<typeof statementMoney>,
): PdfCall[] {
  if (!sums.paidMinor && !sums.refundedMinor) return [];
  const lines: PdfCall[] = [
    ['fontSize', 11],
    ['text', t(locale, 'paidTotal', { total: fmt(sums.paidMinor) })],
  ];
  if (sums.refundedMinor > 0)
    lines.push(['text', t(locale, 'refundedTotal', { total: fmt(sums.refundedMinor) })]);
  lines.push(['text', t(locale, 'netTotal', { total: fmt(sums.netMinor) })]);
  if (totalMinor > sums.netMinor)
    lines.push(['text', t(locale, 'leftToPay', { total: fmt(totalMinor - sums.netMinor) })]);
  return lines;
}
