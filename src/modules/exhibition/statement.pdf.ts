import { formatCode } from '../../core/codes/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { recordedScriptFonts } from '../../core/pdf-text/index.ts';
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
 * customer's), then the total. In the bundled faces (`core/pdf-text`), which draw Latin and
 * Devanagari alike: the built-in Helvetica has no Devanagari, and a Hindi statement would be blank.
 */
export function statementPdfTask(input: StatementInput): {
  options: Record<string, unknown>;
  calls: PdfCall[];
} {
  const { customer, bills } = input;
  const locale = customer.language;
  // French groups digits with a narrow no-break space the bundled face lacks: a no-break space it has.
  const fmt = (minor: number) =>
    formatMoney(money(minor, customer.currency), locale).replaceAll('\u202f', '\u00a0');
  const calls: PdfCall[] = [];
  const fonts = recordedScriptFonts(calls);
  const line: WriteLine = (size, text, options) => {
    calls.push(['fontSize', size]);
    fonts.write(text, 'regular', undefined, undefined, options);
  };
  line(16, t(locale, 'title', { exhibition: input.exhibitionName }));
  line(11, [customer.name, formatCode(customer.code, 4), customer.email].filter(Boolean).join(' · '));
  calls.push(['moveDown']);
  for (const b of bills) {
    const text = `${b.businessDate}  ${b.boothName}  ${b.description || '-'}  ${fmt(b.amountMinor)}`;
    line(10, b.status === 'void' ? `${text}  (${t(locale, 'voided')})` : text, {
      strike: b.status === 'void',
    });
    if (b.paidMinor) line(10, `    ${t(locale, 'paid', { amount: fmt(b.paidMinor) })}`);
    if (b.refundedMinor) line(10, `    ${t(locale, 'refunded', { amount: fmt(b.refundedMinor) })}`);
  }
  if (bills.length === 0) line(10, t(locale, 'none'));
  calls.push(['moveDown']);
  line(12, t(locale, 'total', { billCount: customer.billCount, total: fmt(customer.totalMinor) }));
  moneyLines(line, locale, fmt, customer.totalMinor, statementMoney(bills));
  return {
    options: { size: 'A4', margin: 48, info: { Title: `Statement ${formatCode(customer.code, 4)}` } },
    calls,
  };
}

/** Draws one line of text at a font size, in whichever bundled face has each run's letters. */
type WriteLine = (size: number, text: string, options?: Record<string, unknown>) => void;

/**
 * The statement's closing lines once money was taken or given back: paid, returned and net, and what
 * is left to pay when the bills ask for more than was kept.
 */
function moneyLines(
  line: WriteLine,
  locale: string,
  fmt: (minor: number) => string,
  totalMinor: number,
  sums: ReturnType<typeof statementMoney>,
): void {
  if (!sums.paidMinor && !sums.refundedMinor) return;
  line(11, t(locale, 'paidTotal', { total: fmt(sums.paidMinor) }));
  if (sums.refundedMinor > 0) line(11, t(locale, 'refundedTotal', { total: fmt(sums.refundedMinor) }));
  line(11, t(locale, 'netTotal', { total: fmt(sums.netMinor) }));
  if (totalMinor > sums.netMinor)
    line(11, t(locale, 'leftToPay', { total: fmt(totalMinor - sums.netMinor) }));
}
