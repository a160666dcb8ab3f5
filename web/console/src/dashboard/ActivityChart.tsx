import { useTheme } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useLocaleState, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, toQuery } from '../api/http.ts';

const DAYS = 14;

interface AuditPage {
  items: { at: string }[];
  nextCursor: string | null;
}

/** Counts audit events per local day over the last two weeks (at most 2,000 events are read). */
async function activityByDay(): Promise<{ day: string; events: number }[]> {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - (DAYS - 1));
  const counts = new Map<string, number>();
  for (let i = 0; i < DAYS; i++) {
    const d = new Date(start);
    d.setDate(start.getDate() + i);
    counts.set(d.toDateString(), 0);
  }
  let cursor: string | null = null;
  for (let page = 0; page < 4; page++) {
    const res: AuditPage = await api<AuditPage>(
      `/api/audit${toQuery({ from: start.toISOString(), limit: 500, cursor })}`,
    );
    for (const item of res.items) {
      const key = new Date(item.at).toDateString();
      if (counts.has(key)) counts.set(key, counts.get(key)! + 1);
    }
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  return [...counts.entries()].map(([day, events]) => ({ day, events }));
}

export default function ActivityChart() {
  const translate = useTranslate();
  const theme = useTheme();
  const [locale] = useLocaleState();
  const { data } = useQuery({ queryKey: ['opsdesk', 'activity'], queryFn: activityByDay });
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  const rows = (data ?? []).map((r) => ({ ...r, label: format.format(new Date(r.day)) }));
  const empty = data && rows.every((r) => r.events === 0);
  return (
    <figure
      style={{ width: '100%', height: 220, margin: 0 }}
      aria-label={translate('od.dashboard.activity_hint')}
    >
      {empty ? (
        <p style={{ color: theme.palette.text.secondary }}>{translate('od.dashboard.no_activity')}</p>
      ) : (
        <ResponsiveContainer>
          <BarChart data={rows} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
              interval="preserveStartEnd"
            />
            <YAxis allowDecimals={false} tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
            <Tooltip
              contentStyle={{
                background: theme.palette.background.paper,
                border: `1px solid ${theme.palette.divider}`,
              }}
              cursor={{ fill: theme.palette.action.hover }}
            />
            <Bar
              dataKey="events"
              name={translate('od.dashboard.activity_hint')}
              fill={theme.palette.primary.main}
              radius={[4, 4, 0, 0]}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
