import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  Grid,
  MenuItem,
  TextField,
  Typography,
  useTheme,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api, StatNumber, useFormat, useLiveTopic } from '../../../../web/console/src/extensions/index.ts';
import type { FleetSummary } from '../browser.ts';

/** Which machines and days the summary covers (`?merchantId&from&to`); empty: all, the last 7 days. */
export interface FleetFilter {
  merchantId?: string;
  from?: string;
  to?: string;
}

const SUMMARY = ['coffee', 'summary'];
const TOPICS = ['coffee.devices', 'coffee.alarms', 'coffee.orders'];

/** The fleet's KPIs; refetched whenever a live event says the fleet changed. */
export function useFleetSummary(filter: FleetFilter = {}) {
  const client = useQueryClient();
  const [liveAt, setLiveAt] = useState<Date | undefined>();
  const search = new URLSearchParams(
    Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
  const query = useQuery({
    queryKey: [...SUMMARY, search],
    queryFn: () => api<FleetSummary>(`/api/coffee/summary${search ? `?${search}` : ''}`),
  });
  const refetch = () => {
    setLiveAt(new Date());
    void client.invalidateQueries({ queryKey: SUMMARY });
  };
  useLiveTopic(TOPICS, refetch, refetch);
  return { ...query, liveAt };
}

function Kpis({ data }: { data: FleetSummary | undefined }) {
  const translate = useTranslate();
  const f = useFormat();
  const money = (minor: number) => (data ? f.money(minor, data.sales.currency) : '');
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 6, md: 3 }}>
        <StatNumber
          value={data?.devices.online}
          hint={`${translate('coffee.dashboard.online')} ${translate('coffee.dashboard.of', { total: data?.devices.total ?? 0 })} · ${data?.devices.offline ?? 0} ${translate('coffee.dashboard.offline')}`}
          to="/coffee.devices"
        />
      </Grid>
      <Grid size={{ xs: 6, md: 3 }}>
        <Typography variant="h4" data-testid="coffee-sales-today">
          {money(data?.sales.todayMinor ?? 0)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('coffee.dashboard.sales_today')} ·{' '}
          {translate('coffee.dashboard.orders', { count: data?.sales.todayOrders ?? 0 })}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {money(data?.sales.weekMinor ?? 0)} {translate('coffee.dashboard.sales_week')}
        </Typography>
      </Grid>
      <Grid size={{ xs: 6, md: 3 }}>
        <StatNumber
          value={data?.openAlarms}
          hint={translate('coffee.dashboard.open_alarms')}
          to="/coffee.alarms"
          tone="error"
        />
      </Grid>
      <Grid size={{ xs: 6, md: 3 }}>
        <StatNumber
          value={data?.lowBins}
          hint={translate('coffee.dashboard.low_bins')}
          to="/coffee.devices"
          tone="error"
        />
      </Grid>
      {data?.legacyTokenless ? (
        <Grid size={12}>
          <Alert severity="warning" data-testid="coffee-legacy-warning">
            {translate('coffee.dashboard.legacy_warning', { count: data.legacyTokenless })}
          </Alert>
        </Grid>
      ) : null}
    </Grid>
  );
}

function SalesChart({ data }: { data: FleetSummary | undefined }) {
  const translate = useTranslate();
  const theme = useTheme();
  const f = useFormat();
  const rows = (data?.trend ?? []).map((t) => ({
    day: t.day.slice(5),
    sales: t.salesMinor / 100,
    orders: t.orders,
  }));
  return (
    <figure
      style={{ width: '100%', height: 240, margin: 0 }}
      aria-label={translate('coffee.dashboard.trend')}
    >
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} vertical={false} />
          <XAxis dataKey="day" tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
          <YAxis tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
          <Tooltip
            formatter={(v) => (data ? f.money(Math.round(Number(v) * 100), data.sales.currency) : String(v))}
          />
          <Bar
            dataKey="sales"
            name={translate('coffee.dashboard.sales')}
            fill={theme.palette.primary.main}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** The daily order volume (issue 41, item 23): the fleet's orders per day, and per machine on average. */
function OrdersChart({ data }: { data: FleetSummary | undefined }) {
  const translate = useTranslate();
  const theme = useTheme();
  const rows = (data?.trend ?? []).map((t) => ({
    day: t.day.slice(5),
    orders: t.orders,
    perMachine: t.ordersPerMachine,
  }));
  const tick = { fill: theme.palette.text.secondary, fontSize: 12 };
  return (
    <figure
      style={{ width: '100%', height: 240, margin: 0 }}
      aria-label={translate('coffee.dashboard.orders_trend')}
      data-testid="coffee-orders-chart"
    >
      <ResponsiveContainer>
        <ComposedChart data={rows} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} vertical={false} />
          <XAxis dataKey="day" tick={tick} />
          <YAxis yAxisId="fleet" allowDecimals={false} tick={tick} />
          <YAxis yAxisId="machine" orientation="right" tick={tick} />
          <Tooltip />
          <Legend />
          <Bar
            yAxisId="fleet"
            dataKey="orders"
            name={translate('coffee.dashboard.orders_fleet')}
            fill={theme.palette.secondary.main}
            isAnimationActive={false}
          />
          <Line
            yAxisId="machine"
            dataKey="perMachine"
            name={translate('coffee.dashboard.orders_machine')}
            stroke={theme.palette.warning.dark}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** The dashboard card: the fleet's KPIs, live. */
export function FleetCard() {
  const { data } = useFleetSummary();
  return <Kpis data={data} />;
}

/** One merchant or all, and the days of the trend. */
function FleetFilters({ filter, onChange }: { filter: FleetFilter; onChange: (f: FleetFilter) => void }) {
  const translate = useTranslate();
  const merchants = useQuery({
    queryKey: ['coffee', 'merchants', 'all'],
    queryFn: () =>
      api<{ items: Array<{ id: string; name: string }> }>('/api/coffee/console/merchants?perPage=100'),
  });
  return (
    <Box sx={{ display: 'flex', gap: 2, mb: 2, flexWrap: 'wrap' }}>
      <TextField
        select
        size="small"
        fullWidth={false}
        sx={{ minWidth: 260 }}
        label={translate('coffee.dashboard.merchant')}
        value={filter.merchantId ?? ''}
        onChange={(e) => onChange({ ...filter, merchantId: e.target.value || undefined })}
        slotProps={{ htmlInput: { 'data-testid': 'fleet-merchant' } }}
      >
        <MenuItem value="">{translate('coffee.dashboard.all_merchants')}</MenuItem>
        {(merchants.data?.items ?? []).map((m) => (
          <MenuItem key={m.id} value={m.id}>
            {m.name}
          </MenuItem>
        ))}
      </TextField>
      {(['from', 'to'] as const).map((k) => (
        <TextField
          key={k}
          type="date"
          size="small"
          fullWidth={false}
          label={translate(`coffee.dashboard.${k}`)}
          value={filter[k] ?? ''}
          onChange={(e) => onChange({ ...filter, [k]: e.target.value || undefined })}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `fleet-${k}` } }}
        />
      ))}
    </Box>
  );
}

/** The fleet page: KPIs and sales per day, for one merchant or all, updated live as machines report. */
export default function FleetPage() {
  const translate = useTranslate();
  const f = useFormat();
  const [filter, setFilter] = useState<FleetFilter>({});
  const { data, liveAt } = useFleetSummary(filter);
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('coffee.dashboard.title')} />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 2 }}>
        <Typography variant="h5">{translate('coffee.dashboard.title')}</Typography>
        <Chip size="small" color="success" label={translate('coffee.dashboard.live')} />
        {liveAt && (
          <Typography variant="caption" color="text.secondary" data-testid="coffee-live-at">
            {translate('coffee.dashboard.updated', { time: f.dateTime(liveAt) })}
          </Typography>
        )}
      </Box>
      <FleetFilters filter={filter} onChange={setFilter} />
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Kpis data={data} />
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6">{translate('coffee.dashboard.trend')}</Typography>
          {data && (
            <Typography variant="body2" color="text.secondary" data-testid="coffee-period">
              {f.money(data.period.salesMinor, data.sales.currency)}{' '}
              {translate('coffee.dashboard.period', { from: data.period.from, to: data.period.to })} ·{' '}
              {translate('coffee.dashboard.orders', { count: data.period.orders })}
            </Typography>
          )}
          <SalesChart data={data} />
        </CardContent>
      </Card>
      <Card sx={{ mt: 2 }}>
        <CardContent>
          <Typography variant="h6">{translate('coffee.dashboard.orders_trend')}</Typography>
          <OrdersChart data={data} />
        </CardContent>
      </Card>
    </Box>
  );
}
