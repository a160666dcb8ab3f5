import {
  Card,
  CardContent,
  CardHeader,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableRow,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { api, TableHeadings, useFormat } from '../../../../web/console/src/extensions/index.ts';
import { kwhIn, moneyIn } from '../browser.ts';
import { currencyExponent, type MeterRow, type Method, type Quote } from './counter.types.ts';

/**
 * Prices a sale for the meter now, by the amount the customer hands over or by the units asked
 * for: the tariff's blocks this month, fee and tax, and what one token can carry. Of an amount
 * typed, what the lines leave over is change handed back in cash; mobile money is asked for the
 * total only, so there is no change (issue 54, item 10).
 */
export function QuoteCard({
  meter,
  currency,
  method,
  onQuote,
}: {
  meter: MeterRow;
  /** The tariff's currency once known (the first quote tells it). */
  currency: string | null;
  /** How the customer pays: cash gets change back, mobile money is asked for the total. */
  method: Method;
  onQuote: (sale: { quote: Quote; amountMinor: number } | null) => void;
}) {
  const translate = useTranslate();
  const format = useFormat();
  // kWh in the clerk's digits ("11,4" in French and Kinyarwanda, issue 54 item 11)
  const kwh = (tenths: number) => kwhIn(tenths, format.locale);
  const [mode, setMode] = useState<'amount' | 'units'>('amount');
  const [typed, setTyped] = useState('');
  const n = Number(typed.replace(',', '.'));
  const exponent = currencyExponent(currency ?? 'RWF');
  const ask =
    typed === '' || !(n > 0)
      ? null
      : mode === 'amount'
        ? `amountMinor=${Math.round(n * 10 ** exponent)}`
        : `unitsTenths=${Math.round(n * 10)}`;
  const quote = useQuery({
    queryKey: ['prepaid.counter.quote', meter.id, ask],
    enabled: ask !== null,
    queryFn: () => api<Quote>(`/api/prepaid/meters/${encodeURIComponent(meter.id)}/quote?${ask}`),
  });
  const q = ask === null ? undefined : quote.data;
  const tooMany = q !== undefined && q.unitsTenths > q.maxUnitsTenths;
  // What the customer pays is the sum of the lines below (the server's saleFor, as on the portal).
  const amountMinor = q?.chargeMinor;
  useEffect(() => {
    onQuote(q && !tooMany && q.unitsTenths > 0 && amountMinor ? { quote: q, amountMinor } : null);
  }, [q, tooMany, amountMinor, onQuote]);
  // money with its code in the clerk's digits ("RWF 1.481" in Kinyarwanda, which browsers lack)
  const money = (minor: number) => moneyIn(minor, q?.currency ?? currency ?? 'RWF', format.locale);
  return (
    <Card variant="outlined" data-testid="counter-quote">
      <CardHeader title={translate('prepaid.counter.quote')} />
      <CardContent>
        <Stack spacing={2}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
            <ToggleButtonGroup
              exclusive
              size="small"
              value={mode}
              onChange={(_, v) => {
                if (!v) return;
                setMode(v);
                setTyped('');
              }}
            >
              <ToggleButton value="amount">{translate('prepaid.counter.byAmount')}</ToggleButton>
              <ToggleButton value="units">{translate('prepaid.counter.byUnits')}</ToggleButton>
            </ToggleButtonGroup>
            <TextField
              size="small"
              type="number"
              label={
                mode === 'amount'
                  ? translate('prepaid.counter.amount', { currency: currency ?? '…' })
                  : translate('prepaid.counter.units')
              }
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              slotProps={{ htmlInput: { min: 0, step: mode === 'amount' ? 1 : 0.1 } }}
            />
          </Stack>
          {ask !== null && quote.error && <Typography color="error">{quote.error.message}</Typography>}
          {q && (
            <>
              <Table size="small" aria-label={translate('prepaid.counter.quote')}>
                <TableHeadings
                  headings={[
                    'prepaid.counter.block',
                    { label: 'prepaid.counter.blockUnits', align: 'right' },
                    { label: 'prepaid.counter.price', align: 'right' },
                    { label: 'prepaid.counter.energy', align: 'right' },
                  ]}
                />
                <TableBody>
                  {q.tiers.map((t) => (
                    <TableRow key={t.tier}>
                      <TableCell>{t.tier}</TableCell>
                      <TableCell align="right">{kwh(t.unitsTenths)}</TableCell>
                      <TableCell align="right">{money(t.priceMinorPerKwh)}</TableCell>
                      <TableCell align="right">{money(t.energyMinor)}</TableCell>
                    </TableRow>
                  ))}
                  <TableRow>
                    <TableCell colSpan={3}>{translate('prepaid.counter.fee')}</TableCell>
                    <TableCell align="right">{money(q.feeMinor)}</TableCell>
                  </TableRow>
                  <TableRow>
                    <TableCell colSpan={3}>{translate('prepaid.counter.tax')}</TableCell>
                    <TableCell align="right">{money(q.taxMinor)}</TableCell>
                  </TableRow>
                </TableBody>
                <TableFooter>
                  <TableRow
                    data-testid="counter-quote-total"
                    sx={{ '& td': { fontWeight: 'bold', fontSize: '1rem', color: 'text.primary' } }}
                  >
                    <TableCell>{translate('prepaid.counter.unitsOut')}</TableCell>
                    <TableCell align="right">{kwh(q.unitsTenths)} kWh</TableCell>
                    <TableCell align="right">{translate('prepaid.counter.total')}</TableCell>
                    <TableCell align="right">{money(q.chargeMinor)}</TableCell>
                  </TableRow>
                  {q.changeMinor > 0 && (
                    <TableRow data-testid="counter-quote-change">
                      <TableCell colSpan={3}>
                        {translate(
                          method === 'cash' ? 'prepaid.counter.changeBack' : 'prepaid.counter.notCharged',
                          {
                            asked: money(q.chargeMinor + q.changeMinor),
                          },
                        )}
                      </TableCell>
                      <TableCell align="right">{money(q.changeMinor)}</TableCell>
                    </TableRow>
                  )}
                </TableFooter>
              </Table>
              <Typography variant="body2" color="text.secondary">
                {translate('prepaid.counter.monthSoFar', { kwh: kwh(q.monthUnitsTenths) })}
              </Typography>
              {tooMany && (
                <Typography color="error">
                  {translate('prepaid.counter.tooMany', { kwh: kwh(q.maxUnitsTenths) })}
                </Typography>
              )}
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
