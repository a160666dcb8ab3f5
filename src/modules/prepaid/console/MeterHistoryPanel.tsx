import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import PointOfSaleIcon from '@mui/icons-material/PointOfSale';
import { Button, Chip, IconButton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import {
  api,
  type Column,
  RecordPanelCard,
  type RecordPanelProps,
  RowsSection,
  useFormat,
} from '../../../../web/console/src/extensions/index.ts';
import { moneyIn, numberIn } from '../browser.ts';
import { groupedToken, kwh, receiptUrl } from './counter.types.ts';

interface PurchaseRow {
  id: string;
  method: string;
  status: string;
  amountMinor: number;
  /** What went back of it (issue 62). */
  refundedMinor: number;
  currency: string;
  kwh: number | null;
  token: string | null;
  createdAt: string;
}
/** A sale of the original system, imported (issue 51): its amount to the cent, its token. */
interface OriginalSaleRow {
  id: string;
  originalId: string | null;
  method: string;
  status: string;
  amount: number;
  currency: string;
  kwh: number | null;
  token: string | null;
  createdAt: string;
}
interface ReadingRow {
  id: string;
  readAt: string;
  kwh: number;
  source: string;
}
interface AlertRow {
  id: string;
  kind: string;
  open: boolean;
  balanceKwh: number | null;
  raisedAt: string;
}

/** The meter's rows of one prepaid list, newest first (the lists filter by meter number). */
function useMeterRows<T>(list: string, meterNumber: string, sort: string) {
  return useQuery({
    queryKey: ['prepaid.meter.history', list, meterNumber],
    queryFn: () =>
      api<{ items: T[] }>(
        `/api/prepaid/console/${list}?meter=${encodeURIComponent(meterNumber)}&sort=${sort}&order=desc&perPage=10`,
      ),
  });
}

/** One list of the meter's history: its rows by id, and "Nothing yet." when there is none. */
function HistorySection<T extends { id: string }>(props: { title: string; rows: T[]; columns: Column<T>[] }) {
  const translate = useTranslate();
  return <RowsSection {...props} rowKey={(row) => row.id} empty={translate('prepaid.meterHistory.none')} />;
}

/** The original printed its tokens in groups of five: `48213-90577-12364-88021`. */
const originalToken = (digits: string) => digits.match(/.{1,5}/g)?.join('-') ?? digits;

/** The meter's sales: when, what was paid and what went back of it (issue 62), how, units, token, receipt. */
function purchaseColumns(
  translate: ReturnType<typeof useTranslate>,
  format: ReturnType<typeof useFormat>,
  kwhOf: (value: number | null) => string,
): Column<PurchaseRow>[] {
  const field = (name: string) => `prepaid.fields.${name}`;
  const option = (value: string) => translate(`prepaid.options.${value}`, { _: value });
  return [
    { label: field('createdAt'), cell: (p) => format.dateTime(p.createdAt) },
    {
      label: field('amount'),
      cell: (p) => (
        <>
          {moneyIn(p.amountMinor, p.currency, format.locale)}
          {p.refundedMinor > 0 && (
            <Typography variant="body2" color="text.secondary" data-testid="prepaid-sale-refunded">
              {translate('prepaid.refund.refunded', {
                amount: moneyIn(p.refundedMinor, p.currency, format.locale),
              })}
            </Typography>
          )}
        </>
      ),
    },
    { label: field('method'), cell: (p) => option(p.method) },
    {
      label: field('status'),
      cell: (p) => (
        <Chip size="small" label={option(p.status)} color={p.status === 'paid' ? 'success' : 'default'} />
      ),
    },
    { label: field('kwh'), cell: (p) => kwhOf(p.kwh) },
    {
      label: field('token'),
      cell: (p) => (p.token ? groupedToken(p.token) : ''),
      sx: { fontFamily: 'monospace', whiteSpace: 'nowrap' },
    },
    {
      label: 'prepaid.meterHistory.receipt',
      cell: (p) =>
        p.status === 'paid' && (
          <IconButton
            size="small"
            href={receiptUrl(p.id, 'a4')}
            target="_blank"
            rel="noopener"
            aria-label={`${translate('prepaid.meterHistory.receipt')} ${format.dateTime(p.createdAt)}`}
          >
            <PictureAsPdfIcon fontSize="small" />
          </IconButton>
        ),
    },
  ];
}

/**
 * A meter's page at the counter: its sales with their tokens and receipts, what the original system
 * sold it before the switch (when it was imported), its readings and alerts.
 */
export default function MeterHistoryPanel({ id, record }: RecordPanelProps) {
  const translate = useTranslate();
  const format = useFormat();
  const number = String(record.number ?? '');
  const purchases = useMeterRows<PurchaseRow>('purchases', number, 'createdAt');
  const original = useMeterRows<OriginalSaleRow>('imported-purchases', number, 'createdAt');
  const readings = useMeterRows<ReadingRow>('readings', number, 'readAt');
  const alerts = useMeterRows<AlertRow>('alerts', number, 'raisedAt');
  const field = (name: string) => `prepaid.fields.${name}`;
  const option = (value: string) => translate(`prepaid.options.${value}`, { _: value });
  // kWh (one decimal) and the original's amounts in the clerk's digits (issue 54, item 11)
  const kwhOf = (value: number | null) => (value === null ? '' : kwh(Math.round(value * 10), format.locale));
  return (
    <RecordPanelCard
      testId="prepaid-meter-history"
      title={translate('prepaid.meterHistory.title')}
      action={
        record.status === 'active' && (
          <Button
            variant="contained"
            startIcon={<PointOfSaleIcon />}
            component={RouterLink}
            to={`/prepaid/counter?meter=${encodeURIComponent(id)}`}
          >
            {translate('prepaid.meterHistory.sell')}
          </Button>
        )
      }
    >
      <Stack spacing={3}>
        <HistorySection
          title={translate('prepaid.meterHistory.purchases')}
          rows={purchases.data?.items ?? []}
          columns={purchaseColumns(translate, format, kwhOf)}
        />
        {(original.data?.items.length ?? 0) > 0 && (
          <HistorySection
            title={translate('prepaid.meterHistory.original')}
            rows={original.data?.items ?? []}
            columns={[
              { label: field('createdAt'), cell: (p) => format.dateTime(p.createdAt) },
              {
                label: field('amount'),
                // to the cent, as the original kept it (RWF has no minor unit of its own)
                cell: (p) =>
                  `${numberIn(p.amount, format.locale, { minimumFractionDigits: p.amount % 1 ? 2 : 0 })} ${p.currency}`,
                sx: { whiteSpace: 'nowrap' },
              },
              { label: field('method'), cell: (p) => option(p.method) },
              { label: field('status'), cell: (p) => <Chip size="small" label={option(p.status)} /> },
              {
                label: field('kwh'),
                cell: (p) =>
                  p.kwh === null ? '' : numberIn(p.kwh, format.locale, { minimumFractionDigits: 3 }),
              },
              {
                label: field('token'),
                cell: (p) => (p.token ? originalToken(p.token) : ''),
                sx: { fontFamily: 'monospace', whiteSpace: 'nowrap' },
              },
              { label: field('originalId'), cell: (p) => p.originalId ?? '', sx: { fontSize: 12 } },
            ]}
          />
        )}
        <HistorySection
          title={translate('prepaid.meterHistory.readings')}
          rows={readings.data?.items ?? []}
          columns={[
            { label: field('readAt'), cell: (r) => format.dateTime(r.readAt) },
            { label: field('register'), cell: (r) => kwhOf(r.kwh) },
            { label: field('readingSource'), cell: (r) => option(r.source) },
          ]}
        />
        <HistorySection
          title={translate('prepaid.meterHistory.alerts')}
          rows={alerts.data?.items ?? []}
          columns={[
            { label: field('raisedAt'), cell: (a) => format.dateTime(a.raisedAt) },
            { label: field('alertKind'), cell: (a) => option(a.kind) },
            { label: field('balanceKwh'), cell: (a) => kwhOf(a.balanceKwh ?? null) },
            {
              label: field('alertOpen'),
              cell: (a) =>
                a.open ? translate('prepaid.meterHistory.open') : translate('prepaid.meterHistory.cleared'),
            },
          ]}
        />
      </Stack>
    </RecordPanelCard>
  );
}
