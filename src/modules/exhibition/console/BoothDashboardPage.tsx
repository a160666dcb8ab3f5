import { useTheme } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Title, useLocale, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, formatDate, formatMoney, useLiveTopic } from '../../../../web/console/src/extensions/index.ts';
import type { BoothDashboardJson } from '../browser.ts';
import { ExhibitionPicker, useExhibitionChoice } from './ExhibitionPicker.tsx';

type Dashboard = BoothDashboardJson;
type Booth = Dashboard['booths'][number];
type Top = Booth['topCustomers'][number];

/**
 * The dashboard refetches on every bill or void (live topic `exhibition.bills`) and after the stream
 * reconnects; this slow poll only covers a stream that is down (a proxy dropping it).
 */
const SAFETY_POLL_MS = 60_000;
const LIVE_TOPICS = ['exhibition.bills'];
const PALETTE = ['#2e7d32', '#1565c0', '#c98a00', '#6a1b9a', '#00838f', '#ad1457', '#4e342e', '#37474f'];
const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * The booth dashboard: today's takings across booths hour by hour (stacked per booth), each booth's
 * day beside the others, and per booth its hours and best customers. Exact totals come from the
 * server in minor units; charts show them in the exhibition's currency. Works at phone width.
 */
export default function BoothDashboardPage() {
  const translate = useTranslate();
  const locale = useLocale();
  const choice = useExhibitionChoice();
  const { exhibitionId } = choice;
  const dashboard = useQuery({
    queryKey: ['exhibition', 'dashboard', exhibitionId],
    queryFn: () => api<Dashboard>(`/api/exhibition/exhibitions/${exhibitionId}/dashboard`),
    enabled: Boolean(exhibitionId),
    refetchInterval: SAFETY_POLL_MS,
  });
  const refetch = () => void dashboard.refetch();
  useLiveTopic(LIVE_TOPICS, refetch, refetch);
  const d = dashboard.data;
  const money = (minor: number) => (d ? formatMoney(minor, d.currency, locale) : '');
  return (
    <div style={{ padding: 12 }} data-testid="booth-dashboard">
      <Title title={translate('exhibition.menu.dashboard')} />
      <ExhibitionPicker choice={choice} />
      {d && (
        <>
          <div style={grid(180)}>
            <Stat
              label={translate('exhibition.dashboard.today', { date: formatDate(d.businessDate, locale) })}
              testId="dashboard-today"
            >
              {money(d.totals.today.totalMinor)}
              <small>
                {translate('exhibition.dashboard.bills', { smart_count: d.totals.today.billCount })}
              </small>
            </Stat>
            <Stat label={translate('exhibition.dashboard.overall')} testId="dashboard-overall">
              {money(d.totals.overall.totalMinor)}
              <small>
                {translate('exhibition.dashboard.bills', { smart_count: d.totals.overall.billCount })}
              </small>
            </Stat>
          </div>
          <div style={grid(320)}>
            <Panel title={translate('exhibition.dashboard.perHour')}>
              <HoursChart booths={d.booths} money={money} />
            </Panel>
            <Panel title={translate('exhibition.dashboard.perBooth')}>
              <BoothsChart
                booths={d.booths}
                money={money}
                label={translate('exhibition.dashboard.todaySeries')}
              />
            </Panel>
            <Panel title={translate('exhibition.dashboard.topCustomers')}>
              <TopList
                top={d.totals.topCustomers}
                money={money}
                empty={translate('exhibition.dashboard.none')}
              />
            </Panel>
          </div>
          <div style={grid(280)}>
            {d.booths.map((b, i) => (
              <section key={b.boothId} data-testid="dashboard-booth" data-booth={b.boothName} style={card}>
                <h3 style={{ margin: '0 0 4px' }}>{b.boothName}</h3>
                <p style={{ margin: 0, fontSize: 22 }} data-testid="dashboard-booth-today">
                  {money(b.today.totalMinor)}
                </p>
                <p style={{ margin: '0 0 8px', color: 'var(--mui-palette-text-secondary)' }}>
                  {translate('exhibition.dashboard.boothLine', {
                    smart_count: b.today.billCount,
                    overall: money(b.overall.totalMinor),
                  })}
                </p>
                <HoursChart booths={[b]} money={money} height={120} colorOffset={i} />
                <TopList top={b.topCustomers} money={money} empty={translate('exhibition.dashboard.none')} />
              </section>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

const grid = (min: number) => ({
  display: 'grid',
  gridTemplateColumns: `repeat(auto-fill, minmax(min(${min}px, 100%), 1fr))`,
  gap: 12,
  marginTop: 12,
});
const card = {
  border: '1px solid var(--mui-palette-divider)',
  borderRadius: 8,
  padding: 12,
  background: 'var(--mui-palette-background-paper, #fff)',
};

function Stat({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <section style={card} data-testid={testId}>
      <div style={{ color: 'var(--mui-palette-text-secondary)' }}>{label}</div>
      <div style={{ fontSize: 28, display: 'flex', flexDirection: 'column' }}>{children}</div>
    </section>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={card}>
      <h3 style={{ margin: '0 0 8px', fontSize: 16 }}>{title}</h3>
      {children}
    </section>
  );
}

/** Takings per hour of today, one stacked colour per booth. */
function HoursChart({
  booths,
  money,
  height = 220,
  colorOffset = 0,
}: {
  booths: Booth[];
  money: (m: number) => string;
  height?: number;
  /** A booth's own chart keeps the booth's colour in the stacked chart. */
  colorOffset?: number;
}) {
  const theme = useTheme();
  const hours = [...new Set(booths.flatMap((b) => b.perHour.map((h) => h.hour)))].sort((a, b) => a - b);
  const data = hours.map((hour) => {
    const row: Record<string, number | string> = { hour: hourLabel(hour) };
    for (const b of booths) row[b.boothId] = b.perHour.find((h) => h.hour === hour)?.totalMinor ?? 0;
    return row;
  });
  return (
    <figure style={{ width: '100%', height, margin: 0 }}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 4, right: 4, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} vertical={false} />
          <XAxis dataKey="hour" tick={{ fill: theme.palette.text.secondary, fontSize: 11 }} />
          <YAxis
            width={64}
            tickFormatter={(v: number) => money(v)}
            tick={{ fill: theme.palette.text.secondary, fontSize: 11 }}
          />
          <Tooltip formatter={(v) => money(Number(v))} />
          {booths.length > 1 && <Legend />}
          {booths.map((b, i) => (
            <Bar
              key={b.boothId}
              dataKey={b.boothId}
              name={b.boothName}
              stackId="h"
              fill={PALETTE[(i + colorOffset) % PALETTE.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Today's takings of each booth side by side. */
function BoothsChart({
  booths,
  money,
  label,
}: {
  booths: Booth[];
  money: (m: number) => string;
  label: string;
}) {
  const theme = useTheme();
  const data = booths.map((b) => ({ booth: b.boothName, today: b.today.totalMinor }));
  return (
    <figure style={{ width: '100%', height: 220, margin: 0 }}>
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 8, left: 8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} horizontal={false} />
          <XAxis
            type="number"
            tickFormatter={(v: number) => money(v)}
            tick={{ fill: theme.palette.text.secondary, fontSize: 11 }}
          />
          <YAxis
            type="category"
            dataKey="booth"
            width={90}
            tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
          />
          <Tooltip formatter={(v) => money(Number(v))} />
          <Bar dataKey="today" name={label} fill={theme.palette.success.main} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function TopList({ top, money, empty }: { top: Top[]; money: (m: number) => string; empty: string }) {
  if (top.length === 0)
    return <p style={{ color: 'var(--mui-palette-text-secondary)', margin: '8px 0 0' }}>{empty}</p>;
  return (
    <ol style={{ margin: '8px 0 0', paddingLeft: 20 }} data-testid="dashboard-top">
      {top.map((t) => (
        <li key={t.customerId} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <span>{t.name}</span>
          <span>{money(t.totalMinor)}</span>
        </li>
      ))}
    </ol>
  );
}
