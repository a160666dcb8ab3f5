import { Box } from '@mui/material';
import { useLocale, useTranslate } from 'react-admin';
import { RowsTable } from '../../../../web/console/src/extensions/index.ts';
import { moneyIn, type SalesReportJson } from '../browser.ts';

type Sale = SalesReportJson['sales'][number];
type Line = Pick<Sale, 'day' | 'currency' | 'paidAmountMinor' | 'refundedAmountMinor' | 'netAmountMinor'> & {
  method: Sale['method'] | null;
};

/** The range's totals per currency, as the table's last lines. */
function totals(sales: ReadonlyArray<Sale>): Line[] {
  const by = new Map<string, Line>();
  for (const s of sales) {
    const t = by.get(s.currency) ?? {
      day: '',
      method: null,
      currency: s.currency,
      paidAmountMinor: 0,
      refundedAmountMinor: 0,
      netAmountMinor: 0,
    };
    t.paidAmountMinor += s.paidAmountMinor;
    t.refundedAmountMinor += s.refundedAmountMinor;
    t.netAmountMinor += s.netAmountMinor;
    by.set(s.currency, t);
  }
  return [...by.values()];
}

/**
 * The sales per day and provider, net of refunds (issue 62: a refund made on a payment's page or a
 * purchase's shows on the day its money went back), with the range's total.
 */
export function SalesTable({ sales }: { sales: ReadonlyArray<Sale> }) {
  const translate = useTranslate();
  const locale = useLocale();
  const money = (minor: number, currency: string) => moneyIn(minor, currency, locale);
  const lines: Line[] = [...sales, ...totals(sales)];
  const strong = (l: Line) => (l.method === null ? { fontWeight: 700 } : undefined);
  return (
    <RowsTable
      rows={lines}
      testId="prepaid-sales-table"
      ariaLabel={translate('prepaid.report.sales')}
      columns={[
        {
          label: 'prepaid.report.day',
          cell: (l) =>
            l.method === null ? <Box sx={strong(l)}>{translate('prepaid.report.total')}</Box> : l.day,
        },
        {
          label: 'prepaid.report.method',
          cell: (l) => (l.method ? translate(`prepaid.options.${l.method}`) : ''),
        },
        { label: 'prepaid.report.paid', align: 'right', cell: (l) => money(l.paidAmountMinor, l.currency) },
        {
          label: 'prepaid.report.refunded',
          align: 'right',
          cell: (l) => (l.refundedAmountMinor ? `− ${money(l.refundedAmountMinor, l.currency)}` : '—'),
        },
        {
          label: 'prepaid.report.net',
          align: 'right',
          cell: (l) => <Box sx={strong(l)}>{money(l.netAmountMinor, l.currency)}</Box>,
        },
      ]}
      rowKey={(l) => `${l.day}-${l.method ?? 'total'}-${l.currency}`}
      rowData={(l) => ({ 'data-refunded': l.refundedAmountMinor, 'data-net': l.netAmountMinor })}
    />
  );
}
