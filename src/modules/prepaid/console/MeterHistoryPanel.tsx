import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import PointOfSaleIcon from '@mui/icons-material/PointOfSale';
import {
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api, type RecordPanelProps, useFormat } from '../../../../web/console/src/extensions/index.ts';
import { groupedToken, receiptUrl } from './counter.types.ts';

interface PurchaseRow {
  id: string;
  method: string;
  status: string;
  amountMinor: number;
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

function Section({ title, head, rows }: { title: string; head: string[]; rows: ReactNode[] }) {
  const translate = useTranslate();
  return (
    <section aria-label={title}>
      <Typography variant="subtitle1" component="h3">
        {title}
      </Typography>
      {rows.length === 0 ? (
        <Typography color="text.secondary">{translate('prepaid.meterHistory.none')}</Typography>
      ) : (
        <Table size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              {head.map((h) => (
                <TableCell key={h}>{h}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>{rows}</TableBody>
        </Table>
      )}
    </section>
  );
}

/** A meter's page at the counter: its sales with their tokens and receipts, its readings and alerts. */
export default function MeterHistoryPanel({ id, record }: RecordPanelProps) {
  const translate = useTranslate();
  const format = useFormat();
  const number = String(record.number ?? '');
  const purchases = useMeterRows<PurchaseRow>('purchases', number, 'createdAt');
  const readings = useMeterRows<ReadingRow>('readings', number, 'readAt');
  const alerts = useMeterRows<AlertRow>('alerts', number, 'raisedAt');
  const field = (name: string) => translate(`prepaid.fields.${name}`);
  const option = (value: string) => translate(`prepaid.options.${value}`, { _: value });
  return (
    <Card variant="outlined" data-testid="prepaid-meter-history">
      <CardHeader
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
      />
      <CardContent>
        <Stack spacing={3}>
          <Section
            title={translate('prepaid.meterHistory.purchases')}
            head={[
              field('createdAt'),
              field('amount'),
              field('method'),
              field('status'),
              field('kwh'),
              field('token'),
              translate('prepaid.meterHistory.receipt'),
            ]}
            rows={(purchases.data?.items ?? []).map((p) => (
              <TableRow key={p.id} data-purchase={p.id}>
                <TableCell>{format.dateTime(p.createdAt)}</TableCell>
                <TableCell>{format.money(p.amountMinor, p.currency)}</TableCell>
                <TableCell>{option(p.method)}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={option(p.status)}
                    color={p.status === 'paid' ? 'success' : 'default'}
                  />
                </TableCell>
                <TableCell>{p.kwh ?? ''}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
                  {p.token ? groupedToken(p.token) : ''}
                </TableCell>
                <TableCell>
                  {p.status === 'paid' && (
                    <IconButton
                      size="small"
                      href={receiptUrl(p.id, 'a4')}
                      target="_blank"
                      rel="noopener"
                      aria-label={`${translate('prepaid.meterHistory.receipt')} ${format.dateTime(p.createdAt)}`}
                    >
                      <PictureAsPdfIcon fontSize="small" />
                    </IconButton>
                  )}
                </TableCell>
              </TableRow>
            ))}
          />
          <Section
            title={translate('prepaid.meterHistory.readings')}
            head={[field('readAt'), field('register'), field('source')]}
            rows={(readings.data?.items ?? []).map((r) => (
              <TableRow key={r.id}>
                <TableCell>{format.dateTime(r.readAt)}</TableCell>
                <TableCell>{r.kwh}</TableCell>
                <TableCell>{option(r.source)}</TableCell>
              </TableRow>
            ))}
          />
          <Section
            title={translate('prepaid.meterHistory.alerts')}
            head={[field('raisedAt'), field('alertKind'), field('balanceKwh'), field('alertOpen')]}
            rows={(alerts.data?.items ?? []).map((a) => (
              <TableRow key={a.id}>
                <TableCell>{format.dateTime(a.raisedAt)}</TableCell>
                <TableCell>{option(a.kind)}</TableCell>
                <TableCell>{a.balanceKwh ?? ''}</TableCell>
                <TableCell>
                  {a.open
                    ? translate('prepaid.meterHistory.open')
                    : translate('prepaid.meterHistory.cleared')}
                </TableCell>
              </TableRow>
            ))}
          />
        </Stack>
      </CardContent>
    </Card>
  );
}
