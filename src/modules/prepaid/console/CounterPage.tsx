import { Alert, Box, Button, Card, CardContent, Chip, Grid, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { api } from '../../../../web/console/src/extensions/index.ts';
import type { MeterRow, Method, Quote } from './counter.types.ts';
import { MeterFinder } from './MeterFinder.tsx';
import { QuoteCard } from './QuoteCard.tsx';
import { SaleCard } from './SaleCard.tsx';
import { TokenCheckCard } from './TokenCheckCard.tsx';

/**
 * The vendor clerk's counter: find the customer's meter, price the sale by amount or by units,
 * take cash or a mobile-money payment, hand over the token and its receipt, and check a token a
 * customer typed. `?meter=<id>` opens it on a meter (the meter page's "sell" button).
 */
export default function CounterPage() {
  const translate = useTranslate();
  const [params, setParams] = useSearchParams();
  const meterId = params.get('meter');
  const [sale, setSale] = useState<{ quote: Quote; amountMinor: number } | null>(null);
  const [saleNo, setSaleNo] = useState(0);
  // Chosen on the sale card, read by the quote: mobile money has no change to give (issue 54, item 10).
  const [method, setMethod] = useState<Method>('cash');
  const meter = useQuery({
    queryKey: ['prepaid.counter.meter', meterId],
    enabled: meterId !== null,
    queryFn: () => api<MeterRow>(`/api/prepaid/console/meters/${encodeURIComponent(meterId!)}`),
  });
  // The tariff's currency, before the clerk types an amount in it.
  const probe = useQuery({
    queryKey: ['prepaid.counter.currency', meterId],
    enabled: meterId !== null,
    queryFn: () => api<Quote>(`/api/prepaid/meters/${encodeURIComponent(meterId!)}/quote?unitsTenths=10`),
  });
  const pick = (m: MeterRow | null) => {
    setSale(null);
    setParams(m ? { meter: m.id } : {});
  };
  const onQuote = useCallback((s: { quote: Quote; amountMinor: number } | null) => setSale(s), []);
  const m = meter.data;
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('prepaid.counter.title')} />
      <Stack spacing={2}>
        {!m ? (
          <Card variant="outlined">
            <CardContent>
              <MeterFinder onPick={pick} />
            </CardContent>
          </Card>
        ) : (
          <>
            <Card variant="outlined" data-testid="counter-meter">
              <CardContent>
                <Stack
                  direction={{ xs: 'column', sm: 'row' }}
                  spacing={2}
                  sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between' }}
                >
                  <Box>
                    <Typography variant="h5" component="h2">
                      {m.number}
                    </Typography>
                    <Typography color="text.secondary">
                      {[m.account, m.phone, m.location].filter(Boolean).join(' · ')}
                    </Typography>
                  </Box>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    <Chip
                      label={translate(`prepaid.options.${m.status}`)}
                      color={m.status === 'active' ? 'success' : 'warning'}
                    />
                    <Button component={RouterLink} to={`/prepaid.meters/${encodeURIComponent(m.id)}/show`}>
                      {translate('prepaid.counter.openMeter')}
                    </Button>
                    <Button onClick={() => pick(null)}>{translate('prepaid.counter.change')}</Button>
                  </Stack>
                </Stack>
              </CardContent>
            </Card>
            {m.status !== 'active' && (
              <Alert severity="warning">
                {translate('prepaid.counter.notActive', {
                  status: translate(`prepaid.options.${m.status}`).toLowerCase(),
                })}
              </Alert>
            )}
            <Grid container spacing={2}>
              <Grid size={{ xs: 12, md: 6 }}>
                <QuoteCard
                  key={`${m.id}-${saleNo}`}
                  meter={m}
                  currency={probe.data?.currency ?? null}
                  method={method}
                  onQuote={onQuote}
                />
              </Grid>
              <Grid size={{ xs: 12, md: 6 }}>
                {m.status === 'active' && (
                  <SaleCard
                    key={`${m.id}-${saleNo}`}
                    meter={m}
                    sale={sale}
                    method={method}
                    onMethod={setMethod}
                    onDone={() => {
                      setSale(null);
                      setSaleNo((n) => n + 1);
                    }}
                  />
                )}
              </Grid>
            </Grid>
            <TokenCheckCard meterId={m.id} />
          </>
        )}
      </Stack>
    </Box>
  );
}
